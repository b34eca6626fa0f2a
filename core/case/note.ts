// The advice-contact note (rådgivningsanteckning): drafts, signing rules, amendments and the canonical form that is hashed.
import { z } from 'zod';
import { DispositionLevelSchema } from '../triage/record';
import { EntityIdSchema, Sha256HexSchema, StaffMemberSchema, TimestampSchema } from './fields';
import { canonicalJson } from './canonical';

/** Longest text in one note field; a note is a summary, not a transcript. */
export const NOTE_FIELD_MAX_LENGTH = 20_000;

const NoteTextSchema = z
  .string()
  .max(NOTE_FIELD_MAX_LENGTH, `Texten får vara högst ${NOTE_FIELD_MAX_LENGTH} tecken (text too long).`);

export const NOTE_STATUSES = ['draft', 'signed'] as const;
export const NoteStatusSchema = z.enum(NOTE_STATUSES);
export type NoteStatus = z.infer<typeof NoteStatusSchema>;

/** Content fields a nurse writes; all but hänvisning are needed before signing. */
export const NOTE_TEXT_FIELDS = ['kontaktorsak', 'bedomning', 'rad', 'hanvisning'] as const;
export type NoteTextField = (typeof NOTE_TEXT_FIELDS)[number];

const NoteShape = {
  id: EntityIdSchema,
  caseId: EntityIdSchema,
  kontaktorsak: NoteTextSchema,
  bedomning: NoteTextSchema,
  rad: NoteTextSchema,
  hanvisning: NoteTextSchema,
  /** Null only while drafting: a note cannot be signed without its brådskegrad. */
  bradskegrad: DispositionLevelSchema.nullable(),
  contactAt: TimestampSchema,
  responsible: StaffMemberSchema,
  status: NoteStatusSchema,
  signedAt: TimestampSchema.optional(),
  /** Set on an amendment: the signed note it corrects or completes. */
  amendsNoteId: EntityIdSchema.optional(),
  /** SHA-256 of canonicalNoteJson, fixed at signing. */
  contentHash: Sha256HexSchema.optional(),
};

export const NoteSchema = z.strictObject(NoteShape).superRefine((note, ctx) => {
  if (note.amendsNoteId === note.id) {
    ctx.addIssue({
      code: 'custom',
      path: ['amendsNoteId'],
      message: 'En anteckning kan inte ändra sig själv (a note cannot amend itself).',
    });
  }
  if (note.status === 'signed') {
    for (const problem of missingForSigning(note)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
    if (note.signedAt === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['signedAt'],
        message: 'En signerad anteckning har en signeringstid (signedAt missing).',
      });
    }
    if (note.contentHash === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['contentHash'],
        message: 'En signerad anteckning har en kontrollsumma (contentHash missing).',
      });
    }
  } else if (note.signedAt !== undefined || note.contentHash !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['status'],
      message:
        'Ett utkast har ingen signeringstid eller kontrollsumma (a draft has no signedAt or contentHash).',
    });
  }
});
export type Note = z.infer<typeof NoteSchema>;

/** A draft as the workstation saves it while the nurse types; empty fields are allowed until signing. */
export const NoteDraftInputSchema = z.strictObject({
  id: EntityIdSchema.optional(),
  caseId: EntityIdSchema,
  kontaktorsak: NoteTextSchema.default(''),
  bedomning: NoteTextSchema.default(''),
  rad: NoteTextSchema.default(''),
  hanvisning: NoteTextSchema.default(''),
  bradskegrad: DispositionLevelSchema.nullable().default(null),
  contactAt: TimestampSchema.optional(),
  responsible: StaffMemberSchema,
});
export type NoteDraftInput = z.input<typeof NoteDraftInputSchema>;

/** An amendment's content; its case and the note it amends come from the signed original. */
export const AmendmentInputSchema = NoteDraftInputSchema.omit({ caseId: true });
export type AmendmentInput = z.input<typeof AmendmentInputSchema>;

export interface SigningProblem {
  field: NoteTextField | 'bradskegrad';
  message: string;
}

/**
 * What stops a note from being signed, in words a nurse understands. Hänvisning may stay empty only
 * for egenvård (level 6), where the advice is to stay home.
 */
export function missingForSigning(note: Pick<Note, NoteTextField | 'bradskegrad'>): SigningProblem[] {
  const problems: SigningProblem[] = [];
  if (note.kontaktorsak.trim() === '')
    problems.push({ field: 'kontaktorsak', message: 'Kontaktorsak saknas (reason for contact is missing).' });
  if (note.bedomning.trim() === '')
    problems.push({ field: 'bedomning', message: 'Bedömning saknas (assessment is missing).' });
  if (note.rad.trim() === '') problems.push({ field: 'rad', message: 'Råd saknas (advice is missing).' });
  if (note.bradskegrad === null) {
    problems.push({ field: 'bradskegrad', message: 'Brådskegrad saknas (urgency level is missing).' });
  } else if (note.bradskegrad !== 6 && note.hanvisning.trim() === '') {
    problems.push({
      field: 'hanvisning',
      message: 'Hänvisning saknas (referral is missing; only egenvård may leave it empty).',
    });
  }
  return problems;
}

/** Version tag inside the hashed text, so a later note format can never collide with this one. */
export const NOTE_CANONICAL_FORMAT = 'firstline.note.v1';

/**
 * The exact text whose SHA-256 is a signed note's contentHash, on the workstation and on the backend.
 * Only content fields take part (not status or the hash itself); absent optional fields are null so the
 * key set never varies; keys are sorted and there is no whitespace.
 */
export function canonicalNoteJson(note: Note): string {
  return canonicalJson({
    format: NOTE_CANONICAL_FORMAT,
    id: note.id,
    caseId: note.caseId,
    kontaktorsak: note.kontaktorsak,
    bedomning: note.bedomning,
    rad: note.rad,
    hanvisning: note.hanvisning,
    bradskegrad: note.bradskegrad,
    contactAt: note.contactAt,
    responsible: {
      hsaId: note.responsible.hsaId,
      name: note.responsible.name,
      title: note.responsible.title,
    },
    signedAt: note.signedAt ?? null,
    amendsNoteId: note.amendsNoteId ?? null,
  });
}
