// Local-store migrations: applied from zero in one transaction, idempotent, and a newer database refused.
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  migrate,
  openWorkstationStore,
  SCHEMA_VERSION,
  schemaVersionOf,
  StoreError,
  type Migration,
} from '../../../main/services/store';
import { openDatabase } from '../../../main/services/store/database';
import { newCaseInput } from './fixtures';

function tables(db: Database.Database): string[] {
  return db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all() as string[];
}

describe('migrations', () => {
  it('bring an empty database to the current schema', () => {
    const db = new Database(':memory:');
    expect(schemaVersionOf(db)).toBe(0);
    expect(migrate(db)).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(schemaVersionOf(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'cases',
        'notes',
        'attachments',
        'access_log',
        'outbox',
        'pulled_records',
        'sync_state',
      ]),
    );
    db.close();
  });

  it('do nothing the second time', () => {
    const db = new Database(':memory:');
    migrate(db);
    const before = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all();
    expect(migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    expect(db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all()).toEqual(before);
    db.close();
  });

  it('keep data written under the current schema when run again', () => {
    const store = openWorkstationStore({ file: ':memory:' });
    const created = store.createCase(newCaseInput());
    migrate(store.db);
    expect(store.getCase(created.id)).toEqual(created);
    store.close();
  });

  it('apply only the pending ones, in order', () => {
    const applied: number[] = [];
    const step = (version: number): Migration => ({
      version,
      name: `step ${version}`,
      up: (db) => {
        applied.push(version);
        db.exec(`CREATE TABLE t${version} (x INTEGER)`);
      },
    });
    const db = new Database(':memory:');
    migrate(db, [step(1), step(2)]);
    migrate(db, [step(1), step(2), step(3)]);
    expect(applied).toEqual([1, 2, 3]);
    expect(schemaVersionOf(db)).toBe(3);
    db.close();
  });

  it('roll back every pending migration when one fails', () => {
    const db = new Database(':memory:');
    const failing: Migration[] = [
      {
        version: 1,
        name: 'creates a table',
        up: (d) => d.exec('CREATE TABLE kept_only_if_all_succeed (x INTEGER)'),
      },
      {
        version: 2,
        name: 'breaks',
        up: () => {
          throw new Error('disk said no');
        },
      },
    ];
    expect(() => migrate(db, failing)).toThrow(
      /failed at migration 2 \(breaks\); it was left unchanged at schema 0/,
    );
    expect(schemaVersionOf(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuse a database written by a newer Firstline, untouched', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    let error: unknown;
    try {
      migrate(db);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('newer-schema');
    expect((error as StoreError).message).toBe(
      `The local database was written by a newer Firstline (schema ${SCHEMA_VERSION + 3}, this app knows ${SCHEMA_VERSION}). Update Firstline.`,
    );
    expect(schemaVersionOf(db)).toBe(SCHEMA_VERSION + 3);
    db.close();
  });

  it('refuse a registry with a gap', () => {
    const db = new Database(':memory:');
    const gap: Migration[] = [{ version: 2, name: 'no first', up: () => undefined }];
    expect(() => migrate(db, gap)).toThrow(/out of order: position 1 holds version 2/);
    db.close();
  });
});

describe('migration 2: the quarantine reason code in its own column', () => {
  const at = '2026-11-20T08:00:00.000Z';
  function oldOutboxRow(db: Database.Database, seq: number, state: string, reason: string | null) {
    db.prepare(
      `INSERT INTO outbox (seq, idempotency_key, entity, entity_id, op, payload, content_hash, schema_version,
                           created_at, state, quarantine_reason, quarantined_at)
       VALUES (?, ?, 'case', ?, 'upsert', '{}', ?, 1, ?, ?, ?, ?)`,
    ).run(seq, `case-${seq}:hash`, `case-${seq}`, 'a'.repeat(64), at, state, reason, reason ? at : null);
  }

  it('splits old "code: message" rows once, keeps other text whole as code other, and leaves waiting rows alone', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'firstline-migration-'));
    const file = path.join(dir, 'firstline.db');
    const key = randomBytes(32);
    try {
      const old = openDatabase({ file, key });
      migrate(old, MIGRATIONS.slice(0, 1));
      old
        .prepare(
          `INSERT INTO device (singleton, device_id, next_seq, created_at) VALUES (1, 'device-1', 6, ?)`,
        )
        .run(at);
      oldOutboxRow(old, 1, 'quarantined', 'invalid: Invalid request body: items.0.payload: bad: very bad');
      oldOutboxRow(old, 2, 'quarantined', 'too_large: The request body is too large.');
      oldOutboxRow(old, 3, 'quarantined', 'HTTP 422: unknown region');
      oldOutboxRow(old, 4, 'waiting', null);
      oldOutboxRow(old, 5, 'quarantined', 'conflict: ');
      old.close();

      const store = openWorkstationStore({ file, key });
      expect(schemaVersionOf(store.db)).toBe(SCHEMA_VERSION);
      expect(store.outbox.listQuarantined().map(({ seq, code, reason }) => [seq, code, reason])).toEqual([
        [1, 'invalid', 'Invalid request body: items.0.payload: bad: very bad'],
        [2, 'too_large', 'The request body is too large.'],
        [3, 'other', 'HTTP 422: unknown region'],
        [5, 'conflict', ''],
      ]);
      expect(store.outbox.nextBatch().map((item) => item.seq)).toEqual([4]);
      // The columns stay paired from now on: a quarantined row without a code is refused, raw SQL included.
      expect(() =>
        store.db
          .prepare(`UPDATE outbox SET state = 'quarantined', quarantine_reason = 'x' WHERE seq = 4`)
          .run(),
      ).toThrow('needs a reason code');
      store.outbox.requeue(1);
      expect(store.db.prepare('SELECT quarantine_code FROM outbox WHERE seq = 1').pluck().get()).toBeNull();
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('migration 3: the case of a call, and the workspace row', () => {
  it("finds a call's case written before the migration, and starts with no workspace", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'firstline-migration-'));
    const file = path.join(dir, 'firstline.db');
    const key = randomBytes(32);
    const at = '2026-11-20T08:00:00.000Z';
    try {
      const old = openDatabase({ file, key });
      migrate(old, MIGRATIONS.slice(0, 2));
      const document = {
        id: 'case-1',
        regionId: 'skane',
        patient: { kind: 'unidentified', normalized: null, description: 'kvinna ca 30 år' },
        caller: 'self',
        callId: 'call-1',
        createdBy: { hsaId: 'SE2321000016-SKAN1', name: 'Ida Mårtensson', title: 'Sjuksköterska' },
        createdAt: at,
        updatedAt: at,
        status: 'open',
        triage: null,
        referral: null,
      };
      old
        .prepare(
          `INSERT INTO cases (id, region_id, patient_number, created_by_hsa_id, created_at_utc, updated_at_utc, status, origin, document)
           VALUES ('case-1', 'skane', NULL, 'SE2321000016-SKAN1', ?, ?, 'open', 'local', ?)`,
        )
        .run(at, at, JSON.stringify(document));
      old.close();

      const store = openWorkstationStore({ file, key });
      expect(schemaVersionOf(store.db)).toBe(SCHEMA_VERSION);
      expect(store.caseForCall('call-1', 'skane')?.id).toBe('case-1');
      expect(store.caseForCall('call-1', 'uppsala')).toBeNull();
      expect(store.readWorkspace()).toBeNull();
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
