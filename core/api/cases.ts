// Bridge contract for cases and advice-contact notes: create, list, open, close, triage, referral, drafts, sign and amend.
//
// Who is responsible for a note and when the contact took place are never taken from the renderer:
// main fills them from the signed-in session and the case. Patient numbers are sent as the nurse typed
// them and parsed again in main with the region's reservnummer format, so a stored identity is always
// derived from the number itself.
import { z } from 'zod';
import { AttachmentSchema } from '../case/attachment';
import {
  CaseCallerSchema,
  CaseCallFactsSchema,
  CaseSchema,
  CaseStatusSchema,
  ReferralChoiceSchema,
} from '../case/case';
import { EntityIdSchema, StaffMemberSchema, TimestampSchema } from '../case/fields';
import { NOTE_FIELD_MAX_LENGTH, NoteSchema } from '../case/note';
import { PatientIdentitySchema } from '../identity/patientId';
import { DispositionLevelSchema, TriageRecordSchema } from '../triage/record';
import type { BridgeEventTable, BridgeMethodTable } from './common';

/** A repeat contact within this many hours raises the repeat-caller warning. */
export const REPEAT_CONTACT_WINDOW_HOURS = 72;

/** Largest page of the cases list. */
export const CASE_LIST_MAX_LIMIT = 500;

const NoteText = z
  .string()
  .max(NOTE_FIELD_MAX_LENGTH, `Texten får vara högst ${NOTE_FIELD_MAX_LENGTH} tecken (text too long).`);

/** A patient number as typed: personnummer, samordningsnummer or the region's reservnummer, any form. */
export const PatientNumberInputSchema = z
  .string()
  .trim()
  .min(1, 'Inget nummer angivet (no number entered).')
  .max(40, 'Numret är för långt (number too long).');

/** The patient of a new case: identified by a number, or unidentified with a short description. */
export const NewCasePatientSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('identified'), number: PatientNumberInputSchema }),
    z.strictObject({
      kind: z.literal('unidentified'),
      description: z
        .string()
        .trim()
        .min(1, 'Beskriv den oidentifierade patienten, t.ex. "man ca 40 år" (description missing).')
        .max(200, 'Beskrivningen får vara högst 200 tecken (description too long).'),
    }),
  ],
  { error: 'Patienten är "identified" med nummer eller "unidentified" med beskrivning.' },
);
export type NewCasePatient = z.infer<typeof NewCasePatientSchema>;

export const CreateCaseArgsSchema = z.strictObject({
  patient: NewCasePatientSchema,
  caller: CaseCallerSchema,
  /** The call the case is made during (screen-pop or the identification form), if any. */
  callId: z.string().trim().min(1).max(100).optional(),
  /** What the call told (time, number, queue, phone-menu answers), shown in the case as facts. */
  call: CaseCallFactsSchema.optional(),
  /**
   * A call has one case unless the nurse says otherwise (a parent calling about two children): without
   * this, a second case for a call that already has one is refused with `call_has_case`.
   */
  anotherCaseForCall: z.literal(true).optional(),
  /** Kontaktorsak as the caller first put it; starts the note's draft. */
  kontaktorsak: NoteText.optional(),
});
export type CreateCaseArgs = z.input<typeof CreateCaseArgsSchema>;

export const CaseForCallArgsSchema = z.strictObject({
  callId: z
    .string()
    .trim()
    .min(1, 'callId saknas (callId missing).')
    .max(100, 'callId är för långt (callId too long).'),
});

export const CASE_LIST_SCOPES = ['mine-today', 'region'] as const;
export const CaseListScopeSchema = z.enum(CASE_LIST_SCOPES);
export type CaseListScope = z.infer<typeof CaseListScopeSchema>;

export const ListCasesArgsSchema = z.strictObject({
  scope: CaseListScopeSchema,
  /** Any valid form of the patient's number; main normalises it. */
  personnummer: PatientNumberInputSchema.optional(),
  limit: z.number().int().min(1).max(CASE_LIST_MAX_LIMIT).default(100),
});
export type ListCasesArgs = z.input<typeof ListCasesArgsSchema>;

