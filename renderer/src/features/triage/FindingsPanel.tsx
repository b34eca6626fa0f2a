// The call's findings in the triage panel: sex when the personnummer does not give it, temperature, duration, pregnancy week, risk factors.
//
// Entered once per call and read by every protocol's rules. A field a rule still needs is marked, so the
// nurse sees why the disposition is provisional; "Vet ej" lets the rule's own policy decide.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  InputAdornment,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { DISPOSITION_LADDER } from '../../../../core/triage/dispositionLadder';
import type { FindingNeeded } from '../../../../core/triage/engineTypes';
import {
  RISK_FACTOR_IDS,
  RISK_FACTORS,
  type NumericFinding,
  type PatientSex,
  type RiskFactor,
  type TriageFindings,
} from '../../../../core/triage/findings';
import { findingText, parseFindingInput } from './findingsInput';

/** Risk factors that cannot apply to a male patient. */
const FEMALE_ONLY: ReadonlySet<RiskFactor> = new Set(['pregnancy', 'recent-birth']);

/** The numeric fields in the order they are shown; pregnancy week is not asked of a male patient. */
const NUMERIC_FIELDS: readonly {
  finding: NumericFinding;
  unit?: string;
  width: number;
  help: 'temperatureHelp' | 'durationHelp' | 'pregnancyHelp';
  femaleOnly?: true;
}[] = [
  { finding: 'temperatureC', unit: '°C', width: 190, help: 'temperatureHelp' },
  { finding: 'durationHours', width: 210, help: 'durationHelp' },
  { finding: 'pregnancyWeek', width: 190, help: 'pregnancyHelp', femaleOnly: true },
];

export interface FindingsPanelProps {
  caseId: string;
  findings: TriageFindings;
  /** The sex triage uses (from the personnummer or as asked); null = unknown. */
  sex: PatientSex | null;
  /** True when the personnummer gives the sex: it is shown, not asked. */
  sexFromIdentity: boolean;
  needed: readonly FindingNeeded[];
  readOnly: boolean;
  onSex: (sex: PatientSex | null) => void;
  onFinding: (finding: NumericFinding, value: number | 'unknown' | undefined) => void;
  onRiskFactors: (riskFactors: RiskFactor[] | 'unknown' | undefined) => void;
}

export function FindingsPanel(props: FindingsPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const { caseId, findings, sex, needed, readOnly } = props;
  const neededText = (key: string) => {
    const need = needed.find((n) => n.finding === key);
    return need
      ? t('triage.findings.needed', { level: `${need.level} ${DISPOSITION_LADDER[need.level].label[lang]}` })
      : null;
  };
  const risks = findings.riskFactors;
  const shownRisks = RISK_FACTOR_IDS.filter((id) => sex !== 'male' || FEMALE_ONLY.has(id) === false);
  const riskNeed = neededText('riskFactors');
  const sexNeed = neededText('sex');

  return (
    <Box
      component="section"
      aria-labelledby={`findings-title-${caseId}`}
      data-testid="triage-findings"
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', mb: 1 }}>
        <Typography
          id={`findings-title-${caseId}`}
          variant="subtitle1"
          component="h3"
          sx={{ fontWeight: 700 }}
        >
          {t('triage.findings.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('triage.findings.intro')}
        </Typography>
      </Stack>
      {!props.sexFromIdentity && (
        <FormControl disabled={readOnly} data-testid="finding-sex">
          <FormLabel id={`sex-label-${caseId}`}>{t('triage.findings.sex')}</FormLabel>
          <RadioGroup
            row
            aria-labelledby={`sex-label-${caseId}`}
            value={sex ?? 'unknown'}
            onChange={(event) => {
              const value = event.target.value;
              props.onSex(value === 'female' || value === 'male' ? value : null);
            }}
          >
            <FormControlLabel
              value="female"
              control={<Radio size="small" />}
              label={t('triage.findings.female')}
            />
            <FormControlLabel
              value="male"
              control={<Radio size="small" />}
              label={t('triage.findings.male')}
            />
            <FormControlLabel
              value="unknown"
              control={<Radio size="small" />}
              label={t('triage.findings.sexUnknown')}
            />
          </RadioGroup>
          {sexNeed && <NeedText text={sexNeed} />}
        </FormControl>
      )}
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ flexWrap: 'wrap', alignItems: 'flex-start', mt: 1 }}
      >
        {NUMERIC_FIELDS.filter((field) => sex !== 'male' || !field.femaleOnly).map((field) => (
          <NumericFindingField
            key={field.finding}
            finding={field.finding}
            value={findings[field.finding]}
            unit={field.unit}
            width={field.width}
            help={t(`triage.findings.${field.help}`)}
            needed={neededText(field.finding)}
            readOnly={readOnly}
            onChange={(value) => props.onFinding(field.finding, value)}
          />
        ))}
      </Stack>
      <FormControl
        component="fieldset"
        disabled={readOnly}
        sx={{ mt: 1, display: 'block' }}
        data-testid="finding-risks"
      >
        <FormLabel component="legend">
          {t('triage.findings.riskFactors')}:{' '}
          {risks === undefined
            ? t('triage.findings.notAsked')
            : risks === 'unknown'
              ? t('triage.findings.riskUnknownChosen')
              : risks.length === 0
                ? t('triage.findings.riskNoneChosen')
                : risks.map((id) => RISK_FACTORS[id][lang]).join(', ')}
        </FormLabel>
        {riskNeed && <NeedText text={riskNeed} />}
        <FormGroup row>
          {shownRisks.map((id) => (
            <FormControlLabel
              key={id}
              label={RISK_FACTORS[id][lang]}
              control={
                <Checkbox
                  size="small"
                  checked={Array.isArray(risks) && risks.includes(id)}
                  onChange={(event) => {
                    const current = Array.isArray(risks) ? risks : [];
                    props.onRiskFactors(
                      event.target.checked ? [...current, id] : current.filter((r) => r !== id),
                    );
                  }}
                />
              }
            />
          ))}
        </FormGroup>
        <Stack direction="row" spacing={1}>
          <Button size="small" variant="outlined" onClick={() => props.onRiskFactors([])} disabled={readOnly}>
            {t('triage.findings.riskNone')}
          </Button>
          <Button
            size="small"
            variant="outlined"
            onClick={() => props.onRiskFactors('unknown')}
            disabled={readOnly}
          >
            {t('triage.findings.unknown')}
          </Button>
          {risks !== undefined && (
            <Button size="small" onClick={() => props.onRiskFactors(undefined)} disabled={readOnly}>
              {t('triage.findings.riskClear')}
            </Button>
          )}
        </Stack>
      </FormControl>
    </Box>
  );
}

