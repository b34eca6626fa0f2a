// The team lead's overview of a region (both queues now, nurses per state, today's metrics) and the call events the metrics read.
import { BREAK_REASONS } from '../../../../core/queue/presence';
import type { QueueOverview, QueueOverviewTile } from '../../../../core/backend-api/calls';
import type { BreakReason } from '../../../../core/queue/presence';
import { computeQueueMetrics } from '../../../../core/queue/metrics';
import type { QueueEvent } from '../../../../core/queue/metrics';
import { fromStockholmWallClock, toStockholmWallClock } from '../../../../core/referral/stockholmTime';
import { redFlagsOf } from '../rows';
import type { Distribution } from './context';
import { callbacksDueBefore, callsSeenFrom } from './queueSql';
import {
  CALLBACKS_DUE_WINDOW_MS,
  longestWaitSeconds,
  queuesSeenFrom,
  waitedSinceEntering,
  zeroPerPresence,
} from './queueView';
import { refusal } from './refusals';

/** How far before midnight the team lead's overview reads call events (a night shift's calls and presence). */
const OVERVIEW_LOOK_BACK_MS = 12 * 3600 * 1000;

/**
 * The team lead's overview of a region: its queue and the shared overflow queue now, its nurses per
 * state, and today's metrics (since midnight Swedish time) computed from the recorded call events.
 */
export async function queueOverview(acd: Distribution, regionId: string): Promise<QueueOverview> {
  const now = acd.deps.clock();
  const region = await acd.deps.db
    .selectFrom('region')
    .select('name')
    .where('id', '=', regionId)
    .executeTakeFirst();
  if (region === undefined) {
    throw refusal('no-such-region', `There is no region ${regionId}; check the region id.`);
  }
  const regionConfig = acd.deps.config.forRegion(regionId);
  const rows = await callsSeenFrom(acd.deps.db, regionId, now);
  const dueCallbacks = await callbacksDueBefore(
    acd.deps.db,
    regionId,
    new Date(now.getTime() + CALLBACKS_DUE_WINDOW_MS),
  )
    .select(['queue_id', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('queue_id')
    .execute();
  const callbacksDue = (queueId: string) =>
    Number(dueCallbacks.find((row) => row.queue_id === queueId)?.count ?? 0);
  const queues = queuesSeenFrom(regionId, region.name, rows, now).map(
    ({ queueId, kind, name, rows: queueRows }): QueueOverviewTile => ({
      queueId,
      kind,
      name,
      waitingCount: queueRows.length,
      longestWaitSeconds: longestWaitSeconds(queueRows, now),
      redFlagCallsWaiting: queueRows
        .filter((row) => row.red_flag_codes.length > 0)
        .map((row) => ({
          callId: row.id,
          regionId: row.region_id,
          urgencyClass: row.urgency_class,
          redFlags: redFlagsOf(row.red_flag_codes),
          enteredQueueAt: row.entered_queue_at.toISOString(),
          secondsWaited: waitedSinceEntering(row, now),
        }))
        .sort((a, b) => b.secondsWaited - a.secondsWaited),
      callbacksDue: callbacksDue(queueId),
    }),
  );

  const counts = await acd.deps.db
    .selectFrom('nurse_presence')
    .select(['state', 'break_reason', (eb) => eb.fn.countAll<string>().as('count')])
    .where('region_id', '=', regionId)
    .groupBy(['state', 'break_reason'])
    .execute();
  const byState = zeroPerPresence();
  const breaksByReason = Object.fromEntries(BREAK_REASONS.map((reason) => [reason, 0])) as Record<
    BreakReason,
    number
  >;
  for (const row of counts) {
    byState[row.state] += Number(row.count);
    if (row.state === 'break') breaksByReason[row.break_reason ?? 'other'] += Number(row.count);
  }

  // Today in Sweden. Events from the evening before too, so calls and presence that span midnight
  // are known (nurse counts come from nurse_presence, so a longer look back would only cost reading).
  const wall = toStockholmWallClock(now);
  const from = fromStockholmWallClock({ year: wall.year, month: wall.month, day: wall.day });
  // Half-open window: one millisecond past now so that what happened at `now` counts.
  const to = new Date(now.getTime() + 1);
  const events = await queueEvents(acd, regionId, new Date(from.getTime() - OVERVIEW_LOOK_BACK_MS), to);
  const metrics = computeQueueMetrics(events, {
    from: from.getTime(),
    to: to.getTime(),
    serviceLevelSeconds: regionConfig.serviceLevel.seconds,
    shortAbandonSeconds: regionConfig.serviceLevel.shortAbandonSeconds,
  });
  return {
    regionId,
    regionName: region.name,
    at: now.toISOString(),
    queues,
    nurses: { byState, breaksByReason },
    today: {
      from: metrics.from,
      to: metrics.to,
      serviceLevelSeconds: metrics.serviceLevelSeconds,
      shortAbandonSeconds: metrics.shortAbandonSeconds,
      callsOffered: metrics.callsOffered,
      callsAnswered: metrics.callsAnswered,
      callsAbandoned: metrics.callsAbandoned,
      shortAbandons: metrics.shortAbandons,
      answeredWithinServiceLevel: metrics.answeredWithinServiceLevel,
      serviceLevelBase: metrics.serviceLevelBase,
      serviceLevel: metrics.serviceLevel,
      averageSpeedOfAnswerSeconds: metrics.averageSpeedOfAnswerSeconds,
      abandonRate: metrics.abandonRate,
      callsHandled: metrics.callsHandled,
      averageHandleTimeSeconds: metrics.averageHandleTimeSeconds,
      averageTalkSeconds: metrics.averageTalkSeconds,
      averageAfterCallWorkSeconds: metrics.averageAfterCallWorkSeconds,
      offersNotAnswered: metrics.offersNotAnswered,
      occupancy: metrics.occupancy,
    },
  };
}

/** Recorded call events of a region in [from, to), oldest first, for core/queue/metrics computeQueueMetrics. */
export async function queueEvents(
  acd: Distribution,
  regionId: string,
  from: Date,
  to: Date,
): Promise<QueueEvent[]> {
  const rows = await acd.deps.db
    .selectFrom('call_event')
    .select('event')
    .where('region_id', '=', regionId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.event);
}
