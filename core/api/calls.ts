// Bridge contract for call handling: the live queue, presence, offers and calls, callbacks, and the live events main forwards.
//
// Main calls the regional backend's call-distribution routes (core/backend-api/calls.ts) with the
// session's access token, which never reaches the renderer; the answers travel here as the backend
// gave them. Live events come from the backend's event channel; main forwards only those meant for the
// signed-in nurse (her offers, her presence) plus the region's queue changes and red-flag alerts.
import { z } from 'zod';
import {
  CALLBACK_ATTEMPT_OUTCOMES,
  CALLBACK_STATES,
  CallActionResponseSchema,
  CallbackBookingRequestSchema,
  CallbackSchema,
  CallOfferedPayloadSchema,
  CallSchema,
  PresenceChangedPayloadSchema,
  PresenceSchema,
  PresenceUpdateRequestSchema,
  QueueChangedPayloadSchema,
  QueueOverviewQuerySchema,
  QueueOverviewSchema,
  QueueSnapshotSchema,
  RedFlagWaitingPayloadSchema,
} from '../backend-api/calls';
import { NoArgs, type BridgeEventTable, type BridgeMethodTable } from './common';

const CallIdArgs = z.strictObject({ callId: z.uuid({ error: 'callId must be a call id (a UUID)' }) });

export const ListCallbacksArgsSchema = z.strictObject({
  /** Default: the ones still to do (scheduled, queued, in progress). */
  states: z.array(z.enum(CALLBACK_STATES)).min(1).max(CALLBACK_STATES.length).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
export type ListCallbacksArgs = z.input<typeof ListCallbacksArgsSchema>;

export const RecordCallbackAttemptArgsSchema = z.strictObject({
  callbackId: z.uuid({ error: 'callbackId must be a callback id (a UUID)' }),
  outcome: z.enum(CALLBACK_ATTEMPT_OUTCOMES, {
    error: `outcome must be one of ${CALLBACK_ATTEMPT_OUTCOMES.join(', ')}`,
  }),
  note: z.string().trim().max(500, 'note is too long (at most 500 characters)').optional(),
});
export type RecordCallbackAttemptArgs = z.input<typeof RecordCallbackAttemptArgsSchema>;

export const CancelCallbackArgsSchema = z.strictObject({
  callbackId: z.uuid({ error: 'callbackId must be a callback id (a UUID)' }),
  reason: z
    .string({ error: 'Skriv varför återuppringningen avbokas (reason is required).' })
    .trim()
    .min(3, 'Skriv varför återuppringningen avbokas, minst 3 tecken (reason: at least 3 characters).')
    .max(500, 'Högst 500 tecken (reason: at most 500 characters).'),
});
export type CancelCallbackArgs = z.input<typeof CancelCallbackArgsSchema>;

/** The state of the live event channel, so the renderer can catch up over HTTPS when it reopens. */
export const LIVE_CHANNEL_STATES = ['stopped', 'connecting', 'open', 'waiting'] as const;
export const LiveChannelStateSchema = z.object({ state: z.enum(LIVE_CHANNEL_STATES) });
export type LiveChannelState = z.infer<typeof LiveChannelStateSchema>;

/** Default: the signed-in team lead's region; another region only for admins. */
export const QueueOverviewArgsSchema = QueueOverviewQuerySchema.strict();
export type QueueOverviewArgs = z.input<typeof QueueOverviewArgsSchema>;

export const callsMethods = {
  /** The region's queues and the overflow queue in answer order, red-flag callers, callbacks due, your presence. */
  'calls.queue': { args: NoArgs, result: QueueSnapshotSchema },
  /** Team lead: the region's queues now, nurses per state and today's metrics (core/queue/metrics definitions). */
  'queue.overview': { args: QueueOverviewArgsSchema, result: QueueOverviewSchema },
  /** One call in full (screen-pop data); only while it is offered or connected to you. */
  'calls.get': { args: CallIdArgs, result: CallSchema },
  'calls.accept': { args: CallIdArgs, result: CallActionResponseSchema },
  'calls.decline': { args: CallIdArgs, result: CallActionResponseSchema },
  /** The conversation is over: after-call work starts. */
  'calls.end': { args: CallIdArgs, result: CallActionResponseSchema },
  'presence.get': { args: NoArgs, result: PresenceSchema },
  /** Available, break with a reason, offline; or only `nextStatus` during a call or after-call work. */
  'presence.set': { args: PresenceUpdateRequestSchema, result: PresenceSchema },
  'presence.endAfterCallWork': { args: NoArgs, result: PresenceSchema },
  'callbacks.list': { args: ListCallbacksArgsSchema, result: z.array(CallbackSchema) },
  'callbacks.book': { args: CallbackBookingRequestSchema, result: CallbackSchema },
  /** Reached completes it; no answer, busy and voicemail are retried per regional rule; wrong number fails it. */
  'callbacks.recordAttempt': { args: RecordCallbackAttemptArgsSchema, result: CallbackSchema },
  /** Cancels one not yet due (the caller got help another way), with the reason; once queued it is answered. */
  'callbacks.cancel': { args: CancelCallbackArgsSchema, result: CallbackSchema },
} as const satisfies BridgeMethodTable;

export const callsEvents = {
  /** A queue of the region (or the overflow queue) changed: fetch `calls.queue` again. */
  'calls.queueChanged': QueueChangedPayloadSchema,
  /** A call rings at this workstation (only offers to the signed-in nurse are forwarded). */
  'calls.offered': CallOfferedPayloadSchema,
  /** A red-flag caller is waiting in the region. */
  'calls.redFlagWaiting': RedFlagWaitingPayloadSchema,
  /** The signed-in nurse's presence changed (the ACD's changes carry a message to show her). */
  'presence.changed': PresenceChangedPayloadSchema,
  /** A nurse of the region changed state: to team leads and admins only, so the queue overview follows live. */
  'queue.staffPresenceChanged': PresenceChangedPayloadSchema.pick({ hsaId: true, state: true, since: true }),
  /** The live channel to the backend opened, dropped or is reconnecting. */
  'calls.liveChannel': LiveChannelStateSchema,
} as const satisfies BridgeEventTable;
