// The team lead's queue overview: tiles per queue, red-flag callers, nurses per state and today's figures.
import { z } from 'zod';
import { RedFlagSchema } from '../../queue/priority';
import { BREAK_REASONS, NURSE_PRESENCE_STATES } from '../../queue/presence';
import { Iso, UrgencySchema, Uuid } from './fields';

export const QueueOverviewQuerySchema = z.object({
  /** Default: your own region. Team leads may only ask for their own region; admins for any. */
  regionId: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]*$/, 'regionId is lower-case letters, digits and dashes, e.g. "skane"')
    .max(40, 'regionId is too long (at most 40 characters)')
    .optional(),
});
export type QueueOverviewQuery = z.infer<typeof QueueOverviewQuerySchema>;

/** A red-flag caller still waiting: ids, urgency and flags only, no patient data. */
export const OverviewRedFlagCallSchema = z.object({
  callId: Uuid,
  regionId: z.string(),
  urgencyClass: UrgencySchema,
  redFlags: z.array(RedFlagSchema).min(1),
  enteredQueueAt: Iso,
  secondsWaited: z.number().nonnegative(),
});
export type OverviewRedFlagCall = z.infer<typeof OverviewRedFlagCallSchema>;

/** One queue as the team lead watches it, at the overview's `at`. */
export const QueueOverviewTileSchema = z.object({
  queueId: z.string(),
  kind: z.enum(['regional', 'overflow']),
  name: z.object({ sv: z.string(), en: z.string() }),
  /** Calls in the queue now, waiting or ringing at a nurse (neither answered nor abandoned). */
  waitingCount: z.number().int().nonnegative(),
  /** Seconds the longest-waiting caller now in the queue has waited since entering it; 0 when nobody waits. */
  longestWaitSeconds: z.number().nonnegative(),
  /** Red-flag callers waiting in this queue, longest wait first. */
  redFlagCallsWaiting: z.array(OverviewRedFlagCallSchema),
  /** Scheduled callbacks of the region for this queue that are overdue or due within the hour. */
  callbacksDue: z.number().int().nonnegative(),
});
export type QueueOverviewTile = z.infer<typeof QueueOverviewTileSchema>;

const Count = z.number().int().nonnegative();
const Share = z.number().min(0).max(1).nullable();
const Seconds = z.number().nonnegative();

/**
 * Today's figures for the region as core/queue/metrics computeQueueMetrics returns them (its
 * definitions, METRIC_DEFINITIONS, apply word for word). Times are epoch milliseconds.
 */
export const OverviewMetricsSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  serviceLevelSeconds: z.number().positive(),
  shortAbandonSeconds: z.number().nonnegative(),
  callsOffered: Count,
  callsAnswered: Count,
  callsAbandoned: Count,
  shortAbandons: Count,
  answeredWithinServiceLevel: Count,
  serviceLevelBase: Count,
  serviceLevel: Share,
  averageSpeedOfAnswerSeconds: Seconds.nullable(),
  abandonRate: Share,
  callsHandled: Count,
  averageHandleTimeSeconds: Seconds.nullable(),
  averageTalkSeconds: Seconds.nullable(),
  averageAfterCallWorkSeconds: Seconds.nullable(),
  offersNotAnswered: Count,
  occupancy: Share,
});
export type OverviewMetrics = z.infer<typeof OverviewMetricsSchema>;

export const QueueOverviewSchema = z.object({
  regionId: z.string(),
  regionName: z.string(),
  /** When these figures were taken. */
  at: Iso,
  /** The region's queue first, then the shared overflow queue. */
  queues: z.array(QueueOverviewTileSchema),
  /** Nurses of the region in each presence state now, with breaks by reason. */
  nurses: z.object({
    byState: z.record(z.enum(NURSE_PRESENCE_STATES), Count),
    breaksByReason: z.record(z.enum(BREAK_REASONS), Count),
  }),
  /** Since midnight today, Swedish time (Europe/Stockholm), until `at`. */
  today: OverviewMetricsSchema,
});
export type QueueOverview = z.infer<typeof QueueOverviewSchema>;
