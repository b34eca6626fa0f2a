// Brådskegrad (urgency) picker: the six levels of the disposition ladder with their labels, time frames and colours.
import { useTranslation } from 'react-i18next';
import { Box, MenuItem, TextField } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import {
  DISPOSITION_LADDER,
  DISPOSITION_LEVELS,
  levelColors,
  type DispositionLevel,
} from '../../../../core/triage/dispositionLadder';

export function BradskegradField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: DispositionLevel | null;
  onChange: (level: DispositionLevel | null) => void;
  error?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const mode = useTheme().palette.mode;
  const language = i18n.language === 'en' ? 'en' : 'sv';
  return (
    <TextField
      select
      id={id}
      label={t('notes.fields.bradskegrad')}
      value={value === null ? '' : String(value)}
      onChange={(e) => onChange(e.target.value === '' ? null : (Number(e.target.value) as DispositionLevel))}
      error={error}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">
        <em>{t('notes.bradskegradNone')}</em>
      </MenuItem>
      {DISPOSITION_LEVELS.map((level) => (
        <MenuItem key={level} value={String(level)}>
          <Box
            component="span"
            aria-hidden
            sx={{
              width: 10,
              height: 10,
              borderRadius: '50%',
              bgcolor: levelColors(level, mode).background,
              border: 1,
              borderColor: levelColors(level, mode).border,
              display: 'inline-block',
              mr: 1,
              flexShrink: 0,
            }}
          />
          {level} · {DISPOSITION_LADDER[level].label[language]}
          <Box component="span" sx={{ color: 'text.secondary', ml: 1 }}>
            {DISPOSITION_LADDER[level].timeFrameText[language]}
          </Box>
        </MenuItem>
      ))}
    </TextField>
  );
}