/** The state of a case's documentation, for the list. */
export const CASE_NOTE_STATES = ['none', 'draft', 'signed', 'signed-with-draft'] as const;

/** One row of the cases list: the case plus what its newest note says. */
export const CaseListItemSchema = z.object({
  id: EntityIdSchema,
  regionId: z.string(),
  patient: PatientIdentitySchema,
  caller: CaseCallerSchema,
  createdAt: TimestampSchema,
  createdBy: StaffMemberSchema,
  status: CaseStatusSchema,
  kontaktorsak: z.string().nullable(),
  bradskegrad: DispositionLevelSchema.nullable(),
  noteState: z.enum(CASE_NOTE_STATES),
});
export type CaseListItem = z.infer<typeof CaseListItemSchema>;

export const CaseViewSchema = z.object({
  case: CaseSchema,
  /** Oldest first; drafts included. */
  notes: z.array(NoteSchema),
  attachments: z.array(AttachmentSchema),
});
export type CaseViewData = z.infer<typeof CaseViewSchema>;

const CaseIdArgs = z.strictObject({ caseId: EntityIdSchema });
const NoteIdArgs = z.strictObject({ noteId: EntityIdSchema });

export const SaveDraftArgsSchema = z.strictObject({
  caseId: EntityIdSchema,
  /** Made by the renderer (a UUID) so repeated autosaves of one draft can never create two. */
  noteId: EntityIdSchema,
  kontaktorsak: NoteText.default(''),
  bedomning: NoteText.default(''),
  rad: NoteText.default(''),
  hanvisning: NoteText.default(''),
  bradskegrad: DispositionLevelSchema.nullable().default(null),
});
export type SaveDraftArgs = z.input<typeof SaveDraftArgsSchema>;

/** An earlier contact with the same patient, for the repeat-caller warning. */
export const RepeatContactSchema = z.object({
  caseId: EntityIdSchema,
  createdAt: TimestampSchema,
  createdBy: StaffMemberSchema,
  status: CaseStatusSchema,
  kontaktorsak: z.string().nullable(),
  bradskegrad: DispositionLevelSchema.nullable(),
});
export type RepeatContact = z.infer<typeof RepeatContactSchema>;

export const casesMethods = {
  'cases.create': { args: CreateCaseArgsSchema, result: CaseSchema },
  /** The first case made for a call, so a reload, a restart or a second window finds it again; null when none. */
  'cases.forCall': { args: CaseForCallArgsSchema, result: CaseSchema.nullable() },
  'cases.list': { args: ListCasesArgsSchema, result: z.array(CaseListItemSchema) },
  'cases.open': { args: CaseIdArgs, result: CaseViewSchema },
  'cases.close': { args: CaseIdArgs, result: CaseSchema },
  'cases.saveTriage': {
    args: z.strictObject({ caseId: EntityIdSchema, triage: TriageRecordSchema }),
    result: CaseSchema,
  },
  'cases.saveReferral': {
    args: z.strictObject({ caseId: EntityIdSchema, referral: ReferralChoiceSchema.nullable() }),
    result: CaseSchema,
  },
  'cases.repeatContacts': {
    args: z.strictObject({
      personnummer: PatientNumberInputSchema,
      /** The case being documented now, left out of the answer. */
      excludeCaseId: EntityIdSchema.optional(),
    }),
    result: z.array(RepeatContactSchema),
  },
  'notes.saveDraft': { args: SaveDraftArgsSchema, result: NoteSchema },
  'notes.sign': { args: NoteIdArgs, result: NoteSchema },
  'notes.amend': { args: NoteIdArgs, result: NoteSchema },
  'notes.discardDraft': { args: NoteIdArgs, result: z.object({ noteId: EntityIdSchema }) },
} as const satisfies BridgeMethodTable;

export const casesEvents = {
  /** A case or one of its notes changed on this workstation; lists and open views refresh. */
  'cases.changed': z.object({ caseId: EntityIdSchema }),
} as const satisfies BridgeEventTable;
