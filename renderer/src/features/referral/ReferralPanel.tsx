// The referral panel of a case: where the patient is, suggested care units with reasons, exclusions on demand, manual search, the choice and the receipt.
//
// It appears once the case has a disposition. Suggestions are redone whenever what they depend on
// changes: the disposition (or its override), the place, the age, the needs, or the catalog itself.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Divider,
  LinearProgress,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import PlaceIcon from '@mui/icons-material/Place';
import { referralDispositionOf, type LocalityView, type UnitMatch } from '../../../../core/api/referral';
import type { Case } from '../../../../core/case/case';
import type { Competence } from '../../../../core/referral/catalog';
import { DISPOSITION_LADDER } from '../../../../core/triage/dispositionLadder';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { getFirstline } from '../../platform/bridge';
import { useBridgeErrorText } from '../cases/useBridgeErrorText';
import { selectConnection } from '../connection/connectionSlice';
import { kbdSx } from '../triage/ProtocolPicker';
import { LevelChip } from '../triage/LevelChip';
import { triageAgeYears } from '../triage/age';
import { selectCaseTriage } from '../triage/triageSlice';
import { catalogStatusChanged, selectCatalog } from './catalogSlice';
import { CatalogNote } from './CatalogNote';
import { CatalogSearch } from './CatalogSearch';
import { ExcludedList } from './ExcludedList';
import { useReferralFormat } from './format';
import { ReceiptActions } from './ReceiptActions';
import {
  excludedToggled,
  localityChosen,
  locationQueryChanged,
  needToggled,
  selectCaseReferral,
} from './referralSlice';
import { chooseUnit, loadCatalogStatus, locatePatient, refreshCatalog, suggestUnits } from './referralThunks';
import {
  fallbackReasonSv,
  manualChoiceReasonSv,
  referralChoiceOf,
  suggestionReasonSv,
  type ChoosableUnit,
} from './referralChoice';
import { UnitCard } from './UnitCard';
import { useReferralShortcuts } from './useReferralShortcuts';

/** Needs a nurse most often asks for, offered as quick toggles. */
const QUICK_NEEDS: Competence[] = [
  'children',
  'xray',
  'plaster',
  'lab',
  'ecg',
  'gynaecology',
  'psychiatry',
  'dental',
];

/** Kept in the case as the reason for a unit picked from the search (the record is in Swedish). */
function localityLabel(locality: LocalityView): string {
  return locality.municipality === locality.name
    ? `${locality.name}, ${locality.regionName}`
    : `${locality.name} (${locality.municipality}), ${locality.regionName}`;
}

