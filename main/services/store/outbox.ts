// The outbox: every synced write leaves an item here in the same transaction, numbered per device without gaps.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  MAX_PUSH_BATCH,
  outboxIdempotencyKey,
  SYNC_OPS,
  SYNC_SCHEMA_VERSION,
  type EntityPayload,
  type OutboxItem,
  type SyncEntity,
} from '../../../core/case';
import { StoreError } from './errors';
import { noteContentHash, payloadContentHash } from './hashing';

export interface OutboxStatus {
  /** Items not yet acknowledged by the backend (quarantined ones not counted). */
  waiting: number;
  /** Items the backend rejected; kept and shown to the nurse until requeued. */
  quarantined: number;
  /** createdAt of the oldest waiting item, or null when nothing waits. */
  oldestWaitingAt: string | null;
}

/** `code` says what kind of refusal it was (e.g. `invalid`, `too_large`, or the backend's own code); `reason` explains it. */
export type QuarantinedItem = OutboxItem & { code: string; reason: string; quarantinedAt: string };

interface OutboxRow {
  seq: number;
  idempotency_key: string;
  entity: SyncEntity;
  entity_id: string;
  op: string;
  payload: string;
  content_hash: string;
  schema_version: number;
  created_at: string;
  quarantine_code: string | null;
  quarantine_reason: string | null;
  quarantined_at: string | null;
}

const ROW_COLUMNS = `seq, idempotency_key, entity, entity_id, op, payload, content_hash, schema_version, created_at,
  quarantine_code, quarantine_reason, quarantined_at`;

export class Outbox {
  readonly deviceId: string;
  private readonly listeners = new Set<() => void>();
  private enqueuedInTransaction = false;

  private readonly takeSeq: Database.Statement<[], number>;
  private readonly insertItem: Database.Statement<[Record<string, unknown>]>;
  private readonly selectWaiting: Database.Statement<[number, number], OutboxRow>;
  private readonly deleteRange: Database.Statement<[number, number]>;
  private readonly deleteOne: Database.Statement<[number]>;
  private readonly markQuarantined: Database.Statement<[string, string, string, number]>;
  private readonly markWaiting: Database.Statement<[number]>;
  private readonly selectQuarantined: Database.Statement<[], OutboxRow>;
  private readonly selectStatus: Database.Statement<
    [],
    { waiting: number; quarantined: number; oldest_waiting_at: string | null }
  >;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {
    db.prepare(
      `INSERT INTO device (singleton, device_id, next_seq, created_at) VALUES (1, ?, 1, ?) ON CONFLICT DO NOTHING`,
    ).run(randomUUID(), now());
    this.deviceId = db.prepare('SELECT device_id FROM device').pluck().get() as string;
    // The counter advances inside the caller's transaction: a rolled-back write takes its number with it.
    this.takeSeq = db
      .prepare<[], number>('UPDATE device SET next_seq = next_seq + 1 RETURNING next_seq - 1')
      .pluck();
    this.insertItem = db.prepare(
      `INSERT INTO outbox (seq, idempotency_key, entity, entity_id, op, payload, content_hash, schema_version, created_at)
       VALUES (@seq, @idempotencyKey, @entity, @entityId, @op, @payload, @contentHash, @schemaVersion, @createdAt)`,
    );
    this.selectWaiting = db.prepare(
      `SELECT ${ROW_COLUMNS} FROM outbox WHERE state = 'waiting' AND seq > ? ORDER BY seq LIMIT ?`,
    );
    this.deleteRange = db.prepare(`DELETE FROM outbox WHERE state = 'waiting' AND seq BETWEEN ? AND ?`);
    this.deleteOne = db.prepare(`DELETE FROM outbox WHERE state = 'waiting' AND seq = ?`);
    this.markQuarantined = db.prepare(
      `UPDATE outbox SET state = 'quarantined', quarantine_code = ?, quarantine_reason = ?, quarantined_at = ?
       WHERE seq = ? AND state = 'waiting'`,
    );
    this.markWaiting = db.prepare(
      `UPDATE outbox SET state = 'waiting', quarantine_code = NULL, quarantine_reason = NULL, quarantined_at = NULL
       WHERE seq = ? AND state = 'quarantined'`,
    );
    this.selectQuarantined = db.prepare(
      `SELECT ${ROW_COLUMNS} FROM outbox WHERE state = 'quarantined' ORDER BY seq`,
    );
    this.selectStatus = db.prepare(
      `SELECT count(*) FILTER (WHERE state = 'waiting') AS waiting,
              count(*) FILTER (WHERE state = 'quarantined') AS quarantined,
              (SELECT created_at FROM outbox WHERE state = 'waiting' ORDER BY seq LIMIT 1) AS oldest_waiting_at
       FROM outbox`,
    );
  }

