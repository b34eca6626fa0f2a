// The workstation's local store as one service: cases, notes, attachments, access log, outbox and pulls.
//
// Every write runs in one IMMEDIATE transaction together with its outbox item, so a crash at any point
// leaves either both or neither. Reads that show a patient's case (openCase) write the access log entry
// in the same transaction as the read.
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import {
  HsaIdSchema,
  StaffMemberSchema,
  TimestampSchema,
  type AccessInput,
  type AccessLogEntry,
  type AccessLogFilter,
  type AmendmentInput,
  type Attachment,
  type Case,
  type CaseChange,
  type CaseListFilter,
  type NewAttachmentInput,
  type NewCaseInput,
  type Note,
  type NoteDraftInput,
  type StaffMember,
} from '../../../core/case';
import { AccessLogRepository } from './accessLog';
import { AttachmentRepository } from './attachments';
import { CaseRepository } from './cases';
import type { StoreContext } from './context';
import { parseInput } from './errors';
import { NoteRepository } from './notes';
import { Outbox } from './outbox';
import { PullApplier, type PullApplyResult, type PullConflict } from './pulls';
import { WorkspaceRepository } from './workspace';

/** A case as shown to the nurse: the case, its notes (oldest first) and its attachments' metadata. */
export interface CaseView {
  case: Case;
  notes: Note[];
  attachments: Attachment[];
}

/** Who is looking, from where: required to open a patient's case. */
export interface AccessContext {
  actor: StaffMember;
  careUnitHsaId: string;
  at?: string;
}

const AccessContextSchema = z.strictObject({
  actor: StaffMemberSchema,
  careUnitHsaId: HsaIdSchema,
  at: TimestampSchema.optional(),
});

export class WorkstationStore {
  readonly outbox: Outbox;
  /** For the sync engine: the pull cursor and applying pulled records. */
  readonly sync: {
    pullCursor(): string | null;
    applyPulled(records: readonly unknown[], cursor: string): PullApplyResult;
    pullConflicts(): PullConflict[];
  };

  private readonly cases: CaseRepository;
  private readonly notes: NoteRepository;
  private readonly attachments: AttachmentRepository;
  private readonly accessLog: AccessLogRepository;
  private readonly workspace: WorkspaceRepository;
  private readonly nowIso: () => string;

  /** Use openWorkstationStore; this expects an open, migrated connection. */
  constructor(
    /** The raw connection, for maintenance and tests; application code uses the methods. */
    readonly db: Database.Database,
    options: { now?: () => Date } = {},
  ) {
    const clock = options.now ?? (() => new Date());
    const now = () => clock().toISOString();
    this.outbox = new Outbox(db, now);
    const ctx: StoreContext = { db, now, outbox: this.outbox };
    this.cases = new CaseRepository(ctx);
    this.notes = new NoteRepository(ctx, this.cases);
    this.attachments = new AttachmentRepository(ctx, this.cases);
    this.accessLog = new AccessLogRepository(ctx, this.cases);
    this.workspace = new WorkspaceRepository(db);
    this.nowIso = now;
    const pulls = new PullApplier(ctx, this.cases, this.notes);
    this.sync = {
      pullCursor: () => pulls.cursor(),
      applyPulled: (records, cursor) => this.write(() => pulls.apply(records, cursor)),
      pullConflicts: () => pulls.conflicts(),
    };
  }

  /** This store's id towards the backend; outbox sequence numbers count per device. */
  get deviceId(): string {
    return this.outbox.deviceId;
  }

  // Cases

  /** Refused with `call-has-case` when the call already has one, unless `anotherForCall`. */
  createCase(input: NewCaseInput, options: { anotherForCall?: boolean } = {}): Case {
    return this.write(() => this.cases.create(input, options));
  }

  /** The first case made for the call, so the call and its case find each other after a reload or restart. */
  caseForCall(callId: string, regionId: string): Case | null {
    return this.cases.firstForCall(callId, regionId);
  }

  updateCase(id: string, change: CaseChange): Case {
    return this.write(() => this.cases.update(id, change));
  }

  closeCase(id: string): Case {
    return this.updateCase(id, { status: 'closed' });
  }

  /** The case without logging an access: for internal use, never to show it to a person (use openCase). */
  getCase(id: string): Case | null {
    return this.cases.get(id);
  }

  /** Shows a patient's case: reads it with its notes and attachments and logs the access, in one transaction. */
  openCase(id: string, access: AccessContext): CaseView {
    const who = parseInput(AccessContextSchema, access, 'Access context');
    return this.write(() => {
      const record = this.cases.require(id);
      this.accessLog.log({ ...who, caseId: record.id, action: 'open-case' });
      return {
        case: record,
        notes: this.notes.listForCase(record.id),
        attachments: this.attachments.listForCase(record.id),
      };
    });
  }

  /** Newest first; includes cases pulled from other workstations of the region. */
  listCases(filter: CaseListFilter = {}): Case[] {
    return this.cases.list(filter);
  }

  // Notes

  saveDraftNote(input: NoteDraftInput): Note {
    return this.write(() => this.notes.saveDraft(input));
  }

  discardDraftNote(id: string): void {
    this.write(() => this.notes.discardDraft(id));
  }

  signNote(id: string, options: { signedAt?: string } = {}): Note {
    return this.write(() => this.notes.sign(id, options.signedAt));
  }

  /** Starts a draft amendment of a signed note; sign it with signNote. */
  amendNote(originalId: string, input: AmendmentInput): Note {
    return this.write(() => this.notes.amend(originalId, input));
  }

  getNote(id: string): Note | null {
    return this.notes.get(id);
  }

  listNotes(caseId: string): Note[] {
    return this.notes.listForCase(caseId);
  }

  amendmentChain(noteId: string): Note[] {
    return this.notes.amendmentChain(noteId);
  }

  /** id → contentHash of every signed note held here (own and pulled). */
  signedNoteHashes(): Map<string, string> {
    return this.notes.signedHashes();
  }

  // Attachments

  addAttachment(input: NewAttachmentInput, bytes: Uint8Array): Attachment {
    return this.write(() => this.attachments.add(input, bytes));
  }

  /** Throws an `integrity` StoreError if the bytes no longer match their SHA-256. */
  readAttachment(id: string): { attachment: Attachment; bytes: Buffer } {
    return this.attachments.read(id);
  }

  listAttachments(caseId: string): Attachment[] {
    return this.attachments.listForCase(caseId);
  }

  // Access log

  logAccess(input: AccessInput): AccessLogEntry {
    return this.write(() => this.accessLog.log(input));
  }

  listAccessLog(filter: AccessLogFilter): AccessLogEntry[] {
    return this.accessLog.list(filter);
  }

  // Workspace (what the nurse had open; not patient data beyond a case id, not synced)

  readWorkspace(): { document: unknown; savedAt: string } | null {
    return this.workspace.read();
  }

  /** Replaces the workspace row; answers the time it was saved. */
  saveWorkspace(document: object): string {
    const savedAt = this.nowIso();
    this.db.transaction(() => this.workspace.save(document, savedAt)).immediate();
    return savedAt;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** One IMMEDIATE transaction; the outbox hears whether it committed. */
  private write<T>(work: () => T): T {
    let committed = false;
    try {
      const result = this.db.transaction(work).immediate();
      committed = true;
      return result;
    } finally {
      this.outbox.transactionEnded(committed);
    }
  }
}
