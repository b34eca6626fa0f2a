// The condition language of the protocol format (findings, risk factors, sex, age, answers; all/any/not) and its three-way evaluation.
//
// A condition is true, false, open (something it needs has not been asked yet) or unknown (it depends
// on a finding the caller cannot tell). Open and unknown are kept apart: an open rule keeps the
// disposition provisional until the nurse asks; an unknown one is decided by the rule's policy.
import { z } from 'zod';
import { AGE_BAND_IDS, isInAgeBands } from './ageBands';
import type { AgeBand } from './ageBands';
import { NUMERIC_FINDING_IDS, PATIENT_SEXES, RISK_FACTOR_IDS } from './findings';
import type { FindingKey, NumericFinding, PatientSex, RiskFactor, TriageFindings } from './findings';

/** Kebab-case ASCII: protocol and question ids appear in file names, URLs and stored case records. */
export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const AgeRangeSchema = z
  .strictObject({
    min: z
      .number()
      .min(0, 'ageYears.min cannot be negative.')
      .optional()
      .meta({ description: 'Inclusive, in years; 0.25 = 3 months.' }),
    max: z
      .number()
      .positive('ageYears.max must be above 0.')
      .optional()
      .meta({ description: 'Exclusive, in years.' }),
  })
  .refine((range) => range.min === undefined || range.max === undefined || range.min < range.max, {
    error: 'ageYears.min must be below ageYears.max (min is inclusive, max exclusive).',
  });
export type AgeRange = z.infer<typeof AgeRangeSchema>;

export const AgeBandSchema = z.enum(AGE_BAND_IDS, {
  error: `Age band must be one of: ${AGE_BAND_IDS.join(', ')}.`,
});
export const AgeBandListSchema = z
  .array(AgeBandSchema)
  .min(1, 'ageBands needs at least one band (leave it out for all ages).');

export type Condition =
  | { finding: NumericFinding; atLeast?: number; above?: number; below?: number; atMost?: number }
  | { risk: RiskFactor }
  | { sex: PatientSex }
  | { ageBand: AgeBand | AgeBand[] }
  | { ageYears: AgeRange }
  | { answer: string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const CONDITION_HELP =
  'Not a condition. Write one of: { finding: temperatureC|durationHours|pregnancyWeek, atLeast|above|below|atMost: <number> }, ' +
  '{ risk: <risk factor> }, { sex: female|male }, { ageBand: <band or [bands]> }, { ageYears: { min, max } }, ' +
  '{ answer: <question id> }, { all: [...] }, { any: [...] }, { not: <condition> }.';

const findingCondition = z
  .strictObject({
    finding: z.enum(NUMERIC_FINDING_IDS, {
      error: `finding must be one of: ${NUMERIC_FINDING_IDS.join(', ')}.`,
    }),
    atLeast: z.number().optional().meta({ description: 'The finding is this value or more (≥).' }),
    above: z.number().optional().meta({ description: 'The finding is more than this value (>).' }),
    below: z.number().optional().meta({ description: 'The finding is less than this value (<).' }),
    atMost: z.number().optional().meta({ description: 'The finding is this value or less (≤).' }),
  })
  .refine((c) => [c.atLeast, c.above, c.below, c.atMost].some((bound) => bound !== undefined), {
    error: 'A finding condition needs a bound: atLeast, above, below or atMost.',
  });

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      findingCondition,
      z.strictObject({ risk: z.enum(RISK_FACTOR_IDS) }),
      z.strictObject({ sex: z.enum(PATIENT_SEXES) }),
      z.strictObject({ ageBand: z.union([AgeBandSchema, z.array(AgeBandSchema).min(1)]) }),
      z.strictObject({ ageYears: AgeRangeSchema }),
      z.strictObject({ answer: z.string().regex(KEBAB_CASE) }),
      z.strictObject({ all: z.array(ConditionSchema).min(1) }),
      z.strictObject({ any: z.array(ConditionSchema).min(1) }),
      z.strictObject({ not: ConditionSchema }),
    ],
    { error: CONDITION_HELP },
  ),
);

/** How a question's answer counts for an `{ answer: id }` condition. */
export type AnswerState = 'yes' | 'no' | 'open' | 'absent';

