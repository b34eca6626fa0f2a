// Booked return calls: their states and attempts, booking, listing, attempt outcomes and cancelling.
import { z } from 'zod';
import { RED_FLAG_CODES, type RedFlagCode } from '../../queue/phoneMenu';
import { RedFlagSchema } from '../../queue/priority';
import { HsaId, Iso, LanguageSchema, PhoneNumberSchema, UrgencySchema, Uuid } from './fields';

export const CALLBACK_STATES = [
  'scheduled',
  'queued',
  'in-progress',
  'completed',
  'failed',
  'cancelled',
] as const;
export type CallbackState = (typeof CALLBACK_STATES)[number];

export const CALLBACK_ATTEMPT_OUTCOMES = [
  'reached',
  'no-answer',
  'busy',
  'voicemail',
  'wrong-number',
] as const;
export type CallbackAttemptOutcome = (typeof CALLBACK_ATTEMPT_OUTCOMES)[number];

export const CallbackAttemptSchema = z.object({
  at: Iso,
  outcome: z.enum(CALLBACK_ATTEMPT_OUTCOMES),
  byHsaId: HsaId,
  note: z.string().nullable(),
});
export type CallbackAttempt = z.infer<typeof CallbackAttemptSchema>;

/** A booked return call. */
export const CallbackSchema = z.object({
  id: Uuid,
  regionId: z.string(),
  queueId: z.string(),
  phone: z.string(),
  personnummer: z.string().nullable(),
  /** Why to call back (shown to the nurse who makes the call). */
  reason: z.string(),
  urgencyClass: UrgencySchema,
  redFlags: z.array(RedFlagSchema),
  language: LanguageSchema,
  windowStart: Iso,
  windowEnd: Iso,
  /** The priority base it keeps on every attempt (see CallbackBookingRequest). */
  waitingSince: Iso,
  state: z.enum(CALLBACK_STATES),
  attempts: z.array(CallbackAttemptSchema),
  maxAttempts: z.number().int().positive(),
  /** When it enters (or re-enters) the queue; null once completed, failed or cancelled. */
  nextAttemptAt: Iso.nullable(),
  /** The call in the queue for the current attempt. */
  callId: Uuid.nullable(),
  bookedBy: HsaId,
  bookedAt: Iso,
  sourceCallId: Uuid.nullable(),
  caseId: z.string().nullable(),
  /** Who cancelled it before it was due, when and why; null unless cancelled. */
  cancellation: z.object({ at: Iso, byHsaId: HsaId, reason: z.string() }).nullable(),
});
export type Callback = z.infer<typeof CallbackSchema>;

/**
 * Book a callback, from a case (`caseId`, and `sourceCallId` when it came from a call) or from the
 * queue (`sourceCallId` of a waiting call). It enters the queue at `windowStart` with its urgency.
 * Its priority base (`waitingSince`) is kept on every attempt: the waiting call's own base when it
 * was booked for a caller still in the queue (the caller keeps the place they had), otherwise
 * `windowStart` (it competes as if the caller had rung then, neither jumping the queue nor losing
 * its place to callers who rang later).
 */
export const CallbackBookingRequestSchema = z
  .object(
    {
      phone: PhoneNumberSchema,
      personnummer: z.string().trim().max(20).optional(),
      reason: z
        .string({ error: 'reason is required: what the callback is about' })
        .trim()
        .min(3, 'reason must say what the callback is about (at least 3 characters)')
        .max(500, 'reason is too long (at most 500 characters)'),
      urgencyClass: UrgencySchema,
      windowStart: Iso,
      windowEnd: Iso,
      language: LanguageSchema.optional(),
      redFlags: z
        .array(z.enum(RED_FLAG_CODES as [RedFlagCode, ...RedFlagCode[]]))
        .max(10)
        .optional(),
      sourceCallId: Uuid.optional(),
      caseId: z.string().trim().min(1).max(100).optional(),
    },
    { error: 'The request body must be a JSON object' },
  )
  .refine((body) => Date.parse(body.windowEnd) > Date.parse(body.windowStart), {
    message: 'windowEnd must be after windowStart',
    path: ['windowEnd'],
  });
export type CallbackBookingRequest = z.input<typeof CallbackBookingRequestSchema>;

export const CallbackResponseSchema = z.object({ callback: CallbackSchema });
export type CallbackResponse = z.infer<typeof CallbackResponseSchema>;

export const CallbacksQuerySchema = z.object({
  /** Comma-separated states; default scheduled,queued,in-progress. */
  state: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(CALLBACK_STATES, { error: `state must be among ${CALLBACK_STATES.join(', ')}` })))
    .optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(500, 'limit must be at most 500')
    .default(100),
});
export type CallbacksQuery = z.infer<typeof CallbacksQuerySchema>;

/** Earliest next attempt first, then finished ones newest first. */
export const CallbacksResponseSchema = z.object({ callbacks: z.array(CallbackSchema) });
export type CallbacksResponse = z.infer<typeof CallbacksResponseSchema>;

/**
 * The outcome of one attempt. `reached` completes the callback; no-answer, busy and voicemail are
 * retried after the regional interval until the regional number of attempts is used; wrong-number
 * ends it as failed. A failed attempt during the callback's call also ends that call (after-call work).
 */
export const CallbackAttemptRequestSchema = z.object(
  {
    outcome: z.enum(CALLBACK_ATTEMPT_OUTCOMES, {
      error: `outcome must be one of ${CALLBACK_ATTEMPT_OUTCOMES.join(', ')}`,
    }),
    note: z.string().trim().max(500, 'note is too long (at most 500 characters)').optional(),
  },
  { error: 'The request body must be a JSON object' },
);
export type CallbackAttemptRequest = z.infer<typeof CallbackAttemptRequestSchema>;

/** Cancels a callback that has not entered the queue yet; once it waits in the queue it is called. */
export const CallbackCancelRequestSchema = z.object(
  {
    reason: z
      .string({ error: 'reason is required: say why the callback is cancelled' })
      .trim()
      .min(3, 'reason is too short (at least 3 characters)')
      .max(500, 'reason is too long (at most 500 characters)'),
  },
  { error: 'The request body must be a JSON object' },
);
export type CallbackCancelRequest = z.infer<typeof CallbackCancelRequestSchema>;
