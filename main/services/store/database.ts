// Opens the workstation's encrypted SQLite database (SQLite3 Multiple Ciphers) and manages the browser host's key file.
//
// Cipher: SQLCipher 4 format (AES-256-CBC, every page authenticated with HMAC-SHA512), chosen over the
// library default ChaCha20 (sqleet) because the file can be opened with standard SQLCipher tools for
// recovery and because tampering with a page is detected, not read as garbage. The key is 32 random
// bytes given as a raw key (x'…'), so no password stretching is needed: opening takes milliseconds.
// The WAL is encrypted too. An in-memory database (tests) cannot be keyed and never touches the disk.
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { StoreError } from './errors';
import { FIRSTLINE_APPLICATION_ID, migrate, type Migration } from './migrations';
import { WorkstationStore } from './workstationStore';

/** The store key is exactly 32 random bytes (256 bits). */
export const STORE_KEY_BYTES = 32;

export const IN_MEMORY = ':memory:';

export interface OpenDatabaseOptions {
  /** Path of the database file, or ':memory:' for a throw-away database (tests). */
  file: string;
  /** 32-byte key: from Electron safeStorage, or loadOrCreateKeyFile in the browser host. Required for files. */
  key?: Uint8Array;
}

export interface OpenWorkstationStoreOptions extends OpenDatabaseOptions {
  /** Clock for timestamps; tests pin it. */
  now?: () => Date;
  /** Migration registry; tests pass their own to exercise the runner. */
  migrations?: readonly Migration[];
}

/** Opens (creating if needed) and migrates the local store. Throws a StoreError with a clear message otherwise. */
export function openWorkstationStore(options: OpenWorkstationStoreOptions): WorkstationStore {
  const db = openDatabase(options);
  try {
    migrate(db, options.migrations);
    return new WorkstationStore(db, { now: options.now });
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens the SQLite connection with the key set before anything else, then the durability pragmas. */
export function openDatabase({ file, key }: OpenDatabaseOptions): Database.Database {
  const inMemory = file === IN_MEMORY;
  if (!inMemory) {
    if (key === undefined) {
      throw new StoreError(
        'wrong-key',
        `No key given for the local database ${file}; it cannot be opened without one.`,
      );
    }
    assertKeyShape(key, 'The local database key');
    prepareFile(file);
  }
  // `npm start` runs Electron against a copy of the native module built for Electron's ABI
  // (scripts/start-electron.mjs); tests and the browser host use the one npm built for Node.
  const nativeBinding = process.env.FIRSTLINE_SQLITE_BINDING;
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    if (!inMemory && key !== undefined) {
      db.pragma(`cipher = 'sqlcipher'`);
      // Hex of our own validated bytes, so nothing user-supplied reaches the PRAGMA text.
      db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
    }
    assertFirstlineDatabase(db, file);
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (!inMemory && journalMode !== 'wal') {
      throw new StoreError(
        'wrong-key',
        `The local database ${file} could not switch to WAL mode (got ${String(journalMode)}).`,
      );
    }
    // FULL: a signed note is on disk when signNote returns, even through a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // So INSERT OR REPLACE also fires the delete triggers that protect signed notes and the access log.
    db.pragma('recursive_triggers = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function assertFirstlineDatabase(db: Database.Database, file: string): void {
  const notOurs = `Cannot open the local database ${file}: wrong key or not a Firstline database.`;
  let tableCount: number;
  try {
    // The first read of page 1: with a wrong or missing key SQLite reports "file is not a database".
    tableCount = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
  } catch (error) {
    throw new StoreError('wrong-key', notOurs, { cause: error });
  }
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (tableCount > 0 && applicationId !== FIRSTLINE_APPLICATION_ID)
    throw new StoreError('wrong-key', notOurs);
}

/** Creates the directory (owner only) and an empty file with mode 0600; SQLite gives its WAL the same mode. */
function prepareFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) {
    try {
      closeSync(openSync(file, 'wx', 0o600));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function assertKeyShape(key: unknown, what: string): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.byteLength !== STORE_KEY_BYTES) {
    const got = key instanceof Uint8Array ? `${key.byteLength} bytes` : typeof key;
    throw new StoreError('wrong-key', `${what} must be ${STORE_KEY_BYTES} bytes (got ${got}).`);
  }
}

/**
 * The browser host's key: 32 random bytes in a file only the owner can read. Created with mode 0600
 * on first use (exclusively, so two processes never write different keys). A key file that group or
 * others can read is refused: the key would be as exposed as the data. (On Windows, file modes do
 * not express this; the profile directory's ACL protects the file there.)
 */
export function loadOrCreateKeyFile(path: string): Buffer {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const key = randomBytes(STORE_KEY_BYTES);
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return loadOrCreateKeyFile(path); // another process created it first: use theirs
    }
    try {
      writeSync(fd, key);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(path, 0o600); // in case a umask or filesystem widened it
    return key;
  }
  const stat = statSync(path);
  if (!stat.isFile()) throw new StoreError('key-file', `The key file ${path} is not a regular file.`);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new StoreError(
      'key-file',
      `The key file ${path} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}); ` +
        `refusing to use it. Restrict it with: chmod 600 "${path}".`,
    );
  }
  const key = readFileSync(path);
  if (key.byteLength !== STORE_KEY_BYTES) {
    throw new StoreError(
      'key-file',
      `The key file ${path} holds ${key.byteLength} bytes, not ${STORE_KEY_BYTES}; it is damaged or not a Firstline key.`,
    );
  }
  return key;
}
