// The triage record kept in a case: which protocol versions were used, every answer with its time, the disposition and any override.
//
// Decision support is medical-device software: a signed note must be traceable to the exact protocol
// versions and answers that produced its advice, so this record is stored with the case as-is.
import { z } from 'zod';
import { CARE_LEVELS, DISPOSITION_LEVELS } from './dispositionLadder';
import { PatientSexSchema, TriageFindingsSchema } from './findings';
import { PhoneMenuResolutionSchema } from './phoneMenuReconcile';
import { PhoneMenuAnswerInputSchema } from '../queue/phoneMenu';

/** A nurse's answer to one triage question: ja / nej / osäker. */
export const TriageAnswerValueSchema = z.enum(['yes', 'no', 'unsure']);
export type TriageAnswerValue = z.infer<typeof TriageAnswerValueSchema>;

export const DispositionLevelSchema = z.literal(DISPOSITION_LEVELS, {
  error: 'Nivån måste vara 1–6 (level must be 1–6).',
});
export const CareLevelSchema = z.enum(CARE_LEVELS);

export const TriageAnswerSchema = z.object({
  protocolId: z.string().min(1),
  protocolVersion: z.string().min(1),
  questionId: z.string().min(1),
  value: TriageAnswerValueSchema,
  answeredAt: z.iso.datetime({ offset: true }),
});
export type TriageAnswer = z.infer<typeof TriageAnswerSchema>;

/** Why a nurse moved the disposition up or down; kept as a code so overrides can be analysed by team leads. */
export const OVERRIDE_REASON_CODES = [
  'clinical-judgement',
  'previous-contact',
  'risk-factors',
  'patient-vulnerable',
  'communication-difficulty',
  'patient-preference',
  'other',
] as const;
export type OverrideReasonCode = (typeof OVERRIDE_REASON_CODES)[number];

export const OVERRIDE_REASON_LABELS: Readonly<Record<OverrideReasonCode, { sv: string; en: string }>> = {
  'clinical-judgement': { sv: 'Klinisk bedömning', en: 'Clinical judgement' },
  'previous-contact': {
    sv: 'Tidigare kontakt för samma besvär',
    en: 'Previous contact for the same problem',
  },
  'risk-factors': { sv: 'Riskfaktorer (sjukdom, läkemedel)', en: 'Risk factors (illness, medication)' },
  'patient-vulnerable': { sv: 'Sårbar patient', en: 'Vulnerable patient' },
  'communication-difficulty': { sv: 'Svårt att kommunicera', en: 'Communication difficulty' },
  'patient-preference': { sv: 'Patientens önskemål', en: "Patient's preference" },
  other: { sv: 'Annat', en: 'Other' },
};

export const TriageOverrideSchema = z.object({
  fromLevel: DispositionLevelSchema,
  toLevel: DispositionLevelSchema,
  reasonCode: z.enum(OVERRIDE_REASON_CODES),
  reasonText: z
    .string()
    .trim()
    .min(5, 'Skriv en motivering på minst 5 tecken (reason text needs at least 5 characters).'),
  overriddenAt: z.iso.datetime({ offset: true }),
});
export type TriageOverride = z.infer<typeof TriageOverrideSchema>;

/**
 * Why a note was signed while its triage was still provisional (questions that could raise the level
 * unanswered). An override is the other way to sign; without one of them the note is not signed.
 */
export const PROVISIONAL_SIGN_REASON_CODES = ['call-dropped', 'declined-to-answer'] as const;
export type ProvisionalSignReasonCode = (typeof PROVISIONAL_SIGN_REASON_CODES)[number];

export const PROVISIONAL_SIGN_REASON_LABELS: Readonly<
  Record<ProvisionalSignReasonCode, { sv: string; en: string }>
> = {
  'call-dropped': { sv: 'Samtalet bröts', en: 'The call was cut off' },
  'declined-to-answer': { sv: 'Vill inte svara', en: 'The caller does not want to answer' },
};

export const ProvisionalSignReasonSchema = z.object({
  code: z.enum(PROVISIONAL_SIGN_REASON_CODES),
  givenAt: z.iso.datetime({ offset: true }),
});
export type ProvisionalSignReason = z.infer<typeof ProvisionalSignReasonSchema>;

