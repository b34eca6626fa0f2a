// Brings the database schema up to date at start-up, one instance at a time, and refuses a newer database.
import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { MIGRATIONS } from './migrations/index';

/** Session advisory lock key held while migrating, so instances starting together migrate one after another. */
const MIGRATION_LOCK_KEY = 46_617_273; // arbitrary, fixed forever

export class DatabaseNewerThanBackendError extends Error {
  override name = 'DatabaseNewerThanBackendError';
}

export interface MigrationOutcome {
  /** Migrations applied by this call (empty when the schema was already current). */
  applied: string[];
}

export async function migrateToLatest<Schema>(db: Kysely<Schema>): Promise<MigrationOutcome> {
  // One pinned connection: a session advisory lock belongs to the connection that took it.
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(connection);
    try {
      await refuseNewerDatabase(connection);
      const migrator = new Migrator({
        db: connection,
        provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
      });
      const { error, results = [] } = await migrator.migrateToLatest();
      if (error !== undefined) {
        const failed = results.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
        throw new Error(
          `Database migration ${failed} failed: ${(error as Error).message ?? String(error)}. Nothing of it was applied.`,
          { cause: error },
        );
      }
      return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(connection);
    }
  });
}

/** Names of migrations recorded in the database, oldest first (empty for a fresh database). */
export async function appliedMigrations<Schema>(db: Kysely<Schema>): Promise<string[]> {
  const table = await sql<{
    exists: string | null;
  }>`select to_regclass('kysely_migration')::text as exists`.execute(db);
  if (table.rows[0]?.exists === null || table.rows[0]?.exists === undefined) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((row) => row.name);
}

async function refuseNewerDatabase<Schema>(db: Kysely<Schema>): Promise<void> {
  const unknown = (await appliedMigrations(db)).filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) {
    throw new DatabaseNewerThanBackendError(
      `The database was migrated by a newer backend (it has ${unknown.join(', ')}, which this version does not know). ` +
        'Start the newer backend version, or restore a backup made for this one.',
    );
  }
}
