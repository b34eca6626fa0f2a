// The region's booked callbacks, what is due first: window, urgency, attempts, recording an attempt's outcome, cancelling one not yet due.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  List,
  ListItem,
  Menu,
  MenuItem,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import { CALLBACK_ATTEMPT_OUTCOMES, type Callback } from '../../../../core/backend-api/calls';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useServerNow } from '../calls/time';
import { RedFlagBadges, UrgencyChip } from '../calls/UrgencyChip';
import { useCallErrorText } from '../calls/useCallErrorText';
import { clockTime } from '../../app/swedishTime';
import { selectOpenCase } from '../cases/caseViewSlice';
import { CancelCallbackDialog } from './CancelCallbackDialog';
import {
  callbackBookingRequested,
  callbackCancelRequested,
  lastBookedDismissed,
  recordingErrorDismissed,
  selectCallbacks,
} from './callbacksSlice';
import { loadCallbacks, recordCallbackAttempt } from './callbackThunks';

export function CallbacksPanel() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { items, status, error, lastBooked, recording } = useAppSelector(selectCallbacks);
  const openCase = useAppSelector(selectOpenCase);
  const errorText = useCallErrorText();
  const now = useServerNow(5000);
  const sorted = [...items].sort(
    (a, b) =>
      (a.nextAttemptAt ? Date.parse(a.nextAttemptAt) : Infinity) -
      (b.nextAttemptAt ? Date.parse(b.nextAttemptAt) : Infinity),
  );

  // From the Samtal section a booking is tied to the case on screen, if there is one.
  const book = () =>
    dispatch(
      callbackBookingRequested(
        openCase
          ? {
              caseId: openCase.id,
              ...(openCase.patient.kind !== 'unidentified' && openCase.patient.normalized
                ? { personnummer: openCase.patient.normalized }
                : {}),
            }
          : {},
      ),
    );

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="callbacks-heading"
      data-testid="callbacks-panel"
    >
      <Stack
        direction="row"
        spacing={1}
        sx={{ alignItems: 'center', px: 2, pt: 1.5, pb: 1, flexWrap: 'wrap', rowGap: 1 }}
      >
        <EventRepeatIcon color="action" aria-hidden />
        <Typography
          id="callbacks-heading"
          variant="subtitle1"
          component="h2"
          sx={{ fontWeight: 700, flex: 1 }}
        >
          {t('callbacks.title')}
        </Typography>
        <Button
          size="small"
          variant="outlined"
          onClick={book}
          data-testid="book-callback"
          sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
        >
          {t('callbacks.book')}
        </Button>
      </Stack>
      {lastBooked && (
        <Alert
          severity="success"
          sx={{ mx: 2, mb: 1 }}
          onClose={() => dispatch(lastBookedDismissed())}
          role="status"
        >
          {t('callbacks.form.booked', { time: clockTime(lastBooked.windowStart, i18n.language) })}
        </Alert>
      )}
      {recording.error && (
        <Alert
          severity="error"
          sx={{ mx: 2, mb: 1 }}
          onClose={() => dispatch(recordingErrorDismissed())}
          role="alert"
        >
          {errorText(recording.error)}
        </Alert>
      )}
      {status === 'loading' && <LinearProgress aria-label={t('callbacks.list.loading')} />}
      {status === 'error' && error && (
        <Alert
          severity="error"
          sx={{ mx: 2, mb: 2 }}
          action={
            <Button color="inherit" size="small" onClick={() => void dispatch(loadCallbacks())}>
              {t('callbacks.list.retry')}
            </Button>
          }
        >
          {t('callbacks.list.error')} {errorText(error)}
        </Alert>
      )}
      {status === 'ready' && sorted.length === 0 && (
        <Box sx={{ px: 2, pb: 2 }}>
          <Typography variant="body2">{t('callbacks.list.empty')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('callbacks.list.emptyHelp')}
          </Typography>
        </Box>
      )}
      {sorted.length > 0 && (
        <List dense aria-label={t('callbacks.list.label')} sx={{ pt: 0 }}>
          {sorted.map((callback) => (
            <CallbackItem
              key={callback.id}
              callback={callback}
              now={now}
              recording={recording.callbackId === callback.id}
              onOutcome={(outcome) =>
                void dispatch(recordCallbackAttempt({ callbackId: callback.id, outcome }))
              }
              onCancel={() => dispatch(callbackCancelRequested(callback.id))}
            />
          ))}
        </List>
      )}
      <CancelCallbackDialog />
    </Paper>
  );
}