  /**
   * Adds the item for a write that is being committed right now. Must run inside that write's
   * transaction, so the write and its outbox item are saved together or not at all.
   */
  enqueue(item: EntityPayload): number {
    if (!this.db.inTransaction) {
      throw new Error('Outbox items are written only inside the transaction of the write they belong to.');
    }
    let contentHash: string;
    if (item.entity === 'note') {
      if (item.payload.status !== 'signed' || item.payload.contentHash !== noteContentHash(item.payload)) {
        throw new StoreError(
          'integrity',
          `Note ${item.payload.id} is not signed with a matching hash; it cannot be synced.`,
        );
      }
      contentHash = item.payload.contentHash;
    } else {
      contentHash = payloadContentHash(item);
    }
    const seq = this.takeSeq.get();
    if (seq === undefined) throw new Error('The device row of the local store is missing.');
    this.insertItem.run({
      seq,
      idempotencyKey: outboxIdempotencyKey(item.payload.id, contentHash),
      entity: item.entity,
      entityId: item.payload.id,
      op: SYNC_OPS[item.entity],
      payload: JSON.stringify(item.payload),
      contentHash,
      schemaVersion: SYNC_SCHEMA_VERSION,
      createdAt: this.now(),
    });
    this.enqueuedInTransaction = true;
    return seq;
  }

