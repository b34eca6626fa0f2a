// The call bar under the navigation while on a call or in after-call work: timer, caller, the case, callback booking, and "Avsluta samtal" (F8).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, Menu, MenuItem, Paper, Stack, Typography } from '@mui/material';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import EditNoteIcon from '@mui/icons-material/EditNote';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import PhoneMissedIcon from '@mui/icons-material/PhoneMissed';
import { CALLBACK_ATTEMPT_OUTCOMES } from '../../../../core/backend-api/calls';
import { type RedFlagCode } from '../../../../core/queue/phoneMenu';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { callbackBookingRequested, selectCallbacks } from '../callbacks/callbacksSlice';
import { recordCallbackAttempt } from '../callbacks/callbackThunks';
import { openCase } from '../cases/caseThunks';
import { newCaseRequested } from '../identification/identificationSlice';
import { usePresenceLabel } from '../presence/presenceLabel';
import { selectPresenceState } from '../presence/presenceSlice';
import { sectionSelected } from '../shell/navigationSlice';
import { activeCallErrorDismissed, selectActiveCall } from './activeCallSlice';
import { endCall } from './callThunks';
import { Kbd } from './Kbd';
import { CALL_KEYS } from './keys';
import { formatDuration, languageName, secondsSince, useServerNow } from './time';
import { RedFlagBadges, UrgencyChip } from './UrgencyChip';
import { useCallErrorText } from './useCallErrorText';
import { nationalPhone } from '../cases/phone';

export function ActiveCallBar() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { presence } = useAppSelector(selectPresenceState);
  const { call, caseId, busy, error } = useAppSelector(selectActiveCall);
  const callbacks = useAppSelector(selectCallbacks).items;
  const label = usePresenceLabel();
  const errorText = useCallErrorText();
  const now = useServerNow();
  const [noContactAnchor, setNoContactAnchor] = useState<HTMLElement | null>(null);

  if (!presence || (presence.state !== 'on-call' && presence.state !== 'after-call-work')) return null;
  const onCall = presence.state === 'on-call';
  const started = call?.answeredAt ?? presence.since;
  const acwLeft = presence.afterCallWorkEndsAt
    ? (Date.parse(presence.afterCallWorkEndsAt) - now) / 1000
    : null;
  const callback = call?.callbackId ? callbacks.find((item) => item.id === call.callbackId) : undefined;

  const showCase = () => {
    dispatch(sectionSelected('cases'));
    if (caseId) void dispatch(openCase(caseId));
    else dispatch(newCaseRequested());
  };
  const bookCallback = () =>
    dispatch(
      callbackBookingRequested({
        ...(call
          ? {
              phone: call.callerNumber,
              ...(call.personnummer ? { personnummer: call.personnummer } : {}),
              urgencyClass: call.urgencyClass,
              language: call.language,
              redFlags: call.preAssessment.redFlags.map((flag) => flag.code as RedFlagCode),
              sourceCallId: call.id,
            }
          : {}),
        ...(caseId ? { caseId } : {}),
      }),
    );

  return (
    <Paper
      square
      elevation={0}
      component="section"
      aria-label={t('calls.active.label')}
      data-testid="active-call-bar"
      data-state={presence.state}
      sx={{
        px: 2,
        py: 1,
        borderBottom: 1,
        borderColor: 'divider',
        borderLeft: 6,
        borderLeftColor: onCall ? 'primary.main' : 'warning.main',
      }}
    >
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          {onCall ? <PhoneInTalkIcon color="primary" /> : <EditNoteIcon color="warning" />}
          <Typography variant="h6" component="h2" sx={{ fontWeight: 700 }}>
            {onCall ? t('calls.active.onCall') : t('calls.active.afterCallWork')}
          </Typography>
          <Typography
            variant="h6"
            component="span"
            sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 400 }}
            data-testid={onCall ? 'call-timer' : 'acw-timer'}
          >
            {onCall
              ? formatDuration(secondsSince(started, now))
              : acwLeft === null
                ? ''
                : acwLeft > 0
                  ? t('calls.active.remaining', { time: formatDuration(acwLeft) })
                  : t('calls.active.timerEnded')}
          </Typography>
        </Stack>
        {call && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
            <UrgencyChip urgency={call.urgencyClass} />
            <Typography variant="body2">
              {t('calls.active.caller', { number: nationalPhone(call.callerNumber) })}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              · {languageName(call.language, i18n.language)}
            </Typography>
            <RedFlagBadges flags={call.preAssessment.redFlags} />
            {callback && (
              <Typography
                variant="body2"
                color="text.secondary"
                sx={{ maxWidth: 360 }}
                noWrap
                title={callback.reason}
              >
                · {t('calls.active.callbackReason', { reason: callback.reason })}
              </Typography>
            )}
          </Stack>
        )}
        <Box sx={{ flex: 1 }} />
        <Button
          startIcon={caseId ? <FolderOpenIcon /> : <PersonSearchIcon />}
          onClick={showCase}
          data-testid="show-call-case"
        >
          {caseId ? t('calls.active.openCase') : t('calls.active.identify')}
        </Button>
        <Button startIcon={<EventRepeatIcon />} onClick={bookCallback} data-testid="book-callback-from-call">
          {t('calls.active.bookCallback')}
        </Button>
        {onCall && call?.callbackId && (
          <>
            <Button
              color="warning"
              startIcon={<PhoneMissedIcon />}
              onClick={(event) => setNoContactAnchor(event.currentTarget)}
              aria-haspopup="menu"
              title={t('calls.active.noContactHelp')}
            >
              {t('calls.active.noContact')}
            </Button>
            <Menu
              anchorEl={noContactAnchor}
              open={noContactAnchor !== null}
              onClose={() => setNoContactAnchor(null)}
            >
              {CALLBACK_ATTEMPT_OUTCOMES.filter((outcome) => outcome !== 'reached').map((outcome) => (
                <MenuItem
                  key={outcome}
                  onClick={() => {
                    setNoContactAnchor(null);
                    void dispatch(recordCallbackAttempt({ callbackId: call.callbackId!, outcome }));
                  }}
                >
                  {t(`callbacks.outcome.${outcome}`)}
                </MenuItem>
              ))}
            </Menu>
          </>
        )}
        {onCall && (
          <Button
            variant="contained"
            disabled={busy !== null || !presence.currentCallId}
            onClick={() => presence.currentCallId && void dispatch(endCall(presence.currentCallId))}
            aria-keyshortcuts={CALL_KEYS.endCall}
            data-testid="end-call"
          >
            {busy === 'ending' ? t('calls.active.ending') : t('calls.active.end')}
            <Kbd>{CALL_KEYS.endCall}</Kbd>
          </Button>
        )}
      </Stack>
      {!onCall && (
        <Typography variant="body2" sx={{ fontWeight: 600, mt: 0.5 }} data-testid="sign-hint">
          {presence.nextStatus
            ? t('calls.active.signHintNext', { status: label.ofNext(presence.nextStatus) })
            : t('calls.active.signHint')}
        </Typography>
      )}
      {error && call && (
        <Alert
          severity="error"
          role="alert"
          sx={{ mt: 1 }}
          onClose={() => dispatch(activeCallErrorDismissed())}
        >
          {errorText(error)}
        </Alert>
      )}
    </Paper>
  );
}
