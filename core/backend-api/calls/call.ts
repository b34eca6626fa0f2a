// A call in full, its offer to a nurse and the team lead's re-prioritisation of it.
import { z } from 'zod';
import { RedFlagSchema } from '../../queue/priority';
import { PreAssessmentSchema } from '../../queue/phoneMenu';
import { CALL_KINDS, CALL_STATES, HsaId, Iso, LanguageSchema, UrgencySchema, Uuid } from './fields';

/** The offer of a call to one nurse: her workstation rings until `expiresAt`. */
export const OfferSchema = z.object({
  callId: Uuid,
  offeredAt: Iso,
  expiresAt: Iso,
  kind: z.enum(CALL_KINDS),
  queueId: z.string(),
  urgencyClass: UrgencySchema,
  redFlags: z.array(RedFlagSchema),
});
export type Offer = z.infer<typeof OfferSchema>;

export const PriorityChangeSchema = z.object({
  from: UrgencySchema,
  to: UrgencySchema,
  reason: z.string(),
  byHsaId: HsaId,
  at: Iso,
});
export type PriorityChange = z.infer<typeof PriorityChangeSchema>;

/** A call in full: what the screen-pop opens a case with. Only its nurse and team leads read it. */
export const CallSchema = z.object({
  id: Uuid,
  /** The region whose phone line took the call. */
  regionId: z.string(),
  /** The region's id, or OVERFLOW_QUEUE_ID for a call that went straight to the shared overflow queue. */
  queueId: z.string(),
  kind: z.enum(CALL_KINDS),
  callerNumber: z.string(),
  /** 12 digits, as keyed in the phone menu and checked (Luhn, date); null when not keyed. */
  personnummer: z.string().nullable(),
  language: LanguageSchema,
  preAssessment: PreAssessmentSchema,
  urgencyClass: UrgencySchema,
  /** When the caller entered the queue (for a callback: when it became due this time). */
  enteredQueueAt: Iso,
  /** The priority base: enteredQueueAt for an inbound call; a callback keeps its original time. */
  waitingSince: Iso,
  state: z.enum(CALL_STATES),
  /** The nurse it is offered or connected to (or was, once it ended). */
  assignedTo: HsaId.nullable(),
  offer: OfferSchema.nullable(),
  answeredAt: Iso.nullable(),
  endedAt: Iso.nullable(),
  callbackId: Uuid.nullable(),
  priorityChanges: z.array(PriorityChangeSchema),
});
export type Call = z.infer<typeof CallSchema>;

export const CallResponseSchema = z.object({ call: CallSchema });
export type CallResponse = z.infer<typeof CallResponseSchema>;

/** Team lead: change a waiting call's urgency class. The reason is kept with the call. */
export const ReprioritiseRequestSchema = z.object(
  {
    urgencyClass: UrgencySchema,
    reason: z
      .string({ error: 'reason is required: say why the urgency changes' })
      .trim()
      .min(3, 'reason must say why the urgency changes (at least 3 characters)')
      .max(500, 'reason is too long (at most 500 characters)'),
  },
  { error: 'The request body must be a JSON object' },
);
export type ReprioritiseRequest = z.infer<typeof ReprioritiseRequestSchema>;
