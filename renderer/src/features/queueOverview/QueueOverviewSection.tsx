// The "Köövervakning" section of the team lead page: each queue's waiting callers, longest wait and red flags, nurses per state, and today's figures with their exact definitions.
//
// Fetched again when the live channel says a queue or a presence changed (at most every 3 seconds)
// and every ten seconds anyway, since other nurses' presence changes are not pushed to this
// workstation; between fetches the waits tick on the backend's clock. Without a connection the last
// figures stay, frozen, with the time they are from.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import ReportIcon from '@mui/icons-material/Report';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import type { BridgeError } from '../../../../core/api/bridge';
import { BREAK_REASONS, NURSE_PRESENCE_STATES } from '../../../../core/queue/presence';
import type { QueueOverview, QueueOverviewTile } from '../../../../core/backend-api/calls';
import { relativeClockTime } from '../../app/swedishTime';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { getFirstline } from '../../platform/bridge';
import { useServerNow } from '../calls/time';
import { useBridgeErrorText } from '../cases/useBridgeErrorText';
import { selectConnection } from '../connection/connectionSlice';
import { selectQueueOverview } from './queueOverviewSlice';
import { loadQueueOverview } from './queueOverviewThunks';
import {
  RefreshThrottle,
  formatMinutesSeconds,
  isQuietDay,
  longestWaitNow,
  metricFigures,
  waitedAt,
} from './queueOverviewView';

/** A burst of live events is fetched at most this often. */
export const QUEUE_OVERVIEW_MIN_INTERVAL_MS = 3_000;
/** Fetched this often without events, for presence changes of other nurses (not pushed here). */
export const QUEUE_OVERVIEW_REFRESH_MS = 10_000;