export interface ConditionContext {
  ageYears: number | null;
  sex: PatientSex | null;
  findings: TriageFindings;
  /** The call-wide state of a question id: absent when no protocol of the call asks it of this patient. */
  answerOf: (questionId: string) => AnswerState;
  /**
   * Count every finding, risk and answer condition as true: a rule still false then is false because of
   * the patient's sex or age (not for this patient), not because a red flag was ruled out.
   */
  assumeFindingsHold?: boolean;
}

export type ConditionValue = 'true' | 'false' | 'open' | 'unknown';

export interface ConditionOutcome {
  value: ConditionValue;
  /** What is still needed to decide an open condition: findings and question answers. */
  needs: { findings: FindingKey[]; questions: string[] };
}

/** Evaluates a condition: false wins in `all`, true in `any`; otherwise open before unknown. */
export function evaluateCondition(condition: Condition, context: ConditionContext): ConditionOutcome {
  const findings = new Set<FindingKey>();
  const questions = new Set<string>();
  const value = evaluate(condition, context, findings, questions);
  return { value, needs: { findings: [...findings], questions: [...questions] } };
}

function evaluate(
  condition: Condition,
  context: ConditionContext,
  findings: Set<FindingKey>,
  questions: Set<string>,
): ConditionValue {
  if (
    context.assumeFindingsHold === true &&
    ('finding' in condition || 'risk' in condition || 'answer' in condition)
  )
    return 'true';
  if ('all' in condition || 'any' in condition) {
    const isAll = 'all' in condition;
    const parts = (isAll ? condition.all : condition.any).map((part) =>
      evaluate(part, context, findings, questions),
    );
    const decisive = isAll ? 'false' : 'true';
    if (parts.includes(decisive)) return decisive;
    if (parts.includes('open')) return 'open';
    if (parts.includes('unknown')) return 'unknown';
    return isAll ? 'true' : 'false';
  }
  if ('not' in condition) {
    const inner = evaluate(condition.not, context, findings, questions);
    return inner === 'true' ? 'false' : inner === 'false' ? 'true' : inner;
  }
  if ('finding' in condition) {
    const value = context.findings[condition.finding];
    if (value === undefined) {
      findings.add(condition.finding);
      return 'open';
    }
    if (value === 'unknown') return 'unknown';
    const { atLeast, above, below, atMost } = condition;
    const holds =
      (atLeast === undefined || value >= atLeast) &&
      (above === undefined || value > above) &&
      (below === undefined || value < below) &&
      (atMost === undefined || value <= atMost);
    return holds ? 'true' : 'false';
  }
  if ('risk' in condition) {
    const list = context.findings.riskFactors;
    if (list === undefined) {
      findings.add('riskFactors');
      return 'open';
    }
    if (list === 'unknown') return 'unknown';
    return list.includes(condition.risk) ? 'true' : 'false';
  }
  if ('sex' in condition) {
    if (context.sex === null) {
      findings.add('sex');
      return 'open';
    }
    return context.sex === condition.sex ? 'true' : 'false';
  }
  if ('ageBand' in condition || 'ageYears' in condition) {
    if (context.ageYears === null) {
      findings.add('age');
      return 'open';
    }
    const inside =
      'ageBand' in condition
        ? isInAgeBands(
            Array.isArray(condition.ageBand) ? condition.ageBand : [condition.ageBand],
            context.ageYears,
          )
        : isInAgeRange(condition.ageYears, context.ageYears);
    return inside ? 'true' : 'false';
  }
  const state = context.answerOf(condition.answer);
  if (state === 'open') {
    questions.add(condition.answer);
    return 'open';
  }
  return state === 'yes' ? 'true' : 'false';
}

/** Whether an age is inside a range (min inclusive, max exclusive); an unknown age is inside every range. */
export function isInAgeRange(range: AgeRange | undefined, ageYears: number | null | undefined): boolean {
  if (range === undefined || ageYears === null || ageYears === undefined) return true;
  if (range.min !== undefined && ageYears < range.min) return false;
  if (range.max !== undefined && ageYears >= range.max) return false;
  return true;
}

/** Every question id a condition reads through `{ answer: id }`. */
export function answersReadBy(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(answersReadBy);
  if ('any' in condition) return condition.any.flatMap(answersReadBy);
  if ('not' in condition) return answersReadBy(condition.not);
  if ('answer' in condition) return [condition.answer];
  return [];
}
