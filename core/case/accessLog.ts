// Access log entries (patientdatalagen): who opened which patient's case, when, at which care unit, and what they did.
import { z } from 'zod';
import { PATIENT_IDENTITY_KINDS } from '../identity/patientId';
import { EntityIdSchema, HsaIdSchema, StaffMemberSchema, TimestampSchema } from './fields';

/** What was done with the patient's data; kept coarse so log extracts read plainly. */
export const ACCESS_ACTIONS = [
  'open-case',
  'view-note',
  'view-attachment',
  'print-receipt',
  'send-receipt',
  'search-patient',
] as const;
export const AccessActionSchema = z.enum(ACCESS_ACTIONS, {
  error: `Okänd åtgärd; tillåtna är ${ACCESS_ACTIONS.join(', ')} (unknown access action).`,
});
export type AccessAction = z.infer<typeof AccessActionSchema>;

/**
 * One append-only entry. The patient is copied into the entry as identified at the time of access,
 * so a log extract for a personnummer stays complete even if the case is re-identified later.
 */
export const AccessLogEntrySchema = z.strictObject({
  id: EntityIdSchema,
  at: TimestampSchema,
  actor: StaffMemberSchema,
  careUnitHsaId: HsaIdSchema,
  caseId: EntityIdSchema,
  patientKind: z.enum(PATIENT_IDENTITY_KINDS),
  /** Normalized identity number; null for an unidentified patient (the case id then identifies them). */
  patientNumber: z.string().min(1).nullable(),
  action: AccessActionSchema,
  /** The call the case was made for, copied from the case at the time of access: a call leads to who saw its case. */
  callId: z.string().min(1).max(100).optional(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntrySchema>;

/** What the workstation supplies; the patient is read from the case in the same transaction. */
export const AccessInputSchema = z.strictObject({
  actor: StaffMemberSchema,
  careUnitHsaId: HsaIdSchema,
  caseId: EntityIdSchema,
  action: AccessActionSchema,
  at: TimestampSchema.optional(),
});
export type AccessInput = z.input<typeof AccessInputSchema>;

/** Which log entries to list; the log is always listed per case or per patient. */
export const AccessLogFilterSchema = z
  .strictObject({
    caseId: EntityIdSchema.optional(),
    /** Normalized identity number: the log extract for one patient. */
    personnummer: z.string().trim().min(1).max(40).optional(),
    since: TimestampSchema.optional(),
  })
  .refine((filter) => filter.caseId !== undefined || filter.personnummer !== undefined, {
    message: 'Ange caseId eller personnummer: loggen listas per patient (give a caseId or a personnummer).',
  });
export type AccessLogFilter = z.input<typeof AccessLogFilterSchema>;
