// The nurse's view of the queues: her region's queue and the shared overflow queue in answer order, with why each call is where it is.
import { OVERFLOW_QUEUE_ID, OVERFLOW_QUEUE_NAME } from '../../../../core/backend-api/calls';
import type { QueueSnapshot, QueuedCallView, QueueView } from '../../../../core/backend-api/calls';
import { NURSE_PRESENCE_STATES } from '../../../../core/queue/presence';
import type { NursePresence } from '../../../../core/queue/presence';
import { explainQueuePosition, orderQueue, secondsWaited } from '../../../../core/queue/priority';
import type { QueuePriorityConfig, QueuedCall } from '../../../../core/queue/priority';
import type { AuthenticatedStaff } from '../../auth/tokens';
import { callbackOf, redFlagsOf } from '../rows';
import type { CallRow } from '../rows';
import type { Distribution } from './context';
import { presence } from './presenceActions';
import { hasOverflowed } from './queueRules';
import { callbacksDueBefore, callsSeenFrom } from './queueSql';

/** Scheduled callbacks due within this long appear in the queue view. */
export const CALLBACKS_DUE_WINDOW_MS = 3600 * 1000;
/** Calls listed per queue in the queue view (counts and alerts still cover every call). */
const QUEUE_VIEW_LIMIT = 200;

type QueueName = { sv: string; en: string };

/** The two queues a region's nurses see, with the calls in each: the region's own, and every call that overflowed. */
export function queuesSeenFrom(
  regionId: string,
  regionName: string | undefined,
  rows: readonly CallRow[],
  now: Date,
): Array<{ queueId: string; kind: 'regional' | 'overflow'; name: QueueName; rows: CallRow[] }> {
  const name = regionName ?? regionId;
  return [
    {
      queueId: regionId,
      kind: 'regional',
      name: { sv: name, en: name },
      rows: rows.filter((row) => row.queue_id === regionId),
    },
    {
      queueId: OVERFLOW_QUEUE_ID,
      kind: 'overflow',
      name: { ...OVERFLOW_QUEUE_NAME },
      rows: rows.filter((row) => hasOverflowed(row, now)),
    },
  ];
}

/** The longest wait in a queue, counted from when each call entered it. */
export function longestWaitSeconds(rows: readonly CallRow[], now: Date): number {
  return rows.reduce((longest, row) => Math.max(longest, waitedSinceEntering(row, now)), 0);
}

export function waitedSinceEntering(row: CallRow, now: Date): number {
  return secondsWaited({ waitingSince: row.entered_queue_at.getTime() }, now.getTime());
}

/** A count for every presence state, zero where nobody is in it. */
export function zeroPerPresence(): Record<NursePresence, number> {
  return Object.fromEntries(NURSE_PRESENCE_STATES.map((state) => [state, 0])) as Record<
    NursePresence,
    number
  >;
}

export async function queueSnapshot(acd: Distribution, staff: AuthenticatedStaff): Promise<QueueSnapshot> {
  const now = acd.deps.clock();
  const regionId = staff.regionId;
  const regionConfig = acd.deps.config.forRegion(regionId);
  const rows = await callsSeenFrom(acd.deps.db, regionId, now);
  const region = await acd.deps.db
    .selectFrom('region')
    .select('name')
    .where('id', '=', regionId)
    .executeTakeFirst();
  const queues: QueueView[] = queuesSeenFrom(regionId, region?.name, rows, now).map((queue) =>
    queue.kind === 'regional'
      ? queueView(queue, true, regionConfig.priority, now)
      : queueView(queue, regionConfig.overflow.serve, acd.deps.config.overflowPriority, now),
  );
  const redFlagCallsWaiting = new Map<string, QueuedCallView>();
  for (const queue of queues) {
    for (const call of queue.calls) {
      if (call.redFlags.length > 0 && !redFlagCallsWaiting.has(call.callId))
        redFlagCallsWaiting.set(call.callId, call);
    }
  }
  const callbacks = await callbacksDueBefore(
    acd.deps.db,
    regionId,
    new Date(now.getTime() + CALLBACKS_DUE_WINDOW_MS),
  )
    .selectAll()
    .orderBy('next_attempt_at')
    .limit(100)
    .execute();
  const counts = await acd.deps.db
    .selectFrom('nurse_presence')
    .select(['state', (eb) => eb.fn.countAll<string>().as('count')])
    .where('region_id', '=', regionId)
    .groupBy('state')
    .execute();
  const nursesByPresence = zeroPerPresence();
  for (const row of counts) nursesByPresence[row.state] = Number(row.count);
  return {
    regionId,
    at: now.toISOString(),
    queues,
    redFlagCallsWaiting: [...redFlagCallsWaiting.values()].sort((a, b) => b.secondsWaited - a.secondsWaited),
    callbacksDue: callbacks.map(callbackOf),
    nursesByPresence,
    you: await presence(acd, staff),
  };
}

function queueView(
  queue: { queueId: string; kind: 'regional' | 'overflow'; name: QueueName; rows: readonly CallRow[] },
  servedByYou: boolean,
  rule: QueuePriorityConfig,
  now: Date,
): QueueView {
  const { queueId, kind, name, rows } = queue;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const queued: QueuedCall[] = rows.map((row) => ({
    callId: row.id,
    urgencyClass: row.urgency_class,
    waitingSince: row.waiting_since.getTime(),
    kind: row.kind === 'callback' ? 'callback' : 'call',
    redFlags: redFlagsOf(row.red_flag_codes),
  }));
  const ordered = orderQueue(queued, now.getTime(), rule);
  const calls = ordered.slice(0, QUEUE_VIEW_LIMIT).map((entry): QueuedCallView => {
    const row = byId.get(entry.callId) as CallRow;
    const explained = explainQueuePosition(entry, queued, now.getTime(), rule);
    return {
      callId: row.id,
      queueId: row.queue_id,
      regionId: row.region_id,
      kind: row.kind,
      urgencyClass: row.urgency_class,
      redFlags: entry.redFlags ?? [],
      language: row.language,
      enteredQueueAt: row.entered_queue_at.toISOString(),
      waitingSince: row.waiting_since.toISOString(),
      secondsWaited: explained.secondsWaited,
      position: explained.position,
      priority: explained.priority,
      explanation: { sv: explained.sv, en: explained.en },
      state: row.state === 'offered' ? 'offered' : 'waiting',
      offeredTo: row.state === 'offered' ? row.assigned_to : null,
      overflowing: kind === 'regional' && hasOverflowed(row, now),
      callbackId: row.callback_id,
      lastPriorityChange: row.priority_changes.at(-1) ?? null,
    };
  });
  return {
    queueId,
    kind,
    name,
    servedByYou,
    calls,
    waitingCount: rows.length,
    longestWaitSeconds: longestWaitSeconds(rows, now),
    redFlagWaiting: rows.filter((row) => row.red_flag_codes.length > 0).length,
  };
}