/** An answer to a context question (asked for the record, never deciding): free text, a number, or yes/no. */
export const TriageContextAnswerSchema = z.object({
  protocolId: z.string().min(1),
  questionId: z.string().min(1),
  value: z
    .string()
    .trim()
    .min(1, 'Ett svar på en bakgrundsfråga får inte vara tomt (a context answer cannot be empty).')
    .max(
      500,
      'Ett svar på en bakgrundsfråga får vara högst 500 tecken (a context answer holds at most 500 characters).',
    ),
  answeredAt: z.iso.datetime({ offset: true }),
});
export type TriageContextAnswer = z.infer<typeof TriageContextAnswerSchema>;

/** A rule's state when the record was made: it fired, did not, or still needed something; `byUnknown` when an "unknown" finding decided it. */
export const TriageRuleRecordSchema = z.object({
  protocolId: z.string().min(1),
  ruleId: z.string().min(1),
  state: z.enum(['fired', 'not-fired', 'open']),
  byUnknown: z.literal(true).optional(),
});
export type TriageRuleRecord = z.infer<typeof TriageRuleRecordSchema>;

export const TriageRecordSchema = z.object({
  protocols: z.array(z.object({ id: z.string().min(1), version: z.string().min(1) })),
  answers: z.array(TriageAnswerSchema),
  /** Left out when none were given (and in records made before they were kept), so older hashes still hold. */
  contextAnswers: z.array(TriageContextAnswerSchema).optional(),
  /**
   * The age in years (decimals: 0.25 is 3 months) the nurse gave for a caller without a birth date;
   * the questions and protocols were chosen by it, so it belongs to the record. Absent when not typed.
   */
  typedAgeYears: z
    .number()
    .min(0, 'Åldern kan inte vara negativ (age cannot be negative).')
    .max(130, 'Åldern får vara högst 130 år (age is at most 130 years).')
    .optional(),
  /** The patient's sex the questions were chosen by (from the personnummer or asked); absent when unknown. */
  sex: PatientSexSchema.optional(),
  /** The structured findings of the call (temperature, duration, pregnancy week, risk factors); absent when none. */
  findings: TriageFindingsSchema.optional(),
  /** Each applicable rule's state; absent when the protocols had none. */
  rules: z.array(TriageRuleRecordSchema).optional(),
  disposition: z
    .object({
      level: DispositionLevelSchema,
      careLevel: CareLevelSchema,
      decidedBy: z.object({
        protocolId: z.string().min(1),
        /** The deciding question's or rule's id; null when every item was "no". */
        questionId: z.string().nullable(),
        /** Present (as 'rule') only when a rule decided; a question otherwise. */
        basis: z.literal('rule').optional(),
        /** Present only when an escalated unsure or unknown finding decided ("höjd av osäker"). */
        viaUnsure: z.literal(true).optional(),
      }),
    })
    .nullable(),
  override: TriageOverrideSchema.nullable(),
  /** Present (true) when the disposition was provisional as saved: open items could still raise it. */
  provisional: z.literal(true).optional(),
  /** Why the nurse signs anyway while provisional; present only then. */
  provisionalReason: ProvisionalSignReasonSchema.optional(),
  /**
   * The phone menu's answers for the call this case came from, how the nurse resolved each contradiction
   * with the triage, and `unresolved: true` while one is still open (then the note cannot be signed).
   */
  phoneMenu: z
    .strictObject({
      answers: z.array(PhoneMenuAnswerInputSchema.strict()).max(20),
      resolutions: z.array(PhoneMenuResolutionSchema).max(20),
      unresolved: z.literal(true).optional(),
    })
    .optional(),
});
export type TriageRecord = z.infer<typeof TriageRecordSchema>;

/** An empty record, for a case where triage has not started. */
export function emptyTriageRecord(): TriageRecord {
  return { protocols: [], answers: [], disposition: null, override: null };
}

/**
 * True when a note on a case with this triage may not be signed yet: a contradiction with the phone menu
 * is unresolved, or the disposition is provisional and neither an override nor a reason (the call was cut
 * off, the caller will not answer) was given.
 */
export function triageBlocksSigning(record: TriageRecord | null | undefined): boolean {
  // A contradiction with the phone menu is resolved, never signed past: no reason lifts it.
  if (record?.phoneMenu?.unresolved === true) return true;
  if (!record?.disposition || record.provisional !== true) return false;
  return record.override === null && record.provisionalReason === undefined;
}
