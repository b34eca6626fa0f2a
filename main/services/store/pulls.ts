// Applies cases and signed notes pulled from the backend (written on other workstations), idempotently, with the pull cursor.
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { PulledRecordSchema, type Case, type Note, type PulledRecord } from '../../../core/case';
import type { CaseRepository } from './cases';
import type { StoreContext } from './context';
import { parseInput } from './errors';
import { noteContentHash, payloadContentHash } from './hashing';
import type { NoteRepository } from './notes';

type PulledState = 'applied' | 'superseded' | 'pending' | 'conflict';

export interface PullApplyResult {
  /** Records written into the local cases and notes. */
  applied: number;
  /** Records already received before (a repeated or overlapping pull). */
  unchanged: number;
  /** Older versions of a case than the one held here. */
  superseded: number;
  /** Records waiting for what they refer to (a note before its case); applied when it arrives. */
  pending: number;
  /** Records that contradict what is held here; kept for an integrity alert, never applied. */
  conflicts: PullConflict[];
}

export interface PullConflict {
  entity: PulledRecord['entity'];
  entityId: string;
  contentHash: string;
  detail: string;
  receivedAt: string;
}

const PullBatchSchema = z.strictObject({
  records: z.array(PulledRecordSchema),
  cursor: z.string().min(1).max(500),
});

const PULL_CURSOR_KEY = 'pull-cursor';

export class PullApplier {
  private readonly selectReceived: Database.Statement<[string, string, string], string>;
  private readonly insertReceived: Database.Statement<[Record<string, unknown>]>;
  private readonly updateReceived: Database.Statement<[Record<string, unknown>]>;
  private readonly selectPending: Database.Statement<
    [],
    { entity: string; payload: string; content_hash: string; origin_device_id: string }
  >;
  private readonly selectConflicts: Database.Statement<
    [],
    {
      entity: PulledRecord['entity'];
      entity_id: string;
      content_hash: string;
      detail: string | null;
      received_at: string;
    }
  >;
  private readonly selectCursor: Database.Statement<[string], string>;
  private readonly upsertCursor: Database.Statement<[string, string]>;

