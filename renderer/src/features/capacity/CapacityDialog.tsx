// The change dialog for one unit: green / amber / red with what each means, how long it holds (hours, until 07:00, a time of one's own), save or remove.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
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
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import type { UnitCapacityView } from '../../../../core/api/capacity';
import type { BridgeError } from '../../../../core/api/bridge';
import { CAPACITY_STATUSES, type CapacityStatus } from '../../../../core/referral/catalog';
import { CapacityStatusChip } from './CapacityStatusChip';
import { useCapacityText } from './useCapacityText';
import {
  defaultValidityChoice,
  expiryOf,
  formatSpan,
  minutesUntil,
  stateAt,
  validityOf,
  VALIDITY_CHOICES,
  type ValidityChoice,
} from './validity';

/** Group labels stay in the text colour when focused: the focus shows on the radio itself. */
const LABEL_SX = {
  fontWeight: 700,
  color: 'text.primary',
  mb: 0.5,
  '&.Mui-focused': { color: 'text.primary' },
};

export interface CapacityDialogProps {
  unit: UnitCapacityView;
  now: number;
  ownHsaId: string | undefined;
  maxValidityHours: number;
  offline: boolean;
  saving: 'set' | 'clear' | null;
  error: BridgeError | null;
  onSave: (status: CapacityStatus, validity: NonNullable<ReturnType<typeof validityOf>>) => void;
  onClear: () => void;
  onClose: () => void;
}

