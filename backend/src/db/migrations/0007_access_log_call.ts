// Migration 0007: an access log entry names the call its case was made for, so a call leads to who saw its case.
import type { Migration } from 'kysely';
import { runStatements } from './runStatements';

export const accessLogCall: Migration = {
  async up(db) {
    await runStatements(db, [
      `alter table access_log add column call_id text check (call_id is null or length(call_id) between 1 and 100)`,
      `create index access_log_by_call on access_log (call_id) where call_id is not null`,
    ]);
  },
};
