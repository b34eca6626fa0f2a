// Live events of call distribution, published to the region over the live event channel (core/backend-api/events.ts).
import { z } from 'zod';
import { RedFlagSchema } from '../../queue/priority';
import { OfferSchema } from './call';
import { HsaId, Iso, UrgencySchema, Uuid } from './fields';
import { PresenceSchema } from './presence';

export const CALL_EVENT_TYPES = {
  /** Something in a queue changed: fetch GET /api/v1/queue. regionId null: the overflow queue, every region. */
  queueChanged: 'queue.changed',
  /** A call rings at one nurse (payload.hsaId); other workstations ignore it. */
  callOffered: 'call.offered',
  /** A red-flag caller is waiting: every available nurse and the team leads are alerted. */
  redFlagWaiting: 'call.red-flag-waiting',
  /** A nurse's presence changed (payload.hsaId); her workstation shows payload.message when set. */
  presenceChanged: 'presence.changed',
} as const;

export const QueueChangedPayloadSchema = z.object({
  queueIds: z.array(z.string()),
  reason: z.enum([
    'call-entered',
    'call-offered',
    'call-answered',
    'call-returned',
    'call-abandoned',
    'call-reprioritised',
    'call-overflowed',
    'callback-booked',
    'callback-due',
    'callback-cancelled',
  ]),
});
export type QueueChangedPayload = z.infer<typeof QueueChangedPayloadSchema>;

export const CallOfferedPayloadSchema = OfferSchema.extend({ hsaId: HsaId });
export type CallOfferedPayload = z.infer<typeof CallOfferedPayloadSchema>;

export const RedFlagWaitingPayloadSchema = z.object({
  callId: Uuid,
  queueId: z.string(),
  regionId: z.string(),
  urgencyClass: UrgencySchema,
  redFlags: z.array(RedFlagSchema),
  waitingSince: Iso,
});
export type RedFlagWaitingPayload = z.infer<typeof RedFlagWaitingPayloadSchema>;

export const PresenceChangedPayloadSchema = PresenceSchema.pick({
  hsaId: true,
  state: true,
  since: true,
  breakReason: true,
  reason: true,
  message: true,
  nextStatus: true,
  afterCallWorkEndsAt: true,
});
export type PresenceChangedPayload = z.infer<typeof PresenceChangedPayloadSchema>;
