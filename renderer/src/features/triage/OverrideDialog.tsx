// Changing the protocols' disposition up or down: only with a reason code and a written justification, kept in the case.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import {
  DISPOSITION_LADDER,
  DISPOSITION_LEVELS,
  type DispositionLevel,
} from '../../../../core/triage/dispositionLadder';
import {
  OVERRIDE_REASON_CODES,
  OVERRIDE_REASON_LABELS,
  TriageOverrideSchema,
  type OverrideReasonCode,
  type TriageOverride,
} from '../../../../core/triage/record';
import { LevelChip } from './LevelChip';

export function OverrideDialog({
  open,
  engineLevel,
  current,
  onSave,
  onRemove,
  onClose,
  now = () => new Date(),
}: {
  open: boolean;
  /** The level the protocols give; the override starts from it. */
  engineLevel: DispositionLevel;
  current: TriageOverride | null;
  onSave: (override: TriageOverride) => void;
  onRemove: () => void;
  onClose: () => void;
  now?: () => Date;
}) {
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="override-title">
      {/* Remounted on every opening, so the form starts from the override in force. */}
      {open && (
        <OverrideForm
          engineLevel={engineLevel}
          current={current}
          onSave={onSave}
          onRemove={onRemove}
          onClose={onClose}
          now={now}
        />
      )}
    </Dialog>
  );
}

function OverrideForm({
  engineLevel,
  current,
  onSave,
  onRemove,
  onClose,
  now,
}: {
  engineLevel: DispositionLevel;
  current: TriageOverride | null;
  onSave: (override: TriageOverride) => void;
  onRemove: () => void;
  onClose: () => void;
  now: () => Date;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const [toLevel, setToLevel] = useState<DispositionLevel | null>(current?.toLevel ?? null);
  const [reasonCode, setReasonCode] = useState<OverrideReasonCode | ''>(current?.reasonCode ?? '');
  const [reasonText, setReasonText] = useState(current?.reasonText ?? '');
  const [tried, setTried] = useState(false);
  const levelText = (level: DispositionLevel) => `${level} ${DISPOSITION_LADDER[level].label[language]}`;

  const problems = {
    level: toLevel === null || toLevel === engineLevel,
    reason: reasonCode === '',
    text: reasonText.trim().length < 5,
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.level || problems.reason || problems.text || toLevel === null || reasonCode === '') return;
    const override = TriageOverrideSchema.parse({
      fromLevel: engineLevel,
      toLevel,
      reasonCode,
      reasonText: reasonText.trim(),
      overriddenAt: now().toISOString(),
    });
    onSave(override);
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id="override-title">{t('triage.override.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2.5}>
          <Typography>{t('triage.override.intro', { level: levelText(engineLevel) })}</Typography>
          <FormControl error={tried && problems.level}>
            <FormLabel id="override-level-label">{t('triage.override.level')}</FormLabel>
            <RadioGroup
              aria-labelledby="override-level-label"
              value={toLevel === null ? '' : String(toLevel)}
              onChange={(event) => setToLevel(Number(event.target.value) as DispositionLevel)}
            >
              {DISPOSITION_LEVELS.filter((level) => level !== engineLevel).map((level, index) => (
                <FormControlLabel
                  key={level}
                  value={String(level)}
                  control={<Radio autoFocus={index === 0 && current === null} />}
                  label={
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <LevelChip level={level} />
                      <Typography variant="body2" color="text.secondary">
                        {level < engineLevel ? t('triage.override.up') : t('triage.override.down')} ·{' '}
                        {DISPOSITION_LADDER[level].timeFrameText[language]}
                      </Typography>
                    </Stack>
                  }
                />
              ))}
            </RadioGroup>
            {tried && problems.level && <FormHelperText>{t('triage.override.chooseLevel')}</FormHelperText>}
          </FormControl>
          <TextField
            select
            label={t('triage.override.reason')}
            value={reasonCode}
            onChange={(event) => setReasonCode(event.target.value as OverrideReasonCode)}
            error={tried && problems.reason}
            helperText={tried && problems.reason ? t('triage.override.chooseReason') : ' '}
            slotProps={{ htmlInput: { 'data-testid': 'override-reason' } }}
          >
            {OVERRIDE_REASON_CODES.map((code) => (
              <MenuItem key={code} value={code}>
                {OVERRIDE_REASON_LABELS[code][language]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={t('triage.override.text')}
            value={reasonText}
            onChange={(event) => setReasonText(event.target.value)}
            multiline
            minRows={2}
            error={tried && problems.text}
            helperText={
              tried && problems.text ? t('triage.override.textTooShort') : t('triage.override.textHelp')
            }
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
          {tried && (problems.level || problems.reason || problems.text) && (
            <Alert severity="error" role="alert">
              {[
                problems.level && t('triage.override.chooseLevel'),
                problems.reason && t('triage.override.chooseReason'),
                problems.text && t('triage.override.textTooShort'),
              ]
                .filter(Boolean)
                .join(' ')}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        {current && (
          <Button color="error" onClick={onRemove} sx={{ mr: 'auto' }}>
            {t('triage.override.remove')}
          </Button>
        )}
        <Button onClick={onClose}>{t('triage.override.cancel')}</Button>
        <Button type="submit" variant="contained">
          {t('triage.override.save')}
        </Button>
      </DialogActions>
    </form>
  );
}