export function QueueOverviewSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const dispatch = useAppDispatch();
  const errorText = useBridgeErrorText();
  const { overview, status, error } = useAppSelector(selectQueueOverview);
  const connectionOffline = useAppSelector(selectConnection)?.backend === 'offline';
  const backendOnline = useAppSelector(selectConnection)?.backend === 'online';
  const now = useServerNow(1000);
  const throttle = useRef<RefreshThrottle | null>(null);

  useEffect(() => {
    const refresh = new RefreshThrottle(
      () => void dispatch(loadQueueOverview()),
      QUEUE_OVERVIEW_MIN_INTERVAL_MS,
    );
    throttle.current = refresh;
    const api = getFirstline();
    const unsubscribers = [
      api.on('calls.queueChanged', () => refresh.request()),
      api.on('calls.redFlagWaiting', () => refresh.request()),
      api.on('presence.changed', () => refresh.request()),
      api.on('queue.staffPresenceChanged', () => refresh.request()),
      api.on('calls.liveChannel', (channel) => {
        // Events sent while the channel was down are not replayed: catch up.
        if (channel.state === 'open') refresh.request();
      }),
    ];
    refresh.request();
    const timer = setInterval(() => refresh.request(), QUEUE_OVERVIEW_REFRESH_MS);
    return () => {
      clearInterval(timer);
      refresh.stop();
      unsubscribers.forEach((unsubscribe) => unsubscribe());
    };
  }, [dispatch]);

  // Back online: fetch at once rather than at the next refresh.
  useEffect(() => {
    if (backendOnline) throttle.current?.request();
  }, [backendOnline]);

  const unreachable = connectionOffline || error?.code === 'backend_unreachable';
  // Live only while the last fetch succeeded: stale figures must not look as if they were moving.
  const live = overview !== null && error === null && !connectionOffline;
  const figures = useMemo(() => (overview ? metricFigures(overview.today, lang) : []), [overview, lang]);

  const timeOf = (iso: string) => relativeClockTime(iso, now, lang);
  const ageOf = (iso: string) => {
    const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
    return minutes < 1 ? t('queueOverview.justNow') : t('queueOverview.ago', { minutes });
  };
  const failure = (failed: BridgeError) =>
    failed.code === 'forbidden' ? t('queueOverview.forbidden') : errorText(failed);

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="team-lead-queues-title"
      sx={{ p: { xs: 2, md: 3 } }}
      data-testid="queue-overview"
    >
      <Stack spacing={2}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', flexWrap: 'wrap', rowGap: 1 }}>
          <Typography
            id="team-lead-queues-title"
            variant="h6"
            component="h2"
            tabIndex={-1}
            sx={{ fontWeight: 700 }}
          >
            {t('teamLead.queues.title')}
          </Typography>
          {overview && (
            <Typography color="text.secondary">
              {t('queueOverview.region', { region: overview.regionName })}
            </Typography>
          )}
          <Box sx={{ flex: 1 }} />
          {overview && (
            <Typography variant="body2" color="text.secondary" data-testid="queue-overview-updated">
              {t('queueOverview.updatedAt', { time: timeOf(overview.at) })}
            </Typography>
          )}
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {t('queueOverview.intro')}
        </Typography>

        {status === 'loading' && (
          <Box role="status">
            <LinearProgress />
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {t('queueOverview.loading')}
            </Typography>
          </Box>
        )}

        {unreachable ? (
          <Alert
            severity="warning"
            icon={<CloudOffIcon />}
            data-testid="queue-overview-offline"
            action={
              <Button color="inherit" size="small" onClick={() => throttle.current?.request()}>
                {t('queueOverview.retry')}
              </Button>
            }
          >
            {overview
              ? t('queueOverview.offline', { time: timeOf(overview.at), age: ageOf(overview.at) })
              : t('queueOverview.offlineNoFigures')}
          </Alert>
        ) : (
          error && (
            <Alert
              severity="error"
              data-testid="queue-overview-error"
              action={
                error.code === 'forbidden' ? undefined : (
                  <Button color="inherit" size="small" onClick={() => throttle.current?.request()}>
                    {t('queueOverview.retry')}
                  </Button>
                )
              }
            >
              {overview
                ? t('queueOverview.failedKept', {
                    message: failure(error),
                    time: timeOf(overview.at),
                    age: ageOf(overview.at),
                  })
                : t('queueOverview.failed', { message: failure(error) })}
            </Alert>
          )
        )}

        {overview && (
          <>
            <Box
              component="ul"
              aria-label={t('queueOverview.queues')}
              sx={{
                listStyle: 'none',
                m: 0,
                p: 0,
                display: 'grid',
                gap: 2,
                gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' },
              }}
            >
              {overview.queues.map((tile) => (
                <QueueTile key={tile.queueId} tile={tile} overview={overview} now={now} live={live} />
              ))}
            </Box>
            <NursesByState overview={overview} />
            <Box component="section" aria-labelledby="queue-overview-today" data-testid="queue-metrics">
              <Typography
                id="queue-overview-today"
                variant="subtitle1"
                component="h3"
                sx={{ fontWeight: 700 }}
              >
                {t('queueOverview.metrics.title')}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {t('queueOverview.metrics.window', {
                  time: timeOf(overview.at),
                  seconds: overview.today.serviceLevelSeconds,
                })}
              </Typography>
              {isQuietDay(overview) && (
                <Alert severity="info" data-testid="queue-overview-quiet" sx={{ mb: 1 }}>
                  {t('queueOverview.metrics.quiet')}
                </Alert>
              )}
              <Box
                component="dl"
                sx={{
                  m: 0,
                  display: 'grid',
                  gap: 1.5,
                  gridTemplateColumns: {
                    xs: '1fr',
                    md: 'repeat(2, minmax(0, 1fr))',
                    xl: 'repeat(3, minmax(0, 1fr))',
                  },
                }}
              >
                {figures.map((figure) => (
                  <Box
                    key={figure.id}
                    data-testid="queue-metric"
                    data-metric={figure.id}
                    sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}
                  >
                    <Typography component="dt" variant="body2" sx={{ fontWeight: 700 }}>
                      {t(`queueOverview.metrics.name.${figure.id}`, {
                        seconds: overview.today.serviceLevelSeconds,
                      })}
                    </Typography>
                    <Box component="dd" sx={{ m: 0 }}>
                      <Typography
                        variant="h5"
                        component="p"
                        sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}
                        data-testid="queue-metric-value"
                      >
                        {figure.value}
                      </Typography>
                      <Typography variant="body2" data-testid="queue-metric-detail">
                        {t(figure.detail.key, figure.detail.values)}
                      </Typography>
                      <Typography
                        variant="caption"
                        component="p"
                        color="text.secondary"
                        sx={{ mt: 0.5 }}
                        data-testid="queue-metric-definition"
                      >
                        {t('queueOverview.metrics.definitionLabel')}{' '}
                        {'text' in figure.definition ? figure.definition.text : t(figure.definition.key)}
                      </Typography>
                    </Box>
                  </Box>
                ))}
              </Box>
            </Box>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function QueueTile(props: { tile: QueueOverviewTile; overview: QueueOverview; now: number; live: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const { tile, overview, now, live } = props;
  const redFlags = tile.redFlagCallsWaiting;
  const longest = longestWaitNow(tile, overview.at, now, live);
  return (
    <Box
      component="li"
      data-testid="queue-tile"
      data-queue-id={tile.queueId}
      data-red-flags={redFlags.length}
      aria-labelledby={`queue-tile-${tile.queueId}`}
      sx={{
        border: 1,
        borderColor: redFlags.length > 0 ? 'error.main' : 'divider',
        borderLeftWidth: redFlags.length > 0 ? 6 : 1,
        borderRadius: 1,
        p: 2,
      }}
    >
      <Typography
        id={`queue-tile-${tile.queueId}`}
        variant="subtitle1"
        component="h3"
        sx={{ fontWeight: 700 }}
      >
        {lang === 'en' ? tile.name.en : tile.name.sv}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t(tile.kind === 'overflow' ? 'queueOverview.queue.overflow' : 'queueOverview.queue.regional')}
      </Typography>
      <Stack direction="row" spacing={4} sx={{ mt: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <Figure
          label={t('queueOverview.queue.waiting')}
          value={String(tile.waitingCount)}
          testId="queue-waiting"
          ariaLabel={t('queueOverview.queue.waitingCount', { count: tile.waitingCount })}
        />
        <Figure
          label={t('queueOverview.queue.longestWait')}
          value={tile.waitingCount === 0 ? '–' : formatMinutesSeconds(longest)}
          testId="queue-longest-wait"
          note={tile.waitingCount === 0 ? t('queueOverview.queue.longestWaitNone') : undefined}
        />
      </Stack>
      <Typography variant="body2" sx={{ mt: 1 }} data-testid="queue-callbacks-due">
        {tile.callbacksDue > 0
          ? t('queueOverview.queue.callbacksDue', { count: tile.callbacksDue })
          : t('queueOverview.queue.noCallbacksDue')}
      </Typography>
      {redFlags.length === 0 ? (
        <Stack
          direction="row"
          spacing={1}
          sx={{ mt: 1, alignItems: 'center' }}
          data-testid="queue-no-red-flags"
        >
          <CheckCircleOutlineIcon fontSize="small" color="success" />
          <Typography variant="body2">{t('queueOverview.queue.noRedFlags')}</Typography>
        </Stack>
      ) : (
        <Alert
          severity="error"
          icon={<ReportIcon />}
          sx={{ mt: 1 }}
          data-testid="queue-red-flags"
          role="alert"
        >
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            {t('queueOverview.queue.redFlagCount', { count: redFlags.length })}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {redFlags.map((call) => (
              <li key={call.callId} data-testid="queue-red-flag" data-call-id={call.callId}>
                <Typography variant="body2" component="span" sx={{ fontWeight: 700 }}>
                  {call.redFlags.map((flag) => (lang === 'en' ? flag.label.en : flag.label.sv)).join(', ')}
                </Typography>{' '}
                <Typography variant="body2" component="span" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  –{' '}
                  {t('queueOverview.queue.redFlagCall', {
                    wait: formatMinutesSeconds(waitedAt(call.secondsWaited, overview.at, now, live)),
                  })}
                  {call.regionId !== overview.regionId &&
                    ` ${t('queueOverview.queue.fromRegion', { region: call.regionId })}`}
                </Typography>
              </li>
            ))}
          </Box>
        </Alert>
      )}
    </Box>
  );
}

/** One large figure of a queue tile, with its label above and an optional note below. */
function Figure(props: { label: string; value: string; testId: string; ariaLabel?: string; note?: string }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {props.label}
      </Typography>
      <Typography
        variant="h4"
        component="p"
        sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}
        data-testid={props.testId}
        aria-label={props.ariaLabel}
      >
        {props.value}
      </Typography>
      {props.note !== undefined && (
        <Typography variant="body2" color="text.secondary">
          {props.note}
        </Typography>
      )}
    </Box>
  );
}

