// What every repository of the local store shares: the connection, the clock and the outbox.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Outbox } from './outbox';

export interface StoreContext {
  db: Database.Database;
  /** Current time as an ISO 8601 string in UTC. */
  now(): string;
  outbox: Outbox;
}

/** ISO 8601 in UTC with milliseconds, so stored times sort as text whatever zone they were written in. */
export function toUtc(timestamp: string): string {
  return new Date(timestamp).toISOString();
}