function NeedText({ text }: { text: string }) {
  return (
    <Typography variant="caption" sx={{ color: 'warning.main', fontWeight: 700 }} data-finding-needed>
      {text}
    </Typography>
  );
}

/** One numeric finding: typed as the nurse says it, kept as typed while it is being written, or "Vet ej". */
function NumericFindingField({
  finding,
  value,
  unit,
  width,
  help,
  needed,
  readOnly,
  onChange,
}: {
  finding: NumericFinding;
  value: number | 'unknown' | undefined;
  unit?: string;
  width: number;
  help: string;
  needed: string | null;
  readOnly: boolean;
  onChange: (value: number | 'unknown' | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const number = (n: number) => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE').format(n);
  const asText = (v: typeof value) => (typeof v === 'number' ? findingText(finding, v) : '');
  const [text, setText] = useState(() => asText(value));
  const [shown, setShown] = useState(value);
  const parsed = parseFindingInput(finding, text);
  // A value from elsewhere (the stored record read after the panel opened) replaces the text, unless it is what is being typed.
  if (value !== shown) {
    setShown(value);
    if (!(parsed.ok && parsed.value === value)) setText(asText(value));
  }
  const unknown = value === 'unknown';
  const error = !unknown && !parsed.ok;
  const errorText = parsed.ok
    ? null
    : parsed.reason === 'range'
      ? t('triage.findings.range', { min: number(parsed.min), max: number(parsed.max) })
      : finding === 'durationHours'
        ? t('triage.findings.invalidDuration')
        : t('triage.findings.invalid', { example: finding === 'temperatureC' ? '38,5' : '24' });
  return (
    <Stack spacing={0} sx={{ width }}>
      <TextField
        size="small"
        label={t(`triage.findings.${finding}`)}
        value={unknown ? '' : text}
        disabled={readOnly || unknown}
        error={error}
        onChange={(event) => {
          setText(event.target.value);
          const next = parseFindingInput(finding, event.target.value);
          if (next.ok) onChange(next.value);
        }}
        helperText={error ? errorText : (needed ?? help)}
        slotProps={{
          formHelperText: needed && !error ? { sx: { color: 'warning.main', fontWeight: 700 } } : {},
          htmlInput: {
            'data-testid': `finding-${finding}`,
            inputMode: finding === 'durationHours' ? 'text' : 'decimal',
          },
          input: unit ? { endAdornment: <InputAdornment position="end">{unit}</InputAdornment> } : {},
        }}
      />
      <FormControlLabel
        disabled={readOnly}
        label={t('triage.findings.unknown')}
        control={
          <Checkbox
            size="small"
            checked={unknown}
            slotProps={{
              input: { 'aria-label': `${t(`triage.findings.${finding}`)}: ${t('triage.findings.unknown')}` },
            }}
            onChange={(event) => {
              if (event.target.checked) onChange('unknown');
              else {
                const next = parseFindingInput(finding, text);
                onChange(next.ok ? next.value : undefined);
              }
            }}
          />
        }
      />
    </Stack>
  );
}
