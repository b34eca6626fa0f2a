// Opens the regional database: PostgreSQL over a pg pool, or embedded PGlite behind the same pg interface.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseEngine } from '../../../core/backend-api/auth';
import type { BackendDb, BackendDatabase } from './schema';

export interface DatabaseOptions {
  /** PostgreSQL connection string; when given, PGlite is not used. */
  databaseUrl?: string;
  /** PGlite data directory, or 'memory' for a database that lives only as long as the process. */
  dataDir?: string;
  /**
   * Dump of a freshly initialised PGlite data directory (`dumpDataDir()`), used to start an in-memory
   * database without running initdb again: several times faster, which test suites feel.
   */
  pgliteTemplate?: Blob;
  /** Connections in the PostgreSQL pool (PGlite always has exactly one). */
  poolSize?: number;
  /** Called when an idle pooled connection fails (PostgreSQL restarted, network cut). */
  onPoolError?: (error: Error) => void;
}

export interface OpenDatabase {
  db: BackendDb;
  engine: DatabaseEngine;
  /** Where the data lives, fit for a log line: host/database or directory, never a password. */
  location: string;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** Opens the database and checks that it answers, so a wrong URL fails at start-up and not at first sign-in. */
export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    return openPostgres(options.databaseUrl, options);
  }
  if (options.dataDir === undefined || options.dataDir === '') {
    throw new Error('openDatabase needs either databaseUrl (PostgreSQL) or dataDir (PGlite, or "memory")');
  }
  return openPglite(options.dataDir, options.pgliteTemplate);
}

/** "postgres://user@host:port/db" without the password, for messages and logs. */
export function describePostgresUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return '(unparseable PostgreSQL URL)';
  }
}

/** A dump of a brand-new, empty PGlite database, to pass back as `pgliteTemplate`. */
export async function freshPgliteDump(): Promise<Blob> {
  const pglite = await PGlite.create('memory://');
  try {
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

async function openPostgres(databaseUrl: string, options: DatabaseOptions): Promise<OpenDatabase> {
  const location = describePostgresUrl(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // Without a listener an idle client's error would crash the process; the pool replaces the client.
  pool.on('error', (error) => options.onPoolError?.(error));
  const db = new Kysely<BackendDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new DatabaseUnavailableError(
      `Cannot reach PostgreSQL at ${location}: ${(error as Error).message}. Check DATABASE_URL and that the server is running.`,
      { cause: error },
    );
  }
  return { db, engine: 'postgres', location, close: () => db.destroy() };
}

async function openPglite(dataDir: string, template: Blob | undefined): Promise<OpenDatabase> {
  const inMemory = dataDir === 'memory';
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  let pglite: PGlite;
  try {
    if (inMemory && template !== undefined) pglite = await PGlite.create({ loadDataDir: template });
    else pglite = await PGlite.create(inMemory ? 'memory://' : dataDir);
  } catch (error) {
    throw new DatabaseUnavailableError(
      `Cannot open the embedded database in ${inMemory ? 'memory' : dataDir}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  // PGlite is one session, so the pool holds exactly one connection that never times out; Kysely then
  // queues queries and transactions behind it just as it would on a busy PostgreSQL pool.
  const pool = new pg.Pool({
    ...(createPgConfig(pglite) as unknown as pg.PoolConfig),
    max: 1,
    idleTimeoutMillis: 0,
  });
  const db = new Kysely<BackendDatabase>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    location: inMemory ? 'memory' : dataDir,
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}
