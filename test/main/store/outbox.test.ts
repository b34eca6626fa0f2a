// The outbox: written atomically with each write, numbered without gaps, delivered in order, rejected items kept.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxItemSchema, outboxIdempotencyKey } from '../../../core/case';
import {
  openWorkstationStore,
  payloadContentHash,
  type WorkstationStore,
} from '../../../main/services/store';
import { careUnitHsaId, completeDraft, memoryStore, newCaseInput, nurse, tempDir } from './fixtures';

let store: WorkstationStore;
beforeEach(() => (store = memoryStore()));
afterEach(() => store.close());

const count = (table: string) => store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function breakOutbox(): void {
  store.db.exec(
    `CREATE TRIGGER simulated_failure BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END`,
  );
}
function repairOutbox(): void {
  store.db.exec('DROP TRIGGER simulated_failure');
}

describe('atomic writes', () => {
  it('a case is not saved when its outbox item cannot be written', () => {
    breakOutbox();
    expect(() => store.createCase(newCaseInput())).toThrow('simulated disk failure');
    expect(count('cases')).toBe(0);
    expect(count('outbox')).toBe(0);
  });

  it('a note stays a draft when the outbox fails while signing', () => {
    const caseId = store.createCase(newCaseInput()).id;
    const draft = store.saveDraftNote(completeDraft(caseId));
    breakOutbox();
    expect(() => store.signNote(draft.id)).toThrow('simulated disk failure');
    expect(store.getNote(draft.id)).toEqual(draft);
    repairOutbox();
    expect(store.signNote(draft.id).status).toBe('signed');
    expect(store.outbox.nextBatch().map((item) => [item.seq, item.entity])).toEqual([
      [1, 'case'],
      [2, 'note'],
    ]);
  });

  it('no outbox item is left when the write itself fails after it', () => {
    const caseId = store.createCase(newCaseInput()).id;
    store.db.exec(
      `CREATE TRIGGER simulated_failure AFTER INSERT ON outbox WHEN NEW.entity = 'access-log'
       BEGIN SELECT RAISE(ABORT, 'simulated failure after the outbox row'); END`,
    );
    expect(() => store.logAccess({ actor: nurse, careUnitHsaId, caseId, action: 'open-case' })).toThrow(
      'simulated failure after the outbox row',
    );
    expect(count('access_log')).toBe(0);
    expect(store.outbox.nextBatch().map((item) => item.entity)).toEqual(['case']);
  });

  it('rejected input writes nothing at all', () => {
    expect(() => store.createCase({ ...newCaseInput(), regionId: 'Region Skåne' })).toThrow('regionId');
    expect(count('cases') + count('outbox')).toBe(0);
  });
});

