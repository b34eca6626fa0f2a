// Migration 0006: failed sign-ins on HSA-ids without an account are counted and locked out like accounts are.
import type { Migration } from 'kysely';
import { runStatements } from './runStatements';

export const unknownHsaIdLockout: Migration = {
  async up(db) {
    await runStatements(db, [
      // Not a staff account and never becomes one: only the counter that makes an unknown id answer
      // exactly like a real account (401 until the limit, then 423), so answers do not reveal who exists.
      `create table unknown_hsa_id_lockout (
         hsa_id text primary key check (hsa_id = upper(hsa_id) and length(hsa_id) between 1 and 64),
         failed_attempts integer not null default 0 check (failed_attempts >= 0),
         locked_until timestamptz,
         last_attempt_at timestamptz not null
       )`,
    ]);
  },
};
