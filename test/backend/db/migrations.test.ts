// Migrations: ordered registry, applied once, safe with two instances starting together, a newer database refused.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import { openDatabase } from '../../../backend/src/db/database';
import {
  DatabaseNewerThanBackendError,
  appliedMigrations,
  migrateToLatest,
} from '../../../backend/src/db/migrate';
import { MIGRATIONS } from '../../../backend/src/db/migrations/index';
import { DEMO_PASSWORD, DEMO_STAFF } from '../../../backend/src/seed/demoStaff';
import { createBackend, startBackend } from '../../../backend/src/server';
import { describeEachEngine, isolatedDatabase } from '../support/testBackend';

const ALL_MIGRATIONS = Object.keys(MIGRATIONS);

describe('migration registry', () => {
  it('lists migrations in the order their numbered names sort, so Kysely runs them as registered', () => {
    expect(ALL_MIGRATIONS.length).toBeGreaterThan(0);
    expect([...ALL_MIGRATIONS].sort()).toEqual(ALL_MIGRATIONS);
    ALL_MIGRATIONS.forEach((name, index) =>
      expect(name).toMatch(new RegExp(`^${String(index + 1).padStart(4, '0')}_[a-z0-9_]+$`)),
    );
  });
});

describeEachEngine('migrations', (engine) => {
  it('applies every migration on a fresh database, and nothing the second time', async () => {
    const database = await isolatedDatabase(engine);
    const opened = await openDatabase(database.options);
    try {
      expect(await appliedMigrations(opened.db)).toEqual([]);
      expect((await migrateToLatest(opened.db)).applied).toEqual(ALL_MIGRATIONS);
      expect((await migrateToLatest(opened.db)).applied).toEqual([]);
      expect(await appliedMigrations(opened.db)).toEqual(ALL_MIGRATIONS);

      // A database touched by a newer backend is refused with a message saying what to do.
      await sql`insert into kysely_migration (name, timestamp) values ('9999_from_a_newer_version', '2030-01-01')`.execute(
        opened.db,
      );
      const refused = migrateToLatest(opened.db);
      await expect(refused).rejects.toBeInstanceOf(DatabaseNewerThanBackendError);
      await expect(refused).rejects.toThrow(/9999_from_a_newer_version.*Start the newer backend version/);
    } finally {
      await opened.close();
      await database.drop();
    }
  });

  if (engine === 'postgres') {
    it('lets two instances start on one PostgreSQL at once: one migrates, both serve, tokens work across them', async () => {
      const database = await isolatedDatabase(engine);
      const options = { ...database.options, logLevel: 'silent' as const, seedDemo: true };
      const [first, second] = await Promise.all([createBackend(options), createBackend(options)]);
      try {
        const recorded = await sql<{ name: string; n: string }>`
          select name, count(*) as n from kysely_migration group by name order by name`.execute(first.db);
        expect(recorded.rows).toEqual(ALL_MIGRATIONS.map((name) => ({ name, n: '1' })));
        const staff = await first.db
          .selectFrom('staff')
          .select(sql<string>`count(*)`.as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(staff.n)).toBe(DEMO_STAFF.length);

        // Both instances share the signing key kept in the database.
        const nurse = DEMO_STAFF[0]!;
        const signIn = await first.app.inject({
          method: 'POST',
          url: BACKEND_ROUTES.signIn,
          payload: { hsaId: nurse.hsaId, password: DEMO_PASSWORD },
        });
        const session = SessionTokensResponseSchema.parse(signIn.json());
        const me = await second.app.inject({
          method: 'GET',
          url: BACKEND_ROUTES.me,
          headers: { authorization: `Bearer ${session.accessToken}` },
        });
        expect(me.statusCode).toBe(200);
      } finally {
        await Promise.all([first.close(), second.close()]);
        await database.drop();
      }
    });
  }

  if (engine === 'pglite') {
    it('keeps data in a PGlite directory across restarts without migrating again', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'firstline-backend-'));
      try {
        const first = await startBackend({ dataDir, logLevel: 'silent', seedDemo: true });
        const nurse = DEMO_STAFF[0]!;
        const signIn = await fetch(`${first.url}${BACKEND_ROUTES.signIn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ hsaId: nurse.hsaId, password: DEMO_PASSWORD }),
        });
        expect(signIn.status).toBe(200);
        const { refreshToken } = SessionTokensResponseSchema.parse(await signIn.json());
        await first.close();

        const again = await startBackend({ dataDir, logLevel: 'silent' });
        try {
          expect(await appliedMigrations(again.db)).toEqual(ALL_MIGRATIONS);
          const audit = await again.db.selectFrom('audit_sign_in').select(['hsa_id', 'outcome']).execute();
          expect(audit).toEqual([{ hsa_id: nurse.hsaId, outcome: 'success' }]);
          // The session (and the signing key) survived the restart.
          const refreshed = await fetch(`${again.url}${BACKEND_ROUTES.refresh}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ refreshToken }),
          });
          expect(refreshed.status).toBe(200);
        } finally {
          await again.close();
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }
});