describe('sequence numbers', () => {
  it('are gapless and increasing across successful, rejected and failed writes', () => {
    type Op = 'case' | 'sign' | 'access' | 'invalid' | 'fail' | 'ack';
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<Op>('case', 'sign', 'access', 'invalid', 'fail', 'ack'), { maxLength: 40 }),
        (ops) => {
          const s = memoryStore();
          const seen = new Set<number>();
          let writes = 0;
          const observe = () => s.outbox.nextBatch(2000).forEach((item) => seen.add(item.seq));
          const caseIds: string[] = [];
          /** Runs one operation; true when it committed a synced write (which must take the next number). */
          const run = (op: Op): boolean => {
            if (op === 'case' || caseIds.length === 0) {
              caseIds.push(s.createCase(newCaseInput()).id);
            } else if (op === 'sign') {
              s.signNote(s.saveDraftNote(completeDraft(caseIds[0]!)).id);
            } else if (op === 'access') {
              s.logAccess({ actor: nurse, careUnitHsaId, caseId: caseIds[0]!, action: 'open-case' });
            } else if (op === 'invalid') {
              s.logAccess({
                actor: nurse,
                careUnitHsaId: 'not an hsa id',
                caseId: caseIds[0]!,
                action: 'open-case',
              });
            } else if (op === 'fail') {
              s.db.exec(`CREATE TRIGGER f BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'boom'); END`);
              try {
                s.createCase(newCaseInput());
              } finally {
                s.db.exec('DROP TRIGGER f');
              }
            } else {
              const [first] = s.outbox.nextBatch(1);
              if (first) s.outbox.acknowledge(first.seq);
              return false;
            }
            return true;
          };
          for (const op of ops) {
            observe();
            try {
              if (run(op)) writes += 1;
            } catch {
              // rejected or failed writes must not consume a number
            }
            observe();
          }
          const issued = [...seen].sort((a, b) => a - b);
          expect(issued).toEqual(issued.map((_, i) => i + 1));
          expect(issued.length).toBe(writes);
          s.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('are never reused after acknowledged items are removed', () => {
    store.createCase(newCaseInput());
    store.createCase(newCaseInput());
    store.outbox.acknowledge(2);
    store.createCase(newCaseInput());
    expect(store.outbox.nextBatch().map((item) => item.seq)).toEqual([3]);
  });
});

describe('delivery', () => {
  function fill(cases: number): void {
    for (let i = 0; i < cases; i += 1) store.createCase(newCaseInput());
  }

  it('hands out batches in sequence order, as valid sync envelopes with content-derived idempotency keys', () => {
    const created = store.createCase(newCaseInput());
    const signed = store.signNote(store.saveDraftNote(completeDraft(created.id)).id);
    fill(3);
    const batch = store.outbox.nextBatch(3);
    expect(batch.map((item) => item.seq)).toEqual([1, 2, 3]);
    for (const item of batch) {
      expect(OutboxItemSchema.safeParse(item).success).toBe(true);
      expect(item.deviceId).toBe(store.deviceId);
    }
    const [caseItem, noteItem] = batch;
    expect(caseItem).toMatchObject({ entity: 'case', op: 'upsert', entityId: created.id, payload: created });
    expect(caseItem!.contentHash).toBe(payloadContentHash({ entity: 'case', payload: created }));
    expect(noteItem).toMatchObject({
      entity: 'note',
      op: 'sign',
      contentHash: signed.contentHash,
      payload: signed,
    });
    expect(noteItem!.idempotencyKey).toBe(outboxIdempotencyKey(signed.id, signed.contentHash!));
  });

  it('cuts a batch below a byte budget, sized from the stored text, and always hands out at least one item', () => {
    const created = store.createCase(newCaseInput());
    for (let i = 0; i < 6; i += 1) store.signNote(store.saveDraftNote(completeDraft(created.id)).id);
    const all = store.outbox.nextBatch(100);
    expect(all).toHaveLength(7);
    const jsonBytes = (items: unknown[]) => JSON.stringify(items).length;
    expect(store.outbox.nextBatch(100, 1).map((item) => item.seq)).toEqual([1]);
    for (const share of [0.3, 0.5, 0.8, 0.99]) {
      const budget = Math.floor(jsonBytes(all) * share);
      const batch = store.outbox.nextBatch(100, budget);
      expect(batch.length).toBeGreaterThan(1);
      expect(batch.length).toBeLessThan(all.length);
      expect(batch).toEqual(all.slice(0, batch.length));
      expect(jsonBytes(batch)).toBeLessThanOrEqual(budget);
    }
    expect(store.outbox.nextBatch(100, jsonBytes(all))).toEqual(all);
  });

  it('leaves the zero-filling of deleted rows as it was after removing acknowledged copies', () => {
    fill(3);
    const before = store.db.pragma('secure_delete', { simple: true });
    expect(store.outbox.acknowledge(1)).toBe(1);
    expect(store.outbox.acknowledge([2])).toBe(1);
    expect(store.db.pragma('secure_delete', { simple: true })).toBe(before);
  });

  it('hands out the batch after the ones on their way, and removes one committed batch by its range', () => {
    fill(6);
    store.outbox.quarantine(4, 'invalid', 'HTTP 422: unknown region');
    expect(store.outbox.nextBatch(2, Number.POSITIVE_INFINITY, 2).map((item) => item.seq)).toEqual([3, 5]);
    expect(store.outbox.acknowledgeRange(3, 5)).toBe(2); // the quarantined 4 stays
    expect(store.outbox.nextBatch().map((item) => item.seq)).toEqual([1, 2, 6]);
    expect(store.outbox.status()).toMatchObject({ waiting: 3, quarantined: 1 });
    expect(() => store.outbox.acknowledgeRange(5, 3)).toThrow('runs upwards');
    expect(() => store.outbox.nextBatch(10, 1000, -1)).toThrow('whole number from 0');
  });

  it('removes acknowledged items, up to a number or exactly the ones listed', () => {
    fill(5);
    expect(store.outbox.acknowledge(2)).toBe(2);
    expect(store.outbox.acknowledge([4])).toBe(1);
    expect(store.outbox.acknowledge([4, 99])).toBe(0);
    expect(store.outbox.nextBatch().map((item) => item.seq)).toEqual([3, 5]);
  });

  it('keeps quarantined items, skips them in batches, counts them, and can requeue them', () => {
    fill(3);
    store.outbox.quarantine(2, 'invalid', 'HTTP 422: unknown region');
    expect(store.outbox.nextBatch().map((item) => item.seq)).toEqual([1, 3]);
    expect(store.outbox.status()).toMatchObject({ waiting: 2, quarantined: 1 });
    store.outbox.acknowledge(3);
    const [kept] = store.outbox.listQuarantined();
    expect(kept).toMatchObject({
      seq: 2,
      code: 'invalid',
      reason: 'HTTP 422: unknown region',
      entity: 'case',
    });
    expect(() => store.db.prepare('DELETE FROM outbox').run()).toThrow('quarantined outbox item is kept');
    store.outbox.requeue(2);
    expect(store.outbox.status()).toEqual({ waiting: 1, quarantined: 0, oldestWaitingAt: kept!.createdAt });
    expect(store.outbox.nextBatch().map((item) => item.seq)).toEqual([2]);
  });

  it('reports how much waits and since when', () => {
    expect(store.outbox.status()).toEqual({ waiting: 0, quarantined: 0, oldestWaitingAt: null });
    fill(2);
    const [first] = store.outbox.nextBatch(1);
    expect(store.outbox.status()).toEqual({ waiting: 2, quarantined: 0, oldestWaitingAt: first!.createdAt });
  });

  it('answers bad arguments with clear errors', () => {
    fill(1);
    expect(() => store.outbox.nextBatch(0)).toThrow('batch size must be a whole number from 1 to 2000');
    expect(() => store.outbox.acknowledge(-1)).toThrow('whole number from 1');
    expect(() => store.outbox.quarantine(1, 'invalid', ' ')).toThrow('reason of 1–2000 characters');
    expect(() => store.outbox.quarantine(1, ' ', 'Refused.')).toThrow('reason code of 1–100 characters');
    expect(() => store.outbox.quarantine(7, 'invalid', 'x')).toThrow(
      'No waiting outbox item has sequence number 7',
    );
    expect(() => store.outbox.requeue(1)).toThrow('No quarantined outbox item has sequence number 1');
  });

  it('tells subscribers after a commit, not after a failed write', () => {
    let calls = 0;
    const unsubscribe = store.outbox.subscribe(() => (calls += 1));
    const caseId = store.createCase(newCaseInput()).id;
    expect(calls).toBe(1);
    store.saveDraftNote(completeDraft(caseId)); // drafts are not synced
    expect(calls).toBe(1);
    breakOutbox();
    expect(() => store.createCase(newCaseInput())).toThrow();
    expect(calls).toBe(1);
    repairOutbox();
    unsubscribe();
    store.createCase(newCaseInput());
    expect(calls).toBe(1);
  });

  it('survives closing and reopening the database, so it can drain at start-up', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'firstline.db');
      const key = randomBytes(32);
      const first = openWorkstationStore({ file, key });
      first.createCase(newCaseInput());
      first.createCase(newCaseInput());
      const waiting = first.outbox.nextBatch();
      first.close();
      const again = openWorkstationStore({ file, key });
      expect(again.outbox.nextBatch()).toEqual(waiting);
      again.createCase(newCaseInput());
      expect(again.outbox.nextBatch().map((item) => item.seq)).toEqual([1, 2, 3]);
      again.close();
    } finally {
      dir.remove();
    }
  });
});
