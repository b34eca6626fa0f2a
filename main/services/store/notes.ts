// Advice-contact notes in the local store: drafts, signing (immutable from then on) and amendments.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  AmendmentInputSchema,
  missingForSigning,
  NoteDraftInputSchema,
  NoteSchema,
  TimestampSchema,
  type AmendmentInput,
  type Note,
  type NoteDraftInput,
} from '../../../core/case';
import type { DispositionLevel } from '../../../core/triage/dispositionLadder';
import type { CaseRepository, RecordOrigin } from './cases';
import { toUtc, type StoreContext } from './context';
import { parseInput, StoreError } from './errors';
import { noteContentHash } from './hashing';

interface NoteRow {
  id: string;
  case_id: string;
  kontaktorsak: string;
  bedomning: string;
  rad: string;
  hanvisning: string;
  bradskegrad: number | null;
  contact_at: string;
  responsible_hsa_id: string;
  responsible_name: string;
  responsible_title: string;
  status: 'draft' | 'signed';
  signed_at: string | null;
  content_hash: string | null;
  amends_note_id: string | null;
}

const NOTE_COLUMNS = `id, case_id, kontaktorsak, bedomning, rad, hanvisning, bradskegrad, contact_at, responsible_hsa_id,
  responsible_name, responsible_title, status, signed_at, content_hash, amends_note_id`;

export class NoteRepository {
  private readonly selectOne: Database.Statement<[string], NoteRow>;
  private readonly selectByCase: Database.Statement<[string], NoteRow>;
  private readonly selectAmendments: Database.Statement<[string], NoteRow>;
  private readonly insertRow: Database.Statement<[Record<string, unknown>]>;
  private readonly updateDraftRow: Database.Statement<[Record<string, unknown>]>;
  private readonly signRow: Database.Statement<[Record<string, unknown>]>;
  private readonly deleteDraftRow: Database.Statement<[string]>;
  private readonly selectSignedHashes: Database.Statement<[], { id: string; content_hash: string }>;

  constructor(
    private readonly ctx: StoreContext,
    private readonly cases: CaseRepository,
  ) {
    const { db } = ctx;
    this.selectOne = db.prepare(`SELECT ${NOTE_COLUMNS} FROM notes WHERE id = ?`);
    this.selectByCase = db.prepare(
      `SELECT ${NOTE_COLUMNS} FROM notes WHERE case_id = ? ORDER BY contact_at, saved_at_utc, id`,
    );
    this.selectAmendments = db.prepare(
      `SELECT ${NOTE_COLUMNS} FROM notes WHERE amends_note_id = ? ORDER BY status DESC, saved_at_utc`,
    );
    this.insertRow = db.prepare(
      `INSERT INTO notes (${NOTE_COLUMNS}, origin, saved_at_utc)
       VALUES (@id, @caseId, @kontaktorsak, @bedomning, @rad, @hanvisning, @bradskegrad, @contactAt, @responsibleHsaId,
               @responsibleName, @responsibleTitle, @status, @signedAt, @contentHash, @amendsNoteId, @origin, @savedAtUtc)`,
    );
    this.updateDraftRow = db.prepare(
      `UPDATE notes SET kontaktorsak = @kontaktorsak, bedomning = @bedomning, rad = @rad, hanvisning = @hanvisning,
         bradskegrad = @bradskegrad, contact_at = @contactAt, responsible_hsa_id = @responsibleHsaId,
         responsible_name = @responsibleName, responsible_title = @responsibleTitle, saved_at_utc = @savedAtUtc
       WHERE id = @id AND status = 'draft'`,
    );
    this.signRow = db.prepare(
      `UPDATE notes SET status = 'signed', signed_at = @signedAt, content_hash = @contentHash, saved_at_utc = @savedAtUtc
       WHERE id = @id AND status = 'draft'`,
    );
    this.deleteDraftRow = db.prepare(`DELETE FROM notes WHERE id = ? AND status = 'draft'`);
    this.selectSignedHashes = db.prepare(
      `SELECT id, content_hash FROM notes WHERE status = 'signed' ORDER BY id`,
    );
  }

