// "Boka återuppringning": phone number, reason, urgency and time window, checked as the nurse types; Ctrl+Enter books.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import type { CallbackBookingRequest } from '../../../../core/backend-api/calls';
import { parsePatientId } from '../../../../core/identity/patientId';
import { URGENCY_CLASSES, URGENCY_CLASS_LABELS, type UrgencyClass } from '../../../../core/queue/priority';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { fromSwedishInputValue, toSwedishInputValue } from '../../app/swedishTime';
import { Kbd } from '../calls/Kbd';
import { useCallErrorText } from '../calls/useCallErrorText';
import { callbackBookingCancelled, selectCallbacks, type CallbackPrefill } from './callbacksSlice';
import { bookCallback } from './callbackThunks';

/** A callback window is an hour unless the nurse says otherwise. */
const DEFAULT_WINDOW_MINUTES = 60;
const QUICK_STARTS = [0, 30, 60, 120] as const;

/** Same rule as the backend: an optional + and 6–15 digits once spaces and dashes are gone. */
export function checkPhone(input: string): 'missing' | 'invalid' | null {
  const digits = input.trim().replace(/[\s-]/g, '');
  if (digits === '') return 'missing';
  return /^\+?\d{6,15}$/.test(digits) ? null : 'invalid';
}

export function CallbackBookingDialog() {
  const dispatch = useAppDispatch();
  const { booking } = useAppSelector(selectCallbacks);
  return (
    <Dialog
      open={booking.open}
      onClose={() => dispatch(callbackBookingCancelled())}
      maxWidth="sm"
      fullWidth
      aria-labelledby="callback-booking-title"
    >
      {booking.open && <BookingForm prefill={booking.prefill} />}
    </Dialog>
  );
}

