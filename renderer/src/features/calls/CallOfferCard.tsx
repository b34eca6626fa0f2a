// The call ringing at this workstation: a prominent card over every section with the caller's data, the time left, and F2 to answer.
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Divider,
  LinearProgress,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import { keyframes, useTheme } from '@mui/material/styles';
import RingVolumeIcon from '@mui/icons-material/RingVolume';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { activeCallErrorDismissed, selectActiveCall } from './activeCallSlice';
import { acceptCall, declineCall } from './callThunks';
import { Kbd } from './Kbd';
import { CALL_KEYS } from './keys';
import { formatDuration, languageName, secondsSince, useServerNow } from './time';
import { urgencyColors } from './urgency';
import { RedFlagBadges, UrgencyChip } from './UrgencyChip';
import { useCallErrorText } from './useCallErrorText';
import { nationalPhone } from '../cases/phone';

const ring = keyframes`
  0%, 100% { transform: rotate(0deg); }
  10%, 30% { transform: rotate(-14deg); }
  20%, 40% { transform: rotate(14deg); }
  50% { transform: rotate(0deg); }
`;

/** The card stays this long after its time ran out, until the ACD's notice replaces it. */
const GRACE_MS = 1500;

export function CallOfferCard() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const mode = useTheme().palette.mode;
  const { offer, offerCall, busy, error } = useAppSelector(selectActiveCall);
  const errorText = useCallErrorText();
  const now = useServerNow(250);

  if (!offer) {
    // A colleague took the call just before her: worth one line. (A call that rang out is explained by
    // the presence notice.)
    return error?.code === 'call_taken' ? (
      <Alert severity="warning" square onClose={() => dispatch(activeCallErrorDismissed())} role="alert">
        {errorText(error)}
      </Alert>
    ) : null;
  }
  const expiresAt = Date.parse(offer.expiresAt);
  if (now > expiresAt + GRACE_MS) return null;
  const total = Math.max(1, expiresAt - Date.parse(offer.offeredAt));
  const left = Math.max(0, expiresAt - now);
  const colors = urgencyColors(offer.urgencyClass, mode);
  const uiLanguage = i18n.language;
  const callback = offer.kind === 'callback';

  // In the page flow under the bars, not floating: it never hides a red-flag alert or the call bar.
  return (
    <Box
      sx={{ display: 'flex', justifyContent: 'center', px: 2, pt: 2, pb: 1, bgcolor: 'background.default' }}
    >
      <Paper
        elevation={8}
        component="section"
        aria-labelledby="call-offer-title"
        aria-live="assertive"
        data-testid="call-offer"
        data-call-id={offer.callId}
        data-urgency={offer.urgencyClass}
        sx={{
          width: 'min(720px, 100%)',
          borderTop: 8,
          borderColor: colors.background,
          p: 2.5,
        }}
      >
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
            <RingVolumeIcon
              color="primary"
              sx={{
                fontSize: 36,
                animation: `${ring} 1.2s ease-in-out infinite`,
                '@media (prefers-reduced-motion: reduce)': { animation: 'none' },
              }}
              aria-hidden
            />
            <Typography id="call-offer-title" variant="h5" component="h2" sx={{ fontWeight: 700, flex: 1 }}>
              {callback ? t('calls.offer.titleCallback') : t('calls.offer.title')}
            </Typography>
            <UrgencyChip urgency={offer.urgencyClass} size="medium" />
          </Stack>
          <RedFlagBadges flags={offer.redFlags} size="medium" />
          <Box>
            <LinearProgress
              variant="determinate"
              value={(left / total) * 100}
              color={left < 5000 ? 'error' : 'primary'}
              aria-hidden
              sx={{ height: 6, borderRadius: 3 }}
            />
            <Typography
              variant="body2"
              sx={{ mt: 0.5, fontVariantNumeric: 'tabular-nums' }}
              data-testid="offer-countdown"
            >
              {left > 0
                ? t('calls.offer.ringing', { seconds: Math.ceil(left / 1000) })
                : t('calls.offer.rangOut')}
            </Typography>
          </Box>

          {offerCall ? (
            <Box
              component="dl"
              sx={{
                m: 0,
                display: 'grid',
                gridTemplateColumns: 'max-content 1fr',
                columnGap: 2,
                rowGap: 0.5,
                '& dt': { color: 'text.secondary' },
                '& dd': { m: 0, fontWeight: 600 },
              }}
            >
              <dt>{t('calls.offer.personnummer')}</dt>
              <dd data-testid="offer-personnummer">
                {offerCall.personnummer
                  ? formatPersonnummer(offerCall.personnummer)
                  : t('calls.offer.noPersonnummer')}
              </dd>
              <dt>{t('calls.offer.callerNumber')}</dt>
              <dd>{nationalPhone(offerCall.callerNumber)}</dd>
              <dt>{t('calls.offer.language')}</dt>
              <dd>
                {languageName(offerCall.language, uiLanguage)}
                {offerCall.language !== 'sv' ? ` – ${t('calls.offer.interpreter')}` : ''}
              </dd>
              <dt>{t('calls.offer.waitedLabel')}</dt>
              <dd style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatDuration(secondsSince(offerCall.waitingSince, now))}
              </dd>
              {offerCall.preAssessment.answers.length > 0 && (
                <>
                  <dt>{t('calls.offer.answers')}</dt>
                  <dd>
                    <Box component="ul" sx={{ m: 0, pl: 2.5, fontWeight: 400 }}>
                      {offerCall.preAssessment.answers.map((answer) => (
                        <li key={answer.code}>
                          {uiLanguage === 'en' ? answer.question.en : answer.question.sv}{' '}
                          <strong>{t(`calls.screenPop.answer.${answer.answer}`)}</strong>
                        </li>
                      ))}
                    </Box>
                  </dd>
                </>
              )}
            </Box>
          ) : (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <CircularProgress size={16} aria-label={t('calls.offer.loadingDetails')} />
              <Typography variant="body2">{t('calls.offer.loadingDetails')}</Typography>
            </Stack>
          )}

          {error && (
            <Alert severity="error" role="alert" onClose={() => dispatch(activeCallErrorDismissed())}>
              {errorText(error)}
            </Alert>
          )}
          <Divider />
          <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'flex-end', alignItems: 'center' }}>
            <Button
              variant="outlined"
              color="inherit"
              size="large"
              disabled={busy !== null}
              onClick={() => void dispatch(declineCall(offer.callId))}
              aria-keyshortcuts={CALL_KEYS.decline}
              title={t('calls.offer.declineHelp')}
              data-testid="decline-call"
            >
              {busy === 'declining' ? t('calls.offer.declining') : t('calls.offer.decline')}
              <Kbd>{CALL_KEYS.decline}</Kbd>
            </Button>
            <Button
              variant="contained"
              color="success"
              size="large"
              disabled={busy !== null || left <= 0}
              onClick={() => void dispatch(acceptCall(offer.callId))}
              aria-keyshortcuts={CALL_KEYS.accept}
              data-testid="accept-call"
              sx={{ minWidth: 180, fontSize: '1.1rem' }}
            >
              {busy === 'accepting' ? t('calls.offer.accepting') : t('calls.offer.accept')}
              <Kbd>{CALL_KEYS.accept}</Kbd>
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </Box>
  );
}

/** 12 digits as the nurse reads them: YYYYMMDD-NNNN. */
export function formatPersonnummer(twelveDigits: string): string {
  return /^\d{12}$/.test(twelveDigits)
    ? `${twelveDigits.slice(0, 8)}-${twelveDigits.slice(8)}`
    : twelveDigits;
}
