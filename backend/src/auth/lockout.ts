// Failed-sign-in counters with lock-out, for staff accounts and for HSA-ids without one, applied under a row lock.
//
// Both kinds follow one rule, so an unknown HSA-id answers exactly like a real account: 401 until the
// limit, then 423 until the same lock-out ends. Without that, "never locks" would tell a guesser that an
// id does not exist.
import type { Transaction } from 'kysely';
import type { BackendDatabase } from '../db/schema';

export interface LockoutCounter {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export interface LockoutPolicy {
  maxFailedSignIns: number;
  lockoutMs: number;
}

export function isLocked(
  counter: LockoutCounter,
  now: Date,
): counter is LockoutCounter & { lockedUntil: Date } {
  return counter.lockedUntil !== null && counter.lockedUntil > now;
}

/** The counter after one more wrong password; a lock that has run out starts the count afresh. */
export function afterFailure(counter: LockoutCounter, now: Date, policy: LockoutPolicy): LockoutCounter {
  const failedAttempts = (counter.lockedUntil !== null ? 0 : counter.failedAttempts) + 1;
  const lockedUntil =
    failedAttempts >= policy.maxFailedSignIns ? new Date(now.getTime() + policy.lockoutMs) : null;
  return { failedAttempts, lockedUntil };
}

type Trx = Transaction<BackendDatabase>;

/** Reads a staff account's counter and holds its row until the transaction ends. */
export async function lockStaffCounter(trx: Trx, hsaId: string): Promise<LockoutCounter> {
  const row = await trx
    .selectFrom('staff')
    .select(['failed_attempts', 'locked_until'])
    .where('hsa_id', '=', hsaId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until };
}

export async function saveStaffCounter(trx: Trx, hsaId: string, counter: LockoutCounter): Promise<void> {
  await trx
    .updateTable('staff')
    .set({ failed_attempts: counter.failedAttempts, locked_until: counter.lockedUntil })
    .where('hsa_id', '=', hsaId)
    .execute();
}

/**
 * The counter of an HSA-id with no account, created at its first attempt; its row is held until the
 * transaction ends, so concurrent guesses on several instances count one after another.
 */
export async function lockUnknownIdCounter(trx: Trx, hsaId: string, now: Date): Promise<LockoutCounter> {
  await trx
    .insertInto('unknown_hsa_id_lockout')
    .values({ hsa_id: hsaId, last_attempt_at: now })
    .onConflict((conflict) => conflict.column('hsa_id').doNothing())
    .execute();
  const row = await trx
    .selectFrom('unknown_hsa_id_lockout')
    .select(['failed_attempts', 'locked_until'])
    .where('hsa_id', '=', hsaId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until };
}

export async function saveUnknownIdCounter(
  trx: Trx,
  hsaId: string,
  counter: LockoutCounter,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('unknown_hsa_id_lockout')
    .set({ failed_attempts: counter.failedAttempts, locked_until: counter.lockedUntil, last_attempt_at: now })
    .where('hsa_id', '=', hsaId)
    .execute();
}
