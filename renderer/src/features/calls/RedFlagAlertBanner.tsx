// Red-flag callers still waiting: an unmissable, silent banner for available nurses and team leads, closable, raised again while they wait.
import { useTranslation } from 'react-i18next';
import { Alert, AlertTitle, Box, Button, Stack, Typography } from '@mui/material';
import { keyframes } from '@mui/material/styles';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectPresenceState } from '../presence/presenceSlice';
import { selectHasRole } from '../session/sessionSlice';
import { selectActiveCall } from './activeCallSlice';
import { acceptCall } from './callThunks';
import { CALL_KEYS } from './keys';
import { RED_FLAG_REALERT_SECONDS, redFlagAlertDismissed, selectRedFlagAlerts } from './redFlagAlertsSlice';
import { formatDuration, secondsSince, useServerNow } from './time';

/** More than this many at once are summarised, so the banner never pushes the work off the screen. */
const MAX_SHOWN = 3;

const pulse = keyframes`
  0%, 100% { box-shadow: inset 0 0 0 3px rgba(255, 255, 255, 0.9); }
  50% { box-shadow: inset 0 0 0 3px rgba(255, 255, 255, 0); }
`;

export function RedFlagAlertBanner() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const alerts = useAppSelector(selectRedFlagAlerts);
  const { presence } = useAppSelector(selectPresenceState);
  const { offer, busy } = useAppSelector(selectActiveCall);
  const isTeamLead = useAppSelector(selectHasRole('team_lead'));
  const serverNow = useServerNow();
  const localNow = Date.now();

  const state = presence?.state;
  const concerned = isTeamLead || state === 'available' || state === 'after-call-work';
  if (!concerned) return null;
  const shown = Object.values(alerts)
    .filter((alert) => alert.dismissedUntil === null || localNow >= alert.dismissedUntil)
    .filter((alert) => alert.callId !== offer?.callId)
    .sort((a, b) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince));
  if (shown.length === 0) return null;
  const canAnswer = state === 'available' && offer === null && busy === null;

  return (
    <Stack component="section" aria-label={t('calls.alert.title')} data-testid="red-flag-alerts">
      {shown.slice(0, MAX_SHOWN).map((alert) => (
        <Alert
          key={alert.callId}
          severity="error"
          variant="filled"
          square
          role="alert"
          data-testid="red-flag-alert"
          data-call-id={alert.callId}
          sx={{
            py: 0.5,
            animation: `${pulse} 1.6s ease-in-out infinite`,
            '@media (prefers-reduced-motion: reduce)': { animation: 'none' },
            '& .MuiAlert-message': { flex: 1 },
          }}
          action={
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              {canAnswer && (
                <Button
                  color="inherit"
                  variant="outlined"
                  size="small"
                  title={t('calls.alert.answerHelp')}
                  onClick={() => void dispatch(acceptCall(alert.callId))}
                  data-testid="answer-red-flag"
                >
                  {t('calls.alert.answer')}
                </Button>
              )}
              <Button
                color="inherit"
                size="small"
                title={t('calls.alert.dismissHelp', { seconds: RED_FLAG_REALERT_SECONDS })}
                onClick={() => dispatch(redFlagAlertDismissed(alert.callId))}
                data-testid="dismiss-red-flag"
              >
                {t('calls.alert.dismiss')}
              </Button>
            </Stack>
          }
        >
          <AlertTitle sx={{ mb: 0, fontWeight: 800 }}>
            {t('calls.alert.title')}:{' '}
            {alert.redFlags
              .map((flag) => (i18n.language === 'en' ? flag.label.en : flag.label.sv))
              .join(', ')}
            {' – '}
            <Box component="span" sx={{ fontVariantNumeric: 'tabular-nums' }} data-testid="red-flag-waited">
              {t('calls.alert.waited', { time: formatDuration(secondsSince(alert.waitingSince, serverNow)) })}
            </Box>
          </AlertTitle>
          {!canAnswer && state === 'after-call-work' && (
            <Typography variant="body2">
              {t('calls.alert.finishAfterCallWork', { key: CALL_KEYS.available })}
            </Typography>
          )}
          {!canAnswer && state === 'available' && offer !== null && (
            <Typography variant="body2">{t('calls.alert.ringingHere')}</Typography>
          )}
        </Alert>
      ))}
      {shown.length > MAX_SHOWN && (
        <Alert severity="error" square variant="outlined" sx={{ py: 0 }}>
          {t('calls.alert.more', { count: shown.length - MAX_SHOWN })}
        </Alert>
      )}
    </Stack>
  );
}