export function ReferralPanel({ record }: { record: Case }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const errorText = useBridgeErrorText();
  const format = useReferralFormat();
  const caseId = record.id;
  const readOnly = record.status === 'closed';
  const referral = useAppSelector((state) => selectCaseReferral(state, caseId));
  const catalog = useAppSelector(selectCatalog);
  const connectionOffline = useAppSelector(selectConnection)?.backend === 'offline';
  const triage = useAppSelector((state) => selectCaseTriage(state, caseId));
  const disposition = referralDispositionOf(record.triage);

  const birthDate = record.patient.kind === 'unidentified' ? null : (record.patient.birthDate ?? null);
  const ageYears = triageAgeYears({ birthDate, typedAgeYears: triage?.typedAgeYears ?? null }, new Date());
  const locationRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLDivElement>(null);
  const cardRefs = useRef<(HTMLDivElement | null)[]>([]);

  // The catalog's state now, and whenever main says it changed (refreshed, capacity changed, offline).
  useEffect(() => {
    void dispatch(loadCatalogStatus());
    return getFirstline().on('referral.catalogChanged', (status) => dispatch(catalogStatusChanged(status)));
  }, [dispatch]);

  useReferralShortcuts(locationRef, searchRef);

  const locality = referral.locality;
  const dispositionKey = disposition
    ? `${disposition.level}/${disposition.careLevel}/${disposition.overridden}`
    : null;
  const needsKey = referral.needs.join(',');
  const ageKey = ageYears === null ? null : Math.round(ageYears * 100) / 100;
  const catalogVersion = catalog.status?.version ?? null;
  useEffect(() => {
    if (!locality || !dispositionKey) return;
    void dispatch(
      suggestUnits({
        caseId,
        location: locality.location,
        regionId: locality.regionId,
        ...(ageKey === null ? {} : { ageYears: ageKey }),
        ...(needsKey === '' ? {} : { needs: needsKey.split(',') as Competence[] }),
        includeExcluded: referral.showExcluded,
      }),
    );
  }, [dispatch, caseId, locality, dispositionKey, ageKey, needsKey, referral.showExcluded, catalogVersion]);

  const result = referral.result;
  const suggestions = useMemo(() => result?.suggestions ?? [], [result]);
  const chosenHsaId = record.referral?.unitHsaId ?? null;

  if (!disposition) return null;

  const catalogVersionOfResult = result?.catalog.version;
  const choose = (unit: ChoosableUnit, reasonSv: string) => {
    if (readOnly) return;
    void dispatch(chooseUnit({ caseId, ...referralChoiceOf(unit, reasonSv, new Date().toISOString()) }));
  };
  const chooseMatch = (match: UnitMatch) => choose(match.unit, manualChoiceReasonSv(catalogVersionOfResult));

  const focusCard = (index: number) => {
    if (index < 0) {
      locationRef.current?.focus();
      return;
    }
    cardRefs.current[Math.min(index, suggestions.length - 1)]?.focus();
  };

  const located = referral.located;
  const step = DISPOSITION_LADDER[disposition.level];
  const excludedCount = result?.excludedCount ?? 0;
  const catalogMissing = catalog.status?.state === 'missing';

  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      data-testid="referral-panel"
      component="section"
      aria-labelledby={`referral-title-${caseId}`}
    >
      <Stack spacing={2}>
        <Stack
          direction="row"
          spacing={1}
          sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', rowGap: 1 }}
        >
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="h6" component="h3" id={`referral-title-${caseId}`}>
              {t('referral.title')}
            </Typography>
            <LevelChip level={disposition.level} />
            {disposition.overridden && (
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                {t('referral.overridden')}
              </Typography>
            )}
          </Stack>
          <CatalogNote
            status={catalog.status}
            refreshing={catalog.refreshing}
            connectionOffline={connectionOffline}
            onRefresh={() => void dispatch(refreshCatalog())}
          />
        </Stack>

        {catalogMissing && (
          <Alert
            severity="error"
            action={
              <Button
                color="inherit"
                onClick={() => void dispatch(refreshCatalog())}
                disabled={catalog.refreshing}
              >
                {t('referral.catalog.retry')}
              </Button>
            }
          >
            {t('referral.catalog.missing')}
          </Alert>
        )}

        {disposition.level === 6 ? (
          <Alert severity="info">{t('referral.selfCare')}</Alert>
        ) : (
          <>
            <Stack spacing={1}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
                <TextField
                  inputRef={locationRef}
                  size="small"
                  label={t('referral.location.label')}
                  placeholder={t('referral.location.placeholder')}
                  value={referral.locationQuery}
                  disabled={readOnly}
                  onChange={(event) => dispatch(locationQueryChanged({ caseId, query: event.target.value }))}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' && referral.locationQuery.trim() !== '') {
                      event.preventDefault();
                      void dispatch(locatePatient({ caseId, query: referral.locationQuery }));
                    } else if (event.key === 'ArrowDown' && suggestions.length > 0) {
                      event.preventDefault();
                      focusCard(0);
                    }
                  }}
                  error={located?.found === false || referral.locateError !== null}
                  helperText={
                    referral.locateError
                      ? errorText(referral.locateError)
                      : located?.found === false
                        ? format.text(located.reason)
                        : t('referral.location.help')
                  }
                  slotProps={{
                    htmlInput: { 'aria-keyshortcuts': 'Alt+H', 'data-testid': 'referral-location' },
                  }}
                />
                <Button
                  variant="contained"
                  onClick={() => void dispatch(locatePatient({ caseId, query: referral.locationQuery }))}
                  disabled={
                    readOnly || referral.locationQuery.trim() === '' || referral.locateStatus === 'loading'
                  }
                  startIcon={
                    referral.locateStatus === 'loading' ? (
                      <CircularProgress aria-hidden size={16} color="inherit" />
                    ) : (
                      <PlaceIcon />
                    )
                  }
                  sx={{ flexShrink: 0, mt: '1px' }}
                >
                  {t('referral.location.find')}
                </Button>
              </Stack>
              {located?.found && locality && (
                <Stack
                  direction="row"
                  spacing={1}
                  sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}
                  data-testid="referral-locality"
                >
                  <Typography variant="body2">
                    <strong>{localityLabel(locality)}</strong>
                  </Typography>
                  {located.alternatives.length > 0 && (
                    <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                      {t('referral.location.alternatives')}
                    </Typography>
                  )}
                  {[located.locality, ...located.alternatives]
                    .filter(
                      (candidate) =>
                        candidate.name !== locality.name || candidate.regionId !== locality.regionId,
                    )
                    .map((candidate) => (
                      <Chip
                        key={`${candidate.regionId}/${candidate.name}`}
                        size="small"
                        variant="outlined"
                        label={localityLabel(candidate)}
                        onClick={() => dispatch(localityChosen({ caseId, locality: candidate }))}
                      />
                    ))}
                </Stack>
              )}
              <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="referral-age">
                {ageYears === null
                  ? t('referral.age.unknown')
                  : t('referral.age.known', { age: Math.floor(ageYears) })}
              </Typography>
              <Stack
                direction="row"
                spacing={0.75}
                sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.75 }}
                role="group"
                aria-label={t('referral.needs.label')}
              >
                <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                  {t('referral.needs.label')}:
                </Typography>
                {QUICK_NEEDS.map((need) => {
                  const on = referral.needs.includes(need);
                  return (
                    <Chip
                      key={need}
                      size="small"
                      label={t(`referral.needs.${need}`)}
                      color={on ? 'primary' : 'default'}
                      variant={on ? 'filled' : 'outlined'}
                      aria-pressed={on}
                      disabled={readOnly}
                      onClick={() => dispatch(needToggled({ caseId, need }))}
                    />
                  );
                })}
              </Stack>
            </Stack>

            <Divider />

            <Stack spacing={1}>
              <Stack
                direction="row"
                spacing={1}
                sx={{ alignItems: 'baseline', justifyContent: 'space-between', flexWrap: 'wrap' }}
              >
                <Typography variant="subtitle2" component="h4">
                  {result
                    ? t('referral.suggestions.titleFor', {
                        level: `${disposition.level} ${format.text(step.label)}`,
                        period: format.text(result.periodLabel),
                      })
                    : t('referral.suggestions.title')}
                </Typography>
                {suggestions.length > 0 && (
                  <Typography variant="caption" sx={{ color: 'text.secondary' }}>
                    <Box component="kbd" sx={kbdSx}>
                      ↑
                    </Box>{' '}
                    <Box component="kbd" sx={kbdSx}>
                      ↓
                    </Box>{' '}
                    {t('referral.keys.move')} ·{' '}
                    <Box component="kbd" sx={kbdSx}>
                      Enter
                    </Box>{' '}
                    {t('referral.keys.choose')} ·{' '}
                    <Box component="kbd" sx={kbdSx}>
                      Alt+H
                    </Box>{' '}
                    {t('referral.keys.place')}
                  </Typography>
                )}
              </Stack>
              {referral.suggestStatus === 'loading' && (
                <LinearProgress aria-label={t('referral.suggestions.loading')} />
              )}
              {!locality && !catalogMissing && (
                <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                  {t('referral.suggestions.needPlace')}
                </Typography>
              )}
              {referral.suggestError && <Alert severity="error">{errorText(referral.suggestError)}</Alert>}
              {referral.chooseError && <Alert severity="error">{errorText(referral.chooseError)}</Alert>}
              {result?.notice && (
                <Alert
                  severity={result.notice.code === 'call-112' ? 'error' : 'info'}
                  data-testid="referral-notice"
                >
                  {format.text(result.notice)}
                </Alert>
              )}
              {suggestions.length > 0 && (
                <Box
                  role="listbox"
                  aria-label={t('referral.suggestions.title')}
                  data-testid="referral-suggestions"
                >
                  <Stack spacing={1}>
                    {suggestions.map((suggestion, index) => (
                      <UnitCard
                        key={suggestion.unit.hsaId}
                        ref={(element) => {
                          cardRefs.current[index] = element;
                        }}
                        testId="referral-suggestion"
                        rank={index + 1}
                        unit={suggestion.unit}
                        distanceKm={suggestion.distanceKm}
                        openNow={suggestion.openNow}
                        opensAt={suggestion.opensAt}
                        closesAt={suggestion.closesAt}
                        capacity={suggestion.capacity}
                        reasons={suggestion.reasons}
                        ruleSource={suggestion.ruleSource}
                        chosen={chosenHsaId === suggestion.unit.hsaId}
                        choosing={referral.choosing === suggestion.unit.hsaId}
                        disabled={readOnly}
                        onChoose={() =>
                          choose(suggestion.unit, suggestionReasonSv(suggestion, catalogVersionOfResult))
                        }
                        onKeyDown={(event) => {
                          if (event.key === 'ArrowDown') {
                            event.preventDefault();
                            focusCard(index + 1);
                          } else if (event.key === 'ArrowUp') {
                            event.preventDefault();
                            focusCard(index - 1);
                          }
                        }}
                      />
                    ))}
                  </Stack>
                </Box>
              )}
              {result?.fallback && (
                <Stack spacing={1} data-testid="referral-fallback">
                  <Alert severity="warning">{format.text(result.fallback.reason)}</Alert>
                  {/* A unit card is a choice (an option), so even the one reserve sits in a list of choices. */}
                  <Box role="listbox" aria-label={format.text(result.fallback.reason)}>
                    <UnitCard
                      unit={result.fallback.unit}
                      distanceKm={result.fallback.distanceKm}
                      openNow
                      opensAt={null}
                      closesAt={result.fallback.closesAt}
                      capacity="unknown"
                      ruleSource={result.fallback.ruleSource}
                      chosen={chosenHsaId === result.fallback.unit.hsaId}
                      choosing={referral.choosing === result.fallback.unit.hsaId}
                      disabled={readOnly}
                      onChoose={() => choose(result.fallback!.unit, fallbackReasonSv(result.fallback!))}
                    />
                  </Box>
                </Stack>
              )}
              {chosenHsaId &&
                record.referral &&
                !suggestions.some((s) => s.unit.hsaId === chosenHsaId) &&
                result?.fallback?.unit.hsaId !== chosenHsaId && (
                  <Typography variant="body2" data-testid="referral-chosen">
                    {t('referral.chosenElsewhere', { name: record.referral.unitName })}
                  </Typography>
                )}
              {result && excludedCount > 0 && (
                <Box>
                  <Button
                    size="small"
                    variant="text"
                    aria-expanded={referral.showExcluded}
                    onClick={() => dispatch(excludedToggled({ caseId }))}
                  >
                    {referral.showExcluded
                      ? t('referral.excluded.hide', { count: excludedCount })
                      : t('referral.excluded.show', { count: excludedCount })}
                  </Button>
                  {referral.showExcluded && result.excluded && <ExcludedList excluded={result.excluded} />}
                </Box>
              )}
            </Stack>
          </>
        )}

        <Divider />
        <Box ref={searchRef}>
          <CatalogSearch
            caseId={caseId}
            location={locality?.location ?? null}
            chosenHsaId={chosenHsaId}
            disabled={readOnly}
            onChoose={chooseMatch}
          />
        </Box>

        <Divider />
        <ReceiptActions caseId={caseId} />
      </Stack>
    </Paper>
  );
}
