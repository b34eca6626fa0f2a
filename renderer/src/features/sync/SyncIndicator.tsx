// The status bar's sync state: synced, N waiting, offline since hh:mm, sync error; and K rejected, which opens the details.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Box, Button, Stack, Tooltip, Typography } from '@mui/material';
import CloudDoneIcon from '@mui/icons-material/CloudDone';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import CloudSyncIcon from '@mui/icons-material/CloudSync';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import type { SyncStatus } from '../../../../core/api/sync';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { getFirstline } from '../../platform/bridge';
import { clockTime } from '../../app/swedishTime';
import { QuarantineDialog } from './QuarantineDialog';
import { loadSyncStatus, retrySyncNow, selectSyncRetrying, selectSyncStatus, syncChanged } from './syncSlice';

/** Follows main's sync state: the current value once, then every change main pushes. */
function useSyncStatusFeed(): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    void dispatch(loadSyncStatus());
    try {
      return getFirstline().on('sync.changed', (status) => dispatch(syncChanged(status)));
    } catch {
      return undefined; // no bridge (a test rendering the component alone)
    }
  }, [dispatch]);
}

function useStatusText(status: SyncStatus): { text: string; detail: string } {
  const { t, i18n } = useTranslation();
  const clock = (iso: string | null) => (iso ? clockTime(iso, i18n.language) : t('sync.soon'));
  switch (status.state) {
    case 'offline':
      return {
        text:
          status.waiting > 0
            ? t('sync.offlineWaiting', { time: clock(status.offlineSince), count: status.waiting })
            : t('sync.offline', { time: clock(status.offlineSince) }),
        detail: t('sync.offlineDetail', { next: clock(status.nextRetryAt) }),
      };
    case 'error':
      return {
        text: t('sync.error'),
        detail: t('sync.errorDetail', {
          problem: t(`sync.problems.${status.problem ?? 'server_error'}`),
          next: clock(status.nextRetryAt),
        }),
      };
    case 'waiting':
      return {
        text: t('sync.waiting', { count: status.waiting }),
        detail: t('sync.waitingDetail', { count: status.waiting }),
      };
    default:
      return { text: t('sync.synced'), detail: t('sync.syncedDetail', { time: clock(status.lastSyncedAt) }) };
  }
}

const ICONS = {
  synced: { icon: CloudDoneIcon, color: 'success.main' },
  waiting: { icon: CloudSyncIcon, color: 'info.main' },
  offline: { icon: CloudOffIcon, color: 'warning.main' },
  error: { icon: ErrorOutlineIcon, color: 'error.main' },
  idle: { icon: CloudSyncIcon, color: 'text.disabled' },
} as const;

export function SyncIndicator() {
  useSyncStatusFeed();
  const status = useAppSelector(selectSyncStatus);
  if (!status || status.state === 'idle') return null;
  return <SyncIndicatorView status={status} />;
}

function SyncIndicatorView({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const retrying = useAppSelector(selectSyncRetrying);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const { text, detail } = useStatusText(status);
  const { icon: Icon, color } = ICONS[status.state];
  const canRetry = status.state === 'offline' || status.state === 'error';

  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: 'center', flexShrink: 0 }}
      role="status"
      aria-label={t('sync.label')}
      data-testid="sync-state"
      data-state={status.state}
    >
      <Tooltip title={detail}>
        <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }} tabIndex={0}>
          <Icon fontSize="small" sx={{ color }} aria-hidden />
          <Typography variant="caption" data-testid="sync-text" sx={{ whiteSpace: 'nowrap' }}>
            {text}
          </Typography>
        </Stack>
      </Tooltip>
      {canRetry && (
        <Button
          size="small"
          onClick={() => void dispatch(retrySyncNow())}
          disabled={retrying}
          sx={{ py: 0, whiteSpace: 'nowrap', flexShrink: 0 }}
        >
          {t('sync.sendNow')}
        </Button>
      )}
      {status.quarantined > 0 && (
        <Box sx={{ flexShrink: 0 }}>
          <Button
            size="small"
            color="warning"
            variant="outlined"
            startIcon={<ReportProblemIcon fontSize="small" />}
            onClick={() => setDetailsOpen(true)}
            data-testid="sync-rejected"
            sx={{ py: 0, whiteSpace: 'nowrap' }}
          >
            {t('sync.rejected', { count: status.quarantined })}
          </Button>
        </Box>
      )}
      <QuarantineDialog open={detailsOpen} onClose={() => setDetailsOpen(false)} />
    </Stack>
  );
}
