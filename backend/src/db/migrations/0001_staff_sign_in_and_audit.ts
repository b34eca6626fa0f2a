// Migration 0001: regions, staff accounts, sessions with rotating refresh tokens, the append-only sign-in audit.
import type { Migration } from 'kysely';
import { runStatements } from './runStatements';

export const staffSignInAndAudit: Migration = {
  async up(db) {
    await runStatements(db, [
      `create table region (
         id text primary key check (id ~ '^[a-z][a-z0-9-]*$'),
         name text not null check (length(name) > 0)
       )`,
      `create table staff (
         hsa_id text primary key check (hsa_id = upper(hsa_id) and length(hsa_id) between 1 and 64),
         name text not null check (length(name) > 0),
         title text not null check (length(title) > 0),
         roles text[] not null
           check (cardinality(roles) > 0 and roles <@ array['nurse', 'team_lead', 'admin']::text[]),
         region_id text not null references region (id),
         password_hash text not null,
         failed_attempts integer not null default 0 check (failed_attempts >= 0),
         locked_until timestamptz,
         created_at timestamptz not null default now()
       )`,
      `create index staff_region_idx on staff (region_id)`,
      `create table staff_session (
         id uuid primary key,
         hsa_id text not null references staff (hsa_id),
         created_at timestamptz not null,
         revoked_at timestamptz,
         revoked_reason text check (revoked_reason in ('signed_out', 'refresh_token_reused')),
         check ((revoked_at is null) = (revoked_reason is null))
       )`,
      `create index staff_session_hsa_idx on staff_session (hsa_id)`,
      `create table refresh_token (
         id uuid primary key,
         session_id uuid not null references staff_session (id),
         token_hash text not null unique,
         issued_at timestamptz not null,
         expires_at timestamptz not null,
         rotated_at timestamptz
       )`,
      `create index refresh_token_session_idx on refresh_token (session_id)`,
      // No foreign keys here on purpose: the audit trail must outlive changes to accounts and regions,
      // and an attempt for an HSA-id that does not exist is recorded too.
      `create table audit_sign_in (
         id bigint generated always as identity primary key,
         at timestamptz not null,
         hsa_id_typed text not null check (length(hsa_id_typed) <= 64),
         hsa_id text not null,
         region_id text,
         outcome text not null check (outcome in ('success', 'wrong_password', 'unknown_user', 'locked')),
         client_ip text
       )`,
      `create index audit_sign_in_hsa_idx on audit_sign_in (hsa_id, id desc)`,
      `create index audit_sign_in_region_idx on audit_sign_in (region_id, id desc)`,
      // Shared by every append-only table (audit and access logs): rows can be added, never changed.
      `create function forbid_change_to_append_only_table() returns trigger language plpgsql as $$
       begin
         raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
           using errcode = 'insufficient_privilege';
       end;
       $$`,
      `create trigger audit_sign_in_append_only before update or delete on audit_sign_in
         for each row execute function forbid_change_to_append_only_table()`,
      `create trigger audit_sign_in_no_truncate before truncate on audit_sign_in
         for each statement execute function forbid_change_to_append_only_table()`,
      `create table server_secret (
         name text primary key,
         value text not null,
         created_at timestamptz not null
       )`,
    ]);
  },
};