function BookingForm({ prefill }: { prefill: CallbackPrefill }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { submitting, error } = useAppSelector(selectCallbacks).booking;
  const errorText = useCallErrorText();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const opened = useMemo(() => new Date(), []);

  const [phone, setPhone] = useState(prefill.phone ?? '');
  const [personnummer, setPersonnummer] = useState(prefill.personnummer ?? '');
  const [reason, setReason] = useState(prefill.reason ?? '');
  const [urgency, setUrgency] = useState<UrgencyClass>(prefill.urgencyClass ?? 'green');
  const [start, setStart] = useState(() => toSwedishInputValue(opened));
  const [end, setEnd] = useState(() =>
    toSwedishInputValue(new Date(opened.getTime() + DEFAULT_WINDOW_MINUTES * 60_000)),
  );
  const [submitted, setSubmitted] = useState(false);

  const phoneProblem = checkPhone(phone);
  const reasonShort = reason.trim().length < 3;
  // The window fields show and mean Swedish time, whatever zone the computer is in.
  const startMs = fromSwedishInputValue(start)?.getTime() ?? NaN;
  const endMs = fromSwedishInputValue(end)?.getTime() ?? NaN;
  const windowProblem =
    Number.isNaN(startMs) || Number.isNaN(endMs)
      ? 'windowMissing'
      : endMs <= startMs
        ? 'windowInvalid'
        : endMs <= Date.now()
          ? 'windowPast'
          : null;
  const personnummerCheck =
    personnummer.trim() === '' ? null : parsePatientId(personnummer, { today: new Date() });

  const setStartIn = (minutes: number) => {
    const from = new Date(Date.now() + minutes * 60_000);
    setStart(toSwedishInputValue(from));
    setEnd(toSwedishInputValue(new Date(from.getTime() + DEFAULT_WINDOW_MINUTES * 60_000)));
  };

  const submit = (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    setSubmitted(true);
    if (phoneProblem || reasonShort || windowProblem || (personnummerCheck && !personnummerCheck.ok)) return;
    const request: CallbackBookingRequest = {
      phone: phone.trim(),
      reason: reason.trim(),
      urgencyClass: urgency,
      windowStart: new Date(startMs).toISOString(),
      windowEnd: new Date(endMs).toISOString(),
      ...(personnummerCheck?.ok ? { personnummer: personnummerCheck.value.normalized } : {}),
      ...(prefill.language ? { language: prefill.language } : {}),
      ...(prefill.redFlags && prefill.redFlags.length > 0 ? { redFlags: prefill.redFlags } : {}),
      ...(prefill.sourceCallId ? { sourceCallId: prefill.sourceCallId } : {}),
      ...(prefill.caseId ? { caseId: prefill.caseId } : {}),
    };
    void dispatch(bookCallback(request));
  };

  const show = (problem: boolean) => submitted && problem;

  return (
    <Box
      component="form"
      onSubmit={submit}
      noValidate
      data-testid="callback-form"
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
          // Books here, and goes no further: behind the dialog Ctrl+Enter would sign the case's note.
          event.stopPropagation();
          submit(event);
        }
      }}
    >
      <DialogTitle id="callback-booking-title">{t('callbacks.form.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2.5} sx={{ pt: 1 }}>
          {error && (
            <Alert severity="error" role="alert">
              {errorText(error)}
            </Alert>
          )}
          {(prefill.sourceCallId || prefill.caseId) && (
            <Typography variant="body2" color="text.secondary">
              {prefill.caseId ? t('callbacks.form.fromCall') : t('callbacks.form.fromQueue')}
            </Typography>
          )}
          <TextField
            label={t('callbacks.form.phone')}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            autoFocus={!prefill.phone}
            required
            type="tel"
            error={show(phoneProblem !== null) || (phoneProblem === 'invalid' && phone.trim().length > 8)}
            helperText={
              phoneProblem === 'missing' && submitted
                ? t('callbacks.form.phoneMissing')
                : phoneProblem === 'invalid' && (submitted || phone.trim().length > 8)
                  ? t('callbacks.form.phoneInvalid')
                  : t('callbacks.form.phoneHelp')
            }
            slotProps={{ htmlInput: { 'data-testid': 'callback-phone' } }}
          />
          <TextField
            label={t('callbacks.form.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus={Boolean(prefill.phone)}
            required
            multiline
            minRows={2}
            error={show(reasonShort)}
            helperText={
              show(reasonShort) ? t('callbacks.form.reasonTooShort') : t('callbacks.form.reasonHelp')
            }
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'callback-reason' } }}
          />
          <Stack spacing={0.5}>
            <Typography variant="body2" id="callback-urgency-label">
              {t('callbacks.form.urgency')}
            </Typography>
            <ToggleButtonGroup
              exclusive
              value={urgency}
              onChange={(_e, value: UrgencyClass | null) => value && setUrgency(value)}
              aria-labelledby="callback-urgency-label"
              size="small"
            >
              {URGENCY_CLASSES.map((value) => (
                <ToggleButton
                  key={value}
                  value={value}
                  sx={{ px: 2 }}
                  data-testid={`callback-urgency-${value}`}
                >
                  {URGENCY_CLASS_LABELS[value][language]}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Stack>
          <Stack direction="row" spacing={2}>
            <TextField
              label={t('callbacks.form.start')}
              type="datetime-local"
              value={start}
              onChange={(e) => setStart(e.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              label={t('callbacks.form.end')}
              type="datetime-local"
              value={end}
              onChange={(e) => setEnd(e.target.value)}
              error={windowProblem !== null && (submitted || windowProblem === 'windowInvalid')}
              helperText={
                windowProblem !== null && (submitted || windowProblem === 'windowInvalid')
                  ? t(`callbacks.form.${windowProblem}`)
                  : ' '
              }
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </Stack>
          <Stack direction="row" spacing={1}>
            {QUICK_STARTS.map((minutes) => (
              <Button key={minutes} size="small" variant="outlined" onClick={() => setStartIn(minutes)}>
                {minutes === 0 ? t('callbacks.form.startNow') : t('callbacks.form.inMinutes', { minutes })}
              </Button>
            ))}
          </Stack>
          <TextField
            label={t('callbacks.form.personnummer')}
            value={personnummer}
            onChange={(e) => setPersonnummer(e.target.value)}
            error={
              personnummerCheck !== null && !personnummerCheck.ok && (submitted || personnummer.length >= 10)
            }
            helperText={
              personnummerCheck && !personnummerCheck.ok && (submitted || personnummer.length >= 10)
                ? personnummerCheck.error[language]
                : ' '
            }
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => dispatch(callbackBookingCancelled())}>{t('callbacks.form.cancel')}</Button>
        <Button
          type="submit"
          variant="contained"
          disabled={submitting}
          startIcon={submitting ? <CircularProgress aria-hidden size={16} color="inherit" /> : undefined}
          aria-keyshortcuts="Control+Enter"
          data-testid="callback-submit"
        >
          {submitting ? t('callbacks.form.submitting') : t('callbacks.form.submit')}
          <Kbd>Ctrl+Enter</Kbd>
        </Button>
      </DialogActions>
    </Box>
  );
}
