// Finds a call's case by its call id, names the call in the access log, and keeps the nurse's workspace (open section and case) so a reload or restart comes back to it.
import type { Migration } from './types';

export const migration0003: Migration = {
  version: 3,
  name: 'case by call id, call id in the access log, the workspace row',
  up(db) {
    db.exec(`
      -- The call id lives in the case document; a virtual column beside it makes "the case of this call"
      -- an index lookup instead of a scan of every document.
      ALTER TABLE cases ADD COLUMN call_id TEXT GENERATED ALWAYS AS (json_extract(document, '$.callId')) VIRTUAL;
      CREATE INDEX cases_by_call ON cases (call_id, created_at_utc) WHERE call_id IS NOT NULL;

      -- An access to a call's case names the call, so the log leads from a call to who saw its case.
      ALTER TABLE access_log ADD COLUMN call_id TEXT;

      -- What the nurse had open (one row): restored after a reload, a crash or a restart of the app.
      CREATE TABLE workspace (
        singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
        document     TEXT NOT NULL CHECK (json_valid(document)),
        saved_at_utc TEXT NOT NULL
      ) STRICT;
    `);
  },
};
