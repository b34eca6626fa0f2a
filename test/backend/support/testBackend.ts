// Test support for the backend: every test file runs on PGlite and, when configured, on its own PostgreSQL database.
import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { describe, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { StaffRole } from '../../../core/backend-api/auth';
import { createStaffAccount, ensureRegion } from '../../../backend/src/auth/staffAccounts';
import { freshPgliteDump } from '../../../backend/src/db/database';
import { createBackend } from '../../../backend/src/server';
import type { Backend, BackendOptions } from '../../../backend/src/server';

export type EngineName = 'pglite' | 'postgres';

const postgresUrl = process.env.FIRSTLINE_TEST_DATABASE_URL || undefined;
/** In CI the PostgreSQL suite must run: without a URL it is listed anyway and fails, instead of quietly vanishing. */
const postgresRequired = Boolean(process.env.CI);

export const TEST_ENGINES: readonly EngineName[] =
  postgresUrl !== undefined || postgresRequired ? ['pglite', 'postgres'] : ['pglite'];

const MISSING_POSTGRES =
  'CI is set but FIRSTLINE_TEST_DATABASE_URL is not, so the PostgreSQL suite cannot run. ' +
  'Set it, e.g. FIRSTLINE_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test';

/**
 * `describe` once per available engine; the engine name is part of every test's title. A required but
 * unconfigured PostgreSQL suite becomes one failing test per file rather than a row of skipped ones.
 */
export function describeEachEngine(title: string, body: (engine: EngineName) => void): void {
  describe.each(TEST_ENGINES)(`${title} [%s]`, (engine) => {
    if (engine === 'postgres' && postgresUrl === undefined) {
      it('has a PostgreSQL database to run on', () => {
        throw new Error(MISSING_POSTGRES);
      });
      return;
    }
    body(engine);
  });
}

export interface IsolatedDatabase {
  /** Options that point a backend at this database. */
  options: Pick<BackendOptions, 'databaseUrl' | 'dataDir' | 'pgliteTemplate'>;
  drop(): Promise<void>;
}

/** A database no other test file sees: in-memory PGlite, or a freshly created PostgreSQL database. */
export async function isolatedDatabase(engine: EngineName): Promise<IsolatedDatabase> {
  if (engine === 'pglite') {
    return {
      options: { dataDir: 'memory', pgliteTemplate: await pgliteTemplate() },
      drop: async () => undefined,
    };
  }
  if (postgresUrl === undefined) throw new Error(MISSING_POSTGRES);
  const name = `firstline_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    options: { databaseUrl: url.toString() },
    drop: () =>
      withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      ),
  };
}

let template: Promise<Blob> | undefined;

/**
 * An empty PGlite database made once and kept in the temp directory (keyed by the PGlite build), so each
 * test file loads it instead of running initdb: several times faster on a busy machine. Migrations still
 * run on every test database.
 */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const wasm = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), 'pglite.wasm');
    const build = await stat(wasm);
    const file = join(tmpdir(), `firstline-pglite-template-${build.size}-${Math.floor(build.mtimeMs)}.tar`);
    try {
      return new Blob([await readFile(file)]);
    } catch {
      const dump = await freshPgliteDump();
      // Written aside and renamed, so a test file running in parallel never reads half a template.
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, file);
      return dump;
    }
  })();
  return template;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A clock that stands still until the test moves it. */
export class TestClock {
  private current: number;
  constructor(start = '2026-03-02T07:30:00.000Z') {
    this.current = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Collects every log line the backend writes. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.lines.push(chunk.toString());
    callback();
  }
  get text(): string {
    return this.lines.join('');
  }
}

export interface TestBackend extends Backend {
  clock: TestClock;
  logs: LogCapture;
}

/**
 * A backend on an isolated database with a test clock, captured logs and a generous rate limit
 * (tests of the limit pass their own). Not listening: use `app.inject`. `close()` also drops the database.
 */
export async function startTestBackend(
  engine: EngineName,
  options: Partial<BackendOptions> = {},
): Promise<TestBackend> {
  const database = await isolatedDatabase(engine);
  const clock = new TestClock();
  const logs = new LogCapture();
  try {
    const backend = await createBackend({
      ...database.options,
      now: clock.now,
      logLevel: 'info',
      logStream: logs,
      authRateLimit: { max: 10_000, windowMs: 60_000 },
      ...options,
    });
    return {
      ...backend,
      clock,
      logs,
      close: () => backend.close().then(() => database.drop()),
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

let accountCounter = 0;

/** Creates a staff account with a unique HSA-id (so tests in one file never share lock-out state). */
export async function createTestStaff(
  backend: Backend,
  account: { roles?: StaffRole[]; regionId?: string; password?: string; name?: string } = {},
): Promise<{ hsaId: string; password: string; regionId: string }> {
  accountCounter += 1;
  const regionId = account.regionId ?? 'testregion';
  await ensureRegion(backend.db, { id: regionId, name: `Region ${regionId}` });
  const hsaId = `SE2321000016-T${process.pid}X${accountCounter}`;
  const password = account.password ?? `pw-${randomBytes(6).toString('hex')}`;
  await createStaffAccount(backend.db, {
    hsaId,
    name: account.name ?? `Testperson ${accountCounter}`,
    title: 'Sjuksköterska',
    roles: account.roles ?? ['nurse'],
    regionId,
    password,
  });
  return { hsaId, password, regionId };
}

/** POSTs JSON to the backend as a workstation would, from a given client address. */
export function postJson(
  backend: Backend,
  url: string,
  body: unknown,
  remoteAddress = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  return backend.app.inject({ method: 'POST', url, payload: body as object, remoteAddress });
}

export function getWithToken(
  backend: Backend,
  url: string,
  accessToken: string,
): Promise<LightMyRequestResponse> {
  return backend.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${accessToken}` } });
}
