// Callbacks: booked by a nurse, entering the queue when due with their original priority base, attempts recorded, cancelled.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type {
  Callback,
  CallbackAttempt,
  CallbackAttemptRequest,
  CallbackBookingRequestSchema,
  CallbacksQuery,
} from '../../../../core/backend-api/calls';
import type { z } from 'zod';
import type { AuthenticatedStaff } from '../../auth/tokens';
import { callbackOf, redFlagsOf } from '../rows';
import type { CallbackRow } from '../rows';
import { enteredQueue, regionQueueChanged } from './announcements';
import type { Distribution } from './context';
import { finishConversation } from './conversation';
import { checkPersonnummer } from './intake';
import { noSuchCallback, refusal } from './refusals';
import { insertCall, lockCallBefore, lockCallback, lockOrCreatePresence, waitingCallRow } from './rowAccess';

type CallbackBooking = z.output<typeof CallbackBookingRequestSchema>;

/** How far ahead a callback may be booked. */
const MAX_CALLBACK_LEAD_MS = 14 * 24 * 3600 * 1000;

export async function bookCallback(
  acd: Distribution,
  staff: AuthenticatedStaff,
  request: CallbackBooking,
): Promise<Callback> {
  const now = acd.deps.clock();
  const windowStart = new Date(request.windowStart);
  const windowEnd = new Date(request.windowEnd);
  if (windowEnd <= now) {
    throw refusal('invalid-request', 'windowEnd has already passed; book a window that ends in the future.', [
      { path: 'windowEnd', message: 'in the past' },
    ]);
  }
  if (windowStart.getTime() - now.getTime() > MAX_CALLBACK_LEAD_MS) {
    throw refusal('invalid-request', 'windowStart is more than 14 days ahead; book closer to the time.', [
      { path: 'windowStart', message: 'too far ahead' },
    ]);
  }
  const personnummer = checkPersonnummer(request.personnummer, now);
  const source =
    request.sourceCallId === undefined
      ? undefined
      : await acd.deps.db
          .selectFrom('queue_call')
          .selectAll()
          .where('id', '=', request.sourceCallId)
          .where('region_id', '=', staff.regionId)
          .executeTakeFirst();
  if (request.sourceCallId !== undefined && source === undefined) {
    throw refusal('no-such-call', 'sourceCallId names no call in your region.');
  }
  // The case may not have synced yet (it is saved on the workstation first), but it is never another region's.
  if (request.caseId !== undefined && request.caseId !== null) {
    const owner = await acd.deps.db
      .selectFrom('case_record')
      .select('region_id')
      .where('id', '=', request.caseId)
      .executeTakeFirst();
    if (owner !== undefined && owner.region_id !== staff.regionId) {
      throw refusal('no-such-case', 'caseId names no case in your region.');
    }
  }
  const regionConfig = acd.deps.config.forRegion(staff.regionId);
  const stillQueued = source !== undefined && (source.state === 'waiting' || source.state === 'offered');
  // Never before it was booked, so a window set in the past cannot jump the queue.
  const booked = new Date(Math.max(windowStart.getTime(), now.getTime()));
  const row: CallbackRow = {
    id: randomUUID(),
    region_id: staff.regionId,
    queue_id: source?.queue_id ?? staff.regionId,
    phone: request.phone,
    personnummer: personnummer ?? source?.personnummer ?? null,
    reason: request.reason,
    urgency_class: request.urgencyClass,
    red_flag_codes: request.redFlags ?? [],
    language: request.language ?? source?.language ?? 'sv',
    window_start: windowStart,
    window_end: windowEnd,
    waiting_since: stillQueued ? source.waiting_since : booked,
    state: 'scheduled',
    attempts: [],
    max_attempts: regionConfig.callbackRetry.maxAttempts,
    retry_after_seconds: regionConfig.callbackRetry.retryAfterSeconds,
    next_attempt_at: booked,
    call_id: null,
    booked_by: staff.hsaId,
    booked_at: now,
    source_call_id: source?.id ?? null,
    case_id: request.caseId ?? null,
    cancelled_at: null,
    cancelled_by: null,
    cancel_reason: null,
  };
  await acd.transaction(async (trx, after) => {
    await trx
      .insertInto('callback')
      .values({ ...row, attempts: '[]' })
      .execute();
    regionQueueChanged(after, staff.regionId, row.queue_id, 'callback-booked');
    if (booked <= now) after.callbacksDue = true;
  });
  return callbackOf(await readCallback(acd, staff, row.id));
}

async function readCallback(acd: Distribution, staff: AuthenticatedStaff, id: string): Promise<CallbackRow> {
  const row = await acd.deps.db
    .selectFrom('callback')
    .selectAll()
    .where('id', '=', id)
    .where('region_id', '=', staff.regionId)
    .executeTakeFirst();
  if (row === undefined) throw noSuchCallback();
  return row;
}

export async function listCallbacks(
  acd: Distribution,
  staff: AuthenticatedStaff,
  query: CallbacksQuery,
): Promise<Callback[]> {
  const states = query.state ?? ['scheduled', 'queued', 'in-progress'];
  const rows = await acd.deps.db
    .selectFrom('callback')
    .selectAll()
    .where('region_id', '=', staff.regionId)
    .where('state', 'in', states)
    .orderBy(sql`next_attempt_at asc nulls last`)
    .orderBy('booked_at', 'desc')
    .orderBy('id')
    .limit(query.limit)
    .execute();
  return rows.map(callbackOf);
}

