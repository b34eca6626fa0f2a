// The shape of one schema migration of the local store.
import type Database from 'better-sqlite3-multiple-ciphers';

export interface Migration {
  /** 1, 2, 3, …: the `user_version` the database has once this migration is applied. */
  version: number;
  /** Short description, shown when the migration fails. */
  name: string;
  /** Runs inside the one transaction that applies all pending migrations; throw to roll everything back. */
  up(db: Database.Database): void;
}
