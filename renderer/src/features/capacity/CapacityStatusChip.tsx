// A capacity status as a chip: colour, an icon of its own shape and the word, so it never rests on colour alone.
import { useTranslation } from 'react-i18next';
import { Chip } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import DoNotDisturbOnIcon from '@mui/icons-material/DoNotDisturbOn';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import type { CapacityStateView } from '../../../../core/api/referral';

const LOOK = {
  green: { color: 'success', icon: <CheckCircleIcon /> },
  amber: { color: 'warning', icon: <WarningAmberIcon /> },
  red: { color: 'error', icon: <DoNotDisturbOnIcon /> },
  unknown: { color: 'default', icon: <RadioButtonUncheckedIcon /> },
} as const;

export function CapacityStatusChip({
  state,
  size = 'small',
}: {
  state: CapacityStateView;
  size?: 'small' | 'medium';
}) {
  const { t } = useTranslation();
  const look = LOOK[state];
  return (
    <Chip
      size={size}
      color={look.color}
      // Filled for a status someone set (the chip's own contrast colours); outlined when there is none.
      variant={state === 'unknown' ? 'outlined' : 'filled'}
      icon={look.icon}
      label={t(`capacity.status.${state}`)}
      data-testid="capacity-status"
      data-capacity={state}
      sx={{ fontWeight: 700, minWidth: 92, justifyContent: 'flex-start' }}
    />
  );
}
