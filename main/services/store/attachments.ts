// Attachments (images) in the local store: bytes kept in the encrypted database, their SHA-256 checked on every read.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  AttachmentSchema,
  NewAttachmentInputSchema,
  type Attachment,
  type NewAttachmentInput,
} from '../../../core/case';
import type { CaseRepository } from './cases';
import type { StoreContext } from './context';
import { parseInput, StoreError } from './errors';
import { sha256Hex } from './hashing';

interface AttachmentRow {
  id: string;
  case_id: string;
  mime_type: Attachment['mimeType'];
  byte_length: number;
  sha256: string;
  created_at: string;
}

const META_COLUMNS = 'id, case_id, mime_type, byte_length, sha256, created_at';

export class AttachmentRepository {
  private readonly insertRow: Database.Statement<[Record<string, unknown>]>;
  private readonly selectMeta: Database.Statement<[string], AttachmentRow>;
  private readonly selectBytes: Database.Statement<[string], Buffer>;
  private readonly selectByCase: Database.Statement<[string], AttachmentRow>;

  constructor(
    private readonly ctx: StoreContext,
    private readonly cases: CaseRepository,
  ) {
    this.insertRow = ctx.db.prepare(
      `INSERT INTO attachments (${META_COLUMNS}, bytes) VALUES (@id, @caseId, @mimeType, @byteLength, @sha256, @createdAt, @bytes)`,
    );
    this.selectMeta = ctx.db.prepare(`SELECT ${META_COLUMNS} FROM attachments WHERE id = ?`);
    this.selectBytes = ctx.db.prepare<[string], Buffer>('SELECT bytes FROM attachments WHERE id = ?').pluck();
    this.selectByCase = ctx.db.prepare(
      `SELECT ${META_COLUMNS} FROM attachments WHERE case_id = ? ORDER BY created_at, id`,
    );
  }

  /** Stores the bytes with their length and SHA-256 (computed here, never trusted from the caller). */
  add(input: NewAttachmentInput, bytes: Uint8Array): Attachment {
    const meta = parseInput(NewAttachmentInputSchema, input, 'Attachment');
    if (!(bytes instanceof Uint8Array))
      throw new StoreError('invalid-input', 'Attachment bytes must be a Buffer or Uint8Array.');
    this.cases.require(meta.caseId);
    const attachment = parseInput(
      AttachmentSchema,
      {
        id: meta.id ?? randomUUID(),
        caseId: meta.caseId,
        mimeType: meta.mimeType,
        byteLength: bytes.byteLength,
        sha256: sha256Hex(bytes),
        createdAt: meta.createdAt ?? this.ctx.now(),
      },
      'Attachment',
    );
    if (this.selectMeta.get(attachment.id))
      throw new StoreError('conflict', `An attachment with id ${attachment.id} already exists.`);
    this.insertRow.run({
      ...attachment,
      bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
    this.ctx.outbox.enqueue({ entity: 'attachment', payload: attachment });
    return attachment;
  }

  /** The bytes, verified against the SHA-256 recorded when they were saved; damage is reported, never shown. */
  read(id: string): { attachment: Attachment; bytes: Buffer } {
    const attachment = this.require(id);
    const bytes = this.selectBytes.get(id);
    if (
      bytes === undefined ||
      bytes.byteLength !== attachment.byteLength ||
      sha256Hex(bytes) !== attachment.sha256
    ) {
      throw new StoreError(
        'integrity',
        `Attachment ${id} is damaged: its bytes no longer match the SHA-256 recorded when it was saved. ` +
          'It is not shown; ask for the image again and report the fault.',
      );
    }
    return { attachment, bytes };
  }

  get(id: string): Attachment | null {
    const row = this.selectMeta.get(id);
    return row ? attachmentFromRow(row) : null;
  }

  require(id: string): Attachment {
    const found = typeof id === 'string' ? this.get(id) : null;
    if (!found) throw new StoreError('not-found', `No attachment with id ${String(id)} in the local store.`);
    return found;
  }

  listForCase(caseId: string): Attachment[] {
    return this.selectByCase.all(caseId).map(attachmentFromRow);
  }
}

function attachmentFromRow(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    caseId: row.case_id,
    mimeType: row.mime_type,
    byteLength: row.byte_length,
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}
