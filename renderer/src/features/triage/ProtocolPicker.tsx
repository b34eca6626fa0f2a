// The triage panel's protocol search: results as you type (Swedish first), arrows to move, Enter picks the highlighted (first) match.
import { useMemo, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Autocomplete, Box, Chip, InputAdornment, TextField, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import type { PatientSex } from '../../../../core/triage/findings';
import { BODY_PARTS, type Exclusion, type Protocol } from '../../../../core/triage/protocol';
import type { ProtocolSearch } from '../../../../core/triage/search';
import { useAgeRangeText, useLocalized } from '../protocols/protocolText';

export function ProtocolPicker({
  library,
  search,
  chosenIds,
  ageYears,
  sex,
  onPick,
  inputRef,
  disabled,
}: {
  library: readonly Protocol[];
  search: ProtocolSearch;
  chosenIds: readonly string[];
  ageYears: number | null;
  /** The patient's sex when known: protocols for the other sex are greyed out with the reason. */
  sex: PatientSex | null;
  onPick: (protocol: Protocol) => void;
  inputRef: Ref<HTMLInputElement>;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const ageRange = useAgeRangeText();
  const [query, setQuery] = useState('');
  const [focused, setFocused] = useState(false);

  const { options, exclusions } = useMemo(() => {
    const exclusions = new Map<string, Exclusion>();
    if (query.trim() === '') return { options: [], exclusions };
    const byId = new Map(library.map((p) => [p.id, p]));
    const hits = search.search(query, { limit: 8, ageYears, sex, includeExcluded: true });
    for (const hit of hits) if (hit.excluded) exclusions.set(hit.id, hit.excluded);
    const options = hits.map((hit) => byId.get(hit.id)).filter((p): p is Protocol => p !== undefined);
    return { options, exclusions };
  }, [library, search, query, ageYears, sex]);

  return (
    <Autocomplete
      options={options}
      filterOptions={(all) => all}
      getOptionLabel={(protocol) => localized(protocol.title)}
      getOptionDisabled={(protocol) => chosenIds.includes(protocol.id)}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      autoHighlight
      value={null}
      inputValue={query}
      onInputChange={(_event, value, reason) => {
        if (reason === 'input' || reason === 'clear') setQuery(value);
      }}
      onChange={(_event, protocol) => {
        if (!protocol) return;
        setQuery('');
        onPick(protocol);
      }}
      open={focused && query.trim() !== ''}
      forcePopupIcon={false}
      clearOnBlur={false}
      disabled={disabled}
      noOptionsText={t('triage.search.noOptions')}
      slotProps={{ listbox: { 'aria-label': t('triage.search.label') } as object }}
      renderOption={({ key, ...props }, protocol) => {
        const chosen = chosenIds.includes(protocol.id);
        const excluded = exclusions.get(protocol.id);
        return (
          <Box component="li" key={key} {...props} data-protocol-option={protocol.id}>
            <Box sx={{ flex: 1 }}>
              <Typography sx={{ fontWeight: 600 }}>{localized(protocol.title)}</Typography>
              <Typography variant="body2" color="text.secondary">
                {localized(BODY_PARTS[protocol.bodyPart])} · {ageRange(protocol.ageYears)} ·{' '}
                {t('protocols.version', { version: protocol.version })}
              </Typography>
            </Box>
            {chosen && <Chip size="small" label={t('triage.search.chosen')} />}
            {!chosen && excluded && (
              <Chip
                size="small"
                color="warning"
                label={t(excluded.reason === 'sex' ? 'triage.search.notForSex' : 'triage.search.notForAge')}
              />
            )}
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          inputRef={inputRef}
          label={t('triage.search.label')}
          placeholder={t('triage.search.placeholder')}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setQuery('');
          }}
          slotProps={{
            ...params.slotProps,
            input: {
              ...params.slotProps.input,
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon />
                </InputAdornment>
              ),
              endAdornment: <SearchKeys />,
            },
            htmlInput: {
              ...params.slotProps.htmlInput,
              'data-testid': 'triage-protocol-search',
              spellCheck: false,
            },
          }}
        />
      )}
    />
  );
}

/** The two ways to reach the protocol search: "/" or Ctrl+K. */
export function SearchKeys() {
  const { t } = useTranslation();
  return (
    <Box
      component="span"
      sx={{ display: 'inline-flex', gap: 0.75, alignItems: 'center', whiteSpace: 'nowrap' }}
    >
      <Box component="kbd" sx={kbdSx}>
        /
      </Box>
      <Typography component="span" variant="body2" color="text.secondary">
        {t('triage.search.or')}
      </Typography>
      <Box component="kbd" sx={kbdSx}>
        Ctrl+K
      </Box>
    </Box>
  );
}

/** How a key is shown on screen: a small bordered box, readable in both modes. */
export const kbdSx = {
  display: 'inline-block',
  px: 0.75,
  py: 0.125,
  border: 1,
  borderColor: 'divider',
  borderBottomWidth: 2,
  borderRadius: 0.75,
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
  fontSize: '0.75rem',
  lineHeight: 1.5,
  color: 'text.secondary',
  bgcolor: 'action.hover',
  whiteSpace: 'nowrap',
} as const;
