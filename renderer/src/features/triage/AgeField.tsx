// The patient's age in the triage panel: read from the birth date, or typed by the nurse ("7 v", "18 mån", "45").
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField, Typography } from '@mui/material';
import { useAgeText } from '../protocols/protocolText';
import { parseAgeInput } from './age';

export function AgeField({
  birthDate,
  ageYears,
  typedAgeYears,
  readOnly,
  onChange,
}: {
  birthDate: string | null;
  ageYears: number | null;
  typedAgeYears: number | null;
  readOnly: boolean;
  onChange: (ageYears: number | null) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => (typedAgeYears === null ? '' : formatTypedAge(typedAgeYears)));
  const [shownAge, setShownAge] = useState(typedAgeYears);
  const parsed = parseAgeInput(text);
  // The age came from elsewhere (the case's stored record, read after the panel opened): show it,
  // unless it is what the nurse is typing, whose own text stays as she wrote it.
  if (typedAgeYears !== shownAge) {
    setShownAge(typedAgeYears);
    if (!(parsed.ok && parsed.ageYears === typedAgeYears))
      setText(typedAgeYears === null ? '' : formatTypedAge(typedAgeYears));
  }
  const describe = useAgeText();

  if (birthDate && ageYears !== null) {
    return (
      <Typography data-testid="triage-age">
        {t('triage.age.label')}: {t('triage.age.fromBirthDate', { age: describe(ageYears) })}
      </Typography>
    );
  }
  return (
    <TextField
      size="small"
      fullWidth={false}
      sx={{ width: 280 }}
      label={t('triage.age.inputLabel')}
      value={text}
      disabled={readOnly}
      onChange={(event) => {
        setText(event.target.value);
        const next = parseAgeInput(event.target.value);
        if (next.ok) onChange(next.ageYears);
      }}
      error={!parsed.ok}
      helperText={
        !parsed.ok
          ? t(parsed.reason === 'range' ? 'triage.age.outOfRange' : 'triage.age.invalid')
          : ageYears === null
            ? t('triage.age.unknown')
            : `${describe(ageYears)} · ${t('triage.age.inputHelp')}`
      }
      slotProps={{ htmlInput: { 'data-testid': 'triage-age-input', inputMode: 'decimal' } }}
    />
  );
}

function formatTypedAge(years: number): string {
  return Number.isInteger(years) ? String(years) : String(Math.round(years * 100) / 100).replace('.', ',');
}
