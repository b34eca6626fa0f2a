// Structured findings of a call (temperature, duration, pregnancy week, risk factors) and the patient's sex: entered once, read by every protocol.
//
// Each finding is either a value, "unknown" (the caller cannot tell, e.g. no thermometer) or absent
// (not asked yet). Absent keeps a rule that needs the finding open; "unknown" lets the rule's own
// `unknown` policy decide.
import { z } from 'zod';

export const PATIENT_SEXES = ['female', 'male'] as const;
export type PatientSex = (typeof PATIENT_SEXES)[number];
export const PatientSexSchema = z.enum(PATIENT_SEXES, {
  error: 'Kön måste vara female eller male (sex must be female or male).',
});

export const SEX_LABELS: Readonly<Record<PatientSex, { sv: string; en: string }>> = {
  female: { sv: 'Kvinna', en: 'Female' },
  male: { sv: 'Man', en: 'Male' },
};

/** Risk factors a nurse asks about once per call; protocols refer to them by id in `{ risk: <id> }`. */
export const RISK_FACTORS = {
  anticoagulants: { sv: 'Blodförtunnande läkemedel', en: 'Anticoagulants' },
  immunosuppression: { sv: 'Nedsatt immunförsvar', en: 'Immunosuppression' },
  diabetes: { sv: 'Diabetes', en: 'Diabetes' },
  pregnancy: { sv: 'Graviditet', en: 'Pregnancy' },
  'heart-disease': { sv: 'Hjärtsjukdom', en: 'Heart disease' },
  'lung-disease': { sv: 'Lungsjukdom', en: 'Lung disease' },
  'kidney-disease': { sv: 'Njursjukdom', en: 'Kidney disease' },
  'cancer-treatment': { sv: 'Pågående cancerbehandling', en: 'Ongoing cancer treatment' },
  'recent-surgery': { sv: 'Nyligen opererad (4 veckor)', en: 'Recent surgery (4 weeks)' },
  'recent-birth': { sv: 'Nyligen förlöst (6 veckor)', en: 'Recently given birth (6 weeks)' },
} as const satisfies Record<string, { sv: string; en: string }>;
export type RiskFactor = keyof typeof RISK_FACTORS;
export const RISK_FACTOR_IDS = Object.keys(RISK_FACTORS) as [RiskFactor, ...RiskFactor[]];
export const RiskFactorSchema = z.enum(RISK_FACTOR_IDS, {
  error: `Riskfaktorn måste vara en av (risk factor must be one of): ${RISK_FACTOR_IDS.join(', ')}.`,
});

/** The numeric findings, with the range a real value lies in (outside it, a typing mistake is likelier). */
export const NUMERIC_FINDINGS = {
  temperatureC: { min: 34, max: 43.5, label: { sv: 'Temperatur (°C)', en: 'Temperature (°C)' } },
  durationHours: {
    min: 0,
    max: 24 * 365 * 10,
    label: { sv: 'Besvärens duration (timmar)', en: 'Duration of the problem (hours)' },
  },
  pregnancyWeek: { min: 1, max: 45, label: { sv: 'Graviditetsvecka', en: 'Pregnancy week' } },
} as const satisfies Record<string, { min: number; max: number; label: { sv: string; en: string } }>;
export type NumericFinding = keyof typeof NUMERIC_FINDINGS;
export const NUMERIC_FINDING_IDS = Object.keys(NUMERIC_FINDINGS) as [NumericFinding, ...NumericFinding[]];

/** What a rule can need before it can be decided: a finding, or the patient's sex or age. */
export type FindingKey = NumericFinding | 'riskFactors' | 'sex' | 'age';
export const FINDING_LABELS: Readonly<Record<FindingKey, { sv: string; en: string }>> = {
  temperatureC: NUMERIC_FINDINGS.temperatureC.label,
  durationHours: NUMERIC_FINDINGS.durationHours.label,
  pregnancyWeek: NUMERIC_FINDINGS.pregnancyWeek.label,
  riskFactors: { sv: 'Riskfaktorer', en: 'Risk factors' },
  sex: { sv: 'Kön', en: 'Sex' },
  age: { sv: 'Ålder', en: 'Age' },
};

const UNKNOWN = z.literal('unknown');
const numericFinding = (key: NumericFinding) => {
  const { min, max } = NUMERIC_FINDINGS[key];
  return z
    .union([
      z
        .number({
          error: `${key} måste vara ett tal eller "unknown" (${key} must be a number or "unknown").`,
        })
        .min(min, `${key} måste vara minst ${min} (${key} must be at least ${min}).`)
        .max(max, `${key} får vara högst ${max} (${key} must be at most ${max}).`),
      UNKNOWN,
    ])
    .optional();
};

/**
 * The findings of one call. `riskFactors` lists the factors the patient has once they were asked
 * about (an empty list = asked, none); "unknown" when the caller cannot tell; absent when not asked.
 */
export const TriageFindingsSchema = z.strictObject(
  {
    temperatureC: numericFinding('temperatureC'),
    durationHours: numericFinding('durationHours'),
    pregnancyWeek: numericFinding('pregnancyWeek'),
    riskFactors: z
      .union([
        z.array(RiskFactorSchema).refine((list) => new Set(list).size === list.length, {
          error: 'Varje riskfaktor får stå en gång (each risk factor only once).',
        }),
        UNKNOWN,
      ])
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Okänt fynd (unknown finding): ${issue.keys.join(', ')}; kända: temperatureC, durationHours, pregnancyWeek, riskFactors.`
        : undefined,
  },
);
export type TriageFindings = z.infer<typeof TriageFindingsSchema>;

/** True when no finding has been entered (the record then leaves them out). */
export function hasNoFindings(findings: TriageFindings | undefined): boolean {
  return findings === undefined || Object.values(findings).every((value) => value === undefined);
}