function CallbackItem({
  callback,
  now,
  recording,
  onOutcome,
  onCancel,
}: {
  callback: Callback;
  now: number;
  recording: boolean;
  onOutcome: (outcome: (typeof CALLBACK_ATTEMPT_OUTCOMES)[number]) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const dueIn = callback.nextAttemptAt ? (Date.parse(callback.nextAttemptAt) - now) / 1000 : null;
  const due = dueIn !== null && dueIn <= 0;
  const last = callback.attempts.at(-1);
  const canRecord = callback.state === 'scheduled' || callback.state === 'in-progress';

  return (
    <ListItem
      divider
      data-testid="callback-item"
      data-callback-id={callback.id}
      data-state={callback.state}
      sx={{ alignItems: 'flex-start', borderLeft: 4, borderLeftColor: due ? 'error.main' : 'transparent' }}
    >
      <Stack spacing={0.5} sx={{ width: 1 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
          <UrgencyChip urgency={callback.urgencyClass} />
          {callback.state === 'scheduled' ? (
            <Chip
              size="small"
              color={due ? 'error' : 'default'}
              label={
                due
                  ? t('callbacks.list.dueNow')
                  : (dueIn ?? 0) < 3600
                    ? t('callbacks.list.dueIn', { minutes: Math.ceil((dueIn ?? 0) / 60) })
                    : t('callbacks.list.dueAt', {
                        time: clockTime(callback.nextAttemptAt ?? now, i18n.language),
                      })
              }
              data-testid="callback-due"
            />
          ) : (
            <Chip size="small" variant="outlined" label={t(`callbacks.list.state.${callback.state}`)} />
          )}
          <Typography variant="body2" sx={{ fontWeight: 700 }}>
            {callback.phone}
          </Typography>
        </Stack>
        <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
          {callback.reason}
        </Typography>
        <RedFlagBadges flags={callback.redFlags} />
        <Typography variant="caption" color="text.secondary">
          {t('callbacks.list.window', {
            from: clockTime(callback.windowStart, i18n.language),
            to: clockTime(callback.windowEnd, i18n.language),
          })}
          {' · '}
          {t('callbacks.list.attempts', { count: callback.attempts.length, max: callback.maxAttempts })}
          {last &&
            ` · ${t('callbacks.list.lastAttempt', {
              outcome: t(`callbacks.outcome.${last.outcome}`).toLowerCase(),
              time: clockTime(last.at, i18n.language),
            })}`}
        </Typography>
        {canRecord && (
          <Stack direction="row" spacing={1}>
            <Button
              size="small"
              disabled={recording}
              onClick={(event) => setAnchor(event.currentTarget)}
              aria-haspopup="menu"
              data-testid="record-attempt"
            >
              {recording ? t('callbacks.list.recording') : t('callbacks.list.recordAttempt')}
            </Button>
            <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
              {CALLBACK_ATTEMPT_OUTCOMES.map((outcome) => (
                <MenuItem
                  key={outcome}
                  onClick={() => {
                    setAnchor(null);
                    onOutcome(outcome);
                  }}
                  data-testid={`attempt-${outcome}`}
                >
                  {t(`callbacks.outcome.${outcome}`)}
                </MenuItem>
              ))}
            </Menu>
            {callback.state === 'scheduled' && (
              <Button size="small" color="error" onClick={onCancel} data-testid="cancel-callback">
                {t('callbacks.cancel.open')}
              </Button>
            )}
          </Stack>
        )}
      </Stack>
    </ListItem>
  );
}
