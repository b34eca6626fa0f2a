// First schema of the local store: cases, notes (signed ones immutable), attachments, access log, outbox and pulled records.
import type { Migration } from './types';

/** 'FLST' as a 32-bit integer in the file header, so a foreign SQLite file is recognised as not ours. */
export const FIRSTLINE_APPLICATION_ID = 0x464c5354;

export const migration0001: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.pragma(`application_id = ${FIRSTLINE_APPLICATION_ID}`);
    db.exec(`
      -- This store's identity towards the backend and its outbox sequence counter (one row).
      -- next_seq lives here, not in the outbox, so deleting acknowledged items never reuses a number.
      CREATE TABLE device (
        singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
        device_id  TEXT NOT NULL,
        next_seq   INTEGER NOT NULL CHECK (next_seq >= 1),
        created_at TEXT NOT NULL
      ) STRICT;

      -- A case is kept whole as JSON (it is sent whole); the columns beside it exist to filter and sort.
      CREATE TABLE cases (
        id                TEXT PRIMARY KEY,
        region_id         TEXT NOT NULL,
        patient_number    TEXT,
        created_by_hsa_id TEXT NOT NULL,
        created_at_utc    TEXT NOT NULL,
        updated_at_utc    TEXT NOT NULL,
        status            TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        origin            TEXT NOT NULL CHECK (origin IN ('local', 'remote')),
        document          TEXT NOT NULL CHECK (json_valid(document))
      ) STRICT;
      CREATE INDEX cases_by_created ON cases (created_at_utc);
      CREATE INDEX cases_by_patient ON cases (patient_number, created_at_utc);
      CREATE INDEX cases_by_creator ON cases (created_by_hsa_id, created_at_utc);

      CREATE TABLE notes (
        id                TEXT PRIMARY KEY,
        case_id           TEXT NOT NULL REFERENCES cases (id),
        kontaktorsak      TEXT NOT NULL,
        bedomning         TEXT NOT NULL,
        rad               TEXT NOT NULL,
        hanvisning        TEXT NOT NULL,
        bradskegrad       INTEGER CHECK (bradskegrad BETWEEN 1 AND 6),
        contact_at        TEXT NOT NULL,
        responsible_hsa_id TEXT NOT NULL,
        responsible_name  TEXT NOT NULL,
        responsible_title TEXT NOT NULL,
        status            TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
        signed_at         TEXT,
        content_hash      TEXT,
        amends_note_id    TEXT REFERENCES notes (id),
        origin            TEXT NOT NULL CHECK (origin IN ('local', 'remote')),
        saved_at_utc      TEXT NOT NULL,
        CHECK ((status = 'signed') = (signed_at IS NOT NULL AND content_hash IS NOT NULL AND bradskegrad IS NOT NULL)),
        CHECK (status = 'signed' OR (signed_at IS NULL AND content_hash IS NULL)),
        CHECK (amends_note_id IS NULL OR amends_note_id <> id)
      ) STRICT;
      CREATE INDEX notes_by_case ON notes (case_id, contact_at);
      CREATE INDEX notes_by_amended ON notes (amends_note_id);

      -- A signed note is part of the patient record: it is never changed or removed, only amended by a
      -- new note. These triggers hold for every connection, including raw SQL and INSERT OR REPLACE.
      CREATE TRIGGER notes_signed_no_update BEFORE UPDATE ON notes WHEN OLD.status = 'signed'
      BEGIN
        SELECT RAISE(ABORT, 'A signed note cannot be changed; write an amendment instead.');
      END;
      CREATE TRIGGER notes_signed_no_delete BEFORE DELETE ON notes WHEN OLD.status = 'signed'
      BEGIN
        SELECT RAISE(ABORT, 'A signed note cannot be deleted.');
      END;
      CREATE TRIGGER notes_signed_no_replace BEFORE INSERT ON notes
      WHEN EXISTS (SELECT 1 FROM notes WHERE id = NEW.id AND status = 'signed')
      BEGIN
        SELECT RAISE(ABORT, 'A signed note cannot be replaced; write an amendment instead.');
      END;
      CREATE TRIGGER notes_id_fixed BEFORE UPDATE OF id ON notes WHEN NEW.id IS NOT OLD.id
      BEGIN
        SELECT RAISE(ABORT, 'A note id never changes.');
      END;

      -- Bytes live in the encrypted database with their hash; attachments are evidence, so never changed.
      CREATE TABLE attachments (
        id          TEXT PRIMARY KEY,
        case_id     TEXT NOT NULL REFERENCES cases (id),
        mime_type   TEXT NOT NULL,
        byte_length INTEGER NOT NULL CHECK (byte_length > 0),
        sha256      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        bytes       BLOB NOT NULL
      ) STRICT;
      CREATE INDEX attachments_by_case ON attachments (case_id, created_at);
      CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
      BEGIN
        SELECT RAISE(ABORT, 'An attachment cannot be changed.');
      END;
      CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
      BEGIN
        SELECT RAISE(ABORT, 'An attachment cannot be deleted.');
      END;
      CREATE TRIGGER attachments_no_replace BEFORE INSERT ON attachments
      WHEN EXISTS (SELECT 1 FROM attachments WHERE id = NEW.id)
      BEGIN
        SELECT RAISE(ABORT, 'An attachment cannot be replaced.');
      END;

      -- patientdatalagen: every open of a patient's case is logged, and the log is append-only.
      CREATE TABLE access_log (
        id               TEXT PRIMARY KEY,
        at               TEXT NOT NULL,
        at_utc           TEXT NOT NULL,
        actor_hsa_id     TEXT NOT NULL,
        actor_name       TEXT NOT NULL,
        actor_title      TEXT NOT NULL,
        care_unit_hsa_id TEXT NOT NULL,
        case_id          TEXT NOT NULL REFERENCES cases (id),
        patient_kind     TEXT NOT NULL,
        patient_number   TEXT,
        action           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX access_log_by_case ON access_log (case_id, at_utc);
      CREATE INDEX access_log_by_patient ON access_log (patient_number, at_utc);
      CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
      BEGIN
        SELECT RAISE(ABORT, 'The access log is append-only: entries cannot be changed.');
      END;
      CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
      BEGIN
        SELECT RAISE(ABORT, 'The access log is append-only: entries cannot be deleted.');
      END;
      CREATE TRIGGER access_log_no_replace BEFORE INSERT ON access_log
      WHEN EXISTS (SELECT 1 FROM access_log WHERE id = NEW.id)
      BEGIN
        SELECT RAISE(ABORT, 'The access log is append-only: entries cannot be replaced.');
      END;

      -- Every synced write leaves one row here in the same transaction. Acknowledged rows are deleted;
      -- rows the backend rejected are quarantined and kept until someone deals with them.
      CREATE TABLE outbox (
        seq               INTEGER PRIMARY KEY,
        idempotency_key   TEXT NOT NULL UNIQUE,
        entity            TEXT NOT NULL CHECK (entity IN ('case', 'note', 'attachment', 'access-log')),
        entity_id         TEXT NOT NULL,
        op                TEXT NOT NULL,
        payload           TEXT NOT NULL CHECK (json_valid(payload)),
        content_hash      TEXT NOT NULL,
        schema_version    INTEGER NOT NULL,
        created_at        TEXT NOT NULL,
        state             TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'quarantined')),
        quarantine_reason TEXT,
        quarantined_at    TEXT,
        CHECK ((state = 'quarantined') = (quarantine_reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX outbox_by_state ON outbox (state, seq);
      CREATE TRIGGER outbox_quarantined_kept BEFORE DELETE ON outbox WHEN OLD.state = 'quarantined'
      BEGIN
        SELECT RAISE(ABORT, 'A quarantined outbox item is kept until it is requeued and delivered.');
      END;

      -- Cases and signed notes pulled from the backend, keyed by content, so applying a pull twice is a no-op.
      CREATE TABLE pulled_records (
        entity           TEXT NOT NULL CHECK (entity IN ('case', 'note')),
        entity_id        TEXT NOT NULL,
        content_hash     TEXT NOT NULL,
        origin_device_id TEXT NOT NULL,
        payload          TEXT NOT NULL CHECK (json_valid(payload)),
        received_at      TEXT NOT NULL,
        state            TEXT NOT NULL CHECK (state IN ('applied', 'superseded', 'pending', 'conflict')),
        detail           TEXT,
        PRIMARY KEY (entity, entity_id, content_hash)
      ) STRICT;
      CREATE INDEX pulled_records_by_state ON pulled_records (state);

      -- Small key/value state of the sync engine (the pull cursor).
      CREATE TABLE sync_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
