// Migration 0003: call distribution: calls in the queue, nurse presence, booked callbacks and the append-only call event log.
import type { Migration } from 'kysely';
import { runStatements } from './runStatements';

const URGENCY = `('red', 'orange', 'yellow', 'green')`;
const PRESENCE = `('available', 'on-call', 'after-call-work', 'break', 'offline')`;

export const callDistribution: Migration = {
  async up(db) {
    await runStatements(db, [
      // One row per call in the queue (an inbound call, or one attempt of a callback). Queue order is
      // computed from urgency_class and waiting_since with the queue's regional rule, at read time.
      `create table queue_call (
         id uuid primary key,
         region_id text not null references region (id),
         queue_id text not null check (length(queue_id) between 1 and 40),
         kind text not null check (kind in ('inbound', 'callback')),
         external_ref text unique,
         caller_number text not null,
         personnummer text check (personnummer ~ '^[0-9]{12}$'),
         language text not null,
         pre_assessment jsonb not null,
         red_flag_codes text[] not null default '{}',
         urgency_class text not null check (urgency_class in ${URGENCY}),
         entered_queue_at timestamptz not null,
         waiting_since timestamptz not null,
         overflow_at timestamptz,
         state text not null
           check (state in ('waiting', 'offered', 'connected', 'after-call-work', 'ended', 'abandoned')),
         assigned_to text references staff (hsa_id),
         offered_at timestamptz,
         offer_expires_at timestamptz,
         answered_at timestamptz,
         ended_at timestamptz,
         after_call_work_ended_at timestamptz,
         abandoned_at timestamptz,
         callback_id uuid,
         priority_changes jsonb not null default '[]',
         check (state <> 'waiting' or assigned_to is null),
         check (state <> 'offered' or (assigned_to is not null and offer_expires_at is not null)),
         check (state not in ('connected', 'after-call-work', 'ended') or (assigned_to is not null and answered_at is not null))
       )`,
      // The database itself refuses a second live call for one nurse, whatever the application does.
      `create unique index queue_call_one_live_call_per_nurse on queue_call (assigned_to)
         where state in ('offered', 'connected', 'after-call-work')`,
      `create index queue_call_waiting_idx on queue_call (queue_id, waiting_since) where state = 'waiting'`,
      `create index queue_call_overflow_idx on queue_call (overflow_at) where state = 'waiting' and overflow_at is not null`,
      `create index queue_call_offer_expiry_idx on queue_call (offer_expires_at) where state = 'offered'`,
      `create index queue_call_region_idx on queue_call (region_id, entered_queue_at)`,
      // One row per nurse who has ever set a presence. available_since orders "longest available first".
      `create table nurse_presence (
         hsa_id text primary key references staff (hsa_id),
         region_id text not null references region (id),
         state text not null check (state in ${PRESENCE}),
         since timestamptz not null,
         break_reason text,
         reason text not null,
         next_status jsonb,
         after_call_work_ends_at timestamptz,
         current_call_id uuid,
         offered_call_id uuid,
         check ((state = 'break') = (break_reason is not null)),
         check (offered_call_id is null or state = 'available'),
         check ((current_call_id is not null) = (state in ('on-call', 'after-call-work'))),
         check ((after_call_work_ends_at is not null) = (state = 'after-call-work'))
       )`,
      `create index nurse_presence_available_idx on nurse_presence (since) where state = 'available' and offered_call_id is null`,
      `create index nurse_presence_after_call_work_idx on nurse_presence (after_call_work_ends_at) where state = 'after-call-work'`,
      `create table callback (
         id uuid primary key,
         region_id text not null references region (id),
         queue_id text not null,
         phone text not null,
         personnummer text check (personnummer ~ '^[0-9]{12}$'),
         reason text not null check (length(reason) between 1 and 500),
         urgency_class text not null check (urgency_class in ${URGENCY}),
         red_flag_codes text[] not null default '{}',
         language text not null,
         window_start timestamptz not null,
         window_end timestamptz not null check (window_end > window_start),
         waiting_since timestamptz not null,
         state text not null check (state in ('scheduled', 'queued', 'in-progress', 'completed', 'failed', 'cancelled')),
         attempts jsonb not null default '[]',
         max_attempts integer not null check (max_attempts > 0),
         retry_after_seconds integer not null check (retry_after_seconds >= 0),
         next_attempt_at timestamptz,
         call_id uuid,
         booked_by text not null references staff (hsa_id),
         booked_at timestamptz not null,
         source_call_id uuid,
         case_id text,
         check ((next_attempt_at is not null) = (state = 'scheduled'))
       )`,
      `create index callback_due_idx on callback (next_attempt_at) where state = 'scheduled'`,
      `create index callback_region_idx on callback (region_id, state)`,
      // Every queue and presence event in the shapes of core/queue/metrics.ts, so metrics can be
      // recomputed for any window. Append-only, like the audit logs.
      `create table call_event (
         id bigint generated always as identity primary key,
         at timestamptz not null,
         region_id text not null,
         type text not null,
         call_id uuid,
         nurse_id text,
         event jsonb not null
       )`,
      `create index call_event_region_at_idx on call_event (region_id, at)`,
      `create index call_event_call_idx on call_event (call_id)`,
      `create trigger call_event_append_only before update or delete on call_event
         for each row execute function forbid_change_to_append_only_table()`,
      `create trigger call_event_no_truncate before truncate on call_event
         for each statement execute function forbid_change_to_append_only_table()`,
    ]);
  },
};