  constructor(
    private readonly ctx: StoreContext,
    private readonly cases: CaseRepository,
    private readonly notes: NoteRepository,
  ) {
    const { db } = ctx;
    this.selectReceived = db
      .prepare<[string, string, string], string>(
        'SELECT state FROM pulled_records WHERE entity = ? AND entity_id = ? AND content_hash = ?',
      )
      .pluck();
    this.insertReceived = db.prepare(
      `INSERT INTO pulled_records (entity, entity_id, content_hash, origin_device_id, payload, received_at, state, detail)
       VALUES (@entity, @entityId, @contentHash, @originDeviceId, @payload, @receivedAt, @state, @detail)`,
    );
    this.updateReceived = db.prepare(
      `UPDATE pulled_records SET state = @state, detail = @detail
       WHERE entity = @entity AND entity_id = @entityId AND content_hash = @contentHash`,
    );
    this.selectPending = db.prepare(
      `SELECT entity, payload, content_hash, origin_device_id FROM pulled_records WHERE state = 'pending' ORDER BY rowid`,
    );
    this.selectConflicts = db.prepare(
      `SELECT entity, entity_id, content_hash, detail, received_at FROM pulled_records WHERE state = 'conflict' ORDER BY rowid`,
    );
    this.selectCursor = db.prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?').pluck();
    this.upsertCursor = db.prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  cursor(): string | null {
    return this.selectCursor.get(PULL_CURSOR_KEY) ?? null;
  }

  /**
   * Applies one page of a pull and moves the cursor, in the caller's transaction: a crash leaves either
   * both or neither, and re-applying the same page changes nothing. Records are validated first; a
   * malformed page is refused whole.
   */
  apply(records: readonly unknown[], cursor: string): PullApplyResult {
    const batch = parseInput(PullBatchSchema, { records, cursor }, 'Pulled records');
    const result: PullApplyResult = { applied: 0, unchanged: 0, superseded: 0, pending: 0, conflicts: [] };
    const receivedAt = this.ctx.now();
    // Cases before notes, originals before amendments, so one page rarely leaves anything pending.
    const ordered = [...batch.records].sort((a, b) => rank(a) - rank(b));
    for (const record of ordered) {
      if (this.selectReceived.get(record.entity, record.payload.id, record.contentHash) !== undefined) {
        result.unchanged += 1;
        continue;
      }
      const outcome = this.materialise(record);
      this.insertReceived.run({
        entity: record.entity,
        entityId: record.payload.id,
        contentHash: record.contentHash,
        originDeviceId: record.originDeviceId,
        payload: JSON.stringify(record.payload),
        receivedAt,
        state: outcome.state,
        detail: outcome.detail ?? null,
      });
      tally(result, record, outcome, receivedAt);
    }
    result.pending = this.retryPending(result, receivedAt);
    this.upsertCursor.run(PULL_CURSOR_KEY, batch.cursor);
    return result;
  }

  /** Every pulled record that contradicted local content: an integrity alert for the team lead. */
  conflicts(): PullConflict[] {
    return this.selectConflicts.all().map((row) => ({
      entity: row.entity,
      entityId: row.entity_id,
      contentHash: row.content_hash,
      detail: row.detail ?? '',
      receivedAt: row.received_at,
    }));
  }

  /** Re-tries pending records until a pass makes no progress; returns how many still wait. */
  private retryPending(result: PullApplyResult, receivedAt: string): number {
    for (;;) {
      const pending = this.selectPending.all();
      let progressed = false;
      for (const row of pending) {
        const record = {
          entity: row.entity,
          contentHash: row.content_hash,
          originDeviceId: row.origin_device_id,
          payload: JSON.parse(row.payload) as unknown,
        } as PulledRecord;
        const outcome = this.materialise(record);
        if (outcome.state === 'pending') continue;
        progressed = true;
        this.updateReceived.run({
          entity: record.entity,
          entityId: record.payload.id,
          contentHash: record.contentHash,
          state: outcome.state,
          detail: outcome.detail ?? null,
        });
        tally(result, record, outcome, receivedAt);
      }
      if (!progressed) return pending.length;
    }
  }

  private materialise(record: PulledRecord): { state: PulledState; detail?: string } {
    return record.entity === 'case'
      ? this.materialiseCase(record.payload, record.contentHash)
      : this.materialiseNote(record.payload, record.contentHash);
  }

  /** Newest updatedAt wins (ties broken by hash, the same on every workstation). */
  private materialiseCase(incoming: Case, contentHash: string): { state: PulledState; detail?: string } {
    if (payloadContentHash({ entity: 'case', payload: incoming }) !== contentHash) {
      return { state: 'conflict', detail: 'The case does not match its content hash.' };
    }
    const local = this.cases.get(incoming.id);
    if (!local) {
      this.cases.insert(incoming, 'remote');
      return { state: 'applied' };
    }
    const localHash = payloadContentHash({ entity: 'case', payload: local });
    const incomingTime = Date.parse(incoming.updatedAt);
    const localTime = Date.parse(local.updatedAt);
    const newer = incomingTime > localTime || (incomingTime === localTime && contentHash > localHash);
    if (!newer) return { state: 'superseded' };
    this.cases.replace(incoming);
    return { state: 'applied' };
  }

  private materialiseNote(incoming: Note, contentHash: string): { state: PulledState; detail?: string } {
    if (incoming.status !== 'signed')
      return { state: 'conflict', detail: 'Only signed notes are accepted from the backend.' };
    if (incoming.contentHash !== contentHash || noteContentHash(incoming) !== contentHash) {
      return { state: 'conflict', detail: 'The note does not match its content hash.' };
    }
    const local = this.notes.get(incoming.id);
    if (local) {
      if (local.status === 'signed' && local.contentHash === contentHash) return { state: 'applied' };
      return {
        state: 'conflict',
        detail: `A different version of note ${incoming.id} is held on this workstation (hash ${local.contentHash ?? 'draft'}).`,
      };
    }
    if (!this.cases.get(incoming.caseId))
      return { state: 'pending', detail: `Waiting for case ${incoming.caseId}.` };
    if (incoming.amendsNoteId !== undefined && !this.notes.get(incoming.amendsNoteId)) {
      return { state: 'pending', detail: `Waiting for the amended note ${incoming.amendsNoteId}.` };
    }
    this.notes.insert(incoming, 'remote');
    return { state: 'applied' };
  }
}

function rank(record: PulledRecord): number {
  if (record.entity === 'case') return 0;
  return record.payload.amendsNoteId === undefined ? 1 : 2;
}

function tally(
  result: PullApplyResult,
  record: PulledRecord,
  outcome: { state: PulledState; detail?: string },
  receivedAt: string,
): void {
  if (outcome.state === 'applied') result.applied += 1;
  else if (outcome.state === 'superseded') result.superseded += 1;
  else if (outcome.state === 'conflict') {
    result.conflicts.push({
      entity: record.entity,
      entityId: record.payload.id,
      contentHash: record.contentHash,
      detail: outcome.detail ?? '',
      receivedAt,
    });
  }
}
