// Turns call, presence and callback rows into the contract's shapes (core/backend-api/calls.ts).
import type { Selectable } from 'kysely';
import { RED_FLAGS, redFlag } from '../../../core/queue/phoneMenu';
import type { Call, Callback, Offer, Presence } from '../../../core/backend-api/calls';
import type { RedFlagCode } from '../../../core/queue/phoneMenu';
import type { RedFlag } from '../../../core/queue/priority';
import type { CallbackTable, NursePresenceTable, QueueCallTable } from '../db/schema';
import type { RegionQueueConfig } from './config';
import { presenceMessage } from './presence';

export type CallRow = Selectable<QueueCallTable>;
export type PresenceRow = Selectable<NursePresenceTable>;
export type CallbackRow = Selectable<CallbackTable>;

const iso = (date: Date): string => date.toISOString();
const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function redFlagsOf(codes: readonly string[]): RedFlag[] {
  return codes.filter((code): code is RedFlagCode => code in RED_FLAGS).map((code) => redFlag(code));
}

export function offerOf(row: CallRow): Offer | null {
  if (row.state !== 'offered' || row.offered_at === null || row.offer_expires_at === null) return null;
  return {
    callId: row.id,
    offeredAt: iso(row.offered_at),
    expiresAt: iso(row.offer_expires_at),
    kind: row.kind,
    queueId: row.queue_id,
    urgencyClass: row.urgency_class,
    redFlags: redFlagsOf(row.red_flag_codes),
  };
}

export function callOf(row: CallRow): Call {
  return {
    id: row.id,
    regionId: row.region_id,
    queueId: row.queue_id,
    kind: row.kind,
    callerNumber: row.caller_number,
    personnummer: row.personnummer,
    language: row.language,
    preAssessment: row.pre_assessment,
    urgencyClass: row.urgency_class,
    enteredQueueAt: iso(row.entered_queue_at),
    waitingSince: iso(row.waiting_since),
    state: row.state,
    assignedTo: row.assigned_to,
    offer: offerOf(row),
    answeredAt: isoOrNull(row.answered_at),
    endedAt: isoOrNull(row.ended_at),
    callbackId: row.callback_id,
    priorityChanges: row.priority_changes,
  };
}

/** A nurse who never set a presence is offline. */
export function offlinePresence(hsaId: string, regionId: string, now: Date): PresenceRow {
  return {
    hsa_id: hsaId,
    region_id: regionId,
    state: 'offline',
    since: now,
    break_reason: null,
    reason: 'nurse',
    next_status: null,
    after_call_work_ends_at: null,
    current_call_id: null,
    offered_call_id: null,
  };
}

export function presenceOf(row: PresenceRow, offered: CallRow | null, config: RegionQueueConfig): Presence {
  return {
    hsaId: row.hsa_id,
    regionId: row.region_id,
    state: row.state,
    since: iso(row.since),
    breakReason: row.break_reason,
    reason: row.reason,
    message: presenceMessage(row.reason, row.state, row.break_reason, config),
    nextStatus: row.next_status,
    afterCallWorkEndsAt: isoOrNull(row.after_call_work_ends_at),
    currentCallId: row.current_call_id,
    offer: offered !== null && offered.id === row.offered_call_id ? offerOf(offered) : null,
  };
}

/** The presence.changed payload: no offer (that has its own event) and nothing about patients. */
export function presenceChangedPayload(presence: Presence) {
  const { hsaId, state, since, breakReason, reason, message, nextStatus, afterCallWorkEndsAt } = presence;
  return { hsaId, state, since, breakReason, reason, message, nextStatus, afterCallWorkEndsAt };
}

export function callbackOf(row: CallbackRow): Callback {
  return {
    id: row.id,
    regionId: row.region_id,
    queueId: row.queue_id,
    phone: row.phone,
    personnummer: row.personnummer,
    reason: row.reason,
    urgencyClass: row.urgency_class,
    redFlags: redFlagsOf(row.red_flag_codes),
    language: row.language,
    windowStart: iso(row.window_start),
    windowEnd: iso(row.window_end),
    waitingSince: iso(row.waiting_since),
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: isoOrNull(row.next_attempt_at),
    callId: row.call_id,
    bookedBy: row.booked_by,
    bookedAt: iso(row.booked_at),
    sourceCallId: row.source_call_id,
    caseId: row.case_id,
    cancellation:
      row.cancelled_at === null || row.cancelled_by === null || row.cancel_reason === null
        ? null
        : { at: iso(row.cancelled_at), byHsaId: row.cancelled_by, reason: row.cancel_reason },
  };
}
