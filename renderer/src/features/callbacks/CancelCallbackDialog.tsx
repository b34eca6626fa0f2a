// Cancelling a booked callback that is not due yet: the nurse says why, and the colleagues see it was cancelled.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import type { BridgeError } from '../../../../core/api/bridge';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useCallErrorText } from '../calls/useCallErrorText';
import { callbackCancelDismissed, selectCallbacks } from './callbacksSlice';
import { cancelCallback } from './callbackThunks';

const MIN_REASON = 3;

export function CancelCallbackDialog() {
  const dispatch = useAppDispatch();
  const { items, cancelling } = useAppSelector(selectCallbacks);
  const callback = items.find((item) => item.id === cancelling.callbackId) ?? null;
  // Remounted per callback (key below), so the reason starts empty each time.
  return callback ? (
    <CancelForm
      key={callback.id}
      phone={callback.phone}
      reasonBooked={callback.reason}
      submitting={cancelling.submitting}
      error={cancelling.error}
      onClose={() => dispatch(callbackCancelDismissed())}
      onSubmit={(reason) => void dispatch(cancelCallback({ callbackId: callback.id, reason }))}
    />
  ) : null;
}

function CancelForm({
  phone,
  reasonBooked,
  submitting,
  error,
  onClose,
  onSubmit,
}: {
  phone: string;
  reasonBooked: string;
  submitting: boolean;
  error: BridgeError | null;
  onClose: () => void;
  onSubmit: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const errorText = useCallErrorText();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const tooShort = reason.trim().length < MIN_REASON;
  const submit = () => {
    setTried(true);
    if (!tooShort && !submitting) onSubmit(reason.trim());
  };
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="cancel-callback-title"
      data-testid="cancel-callback-dialog"
    >
      <DialogTitle id="cancel-callback-title">{t('callbacks.cancel.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {t('callbacks.cancel.intro', { phone, reason: reasonBooked })}
        </DialogContentText>
        {error && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {errorText(error)}
          </Alert>
        )}
        <TextField
          autoFocus
          fullWidth
          multiline
          minRows={2}
          label={t('callbacks.cancel.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              submit();
            }
          }}
          error={tried && tooShort}
          helperText={
            tried && tooShort ? t('callbacks.cancel.reasonTooShort') : t('callbacks.cancel.reasonHelp')
          }
          slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'cancel-callback-reason' } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('callbacks.cancel.keep')}</Button>
        <Button
          variant="contained"
          color="error"
          onClick={submit}
          disabled={submitting}
          data-testid="cancel-callback-submit"
        >
          {submitting ? t('callbacks.cancel.submitting') : t('callbacks.cancel.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
