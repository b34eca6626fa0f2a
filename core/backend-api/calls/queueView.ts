// The nurse's queue view: waiting calls in answer order, the queues she serves and her snapshot of them.
import { z } from 'zod';
import { RedFlagSchema } from '../../queue/priority';
import { NURSE_PRESENCE_STATES } from '../../queue/presence';
import { PriorityChangeSchema } from './call';
import { CallbackSchema } from './callbacks';
import { CALL_KINDS, HsaId, Iso, LanguageSchema, UrgencySchema, Uuid } from './fields';
import { PresenceSchema } from './presence';

/** A waiting (or ringing) call as the queue panel shows it: no caller number, no personnummer. */
export const QueuedCallViewSchema = z.object({
  callId: Uuid,
  queueId: z.string(),
  regionId: z.string(),
  kind: z.enum(CALL_KINDS),
  urgencyClass: UrgencySchema,
  /** Red-flag badges. */
  redFlags: z.array(RedFlagSchema),
  language: LanguageSchema,
  enteredQueueAt: Iso,
  waitingSince: Iso,
  secondsWaited: z.number().nonnegative(),
  /** 1-based place in this queue's answer order. */
  position: z.number().int().positive(),
  priority: z.number(),
  /** Why the call is where it is (core/queue/priority explainQueuePosition). */
  explanation: z.object({ sv: z.string(), en: z.string() }),
  state: z.enum(['waiting', 'offered']),
  /** The nurse whose workstation is ringing with it. */
  offeredTo: HsaId.nullable(),
  /** A regional call that has waited long enough to be served from the overflow queue too. */
  overflowing: z.boolean(),
  callbackId: Uuid.nullable(),
  lastPriorityChange: PriorityChangeSchema.nullable(),
});
export type QueuedCallView = z.infer<typeof QueuedCallViewSchema>;

export const QueueViewSchema = z.object({
  queueId: z.string(),
  kind: z.enum(['regional', 'overflow']),
  name: z.object({ sv: z.string(), en: z.string() }),
  /** Whether calls of this queue can be offered to you. */
  servedByYou: z.boolean(),
  /** In answer order. The overflow queue lists calls of every region that overflowed or were sent there. */
  calls: z.array(QueuedCallViewSchema),
  waitingCount: z.number().int().nonnegative(),
  longestWaitSeconds: z.number().nonnegative(),
  redFlagWaiting: z.number().int().nonnegative(),
});
export type QueueView = z.infer<typeof QueueViewSchema>;

export const QueueSnapshotSchema = z.object({
  regionId: z.string(),
  at: Iso,
  /** Your region's queue first, then the overflow queue. */
  queues: z.array(QueueViewSchema),
  /** Red-flag callers still waiting in any queue shown, longest wait first. */
  redFlagCallsWaiting: z.array(QueuedCallViewSchema),
  /** Scheduled callbacks of your region due within the hour (or overdue), earliest first. */
  callbacksDue: z.array(CallbackSchema),
  /** Nurses of your region in each presence state. */
  nursesByPresence: z.record(z.enum(NURSE_PRESENCE_STATES), z.number().int().nonnegative()),
  you: PresenceSchema,
});
export type QueueSnapshot = z.infer<typeof QueueSnapshotSchema>;
