// Row access for call distribution: locks (always the call before the presence or callback naming it), writes, and the one new-call row.
import { randomUUID } from 'node:crypto';
import type { PriorityChange } from '../../../../core/backend-api/calls';
import type { QueueConfigSet, RegionQueueConfig } from '../config';
import { assertPresenceTransition } from '../presence';
import { offlinePresence } from '../rows';
import type { CallRow, CallbackRow, PresenceRow } from '../rows';
import { presenceChanged } from './announcements';
import { toMs } from './context';
import type { PresenceOwner } from './context';
import { overflowAt } from './queueRules';
import { RetryTransaction } from './unitOfWork';
import type { AfterCommit, Trx } from './unitOfWork';

export function lockCall(trx: Trx, callId: string): Promise<CallRow | undefined> {
  return trx.selectFrom('queue_call').selectAll().where('id', '=', callId).forUpdate().executeTakeFirst();
}

export function lockPresence(trx: Trx, hsaId: string): Promise<PresenceRow | undefined> {
  return trx
    .selectFrom('nurse_presence')
    .selectAll()
    .where('hsa_id', '=', hsaId)
    .forUpdate()
    .executeTakeFirst();
}

/** The callback row, locked until the transaction ends. */
export function lockCallback(trx: Trx, callbackId: string): Promise<CallbackRow | undefined> {
  return trx.selectFrom('callback').selectAll().where('id', '=', callbackId).forUpdate().executeTakeFirst();
}

/** The nurse's presence row, created offline on first use, locked. */
export async function lockOrCreatePresence(trx: Trx, staff: PresenceOwner, now: Date): Promise<PresenceRow> {
  const existing = await lockPresence(trx, staff.hsaId);
  if (existing !== undefined) return existing;
  const row = offlinePresence(staff.hsaId, staff.regionId, now);
  await trx
    .insertInto('nurse_presence')
    .values({ ...row, next_status: null })
    .onConflict((conflict) => conflict.column('hsa_id').doNothing())
    .execute();
  const created = await lockPresence(trx, staff.hsaId);
  if (created === undefined) throw new Error('Presence row vanished while being created');
  return created;
}

/**
 * Locks the call a row names before the row itself, keeping the one lock order. The name was
 * read unlocked, so if the locked row names another call by now, the transaction starts again.
 */
export async function lockCallBefore<Owner>(
  trx: Trx,
  namedCallId: string | null,
  lockOwner: () => Promise<Owner>,
  callIdOf: (owner: Owner) => string | null,
): Promise<{ call: CallRow | undefined; owner: Owner }> {
  const call = namedCallId ? await lockCall(trx, namedCallId) : undefined;
  const owner = await lockOwner();
  if (callIdOf(owner) !== namedCallId) throw new RetryTransaction();
  return { call, owner };
}

/** The nurse's presence row and the call it names in `column` (ringing or current), both locked. */
export async function lockNurseAndHerCall(
  trx: Trx,
  staff: PresenceOwner,
  now: Date,
  column: 'offered_call_id' | 'current_call_id',
): Promise<{ call: CallRow | undefined; nurse: PresenceRow }> {
  const peek = await trx
    .selectFrom('nurse_presence')
    .select(column)
    .where('hsa_id', '=', staff.hsaId)
    .executeTakeFirst();
  const { call, owner } = await lockCallBefore(
    trx,
    peek?.[column] ?? null,
    () => lockOrCreatePresence(trx, staff, now),
    (nurse) => nurse[column],
  );
  return { call, nurse: owner };
}

/** Writes a presence change (checked by the state machine), records it when the state changes, and announces it. */
export async function updatePresence(
  trx: Trx,
  config: QueueConfigSet,
  before: PresenceRow,
  change: Partial<Omit<PresenceRow, 'hsa_id' | 'region_id'>>,
  now: Date,
  after: AfterCommit,
): Promise<PresenceRow> {
  const next: PresenceRow = { ...before, ...change };
  if (next.state !== before.state) assertPresenceTransition(before.state, next.state);
  await trx
    .updateTable('nurse_presence')
    .set({
      ...change,
      next_status: change.next_status === undefined ? undefined : JSON.stringify(change.next_status),
    })
    .where('hsa_id', '=', before.hsa_id)
    .execute();
  if (next.state !== before.state || next.break_reason !== before.break_reason) {
    after.record(next.region_id, {
      type: 'nurse-presence-changed',
      at: toMs(now),
      nurseId: next.hsa_id,
      presence: next.state,
      ...(next.break_reason !== null ? { breakReason: next.break_reason } : {}),
    });
  }
  presenceChanged(after, config, next);
  return next;
}

export function updateCall(
  trx: Trx,
  callId: string,
  change: Partial<Omit<CallRow, 'id' | 'pre_assessment' | 'priority_changes'>> & {
    priority_changes?: PriorityChange[];
  },
): Promise<CallRow> {
  const { priority_changes, ...rest } = change;
  return trx
    .updateTable('queue_call')
    .set({
      ...rest,
      ...(priority_changes !== undefined ? { priority_changes: JSON.stringify(priority_changes) } : {}),
    })
    .where('id', '=', callId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** What differs between calls joining the queue: a caller through the phone menu, or a callback falling due. */
export interface JoiningCall {
  regionId: string;
  queueId: string;
  kind: CallRow['kind'];
  externalRef: CallRow['external_ref'];
  callerNumber: CallRow['caller_number'];
  personnummer: CallRow['personnummer'];
  language: CallRow['language'];
  preAssessment: CallRow['pre_assessment'];
  redFlagCodes: CallRow['red_flag_codes'];
  urgencyClass: CallRow['urgency_class'];
  /** The base of its priority: now for a new caller, the original wait for a callback. */
  waitingSince: Date;
  callbackId: string | null;
}

/** The one way a call row is made: waiting, unassigned, overflowing when the region's rules say. */
export function waitingCallRow(call: JoiningCall, regionConfig: RegionQueueConfig, now: Date): CallRow {
  return {
    id: randomUUID(),
    region_id: call.regionId,
    queue_id: call.queueId,
    kind: call.kind,
    external_ref: call.externalRef,
    caller_number: call.callerNumber,
    personnummer: call.personnummer,
    language: call.language,
    pre_assessment: call.preAssessment,
    red_flag_codes: call.redFlagCodes,
    urgency_class: call.urgencyClass,
    entered_queue_at: now,
    waiting_since: call.waitingSince,
    overflow_at: overflowAt(call.queueId, regionConfig, now),
    state: 'waiting',
    assigned_to: null,
    offered_at: null,
    offer_expires_at: null,
    answered_at: null,
    ended_at: null,
    after_call_work_ended_at: null,
    abandoned_at: null,
    callback_id: call.callbackId,
    priority_changes: [],
  };
}

export async function insertCall(trx: Trx, row: CallRow): Promise<void> {
  await trx
    .insertInto('queue_call')
    .values({ ...row, pre_assessment: JSON.stringify(row.pre_assessment), priority_changes: '[]' })
    .execute();
}
