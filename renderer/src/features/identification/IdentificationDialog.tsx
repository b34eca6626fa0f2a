// "Nytt ärende": identify the patient (any number form, or unidentified with a description) and who is calling.
import { useRef, useState } from 'react';
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
  FormControl,
  FormControlLabel,
  FormLabel,
  Checkbox,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import type { CreateCaseArgs } from '../../../../core/api/cases';
import {
  THIRD_PARTY_RELATIONS,
  THIRD_PARTY_RELATION_LABELS,
  type ThirdPartyRelation,
} from '../../../../core/identity/patientId';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useBridgeErrorText } from '../cases/useBridgeErrorText';
import { createCase } from '../cases/caseThunks';
import { newCaseCancelled, selectIdentification } from './identificationSlice';
import {
  useIdErrorText,
  useParsedDescription,
  usePatientIdCheck,
  useReservnummerFormat,
} from './usePatientIdCheck';

const PHONE_PATTERN = /^\+?[0-9 ()-]{5,20}$/;

export function IdentificationDialog() {
  const { open } = useAppSelector(selectIdentification);
  const dispatch = useAppDispatch();
  return (
    <Dialog
      open={open}
      onClose={() => dispatch(newCaseCancelled())}
      maxWidth="sm"
      fullWidth
      aria-labelledby="identification-title"
    >
      {open && <IdentificationForm />}
    </Dialog>
  );
}

