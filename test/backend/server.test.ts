// The backend as a process would run it: listening on a free port, /health, start-up errors that say what to fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_API_VERSION, BACKEND_ROUTES, HealthResponseSchema } from '../../core/backend-api/auth';
import { resolveSigningKey } from '../../backend/src/auth/tokens';
import { DatabaseUnavailableError, openDatabase } from '../../backend/src/db/database';
import { startBackend } from '../../backend/src/server';
import type { RunningBackend } from '../../backend/src/server';
import { createTestStaff, describeEachEngine, isolatedDatabase } from './support/testBackend';
import type { IsolatedDatabase } from './support/testBackend';

describeEachEngine('running backend', (engine) => {
  let database: IsolatedDatabase;
  let backend: RunningBackend;

  beforeAll(async () => {
    database = await isolatedDatabase(engine);
    backend = await startBackend({ ...database.options, port: 0, logLevel: 'silent' });
  });
  afterAll(async () => {
    await backend?.close();
    await database?.drop();
  });

  it('listens on a free loopback port and reports health with its database engine and version', async () => {
    expect(backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${backend.url}${BACKEND_ROUTES.health}`);
    expect(response.status).toBe(200);
    expect(HealthResponseSchema.parse(await response.json())).toEqual({
      status: 'ok',
      database: engine,
      version: BACKEND_API_VERSION,
    });
  });

  it('signs in over real HTTP', async () => {
    const nurse = await createTestStaff(backend);
    const response = await fetch(`${backend.url}${BACKEND_ROUTES.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hsaId: nurse.hsaId, password: nurse.password }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('keeps one generated signing key in the database, and insists that a configured one is long enough', async () => {
    const clock = () => new Date();
    const stored = await resolveSigningKey(backend.db, undefined, clock);
    expect(stored.length).toBeGreaterThanOrEqual(32);
    expect(
      Buffer.from(await resolveSigningKey(backend.db, undefined, clock)).equals(Buffer.from(stored)),
    ).toBe(true);
    await expect(resolveSigningKey(backend.db, 'too-short', clock)).rejects.toThrow(/at least 32/);
  });

  if (engine === 'postgres') {
    it('answers /health with 503 database_unavailable when PostgreSQL goes away', async () => {
      await database.drop(); // terminates the backend's connections
      const response = await fetch(`${backend.url}${BACKEND_ROUTES.health}`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        error: { code: 'database_unavailable', message: 'The regional database does not answer.' },
      });
    });
  }
});

describe('start-up errors', () => {
  it('says which PostgreSQL could not be reached, without its password', async () => {
    const opening = openDatabase({ databaseUrl: 'postgres://firstline:Hemligt-Pw@127.0.0.1:1/region' });
    await expect(opening).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(opening).rejects.toThrow(/Cannot reach PostgreSQL at 127\.0\.0\.1:1\/region/);
    await expect(opening).rejects.not.toThrow(/Hemligt-Pw/);
  });

  it('refuses to start without a database to use', async () => {
    await expect(openDatabase({ dataDir: '' })).rejects.toThrow(/databaseUrl .* or dataDir/);
  });
});