function NursesByState({ overview }: { overview: QueueOverview }) {
  const { t } = useTranslation();
  const { byState, breaksByReason } = overview.nurses;
  const reasons = BREAK_REASONS.filter((reason) => breaksByReason[reason] > 0)
    .map((reason) => `${t(`presence.breakReason.${reason}`)} ${breaksByReason[reason]}`)
    .join(', ');
  return (
    <Box component="section" aria-labelledby="queue-overview-nurses" data-testid="queue-nurses">
      <Typography id="queue-overview-nurses" variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
        {t('queueOverview.nurses.title')}
      </Typography>
      <Box
        component="dl"
        sx={{
          m: 0,
          mt: 0.5,
          display: 'grid',
          gap: 1,
          gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
        }}
      >
        {NURSE_PRESENCE_STATES.map((state) => (
          <Box
            key={state}
            data-testid="queue-nurse-state"
            data-state={state}
            sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 1.5, py: 1 }}
          >
            <Typography component="dt" variant="body2" color="text.secondary">
              {t(`queueOverview.nurses.state.${state}`)}
            </Typography>
            <Typography
              component="dd"
              variant="h6"
              sx={{ m: 0, fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}
              data-testid="queue-nurse-count"
            >
              {byState[state]}
            </Typography>
            {state === 'break' && reasons !== '' && (
              <Typography component="dd" variant="body2" sx={{ m: 0 }} data-testid="queue-break-reasons">
                {t('queueOverview.nurses.breaks', { reasons })}
              </Typography>
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
