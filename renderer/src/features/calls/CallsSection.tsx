// The "Samtal" section: the live queues in answer order, the nurses of the region by status, and the callbacks.
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, Chip, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import { NURSE_PRESENCE_STATES } from '../../../../core/queue/presence';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { CallbacksPanel } from '../callbacks/CallbacksPanel';
import { selectConnection } from '../connection/connectionSlice';
import { clockTime } from '../../app/swedishTime';
import { loadQueue } from './callThunks';
import { QueuePanel } from './QueuePanel';
import { selectQueue } from './queueSlice';
import { useServerNow } from './time';
import { useCallErrorText } from './useCallErrorText';

export function CallsSection() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { snapshot, status, error, liveChannel } = useAppSelector(selectQueue);
  const offline = useAppSelector(selectConnection)?.backend === 'offline';
  const errorText = useCallErrorText();
  const now = useServerNow();
  // Waits tick on from the snapshot, on the backend's clock.
  const elapsed = snapshot ? Math.max(0, (now - Date.parse(snapshot.at)) / 1000) : 0;

  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        alignItems: 'start',
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) 440px' },
      }}
      data-testid="calls-section"
    >
      <Stack spacing={2} sx={{ minWidth: 0 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
            {t('calls.title')}
          </Typography>
          {snapshot && !offline && (
            <Chip
              size="small"
              color={liveChannel === 'open' || liveChannel === null ? 'success' : 'warning'}
              variant="outlined"
              label={
                liveChannel === 'open' || liveChannel === null
                  ? t('calls.queue.live')
                  : t('calls.queue.reconnecting')
              }
            />
          )}
          {snapshot && (
            <Typography variant="body2" color="text.secondary">
              {t('calls.queue.updated', { time: clockTime(snapshot.at, i18n.language) })}
            </Typography>
          )}
          {snapshot && !offline && snapshot.callbacksDue.length > 0 && (
            <Chip
              size="small"
              color="warning"
              label={t('calls.queue.callbacksDue', { count: snapshot.callbacksDue.length })}
              data-testid="callbacks-due-count"
            />
          )}
        </Stack>

        {offline && (
          <Alert severity="warning" icon={<CloudOffIcon />} data-testid="queue-offline">
            <strong>{t('calls.queue.offline')}</strong> {t('calls.queue.offlineHelp')}
          </Alert>
        )}
        {status === 'loading' && (
          <Stack spacing={1} data-testid="queue-loading">
            <LinearProgress aria-label={t('calls.queue.loading')} />
            <Typography variant="body2">{t('calls.queue.loading')}</Typography>
          </Stack>
        )}
        {status === 'error' && error && !offline && (
          <Alert
            severity="error"
            role="alert"
            action={
              <Button color="inherit" onClick={() => void dispatch(loadQueue())}>
                {t('calls.queue.retry')}
              </Button>
            }
          >
            {t('calls.queue.error')} {errorText(error)}
          </Alert>
        )}

        {/* Offline, the last snapshot would show a queue that may no longer be there. */}
        {snapshot &&
          !offline &&
          snapshot.queues
            .filter((queue) => queue.kind === 'regional' || queue.servedByYou || queue.calls.length > 0)
            .map((queue) => <QueuePanel key={queue.queueId} queue={queue} elapsedSeconds={elapsed} />)}
      </Stack>

      <Stack spacing={2} sx={{ minWidth: 0 }}>
        {snapshot && !offline && (
          <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="nurses-heading">
            <Typography
              id="nurses-heading"
              variant="subtitle1"
              component="h2"
              sx={{ fontWeight: 700, mb: 1 }}
            >
              {t('calls.nurses.heading')}
            </Typography>
            <Stack
              direction="row"
              spacing={1}
              sx={{ flexWrap: 'wrap', rowGap: 1 }}
              data-testid="nurses-by-presence"
            >
              {NURSE_PRESENCE_STATES.map((state) => (
                <Chip
                  key={state}
                  variant="outlined"
                  label={`${t(`presence.state.${state}`)}: ${snapshot.nursesByPresence[state] ?? 0}`}
                />
              ))}
            </Stack>
          </Paper>
        )}
        <CallbacksPanel />
      </Stack>
    </Box>
  );
}
