// What a change tells workstations once committed: queue changes, red-flag alerts, presence, and the line for the phone platform.
import { CALL_EVENT_TYPES, OVERFLOW_QUEUE_ID } from '../../../../core/backend-api/calls';
import type { QueueChangedPayload } from '../../../../core/backend-api/calls';
import type { TelephonyLine } from '../../telephony/adapter';
import type { QueueConfigSet } from '../config';
import { presenceChangedPayload, presenceOf, redFlagsOf } from '../rows';
import type { CallRow, PresenceRow } from '../rows';
import { toMs } from './context';
import { hasOverflowed, queueAudience } from './queueRules';
import type { AfterCommit } from './unitOfWork';

type QueueChangeReason = QueueChangedPayload['reason'];

export function queueChanged(after: AfterCommit, call: CallRow, now: Date, reason: QueueChangeReason): void {
  const payload: QueueChangedPayload = { queueIds: [call.queue_id], reason };
  if (hasOverflowed(call, now) && call.queue_id !== OVERFLOW_QUEUE_ID)
    payload.queueIds.push(OVERFLOW_QUEUE_ID);
  after.events.push({ regionId: queueAudience(call, now), type: CALL_EVENT_TYPES.queueChanged, payload });
}

/** A queue change that concerns only the region's own workstations (callbacks booked, cancelled, attempted). */
export function regionQueueChanged(
  after: AfterCommit,
  regionId: string,
  queueId: string,
  reason: QueueChangeReason,
): void {
  after.events.push({
    regionId,
    type: CALL_EVENT_TYPES.queueChanged,
    payload: { queueIds: [queueId], reason } satisfies QueueChangedPayload,
  });
}

/** A red-flag caller is surfaced at once, not when her turn comes. */
export function redFlagAlert(after: AfterCommit, call: CallRow, now: Date): void {
  if (call.red_flag_codes.length === 0) return;
  after.events.push({
    regionId: queueAudience(call, now),
    type: CALL_EVENT_TYPES.redFlagWaiting,
    payload: {
      callId: call.id,
      queueId: call.queue_id,
      regionId: call.region_id,
      urgencyClass: call.urgency_class,
      redFlags: redFlagsOf(call.red_flag_codes),
      waitingSince: call.waiting_since.toISOString(),
    },
  });
}

export function presenceChanged(after: AfterCommit, config: QueueConfigSet, row: PresenceRow): void {
  const presence = presenceOf(row, null, config.forRegion(row.region_id));
  after.events.push({
    regionId: row.region_id,
    type: CALL_EVENT_TYPES.presenceChanged,
    payload: presenceChangedPayload(presence),
  });
}

/** After a call or a due callback joins the queue: its event, the region's queue update, a red-flag alert, and an assignment pass. */
export function enteredQueue(
  after: AfterCommit,
  row: CallRow,
  now: Date,
  kind: 'call' | 'callback',
  reason: QueueChangeReason,
): void {
  after.record(row.region_id, {
    type: 'call-entered-queue',
    at: toMs(now),
    callId: row.id,
    queueId: row.queue_id,
    urgencyClass: row.urgency_class,
    redFlags: row.red_flag_codes,
    kind,
  });
  queueChanged(after, row, now, reason);
  redFlagAlert(after, row, now);
  after.assign = true;
}

/** The call as the phone platform knows it. */
export function telephonyLine(call: CallRow): TelephonyLine {
  return {
    callId: call.id,
    externalRef: call.external_ref,
    kind: call.kind,
    callerNumber: call.caller_number,
  };
}