function IdentificationForm() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { creating, error } = useAppSelector(selectIdentification);
  const errorText = useBridgeErrorText();
  const idErrorText = useIdErrorText();
  const describe = useParsedDescription();
  const format = useReservnummerFormat();
  const language = i18n.language === 'en' ? 'en' : 'sv';

  const [identity, setIdentity] = useState<'number' | 'unidentified'>('number');
  const [number, setNumber] = useState('');
  const [numberBlurred, setNumberBlurred] = useState(false);
  const [description, setDescription] = useState('');
  const [caller, setCaller] = useState<'self' | 'thirdParty'>('self');
  const [callerName, setCallerName] = useState('');
  const [relation, setRelation] = useState<ThirdPartyRelation>('foralder');
  const [phone, setPhone] = useState('');
  const [kontaktorsak, setKontaktorsak] = useState('');
  const [submitted, setSubmitted] = useState(false);
  // During a call the case carries the call's id; a call that has a case already gets a second one only if she says so.
  const call = useAppSelector((state) => state.activeCall.call);
  const callHasCase = useAppSelector((state) => state.activeCall.caseId !== null);
  const [anotherForCall, setAnotherForCall] = useState(false);
  const anotherMissing = call !== null && callHasCase && !anotherForCall;
  const anotherRef = useRef<HTMLInputElement>(null);
  const numberRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLInputElement>(null);

  const check = usePatientIdCheck(number);

  // While typing, a number that is merely too short so far is not yet an error; everything else is.
  const numberInvalid =
    check !== null && !check.ok && (check.error.code !== 'wrong-length' || numberBlurred || submitted);
  const numberMissing = identity === 'number' && submitted && check === null;
  const descriptionMissing = identity === 'unidentified' && submitted && description.trim() === '';
  const nameMissing = caller === 'thirdParty' && submitted && callerName.trim() === '';
  const phoneInvalid = caller === 'thirdParty' && phone.trim() !== '' && !PHONE_PATTERN.test(phone.trim());

  const numberHelp =
    check === null
      ? numberMissing
        ? idErrorText({
            ok: false,
            error: { code: 'empty', sv: 'Inget nummer angivet', en: 'No number entered' },
          })
        : format
          ? t('identification.number.help', { example: format.example })
          : t('identification.number.helpNoReserv')
      : check.ok
        ? describe(check.value)
        : idErrorText(check);

  const submit = (event: { preventDefault(): void }) => {
    event.preventDefault();
    setSubmitted(true);
    if (identity === 'number' && (check === null || !check.ok)) {
      numberRef.current?.focus();
      return;
    }
    if (identity === 'unidentified' && description.trim() === '') {
      descriptionRef.current?.focus();
      return;
    }
    if (caller === 'thirdParty' && (callerName.trim() === '' || phoneInvalid)) return;
    if (anotherMissing) {
      anotherRef.current?.focus();
      return;
    }
    const args: CreateCaseArgs = {
      patient:
        identity === 'number'
          ? { kind: 'identified', number: number.trim() }
          : { kind: 'unidentified', description: description.trim() },
      caller:
        caller === 'self'
          ? 'self'
          : { name: callerName.trim(), relation, ...(phone.trim() ? { phone: phone.trim() } : {}) },
      ...(kontaktorsak.trim() ? { kontaktorsak: kontaktorsak.trim() } : {}),
      ...(call ? { callId: call.id, ...(callHasCase ? { anotherCaseForCall: true as const } : {}) } : {}),
    };
    void dispatch(createCase(args));
  };

  return (
    <Box component="form" onSubmit={submit} noValidate data-testid="identification-form">
      <DialogTitle id="identification-title">{t('identification.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2.5} sx={{ pt: 1 }}>
          {error && (
            <Alert severity="error" role="alert">
              {t('identification.error', { message: errorText(error) })}
            </Alert>
          )}
          {call && callHasCase && (
            <Alert severity="info" role="status" data-testid="identification-call-has-case">
              {t('identification.callHasCase.text')}
              <FormControlLabel
                sx={{ display: 'flex', mt: 1 }}
                control={
                  <Checkbox
                    checked={anotherForCall}
                    onChange={(event) => setAnotherForCall(event.target.checked)}
                    slotProps={{
                      input: {
                        ref: anotherRef,
                        'aria-describedby':
                          submitted && anotherMissing ? 'identification-another-missing' : undefined,
                      },
                    }}
                  />
                }
                label={t('identification.callHasCase.another')}
              />
              {submitted && anotherMissing && (
                <Box id="identification-another-missing" role="alert" sx={{ fontWeight: 600 }}>
                  {t('identification.callHasCase.missing')}
                </Box>
              )}
            </Alert>
          )}
          <FormControl>
            <FormLabel id="identity-label">{t('identification.identity.label')}</FormLabel>
            <RadioGroup
              row
              aria-labelledby="identity-label"
              value={identity}
              onChange={(e) => {
                const next = e.target.value as 'number' | 'unidentified';
                setIdentity(next);
                // The cursor follows the choice once its field is on screen.
                setTimeout(() => (next === 'number' ? numberRef : descriptionRef).current?.focus(), 0);
              }}
            >
              <FormControlLabel
                value="number"
                control={<Radio />}
                label={t('identification.identity.withNumber')}
              />
              <FormControlLabel
                value="unidentified"
                control={<Radio />}
                label={t('identification.identity.unidentified')}
              />
            </RadioGroup>
          </FormControl>

          {identity === 'number' ? (
            <TextField
              autoFocus
              inputRef={numberRef}
              label={t('identification.number.label')}
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              onBlur={() => setNumberBlurred(true)}
              error={numberInvalid || numberMissing}
              helperText={
                <Box
                  component="span"
                  data-testid="patient-id-feedback"
                  data-valid={check?.ok === true ? 'true' : 'false'}
                  sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
                >
                  {check?.ok && <CheckCircleIcon fontSize="inherit" color="success" aria-hidden />}
                  {numberHelp}
                </Box>
              }
              autoComplete="off"
              slotProps={{
                htmlInput: { spellCheck: false, inputMode: 'text' },
                // What the number says (or what is wrong with it) is the point of this field: readable size.
                formHelperText: { sx: { fontSize: '0.875rem' }, 'aria-live': 'polite' } as object,
              }}
            />
          ) : (
            <TextField
              inputRef={descriptionRef}
              label={t('identification.unidentified.label')}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              error={descriptionMissing}
              helperText={
                descriptionMissing
                  ? t('identification.unidentified.missing')
                  : t('identification.unidentified.help')
              }
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
          )}

          <FormControl>
            <FormLabel id="caller-label">{t('identification.caller.label')}</FormLabel>
            <RadioGroup
              row
              aria-labelledby="caller-label"
              value={caller}
              onChange={(e) => setCaller(e.target.value as 'self' | 'thirdParty')}
            >
              <FormControlLabel value="self" control={<Radio />} label={t('identification.caller.self')} />
              <FormControlLabel
                value="thirdParty"
                control={<Radio />}
                label={t('identification.caller.thirdParty')}
              />
            </RadioGroup>
          </FormControl>

          {caller === 'thirdParty' && (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                label={t('identification.caller.name')}
                value={callerName}
                onChange={(e) => setCallerName(e.target.value)}
                error={nameMissing}
                helperText={nameMissing ? t('identification.caller.nameMissing') : ' '}
                slotProps={{ htmlInput: { maxLength: 200 } }}
              />
              <TextField
                select
                label={t('identification.caller.relation')}
                value={relation}
                onChange={(e) => setRelation(e.target.value as ThirdPartyRelation)}
                helperText=" "
              >
                {THIRD_PARTY_RELATIONS.map((value) => (
                  <MenuItem key={value} value={value}>
                    {THIRD_PARTY_RELATION_LABELS[value][language]}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label={t('identification.caller.phone')}
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                error={phoneInvalid}
                helperText={
                  phoneInvalid
                    ? t('identification.caller.phoneInvalid')
                    : t('identification.caller.phoneHelp')
                }
                slotProps={{ htmlInput: { inputMode: 'tel', maxLength: 20 } }}
              />
            </Stack>
          )}

          <TextField
            label={t('identification.kontaktorsak.label')}
            value={kontaktorsak}
            onChange={(e) => setKontaktorsak(e.target.value)}
            helperText={t('identification.kontaktorsak.help')}
            multiline
            minRows={2}
            onKeyDown={(e) => {
              // Enter creates the case from here too; Shift+Enter makes a new line.
              if (e.key === 'Enter' && !e.shiftKey) submit(e);
            }}
          />
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={() => dispatch(newCaseCancelled())} title="Esc">
          {t('identification.cancel')}
        </Button>
        <Button
          type="submit"
          variant="contained"
          disabled={creating}
          startIcon={creating ? <CircularProgress aria-hidden size={18} color="inherit" /> : undefined}
          title="Enter"
        >
          {creating ? t('identification.creating') : t('identification.create')}
        </Button>
      </DialogActions>
    </Box>
  );
}
