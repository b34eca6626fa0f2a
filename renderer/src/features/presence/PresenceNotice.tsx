// Tells the nurse what the call distribution did to her status and why (an offer rang out, the after-call-work timer ended), with one key back to work.
import { useTranslation } from 'react-i18next';
import { Alert, AlertTitle, Button } from '@mui/material';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { Kbd } from '../calls/Kbd';
import { CALL_KEYS } from '../calls/keys';
import { noticeDismissed, selectPresenceState } from './presenceSlice';
import { setPresence } from './presenceThunks';

export function PresenceNotice() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { notice, presence, pending } = useAppSelector(selectPresenceState);
  if (!notice) return null;
  const message = i18n.language === 'en' ? notice.message.en : notice.message.sv;
  const unavailable = presence?.state === 'break' || presence?.state === 'offline';

  if (notice.reason === 'offer-timeout' && unavailable) {
    return (
      <Alert
        severity="warning"
        variant="filled"
        square
        role="alert"
        data-testid="presence-notice"
        data-reason={notice.reason}
        action={
          <Button
            color="inherit"
            variant="outlined"
            disabled={pending}
            onClick={() => void dispatch(setPresence({ state: 'available' }))}
            aria-keyshortcuts={CALL_KEYS.available}
          >
            {t('presence.becomeAvailable')}
            <Kbd>{CALL_KEYS.available}</Kbd>
          </Button>
        }
      >
        <AlertTitle>{t('presence.unavailableTitle')}</AlertTitle>
        {message}
      </Alert>
    );
  }
  return (
    <Alert
      severity="info"
      square
      role="status"
      data-testid="presence-notice"
      data-reason={notice.reason}
      onClose={() => dispatch(noticeDismissed())}
      slotProps={{ closeButton: { title: t('presence.dismiss') } }}
    >
      {message}
    </Alert>
  );
}
