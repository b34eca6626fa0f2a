// One queue in answer order: urgency colour, wait ticking, red-flag badges, language, callback marker, position and why it is there.
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Box,
  Chip,
  IconButton,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useTheme } from '@mui/material/styles';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import type { QueuedCallView, QueueView } from '../../../../core/backend-api/calls';
import type { RedFlagCode } from '../../../../core/queue/phoneMenu';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { callbackBookingRequested } from '../callbacks/callbacksSlice';
import { selectSignedInStaff } from '../session/sessionSlice';
import { formatDuration, languageName } from './time';
import { urgencyColors } from './urgency';
import { RedFlagBadges, UrgencyChip } from './UrgencyChip';

export interface QueuePanelProps {
  queue: QueueView;
  /** Seconds passed since the snapshot arrived, so waits tick on without a new fetch. */
  elapsedSeconds: number;
}

export function QueuePanel({ queue, elapsedSeconds }: QueuePanelProps) {
  const { t, i18n } = useTranslation();
  const name = i18n.language === 'en' ? queue.name.en : queue.name.sv;
  const headingId = `queue-${queue.queueId}-heading`;
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={headingId}
      data-testid={`queue-${queue.kind}`}
    >
      <Stack
        direction="row"
        spacing={2}
        sx={{ alignItems: 'baseline', flexWrap: 'wrap', px: 2, pt: 1.5, pb: 1, rowGap: 0.5 }}
      >
        <Typography id={headingId} variant="h6" component="h2">
          {name}
        </Typography>
        <Typography variant="body2" data-testid="queue-waiting-count">
          {t('calls.queue.waiting', { count: queue.waitingCount })}
        </Typography>
        {queue.waitingCount > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {t('calls.queue.longest', { time: formatDuration(queue.longestWaitSeconds + elapsedSeconds) })}
          </Typography>
        )}
        {queue.redFlagWaiting > 0 && (
          <Chip
            size="small"
            color="error"
            label={t('calls.queue.redFlags', { count: queue.redFlagWaiting })}
          />
        )}
      </Stack>
      {!queue.servedByYou && (
        <Typography variant="body2" color="text.secondary" sx={{ px: 2, pb: 1 }}>
          {t('calls.queue.notServed')}
        </Typography>
      )}
      {queue.calls.length === 0 ? (
        <Box sx={{ px: 2, pb: 2 }}>
          <Typography variant="body1" data-testid="queue-empty">
            {t('calls.queue.empty')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('calls.queue.emptyHelp')}
          </Typography>
        </Box>
      ) : (
        <Table size="small" aria-labelledby={headingId}>
          <caption style={{ captionSide: 'top', padding: '0 16px 8px', textAlign: 'left' }}>
            {t('calls.queue.caption')}
          </caption>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 56 }}>{t('calls.queue.columns.position')}</TableCell>
              <TableCell>{t('calls.queue.columns.urgency')}</TableCell>
              <TableCell>{t('calls.queue.columns.waited')}</TableCell>
              <TableCell>{t('calls.queue.columns.flags')}</TableCell>
              <TableCell>{t('calls.queue.columns.language')}</TableCell>
              <TableCell>{t('calls.queue.columns.kind')}</TableCell>
              <TableCell>{t('calls.queue.columns.status')}</TableCell>
              <TableCell align="right">{t('calls.queue.columns.why')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {queue.calls.map((call) => (
              <QueueRow key={call.callId} call={call} elapsedSeconds={elapsedSeconds} />
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}

function QueueRow({ call, elapsedSeconds }: { call: QueuedCallView; elapsedSeconds: number }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const mode = useTheme().palette.mode;
  const me = useAppSelector(selectSignedInStaff)?.hsaId;
  const [open, setOpen] = useState(false);
  const explanation = i18n.language === 'en' ? call.explanation.en : call.explanation.sv;
  const colors = urgencyColors(call.urgencyClass, mode);
  const status =
    call.state === 'offered'
      ? call.offeredTo !== null && call.offeredTo === me
        ? t('calls.queue.state.offeredToYou')
        : t('calls.queue.state.offeredToOther')
      : t('calls.queue.state.waiting');
  const explainId = `queue-explain-${call.callId}`;

  return (
    <Fragment>
      <TableRow
        hover
        tabIndex={0}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.target === event.currentTarget) setOpen((value) => !value);
        }}
        aria-describedby={explainId}
        data-testid="queue-row"
        data-call-id={call.callId}
        data-urgency={call.urgencyClass}
        data-state={call.state}
        sx={{
          '& > td:first-of-type': { borderLeft: 6, borderLeftColor: colors.background },
          ...(call.redFlags.length > 0
            ? { bgcolor: mode === 'dark' ? 'rgba(255,138,128,0.08)' : 'rgba(183,28,28,0.05)' }
            : {}),
        }}
      >
        <TableCell sx={{ fontWeight: 700 }} data-testid="queue-position">
          {call.position}
        </TableCell>
        <TableCell>
          <UrgencyChip urgency={call.urgencyClass} />
        </TableCell>
        <TableCell sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }} data-testid="queue-waited">
          {formatDuration(call.secondsWaited + elapsedSeconds)}
        </TableCell>
        <TableCell>
          <RedFlagBadges flags={call.redFlags} />
        </TableCell>
        <TableCell>{languageName(call.language, i18n.language)}</TableCell>
        <TableCell>
          {call.kind === 'callback' ? (
            <Chip
              size="small"
              variant="outlined"
              icon={<EventRepeatIcon />}
              label={t('calls.queue.kind.callback')}
            />
          ) : (
            t('calls.queue.kind.inbound')
          )}
        </TableCell>
        <TableCell>
          <Stack spacing={0.25}>
            <span>{status}</span>
            {call.overflowing && (
              <Typography variant="caption" color="text.secondary">
                {t('calls.queue.overflowing')}
              </Typography>
            )}
          </Stack>
        </TableCell>
        <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
          {call.kind === 'inbound' && call.state === 'waiting' && (
            <Tooltip title={t('calls.queue.bookCallback')}>
              <IconButton
                size="small"
                aria-label={t('calls.queue.bookCallback')}
                onClick={() =>
                  dispatch(
                    callbackBookingRequested({
                      sourceCallId: call.callId,
                      urgencyClass: call.urgencyClass,
                      language: call.language,
                      redFlags: call.redFlags.map((flag) => flag.code as RedFlagCode),
                    }),
                  )
                }
              >
                <EventRepeatIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
          <Tooltip title={explanation}>
            <IconButton
              size="small"
              aria-label={open ? t('calls.queue.hideExplain') : t('calls.queue.explain')}
              aria-controls={explainId}
              // On the button, not the row: a plain table row may not be expandable (only in a tree grid).
              aria-expanded={open}
              onClick={() => setOpen((value) => !value)}
              data-testid="queue-explain"
            >
              <InfoOutlinedIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </TableCell>
      </TableRow>
      <TableRow sx={{ display: open ? undefined : 'none' }}>
        <TableCell colSpan={8} sx={{ bgcolor: 'action.hover' }}>
          <Typography variant="body2" id={explainId} data-testid="queue-explanation">
            {explanation}
          </Typography>
          {call.lastPriorityChange && (
            <Typography variant="body2" color="text.secondary">
              {t('calls.queue.reprioritised', { reason: call.lastPriorityChange.reason })}
            </Typography>
          )}
        </TableCell>
      </TableRow>
    </Fragment>
  );
}
