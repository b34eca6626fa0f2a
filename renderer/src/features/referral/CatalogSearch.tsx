// Manual catalog search by name, town or care type, for when the nurse wants a unit the suggestions do not show.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Box, LinearProgress, Stack, TextField, Typography } from '@mui/material';
import type { UnitMatch } from '../../../../core/api/referral';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useBridgeErrorText } from '../cases/useBridgeErrorText';
import { searchQueryChanged, selectCaseReferral } from './referralSlice';
import { searchCatalog } from './referralThunks';
import { UnitCard } from './UnitCard';

/** Waits this long after the last key before searching, so typing stays smooth. */
const SEARCH_DELAY_MS = 200;

export function CatalogSearch({
  caseId,
  location,
  chosenHsaId,
  disabled,
  onChoose,
}: {
  caseId: string;
  location: { lat: number; lon: number } | null;
  chosenHsaId: string | null;
  disabled: boolean;
  onChoose: (match: UnitMatch) => void;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const errorText = useBridgeErrorText();
  const referral = useAppSelector((state) => selectCaseReferral(state, caseId));
  const query = referral.searchQuery;

  useEffect(() => {
    if (query.trim() === '') return;
    const timer = setTimeout(() => {
      void dispatch(searchCatalog({ caseId, query, limit: 8, ...(location ? { location } : {}) }));
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [dispatch, caseId, query, location]);

  return (
    <Stack spacing={1} data-testid="referral-search">
      <TextField
        size="small"
        label={t('referral.search.label')}
        placeholder={t('referral.search.placeholder')}
        value={query}
        onChange={(event) => dispatch(searchQueryChanged({ caseId, query: event.target.value }))}
        slotProps={{ htmlInput: { 'aria-keyshortcuts': 'Alt+K' } }}
      />
      {referral.searchStatus === 'loading' && <LinearProgress aria-label={t('referral.search.searching')} />}
      {referral.searchError && <Alert severity="error">{errorText(referral.searchError)}</Alert>}
      {query.trim() !== '' && referral.searchStatus === 'done' && referral.searchResults.length === 0 && (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t('referral.search.none')}
        </Typography>
      )}
      {query.trim() !== '' && referral.searchResults.length > 0 && (
        <Box role="listbox" aria-label={t('referral.search.results')}>
          <Stack spacing={1}>
            {referral.searchResults.map((match) => (
              <UnitCard
                key={match.unit.hsaId}
                testId="referral-search-result"
                unit={match.unit}
                distanceKm={match.distanceKm}
                openNow={match.openNow}
                opensAt={match.opensAt}
                closesAt={match.closesAt}
                capacity={match.capacity}
                chosen={chosenHsaId === match.unit.hsaId}
                choosing={referral.choosing === match.unit.hsaId}
                disabled={disabled}
                onChoose={() => onChoose(match)}
              />
            ))}
          </Stack>
        </Box>
      )}
    </Stack>
  );
}
