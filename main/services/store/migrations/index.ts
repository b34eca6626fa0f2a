// The ordered registry of local-store migrations and the runner that applies them, tracked with PRAGMA user_version.
import type Database from 'better-sqlite3-multiple-ciphers';
import { StoreError } from '../errors';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-quarantine-code';
import { migration0003 } from './0003-case-call-and-workspace';
import type { Migration } from './types';

export type { Migration } from './types';
export { FIRSTLINE_APPLICATION_ID } from './0001-initial';

/** Every migration, in order. Append new ones; never edit or reorder a released one. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003];

/** The schema version this build of Firstline writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the newest schema. All pending migrations run in one transaction: either the
 * database reaches the new version or it stays exactly as it was. A database written by a newer
 * Firstline is refused untouched, because this build cannot know what its newer tables mean.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration registry out of order: position ${index + 1} holds version ${migration.version} (${migration.name}).`,
      );
    }
  });
  const latest = migrations.length;
  const from = schemaVersionOf(db);
  if (from > latest) {
    throw new StoreError(
      'newer-schema',
      `The local database was written by a newer Firstline (schema ${from}, this app knows ${latest}). Update Firstline.`,
    );
  }
  if (from === latest) return { from, to: latest };

  let running: Migration | undefined;
  try {
    db.transaction(() => {
      for (const migration of migrations.slice(from)) {
        running = migration;
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      }
    }).immediate();
  } catch (error) {
    const which = running ? `${running.version} (${running.name})` : 'start';
    throw new StoreError(
      'migration-failed',
      `Updating the local database failed at migration ${which}; it was left unchanged at schema ${from}. ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
  return { from, to: latest };
}
