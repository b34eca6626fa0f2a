// Migration 0004: the regional service catalog: care units, per-region catalog versions, versioned referral rule layers, localities, capacity and its history.
import type { Migration } from 'kysely';
import { runStatements } from './runStatements';

export const referralCatalog: Migration = {
  async up(db) {
    await runStatements(db, [
      // One row per region with a catalog. `version` is what workstations compare: it goes up with every
      // change to the region's units or capacity. `resource_version` is the resource file last seeded.
      `create table catalog_region (
         region_id text primary key,
         version bigint not null check (version > 0),
         resource_version integer not null check (resource_version > 0),
         updated_at timestamptz not null
       )`,
      // A care unit as the core catalog schema describes it (core/referral/catalog.ts), without capacity.
      `create table care_unit (
         hsa_id text primary key,
         region_id text not null references catalog_region (region_id),
         name text not null,
         care_type text not null,
         document jsonb not null,
         updated_at timestamptz not null
       )`,
      `create index care_unit_region_idx on care_unit (region_id)`,
      // Every version of every rule layer ever loaded, never changed: a referral in a case names the layer
      // and version that produced it, and that version must stay readable. The newest version is in force.
      `create table referral_rule_layer (
         layer_id text not null,
         version integer not null check (version > 0),
         layer text not null check (layer in ('national', 'region')),
         document jsonb not null,
         loaded_at timestamptz not null,
         primary key (layer_id, version)
       )`,
      `create trigger referral_rule_layer_append_only before update or delete on referral_rule_layer
         for each row execute function forbid_change_to_append_only_table()`,
      `create trigger referral_rule_layer_no_truncate before truncate on referral_rule_layer
         for each statement execute function forbid_change_to_append_only_table()`,
      // The postcode and locality table used to place a caller (one document, replaced by a newer version).
      `create table catalog_localities (
         id text primary key check (id = 'current'),
         version integer not null check (version > 0),
         document jsonb not null,
         loaded_at timestamptz not null
       )`,
      // The capacity status in force per unit; an expired row is simply unknown to the ranking.
      `create table unit_capacity (
         hsa_id text primary key references care_unit (hsa_id) on delete cascade,
         status text not null check (status in ('green', 'amber', 'red')),
         expires_at timestamptz,
         set_by text not null,
         set_at timestamptz not null
       )`,
      // Who set which capacity when (null status: cleared), for follow-up; append-only.
      `create table unit_capacity_history (
         id bigint generated always as identity primary key,
         hsa_id text not null,
         region_id text not null,
         status text check (status in ('green', 'amber', 'red')),
         expires_at timestamptz,
         set_by text not null,
         set_at timestamptz not null
       )`,
      `create index unit_capacity_history_unit_idx on unit_capacity_history (hsa_id, set_at)`,
      `create trigger unit_capacity_history_append_only before update or delete on unit_capacity_history
         for each row execute function forbid_change_to_append_only_table()`,
      `create trigger unit_capacity_history_no_truncate before truncate on unit_capacity_history
         for each statement execute function forbid_change_to_append_only_table()`,
    ]);
  },
};
