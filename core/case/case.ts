// The case: one contact with one patient, from the call that opened it to its triage and referral.
import { z } from 'zod';
import { PatientIdentitySchema, ThirdPartyCallerSchema } from '../identity/patientId';
import { PhoneMenuAnswerInputSchema } from '../queue/phoneMenu';
import { CARE_LEVELS } from '../triage/dispositionLadder';
import { TriageRecordSchema } from '../triage/record';
import { EntityIdSchema, HsaIdSchema, StaffMemberSchema, TimestampSchema } from './fields';

/** Region ids are short slugs ("skane", "vasternorrland"); each region runs its own backend. */
export const RegionIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,39}$/,
    'Ogiltigt regions-id: små bokstäver a–z, siffror och bindestreck (expected a region slug).',
  );

/** Who is on the line: the patient themself, or someone calling for them (a parent, a relative). */
export const CaseCallerSchema = z.union([z.literal('self'), ThirdPartyCallerSchema], {
  error:
    'Uppringaren är "self" eller en tredje part med namn och relation (caller is "self" or a third party).',
});
export type CaseCaller = z.infer<typeof CaseCallerSchema>;

/** Care unit types a patient can be referred to (every care level except self-care). */
export const ReferralCareTypeSchema = z.enum(CARE_LEVELS).exclude(['egenvard']);

/** The care unit the nurse chose for this patient, and why (the hänvisning recorded in the case). */
export const ReferralChoiceSchema = z.strictObject({
  unitHsaId: HsaIdSchema,
  unitName: z.string().trim().min(1, 'Enhetens namn saknas (unit name is missing).').max(200),
  careType: ReferralCareTypeSchema,
  reasonSv: z.string().trim().min(1, 'Skäl till hänvisningen saknas (referral reason is missing).').max(2000),
  chosenAt: TimestampSchema,
});
export type ReferralChoice = z.infer<typeof ReferralChoiceSchema>;

export const CASE_STATUSES = ['open', 'closed'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** Call ids come from the regional call distribution (ACD); opaque to the case. */
const CallIdSchema = z.string().trim().min(1).max(100);

/**
 * What the call that opened the case told, kept with the case so it reads the same after the call: when
 * it was answered, from which number and queue, and the phone menu's answers. The answers are facts of
 * their own, never pasted into the kontaktorsak (which is the caller's reason in her own words). The
 * caller's number is patient data: shown to the nurse, never logged.
 */
export const CaseCallFactsSchema = z.strictObject({
  answeredAt: TimestampSchema,
  callerNumber: z.string().trim().max(40, 'Numret är för långt (caller number too long).'),
  /** The queue's name as the nurse saw it; null when the workstation did not know it. */
  queueName: z
    .strictObject({ sv: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) })
    .nullable(),
  kind: z.enum(['inbound', 'callback']),
  /** The language the caller chose in the phone menu ("sv", "ar"…). */
  language: z.string().regex(/^[a-z]{2,3}$/, 'Språket är en kod som "sv" (language code).'),
  /** The phone menu's answers in the order asked (yes, no, or no answer). */
  phoneMenu: z.array(PhoneMenuAnswerInputSchema.strict()).max(20),
});
export type CaseCallFacts = z.infer<typeof CaseCallFactsSchema>;

export const CaseSchema = z.strictObject({
  id: EntityIdSchema,
  regionId: RegionIdSchema,
  patient: PatientIdentitySchema,
  caller: CaseCallerSchema,
  callId: CallIdSchema.optional(),
  call: CaseCallFactsSchema.optional(),
  createdBy: StaffMemberSchema,
  createdAt: TimestampSchema,
  /** Strictly increases with every change, so the newest version of a case wins when versions meet. */
  updatedAt: TimestampSchema,
  status: CaseStatusSchema,
  triage: TriageRecordSchema.nullable(),
  referral: ReferralChoiceSchema.nullable(),
});
export type Case = z.infer<typeof CaseSchema>;

/** What a workstation supplies to open a case; id and times are filled in when left out. */
export const NewCaseInputSchema = z.strictObject({
  id: EntityIdSchema.optional(),
  regionId: RegionIdSchema,
  patient: PatientIdentitySchema,
  caller: CaseCallerSchema,
  callId: CallIdSchema.optional(),
  call: CaseCallFactsSchema.optional(),
  createdBy: StaffMemberSchema,
  createdAt: TimestampSchema.optional(),
  triage: TriageRecordSchema.nullable().optional(),
  referral: ReferralChoiceSchema.nullable().optional(),
});
export type NewCaseInput = z.input<typeof NewCaseInputSchema>;

/** A change to a case: the patient identified later, triage progress, the referral chosen, the case closed. */
export const CaseChangeSchema = z.strictObject({
  patient: PatientIdentitySchema.optional(),
  caller: CaseCallerSchema.optional(),
  callId: CallIdSchema.nullable().optional(),
  status: CaseStatusSchema.optional(),
  triage: TriageRecordSchema.nullable().optional(),
  referral: ReferralChoiceSchema.nullable().optional(),
});
export type CaseChange = z.input<typeof CaseChangeSchema>;

/** Filters of the cases list: mine today, all in my region, one patient's contacts (repeat callers). */
export const CaseListFilterSchema = z.strictObject({
  /** HSA-id of the nurse who opened the case. */
  createdBy: HsaIdSchema.optional(),
  /** Only cases created at or after this time. */
  since: TimestampSchema.optional(),
  /** The patient's normalized number (12 digits for personnummer and samordningsnummer). */
  personnummer: z.string().trim().min(1).max(40).optional(),
  regionId: RegionIdSchema.optional(),
  status: CaseStatusSchema.optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type CaseListFilter = z.input<typeof CaseListFilterSchema>;
