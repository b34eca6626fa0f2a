// Small dot and text telling whether the regional backend is reachable.
import { useTranslation } from 'react-i18next';
import { Box, Stack, Typography } from '@mui/material';
import { useAppSelector } from '../../app/hooks';
import { clockTime } from '../../app/swedishTime';
import { selectConnection } from '../connection/connectionSlice';

export function ConnectionIndicator() {
  const { t, i18n } = useTranslation();
  const connection = useAppSelector(selectConnection);
  const state = connection?.backend ?? 'checking';
  const color = state === 'online' ? 'success.main' : state === 'offline' ? 'error.main' : 'warning.main';
  const text =
    state === 'online'
      ? t('status.online')
      : state === 'offline'
        ? t('status.offline', {
            time: connection?.offlineSince ? clockTime(connection.offlineSince, i18n.language) : '',
          })
        : t('status.checking');
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: 'center' }}
      data-testid="connection-state"
      data-state={state}
    >
      <Box sx={{ width: 10, height: 10, borderRadius: '50%', bgcolor: color, flexShrink: 0 }} aria-hidden />
      <Typography variant="caption">{text}</Typography>
    </Stack>
  );
}