export function CapacityDialog(props: CapacityDialogProps) {
  const { t } = useTranslation();
  const text = useCapacityText();
  const { unit, now } = props;
  const current = stateAt(unit, now);
  // A status in force is the starting point; with none, the team lead chooses (nothing is pre-set to red).
  const [status, setStatus] = useState<CapacityStatus | null>(current === 'unknown' ? null : current);
  const [choice, setChoice] = useState<ValidityChoice>(() => defaultValidityChoice(new Date(now)));
  const [customClock, setCustomClock] = useState('');
  const [tried, setTried] = useState(false);
  const expiry = expiryOf(choice, new Date(now), customClock);
  const customInvalid = choice === 'custom' && expiry === null;
  const titleId = `capacity-dialog-title-${unit.hsaId}`;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    setTried(true);
    const validity = validityOf(choice, new Date(now), customClock);
    if (!status || !validity || props.saving) return;
    props.onSave(status, validity);
  };

  // Enter saves from the radio buttons too (browsers submit implicitly only from text fields).
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.type === 'radio') {
      event.preventDefault();
      submit();
    }
  };

  const currentLine =
    current === 'unknown'
      ? null
      : t('capacity.dialog.currentUntil', {
          time: unit.capacity?.expiresAt
            ? text.time(unit.capacity.expiresAt, now)
            : t('capacity.until.noExpiry'),
          by: text.setBy(unit.capacity?.setBy, props.ownHsaId),
        });
  const failure = props.error ? text.error(props.error) : null;

  return (
    <Dialog
      open
      onClose={props.saving ? undefined : props.onClose}
      aria-labelledby={titleId}
      maxWidth="sm"
      fullWidth
      data-testid="capacity-dialog"
    >
      <Box component="form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
        <DialogTitle id={titleId} sx={{ pb: 0.5 }}>
          {t('capacity.dialog.title', { name: unit.name })}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2.5}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
              <Typography variant="body2" sx={{ fontWeight: 700 }}>
                {t('capacity.dialog.now')}
              </Typography>
              <CapacityStatusChip state={current} />
              {currentLine && (
                <Typography variant="body2" color="text.secondary" data-testid="capacity-dialog-current">
                  {currentLine}
                </Typography>
              )}
            </Stack>

            {props.offline && (
              <Alert severity="warning" data-testid="capacity-dialog-offline">
                {t('capacity.dialog.offline')}
              </Alert>
            )}

            <FormControl error={tried && !status}>
              <FormLabel id={`${titleId}-status`} sx={LABEL_SX}>
                {t('capacity.dialog.statusLabel')}
              </FormLabel>
              <RadioGroup
                aria-labelledby={`${titleId}-status`}
                value={status ?? ''}
                onChange={(event) => setStatus(event.target.value as CapacityStatus)}
              >
                {CAPACITY_STATUSES.map((option, index) => (
                  <FormControlLabel
                    key={option}
                    value={option}
                    control={<Radio autoFocus={status === null ? index === 0 : status === option} />}
                    label={
                      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', py: 0.5 }}>
                        <CapacityStatusChip state={option} />
                        <Typography id={`${titleId}-${option}-meaning`} variant="body2">
                          {text.meaning(option)}
                        </Typography>
                      </Stack>
                    }
                  />
                ))}
              </RadioGroup>
              {tried && !status && (
                <Typography variant="body2" color="error" role="alert">
                  {t('capacity.dialog.chooseStatus')}
                </Typography>
              )}
            </FormControl>

            <FormControl>
              <FormLabel id={`${titleId}-validity`} sx={LABEL_SX}>
                {t('capacity.dialog.validityLabel')}
              </FormLabel>
              <RadioGroup
                row
                aria-labelledby={`${titleId}-validity`}
                value={choice}
                onChange={(event) => setChoice(event.target.value as ValidityChoice)}
              >
                {VALIDITY_CHOICES.map((option) => (
                  <FormControlLabel
                    key={option}
                    value={option}
                    control={<Radio size="small" />}
                    label={t(`capacity.dialog.choice.${option}`)}
                    sx={{ mr: 2 }}
                  />
                ))}
              </RadioGroup>
              {choice === 'custom' && (
                <TextField
                  autoFocus
                  size="small"
                  label={t('capacity.dialog.customLabel')}
                  placeholder="06:30"
                  value={customClock}
                  onChange={(event) => setCustomClock(event.target.value)}
                  error={tried && customInvalid}
                  helperText={
                    tried && customInvalid
                      ? t('capacity.dialog.customInvalid')
                      : t('capacity.dialog.customHelp', { max: props.maxValidityHours })
                  }
                  slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'capacity-custom-time' } }}
                  sx={{ mt: 1, maxWidth: 240 }}
                />
              )}
            </FormControl>

            {expiry && (
              <Typography variant="body2" data-testid="capacity-dialog-preview" sx={{ fontWeight: 600 }}>
                {t('capacity.dialog.preview', {
                  time: text.time(expiry, now),
                  span: formatSpan(minutesUntil(expiry, now)),
                })}
              </Typography>
            )}

            {failure && (
              <Alert severity="error" data-testid="capacity-dialog-error">
                {failure.text}
                {failure.server && (
                  <Typography variant="body2" sx={{ mt: 0.5, opacity: 0.9 }}>
                    {t('capacity.errors.serverSaid', { message: failure.server })}
                  </Typography>
                )}
              </Alert>
            )}
            <Typography variant="caption" color="text.secondary">
              {t('capacity.dialog.keys')}
            </Typography>
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2, gap: 1, flexWrap: 'wrap' }}>
          {unit.capacity && (
            <Button
              color="inherit"
              variant="outlined"
              onClick={props.onClear}
              disabled={props.saving !== null}
              startIcon={
                props.saving === 'clear' ? (
                  <CircularProgress aria-hidden size={14} color="inherit" />
                ) : undefined
              }
              sx={{ mr: 'auto' }}
            >
              {props.saving === 'clear' ? t('capacity.dialog.clearing') : t('capacity.dialog.clear')}
            </Button>
          )}
          <Button color="inherit" onClick={props.onClose} disabled={props.saving !== null}>
            {t('capacity.dialog.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            disabled={props.saving !== null}
            startIcon={
              props.saving === 'set' ? <CircularProgress aria-hidden size={14} color="inherit" /> : undefined
            }
          >
            {props.saving === 'set' ? t('capacity.dialog.saving') : t('capacity.dialog.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