  /**
   * The next waiting items in sequence order (quarantined ones skipped); the same items until
   * acknowledged. At most `limit` items, cut before the item that would take the batch's JSON past
   * `maxBytes` (the payload sized from its stored text, so it is not serialised again); always at least one item.
   * `afterSeq` skips what is already on its way (items up to that sequence number).
   */
  nextBatch(limit = 500, maxBytes = Number.POSITIVE_INFINITY, afterSeq = 0): OutboxItem[] {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PUSH_BATCH) {
      throw new StoreError(
        'invalid-input',
        `Outbox batch size must be a whole number from 1 to ${MAX_PUSH_BATCH} (got ${limit}).`,
      );
    }
    const items: OutboxItem[] = [];
    let bytes = 1; // the array's brackets, less the comma the first item does not need
    assertSeq(afterSeq, 0);
    for (const row of this.selectWaiting.all(afterSeq, limit)) {
      const item = this.itemFromRow(row);
      // The envelope serialised with a one-character stand-in, plus the payload's stored text and a comma.
      bytes += JSON.stringify({ ...item, payload: 0 }).length - 1 + row.payload.length + 1;
      if (bytes > maxBytes && items.length > 0) break;
      items.push(item);
    }
    return items;
  }

  /**
   * Removes items the backend has committed: every waiting item up to and including `upToSeq`, or
   * exactly the listed sequence numbers. Quarantined items are never removed this way. Returns how
   * many items were removed.
   */
  acknowledge(upTo: number | readonly number[]): number {
    if (typeof upTo === 'number') return this.acknowledgeRange(1, upTo);
    if (!Array.isArray(upTo))
      throw new StoreError('invalid-input', 'acknowledge expects a sequence number or a list of them.');
    upTo.forEach(assertSeq);
    return this.withoutZeroingCopies(() =>
      this.db.transaction(() =>
        upTo.reduce((removed, seq) => removed + this.deleteOne.run(seq).changes, 0),
      )(),
    );
  }

  /**
   * Removes the waiting items from `firstSeq` to `lastSeq`: one whole batch the backend committed,
   * while later batches may still be on their way. Returns how many items were removed.
   */
  acknowledgeRange(firstSeq: number, lastSeq: number): number {
    assertSeq(firstSeq);
    assertSeq(lastSeq);
    if (lastSeq < firstSeq)
      throw new StoreError(
        'invalid-input',
        `An acknowledged range runs upwards (got ${firstSeq}–${lastSeq}).`,
      );
    return this.withoutZeroingCopies(() => this.deleteRange.run(firstSeq, lastSeq).changes);
  }

  /**
   * An outbox payload is a copy of a row the store keeps (the signed note, case or log entry), so
   * zero-filling its freed bytes (SQLCipher's secure_delete, on for everything else) protects nothing
   * and made each acknowledgement of 1,000 items take about 45 ms instead of 7 ms.
   */
  private withoutZeroingCopies<T>(remove: () => T): T {
    const before = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = FAST');
    try {
      return remove();
    } finally {
      this.db.pragma(`secure_delete = ${before === 0 ? 0 : before === 2 ? 2 : 1}`);
    }
  }

  /**
   * Sets aside an item the backend rejected for good (4xx), with the kind of refusal (`code`) and the reason
   * to show the nurse. Never drops it.
   */
  quarantine(seq: number, code: string, reason: string): void {
    assertSeq(seq);
    if (typeof code !== 'string' || code.trim() === '' || code.length > 100) {
      throw new StoreError('invalid-input', 'A quarantine reason code of 1–100 characters is required.');
    }
    if (typeof reason !== 'string' || reason.trim() === '' || reason.length > 2000) {
      throw new StoreError('invalid-input', 'A quarantine reason of 1–2000 characters is required.');
    }
    if (this.markQuarantined.run(code.trim(), reason.trim(), this.now(), seq).changes === 0) {
      throw new StoreError('not-found', `No waiting outbox item has sequence number ${seq}.`);
    }
  }

  /** Puts a quarantined item back in line (after the cause is fixed); it is pushed again in sequence order. */
  requeue(seq: number): void {
    assertSeq(seq);
    if (this.markWaiting.run(seq).changes === 0) {
      throw new StoreError('not-found', `No quarantined outbox item has sequence number ${seq}.`);
    }
    this.notify();
  }

  listQuarantined(): QuarantinedItem[] {
    return this.selectQuarantined.all().map((row) => ({
      ...this.itemFromRow(row),
      code: row.quarantine_code ?? 'other',
      reason: row.quarantine_reason ?? '',
      quarantinedAt: row.quarantined_at ?? '',
    }));
  }

  status(): OutboxStatus {
    const row = this.selectStatus.get();
    return {
      waiting: row?.waiting ?? 0,
      quarantined: row?.quarantined ?? 0,
      oldestWaitingAt: row?.oldest_waiting_at ?? null,
    };
  }

  /** Calls `listener` after every commit that added outbox items, so the sync engine can push at once. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by the store once a write's transaction has ended, committed or not. */
  transactionEnded(committed: boolean): void {
    const enqueued = this.enqueuedInTransaction;
    this.enqueuedInTransaction = false;
    if (committed && enqueued) this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        // A failing listener must not turn a committed write into a reported failure.
        console.error('Outbox listener failed:', error instanceof Error ? error.message : error);
      }
    }
  }

  private itemFromRow(row: OutboxRow): OutboxItem {
    return {
      deviceId: this.deviceId,
      seq: row.seq,
      idempotencyKey: row.idempotency_key,
      entity: row.entity,
      entityId: row.entity_id,
      op: row.op,
      payload: JSON.parse(row.payload) as unknown,
      contentHash: row.content_hash,
      schemaVersion: row.schema_version,
      createdAt: row.created_at,
    } as OutboxItem;
  }
}

function assertSeq(seq: unknown, lowest = 1): asserts seq is number {
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < lowest) {
    throw new StoreError(
      'invalid-input',
      `An outbox sequence number is a whole number from ${lowest} (got ${String(seq)}).`,
    );
  }
}