  /**
   * Creates a draft, or saves new content into an existing draft (the same id). Drafts stay on this
   * workstation; only signed notes are synced.
   */
  saveDraft(input: NoteDraftInput): Note {
    const draft = parseInput(NoteDraftInputSchema, input, 'Note draft');
    this.cases.require(draft.caseId);
    const existing = draft.id === undefined ? null : this.get(draft.id);
    if (existing) {
      if (existing.status === 'signed') {
        throw new StoreError(
          'note-signed',
          `Note ${existing.id} is signed and cannot be changed; write an amendment instead.`,
        );
      }
      if (existing.caseId !== draft.caseId) {
        throw new StoreError(
          'invalid-input',
          `Note ${existing.id} belongs to another case; a draft cannot move between cases.`,
        );
      }
    }
    const note = parseInput(
      NoteSchema,
      {
        id: draft.id ?? randomUUID(),
        caseId: draft.caseId,
        kontaktorsak: draft.kontaktorsak,
        bedomning: draft.bedomning,
        rad: draft.rad,
        hanvisning: draft.hanvisning,
        bradskegrad: draft.bradskegrad,
        contactAt: draft.contactAt ?? existing?.contactAt ?? this.ctx.now(),
        responsible: draft.responsible,
        status: 'draft',
        ...(existing?.amendsNoteId === undefined ? {} : { amendsNoteId: existing.amendsNoteId }),
      },
      'Note draft',
    );
    if (existing) this.updateDraftRow.run(this.columns(note));
    else this.insert(note, 'local');
    return note;
  }

  /** Removes a draft the nurse discards. A signed note cannot be removed. */
  discardDraft(id: string): void {
    const note = this.require(id);
    if (note.status === 'signed')
      throw new StoreError('note-signed', `Note ${id} is signed and cannot be deleted.`);
    this.deleteDraftRow.run(id);
  }

  /**
   * Signs a complete draft: status, signedAt and contentHash are set in one statement, and the signed
   * note enters the outbox in the same transaction. From then on the note never changes.
   */
  sign(id: string, signedAt?: string): Note {
    const at =
      signedAt === undefined ? this.ctx.now() : parseInput(TimestampSchema, signedAt, 'Signing time');
    const draft = this.require(id);
    if (draft.status === 'signed') throw new StoreError('note-signed', `Note ${id} is already signed.`);
    const problems = missingForSigning(draft);
    if (problems.length > 0) {
      throw new StoreError(
        'invalid-input',
        `The note cannot be signed yet: ${problems.map((p) => p.message).join(' ')}`,
      );
    }
    const withTime: Note = { ...draft, status: 'signed', signedAt: at };
    const signed = parseInput(
      NoteSchema,
      { ...withTime, contentHash: noteContentHash(withTime) },
      'Signed note',
    );
    const changed = this.signRow.run({
      id,
      signedAt: signed.signedAt,
      contentHash: signed.contentHash,
      savedAtUtc: toUtc(this.ctx.now()),
    }).changes;
    if (changed !== 1)
      throw new StoreError('conflict', `Note ${id} changed while it was being signed; try again.`);
    this.ctx.outbox.enqueue({ entity: 'note', payload: signed });
    return signed;
  }

