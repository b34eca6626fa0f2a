// The referral receipt for the patient: download it as PDF, or send it by SMS after checking the number and confirming; what the note still lacks is said first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import SmsIcon from '@mui/icons-material/Sms';
import { normaliseSwedishMobile } from '../../../../core/backend-api/catalog';
import type { Note } from '../../../../core/case/note';
import { receiptMissing, type ReceiptField } from '../../../../core/referral/receiptReadiness';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectCaseView } from '../cases/caseViewSlice';
import { useBridgeErrorText } from '../cases/useBridgeErrorText';
import { selectDraft } from '../notes/notesSlice';
import { receiptErrorDismissed, selectCaseReferral, smsPhoneChanged } from './referralSlice';
import { downloadReceipt, sendReceiptSms } from './referralThunks';
import { useReferralFormat } from './format';

/** The newest signed note, as main makes the receipt from it; null when none is signed. */
function newestSigned(notes: readonly Note[]): Note | null {
  return (
    notes
      .filter((note) => note.status === 'signed')
      .sort((a, b) => (a.signedAt ?? '').localeCompare(b.signedAt ?? ''))
      .at(-1) ?? null
  );
}

/** What the receipt still needs, by main's rule: the newest signed note, else the draft as she types it. */
function useReceiptMissing(caseId: string): ReceiptField[] {
  const view = useAppSelector(selectCaseView);
  const draft = useAppSelector(selectDraft(caseId));
  const data = view.data?.case.id === caseId ? view.data : null;
  if (!data) return [];
  const note = newestSigned(data.notes) ?? draft?.fields ?? null;
  return receiptMissing({
    note,
    triageLevel: data.case.triage?.disposition?.level ?? null,
    unitChosen: data.case.referral !== null,
  });
}

export function ReceiptActions({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const errorText = useBridgeErrorText();
  const format = useReferralFormat();
  const referral = useAppSelector((state) => selectCaseReferral(state, caseId));
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const missing = useReceiptMissing(caseId);
  const ready = missing.length === 0;
  const missingText = (fields: readonly string[]) =>
    t('referral.receipt.incomplete', {
      missing: fields.map((field) => t(`referral.receipt.fields.${field}`)).join(', '),
    });

  const phone = referral.smsPhone;
  const checked = normaliseSwedishMobile(phone);
  const phoneError =
    touched && phone.trim() !== '' && !checked.ok
      ? checked.reason[i18n.language === 'en' ? 'en' : 'sv']
      : null;
  const canSend = ready && checked.ok && referral.smsStatus !== 'loading';

  // "Skicka?" is asked only of a receipt that can be made: what is missing is said before, not after.
  const askToSend = () => {
    setTouched(true);
    if (ready && checked.ok) setConfirming(true);
  };

  return (
    <Stack spacing={1.5} data-testid="referral-receipt">
      <Typography variant="subtitle2" component="h4">
        {t('referral.receipt.title')}
      </Typography>
      {!ready && (
        <Alert severity="info" data-testid="receipt-missing" id={`receipt-missing-${caseId}`}>
          {missingText(missing)}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}>
        <Button
          variant="outlined"
          startIcon={
            referral.receiptStatus === 'loading' ? (
              <CircularProgress aria-hidden size={16} color="inherit" />
            ) : (
              <PictureAsPdfIcon />
            )
          }
          onClick={() => void dispatch(downloadReceipt(caseId))}
          disabled={!ready || referral.receiptStatus === 'loading'}
          aria-describedby={ready ? undefined : `receipt-missing-${caseId}`}
        >
          {t('referral.receipt.pdf')}
        </Button>
        <TextField
          size="small"
          label={t('referral.receipt.phone')}
          placeholder="070-123 45 67"
          value={phone}
          onChange={(event) => dispatch(smsPhoneChanged({ caseId, phone: event.target.value }))}
          onBlur={() => setTouched(true)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              askToSend();
            }
          }}
          error={phoneError !== null}
          helperText={phoneError ?? t('referral.receipt.phoneHelp')}
          sx={{ width: 220 }}
          slotProps={{ htmlInput: { inputMode: 'tel', autoComplete: 'off' } }}
        />
        <Button
          variant="outlined"
          startIcon={
            referral.smsStatus === 'loading' ? (
              <CircularProgress aria-hidden size={16} color="inherit" />
            ) : (
              <SmsIcon />
            )
          }
          onClick={askToSend}
          disabled={!canSend}
          aria-describedby={ready ? undefined : `receipt-missing-${caseId}`}
        >
          {t('referral.receipt.sms')}
        </Button>
      </Stack>
      {referral.receiptError && (
        <Alert severity="error" onClose={() => dispatch(receiptErrorDismissed({ caseId }))}>
          {referral.receiptError.code === 'receipt_incomplete'
            ? missingText((referral.receiptError.details?.missing as string[] | undefined) ?? [])
            : errorText(referral.receiptError)}
        </Alert>
      )}
      {referral.smsStatus === 'done' && referral.smsSent && (
        <Alert severity="success" data-testid="referral-sms-sent">
          {t('referral.receipt.sent', {
            to: referral.smsSent.to,
            time: format.catalogTime(referral.smsSent.sentAt),
          })}
        </Alert>
      )}
      {referral.smsError && (
        <Alert severity="error">
          {referral.smsError.code === 'receipt_incomplete'
            ? missingText((referral.smsError.details?.missing as string[] | undefined) ?? [])
            : errorText(referral.smsError)}
        </Alert>
      )}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        aria-labelledby={`sms-confirm-${caseId}`}
      >
        <DialogTitle id={`sms-confirm-${caseId}`}>{t('referral.receipt.confirmTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('referral.receipt.confirmText', { phone: phone.trim() })}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{t('referral.receipt.cancel')}</Button>
          <Button
            variant="contained"
            autoFocus
            onClick={() => {
              setConfirming(false);
              void dispatch(sendReceiptSms({ caseId, phone }));
            }}
          >
            {t('referral.receipt.confirmSend')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
