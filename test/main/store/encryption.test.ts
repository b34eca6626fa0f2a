// Encryption at rest: the database file and its WAL hold no readable patient text, and open only with the right key.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkstationStore, StoreError } from '../../../main/services/store';
import { completeDraft, newCaseInput, tempDir } from './fixtures';

// Distinctive text that appears nowhere else, in a note and in a case.
const MARKER = 'Zebrafinkhalsont-7Q4';

let dir: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  dir = tempDir();
  file = join(dir.path, 'profile', 'firstline.db');
});
afterEach(() => dir.remove());

function contains(bytes: Buffer, text: string): boolean {
  return bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'));
}

function writePatientText(store: ReturnType<typeof openWorkstationStore>): void {
  const created = store.createCase(
    newCaseInput({ caller: { name: `Förälder ${MARKER}`, relation: 'foralder' } }),
  );
  const draft = store.saveDraftNote({
    ...completeDraft(created.id),
    kontaktorsak: `Barnet har ${MARKER} sedan i går.`,
  });
  store.signNote(draft.id);
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof StoreError ? error.code : `not a StoreError: ${String(error)}`;
  }
  return undefined;
}

describe('the encrypted local store', () => {
  it('keeps patient text out of the raw bytes of the database file and its WAL', () => {
    const store = openWorkstationStore({ file, key: randomBytes(32) });
    writePatientText(store);
    // Still open: the newest pages sit in the WAL, not yet checkpointed into the main file.
    expect(existsSync(`${file}-wal`)).toBe(true);
    const wal = readFileSync(`${file}-wal`);
    expect(wal.byteLength).toBeGreaterThan(4096);
    expect(contains(wal, MARKER)).toBe(false);
    expect(contains(readFileSync(file), MARKER)).toBe(false);
    // And readable through the store with the key.
    expect(store.listCases()[0]?.caller).toEqual({ name: `Förälder ${MARKER}`, relation: 'foralder' });
    store.close();
    expect(contains(readFileSync(file), MARKER)).toBe(false);
  });

  it('(control) the same write to an unencrypted database is found by the byte search', () => {
    const plain = new Database(join(dir.path, 'plain.db'));
    plain.pragma('journal_mode = WAL');
    plain.exec('CREATE TABLE t (x TEXT)');
    plain.prepare('INSERT INTO t VALUES (?)').run(`Barnet har ${MARKER} sedan i går.`);
    expect(contains(readFileSync(join(dir.path, 'plain.db-wal')), MARKER)).toBe(true);
    plain.close();
  });

  it('reopens with the same key and finds everything', () => {
    const key = randomBytes(32);
    const store = openWorkstationStore({ file, key });
    writePatientText(store);
    const deviceId = store.deviceId;
    store.close();
    const again = openWorkstationStore({ file, key });
    expect(again.deviceId).toBe(deviceId);
    expect(again.listCases()).toHaveLength(1);
    expect([...again.signedNoteHashes().values()]).toHaveLength(1);
    again.close();
  });

  it('cannot be read without the key, even by plain SQLite', () => {
    const store = openWorkstationStore({ file, key: randomBytes(32) });
    writePatientText(store);
    store.close();
    const raw = new Database(file);
    expect(() => raw.prepare('SELECT count(*) FROM cases').get()).toThrow(/file is not a database/);
    raw.close();
  });

  it('refuses a wrong key with a clear error', () => {
    openWorkstationStore({ file, key: randomBytes(32) }).close();
    let error: unknown;
    try {
      openWorkstationStore({ file, key: randomBytes(32) });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('wrong-key');
    expect((error as StoreError).message).toContain('wrong key or not a Firstline database');
  });

  it('refuses to open a file without a key, or with a key of the wrong length', () => {
    openWorkstationStore({ file, key: randomBytes(32) }).close();
    expect(codeOf(() => openWorkstationStore({ file }))).toBe('wrong-key');
    expect(() => openWorkstationStore({ file, key: randomBytes(16) })).toThrow(
      'must be 32 bytes (got 16 bytes)',
    );
  });

  it('refuses an unencrypted SQLite file and an encrypted database of another application', () => {
    const plainFile = join(dir.path, 'other.db');
    const plain = new Database(plainFile);
    plain.exec('CREATE TABLE something (x)');
    plain.close();
    expect(codeOf(() => openWorkstationStore({ file: plainFile, key: randomBytes(32) }))).toBe('wrong-key');

    const key = randomBytes(32);
    const foreignFile = join(dir.path, 'foreign.db');
    const foreign = new Database(foreignFile);
    foreign.pragma(`cipher = 'sqlcipher'`);
    foreign.pragma(`key = "x'${key.toString('hex')}'"`);
    foreign.exec('CREATE TABLE something (x)');
    foreign.close();
    expect(() => openWorkstationStore({ file: foreignFile, key })).toThrow('not a Firstline database');
  });

  it('runs with WAL, synchronous=FULL and foreign keys, in files only the owner can read', () => {
    const store = openWorkstationStore({ file, key: randomBytes(32) });
    writePatientText(store);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    store.close();
  });
});
