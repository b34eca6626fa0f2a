// Migration 0002: synced cases, immutable signed notes, attachment metadata, the access log, devices, pull counters, integrity alerts.
import type { Migration } from 'kysely';
import { runStatements } from './runStatements';

export const syncAndAccessLog: Migration = {
  async up(db) {
    await runStatements(db, [
      // The pull cursor. Every committed record of a region gets the next number of its region's counter,
      // taken under the counter row's lock, which the pushing transaction holds until it commits. A later
      // number can therefore only become visible after every earlier one: a reader that has seen N has
      // seen everything below N, so a cursor never skips a row that was still being committed.
      `create table sync_region_counter (
         region_id text primary key,
         last_pull_seq bigint not null default 0 check (last_pull_seq >= 0)
       )`,
      // A workstation store (one per nurse and machine) belongs to the nurse who first pushed from it.
      `create table sync_device (
         device_id uuid primary key,
         hsa_id text not null,
         region_id text not null,
         last_seq bigint not null default 0 check (last_seq >= 0),
         first_push_at timestamptz not null,
         last_push_at timestamptz not null
       )`,
      `create index sync_device_hsa_idx on sync_device (hsa_id)`,
      // The current version of each case (newest updatedAt wins, ties by hash, as on the workstation).
      `create table case_record (
         id uuid primary key,
         region_id text not null,
         patient_kind text not null,
         patient_number text,
         created_by_hsa_id text not null,
         created_at timestamptz not null,
         updated_at timestamptz not null,
         content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
         document text not null,
         origin_device_id uuid not null,
         pull_seq bigint not null,
         committed_at timestamptz not null
       )`,
      `create unique index case_record_pull_idx on case_record (region_id, pull_seq)`,
      `create index case_record_patient_idx on case_record (patient_number)`,
      // Every version of every case ever received: the history behind case_record, never changed.
      `create table case_version (
         id uuid not null,
         content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
         region_id text not null,
         document text not null,
         origin_device_id uuid not null,
         pushed_by_hsa_id text not null,
         committed_at timestamptz not null,
         primary key (id, content_hash)
       )`,
      `create trigger case_version_append_only before update or delete on case_version
         for each row execute function forbid_change_to_append_only_table()`,
      `create trigger case_version_no_truncate before truncate on case_version
         for each statement execute function forbid_change_to_append_only_table()`,
      // Only signed notes reach the backend; a signed note is part of the record and never changes.
      `create table signed_note (
         id uuid primary key,
         case_id uuid not null,
         region_id text not null,
         responsible_hsa_id text not null,
         signed_at timestamptz not null,
         amends_note_id uuid,
         content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
         document text not null,
         origin_device_id uuid not null,
         pull_seq bigint not null,
         committed_at timestamptz not null
       )`,
      `create unique index signed_note_pull_idx on signed_note (region_id, pull_seq)`,
      `create index signed_note_case_idx on signed_note (case_id)`,
      `create function forbid_change_to_signed_note() returns trigger language plpgsql as $$
       begin
         raise exception 'A signed note cannot be changed or deleted (%); write an amendment instead', tg_op
           using errcode = 'insufficient_privilege';
       end;
       $$`,
      `create trigger signed_note_immutable before update or delete on signed_note
         for each row execute function forbid_change_to_signed_note()`,
      `create trigger signed_note_no_truncate before truncate on signed_note
         for each statement execute function forbid_change_to_signed_note()`,
      // Metadata of images in a case; the bytes are addressed by their sha256.
      `create table attachment_meta (
         id uuid primary key,
         case_id uuid not null,
         region_id text not null,
         mime_type text not null,
         byte_length integer not null check (byte_length > 0),
         sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
         created_at timestamptz not null,
         content_hash text not null,
         document text not null,
         origin_device_id uuid not null,
         committed_at timestamptz not null
       )`,
      `create index attachment_meta_case_idx on attachment_meta (case_id)`,
      `create trigger attachment_meta_append_only before update or delete on attachment_meta
         for each row execute function forbid_change_to_append_only_table()`,
      // patientdatalagen: every access to a patient's case, on a workstation (synced here) or on the
      // backend. Kept at least 5 years; append-only. No foreign keys: the log outlives what it names.
      `create table access_log (
         id uuid primary key,
         at timestamptz not null,
         actor_hsa_id text not null,
         actor_name text not null,
         actor_title text not null,
         care_unit_hsa_id text not null,
         case_id uuid not null,
         patient_kind text,
         patient_number text,
         action text not null,
         source text not null check (source in ('workstation', 'backend')),
         region_id text not null,
         device_id uuid,
         content_hash text,
         recorded_at timestamptz not null
       )`,
      `create index access_log_patient_idx on access_log (patient_number, at)`,
      `create index access_log_case_idx on access_log (case_id, at)`,
      `create trigger access_log_append_only before update or delete on access_log
         for each row execute function forbid_change_to_append_only_table()`,
      `create trigger access_log_no_truncate before truncate on access_log
         for each statement execute function forbid_change_to_append_only_table()`,
      // Same id pushed with different content: evidence of tampering or a bug, for the team lead.
      `create table integrity_alert (
         id bigint generated always as identity primary key,
         at timestamptz not null,
         region_id text not null,
         device_id uuid not null,
         hsa_id text not null,
         entity text not null,
         entity_id uuid not null,
         stored_hash text,
         received_hash text not null,
         code text not null,
         detail text not null
       )`,
      `create index integrity_alert_region_idx on integrity_alert (region_id, id desc)`,
      `create trigger integrity_alert_append_only before update or delete on integrity_alert
         for each row execute function forbid_change_to_append_only_table()`,
    ]);
  },
};
