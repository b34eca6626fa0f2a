// The urgency class as a coloured chip, and red flags as badges with their Swedish names.
import { useTranslation } from 'react-i18next';
import { Chip, Stack } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import ReportIcon from '@mui/icons-material/Report';
import { URGENCY_CLASS_LABELS, type RedFlag, type UrgencyClass } from '../../../../core/queue/priority';
import { urgencyColors } from './urgency';

export function UrgencyChip({
  urgency,
  size = 'small',
}: {
  urgency: UrgencyClass;
  size?: 'small' | 'medium';
}) {
  const { i18n } = useTranslation();
  const mode = useTheme().palette.mode;
  const colors = urgencyColors(urgency, mode);
  return (
    <Chip
      size={size}
      label={URGENCY_CLASS_LABELS[urgency][i18n.language === 'en' ? 'en' : 'sv']}
      data-urgency={urgency}
      sx={{
        bgcolor: colors.background,
        color: colors.text,
        border: 1,
        borderColor: colors.border,
        fontWeight: 700,
        minWidth: 72,
      }}
    />
  );
}

export function RedFlagBadges({
  flags,
  size = 'small',
}: {
  flags: readonly RedFlag[];
  size?: 'small' | 'medium';
}) {
  const { i18n } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5 }} data-testid="red-flags">
      {flags.map((flag) => (
        <Chip
          key={flag.code}
          size={size}
          color="error"
          icon={<ReportIcon />}
          label={i18n.language === 'en' ? flag.label.en : flag.label.sv}
          sx={{ fontWeight: 600 }}
        />
      ))}
    </Stack>
  );
}
