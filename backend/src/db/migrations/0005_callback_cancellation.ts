// Migration 0005: a booked callback can be cancelled before it is due, with who cancelled it, when and why.
import type { Migration } from 'kysely';
import { runStatements } from './runStatements';

export const callbackCancellation: Migration = {
  async up(db) {
    await runStatements(db, [
      `alter table callback add column cancelled_at timestamptz`,
      `alter table callback add column cancelled_by text references staff (hsa_id)`,
      `alter table callback add column cancel_reason text check (length(cancel_reason) between 3 and 500)`,
      // A cancelled callback says who, when and why; no other state carries them.
      `alter table callback add constraint callback_cancellation_recorded check (
         (state = 'cancelled') = (cancelled_at is not null and cancelled_by is not null and cancel_reason is not null)
       )`,
    ]);
  },
};