  /**
   * Starts an amendment: a new draft note pointing at the signed note it corrects, in the same case,
   * prefilled by the caller. Only the newest signed version can be amended, so the chain stays a line.
   */
  amend(originalId: string, input: AmendmentInput): Note {
    const content = parseInput(AmendmentInputSchema, input, 'Amendment');
    const original = this.require(originalId);
    if (original.status !== 'signed') {
      throw new StoreError(
        'invalid-input',
        `Note ${originalId} is a draft; edit it directly instead of amending it.`,
      );
    }
    for (const amendment of this.selectAmendments.all(originalId)) {
      if (amendment.status === 'signed') {
        throw new StoreError(
          'conflict',
          `Note ${originalId} has already been amended by note ${amendment.id}; amend the newest version instead.`,
        );
      }
      throw new StoreError(
        'conflict',
        `Note ${originalId} already has a draft amendment (${amendment.id}); continue that one.`,
      );
    }
    if (content.id !== undefined && this.get(content.id)) {
      throw new StoreError('conflict', `A note with id ${content.id} already exists.`);
    }
    const note = parseInput(
      NoteSchema,
      {
        id: content.id ?? randomUUID(),
        caseId: original.caseId,
        kontaktorsak: content.kontaktorsak,
        bedomning: content.bedomning,
        rad: content.rad,
        hanvisning: content.hanvisning,
        bradskegrad: content.bradskegrad,
        // An amendment documents the same contact, so it keeps the contact time unless told otherwise.
        contactAt: content.contactAt ?? original.contactAt,
        responsible: content.responsible,
        status: 'draft',
        amendsNoteId: original.id,
      },
      'Amendment',
    );
    this.insert(note, 'local');
    return note;
  }

  /**
   * The whole amendment chain the note belongs to, oldest first (a trailing draft amendment included).
   * Should two workstations have amended the same note, the chain follows the first signed amendment.
   */
  amendmentChain(id: string): Note[] {
    let first = this.require(id);
    const walkedBack = new Set([first.id]);
    while (first.amendsNoteId !== undefined) {
      const previous = this.get(first.amendsNoteId);
      if (!previous || walkedBack.has(previous.id)) break;
      walkedBack.add(previous.id);
      first = previous;
    }
    const chain = [first];
    const inChain = new Set([first.id]);
    for (let last = first; ;) {
      const next = this.selectAmendments.get(last.id);
      if (!next || inChain.has(next.id)) break;
      last = noteFromRow(next);
      chain.push(last);
      inChain.add(last.id);
    }
    return chain;
  }

  get(id: string): Note | null {
    const row = this.selectOne.get(id);
    return row ? noteFromRow(row) : null;
  }

  require(id: string): Note {
    const found = typeof id === 'string' ? this.get(id) : null;
    if (!found) throw new StoreError('not-found', `No note with id ${String(id)} in the local store.`);
    return found;
  }

  listForCase(caseId: string): Note[] {
    return this.selectByCase.all(caseId).map(noteFromRow);
  }

  /** Every signed note's hash: what sync checks compare between workstations and the backend. */
  signedHashes(): Map<string, string> {
    return new Map(this.selectSignedHashes.all().map((row) => [row.id, row.content_hash]));
  }

  insert(note: Note, origin: RecordOrigin): void {
    this.insertRow.run({ ...this.columns(note), origin });
  }

  private columns(note: Note): Record<string, unknown> {
    return {
      id: note.id,
      caseId: note.caseId,
      kontaktorsak: note.kontaktorsak,
      bedomning: note.bedomning,
      rad: note.rad,
      hanvisning: note.hanvisning,
      bradskegrad: note.bradskegrad,
      contactAt: note.contactAt,
      responsibleHsaId: note.responsible.hsaId,
      responsibleName: note.responsible.name,
      responsibleTitle: note.responsible.title,
      status: note.status,
      signedAt: note.signedAt ?? null,
      contentHash: note.contentHash ?? null,
      amendsNoteId: note.amendsNoteId ?? null,
      savedAtUtc: toUtc(this.ctx.now()),
    };
  }
}

function noteFromRow(row: NoteRow): Note {
  return {
    id: row.id,
    caseId: row.case_id,
    kontaktorsak: row.kontaktorsak,
    bedomning: row.bedomning,
    rad: row.rad,
    hanvisning: row.hanvisning,
    bradskegrad: row.bradskegrad as DispositionLevel | null,
    contactAt: row.contact_at,
    responsible: { hsaId: row.responsible_hsa_id, name: row.responsible_name, title: row.responsible_title },
    status: row.status,
    ...(row.signed_at === null ? {} : { signedAt: row.signed_at }),
    ...(row.amends_note_id === null ? {} : { amendsNoteId: row.amends_note_id }),
    ...(row.content_hash === null ? {} : { contentHash: row.content_hash }),
  };
}