/**
 * Cancels a callback that is not due yet (the caller called in again and got help, or cancelled it),
 * keeping who, when and why. Once it has entered the queue it is a waiting caller and is answered.
 */
export async function cancelCallback(
  acd: Distribution,
  staff: AuthenticatedStaff,
  callbackId: string,
  reason: string,
): Promise<Callback> {
  await acd.transaction(async (trx, after) => {
    const now = acd.deps.clock();
    const callback = await lockCallback(trx, callbackId);
    if (callback === undefined || callback.region_id !== staff.regionId) throw noSuchCallback();
    if (callback.state !== 'scheduled') {
      throw refusal(
        'callback-state',
        callback.state === 'queued' || callback.state === 'in-progress'
          ? 'This callback is already in the queue or under way: answer it and record the outcome instead.'
          : `This callback is ${callback.state}; it cannot be cancelled.`,
      );
    }
    await trx
      .updateTable('callback')
      .set({
        state: 'cancelled',
        next_attempt_at: null,
        cancelled_at: now,
        cancelled_by: staff.hsaId,
        cancel_reason: reason,
      })
      .where('id', '=', callback.id)
      .execute();
    regionQueueChanged(after, callback.region_id, callback.queue_id, 'callback-cancelled');
  });
  return callbackOf(await readCallback(acd, staff, callbackId));
}

/**
 * Records one attempt. Reached completes the callback. No answer, busy and voicemail are retried
 * after the regional interval until the attempts are used up; wrong number fails it at once.
 * A failed attempt on the callback's call ends that call (after-call work follows).
 */
export async function recordCallbackAttempt(
  acd: Distribution,
  staff: AuthenticatedStaff,
  callbackId: string,
  request: CallbackAttemptRequest,
): Promise<Callback> {
  await acd.transaction(async (trx, after) => {
    const now = acd.deps.clock();
    const peek = await trx
      .selectFrom('callback')
      .select(['call_id', 'region_id'])
      .where('id', '=', callbackId)
      .executeTakeFirst();
    if (peek === undefined || peek.region_id !== staff.regionId) throw noSuchCallback();
    const { call, owner: callback } = await lockCallBefore(
      trx,
      peek.call_id,
      async () => {
        const locked = await lockCallback(trx, callbackId);
        if (locked === undefined) throw noSuchCallback();
        return locked;
      },
      (locked) => locked.call_id,
    );
    if (callback.state !== 'scheduled' && callback.state !== 'in-progress') {
      throw refusal(
        'callback-state',
        callback.state === 'queued'
          ? 'This callback is waiting in the queue: take its call first, then record the attempt.'
          : `This callback is ${callback.state}; no more attempts are recorded.`,
      );
    }
    const onItsCall = callback.state === 'in-progress' && call !== undefined && call.state === 'connected';
    if (onItsCall && call.assigned_to !== staff.hsaId) {
      throw refusal('call-taken', "Another nurse is on this callback's call.");
    }
    const attempt: CallbackAttempt = {
      at: now.toISOString(),
      outcome: request.outcome,
      byHsaId: staff.hsaId,
      note: request.note ?? null,
    };
    const attempts = [...callback.attempts, attempt];
    const failed = request.outcome !== 'reached';
    const retry = failed && request.outcome !== 'wrong-number' && attempts.length < callback.max_attempts;
    await trx
      .updateTable('callback')
      .set({
        attempts: JSON.stringify(attempts),
        state: !failed ? 'completed' : retry ? 'scheduled' : 'failed',
        next_attempt_at: retry ? new Date(now.getTime() + callback.retry_after_seconds * 1000) : null,
        call_id: !failed && onItsCall ? callback.call_id : null,
      })
      .where('id', '=', callback.id)
      .execute();
    regionQueueChanged(after, callback.region_id, callback.queue_id, 'callback-booked');
    if (failed && onItsCall) {
      const nurse = await lockOrCreatePresence(trx, staff, now);
      await finishConversation(acd, trx, call, nurse, now, after, { hangUpLine: true });
    }
  });
  return callbackOf(await readCallback(acd, staff, callbackId));
}

/** Booked callbacks whose time has come enter the queue with their urgency and original priority base. */
export function releaseDueCallbacks(acd: Distribution): Promise<number> {
  return acd.transaction(async (trx, after) => {
    const now = acd.deps.clock();
    const due = await trx
      .selectFrom('callback')
      .selectAll()
      .where('state', '=', 'scheduled')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(200)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const callback of due) {
      const row = waitingCallRow(
        {
          regionId: callback.region_id,
          queueId: callback.queue_id,
          kind: 'callback',
          externalRef: null,
          callerNumber: callback.phone,
          personnummer: callback.personnummer,
          language: callback.language,
          preAssessment: { answers: [], redFlags: redFlagsOf(callback.red_flag_codes) },
          redFlagCodes: callback.red_flag_codes,
          urgencyClass: callback.urgency_class,
          waitingSince: callback.waiting_since,
          callbackId: callback.id,
        },
        acd.deps.config.forRegion(callback.region_id),
        now,
      );
      await insertCall(trx, row);
      await trx
        .updateTable('callback')
        .set({ state: 'queued', call_id: row.id, next_attempt_at: null })
        .where('id', '=', callback.id)
        .execute();
      enteredQueue(after, row, now, 'callback', 'callback-due');
    }
    return due.length;
  });
}
