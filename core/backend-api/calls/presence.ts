// A nurse's presence as the routes read and change it, and the answer to accept, decline and end.
import { z } from 'zod';
import {
  BREAK_REASONS,
  NURSE_BREAK_REASONS,
  NURSE_PRESENCE_STATES,
  PRESENCE_CHANGE_REASONS,
  SETTABLE_PRESENCE_STATES,
  type BreakReason,
} from '../../queue/presence';
import { CallSchema, OfferSchema } from './call';
import { HsaId, Iso, Uuid } from './fields';

const NurseBreakReasonSchema = z.enum(NURSE_BREAK_REASONS as [BreakReason, ...BreakReason[]], {
  error: `breakReason must be one of ${NURSE_BREAK_REASONS.join(', ')}`,
});

/** What to become when the current call's after-call work ends ("break after this call"). */
export const NextStatusSchema = z
  .object({
    state: z.enum(SETTABLE_PRESENCE_STATES, {
      error: 'nextStatus.state must be available, break or offline',
    }),
    breakReason: NurseBreakReasonSchema.optional(),
  })
  .refine((next) => (next.state === 'break') === (next.breakReason !== undefined), {
    message: 'nextStatus.breakReason is required with break and only with break',
    path: ['breakReason'],
  });
export type NextStatus = z.infer<typeof NextStatusSchema>;

export const PresenceSchema = z.object({
  hsaId: HsaId,
  regionId: z.string(),
  state: z.enum(NURSE_PRESENCE_STATES),
  since: Iso,
  breakReason: z.enum(BREAK_REASONS).nullable(),
  reason: z.enum(PRESENCE_CHANGE_REASONS),
  /** What to tell the nurse about the last change when the ACD made it (e.g. an offer rang out). */
  message: z.object({ sv: z.string(), en: z.string() }).nullable(),
  nextStatus: NextStatusSchema.nullable(),
  /** During after-call work: when the regional timer ends it. */
  afterCallWorkEndsAt: Iso.nullable(),
  /** The call she is connected to or in after-call work for. */
  currentCallId: Uuid.nullable(),
  /** The call ringing at her workstation. */
  offer: OfferSchema.nullable(),
});
export type Presence = z.infer<typeof PresenceSchema>;

export const PresenceResponseSchema = z.object({ presence: PresenceSchema });
export type PresenceResponse = z.infer<typeof PresenceResponseSchema>;

/** Answer to accept, decline and end: the call as it now stands and the nurse's presence after it. */
export const CallActionResponseSchema = z.object({ call: CallSchema, presence: PresenceSchema });
export type CallActionResponse = z.infer<typeof CallActionResponseSchema>;

/**
 * PUT presence. `state` (available, break with a reason, offline) is allowed from available, break
 * and offline; during a call or after-call work only `nextStatus` may be set (null clears it).
 * Going on break or offline while a call rings at you sends the call back to the queue.
 */
export const PresenceUpdateRequestSchema = z
  .object(
    {
      state: z
        .enum(SETTABLE_PRESENCE_STATES, {
          error: 'state must be available, break or offline (on-call and after-call work follow from calls)',
        })
        .optional(),
      breakReason: NurseBreakReasonSchema.optional(),
      nextStatus: NextStatusSchema.nullable().optional(),
    },
    { error: 'The request body must be a JSON object' },
  )
  .refine((body) => body.state !== undefined || body.nextStatus !== undefined, {
    message: 'Send state or nextStatus (or both)',
  })
  .refine(
    (body) => body.state === undefined || (body.state === 'break') === (body.breakReason !== undefined),
    {
      message: 'breakReason is required with break and only with break',
      path: ['breakReason'],
    },
  );
export type PresenceUpdateRequest = z.infer<typeof PresenceUpdateRequestSchema>;
