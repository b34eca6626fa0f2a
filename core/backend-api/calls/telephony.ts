// The telephony platform's routes (authenticated with TELEPHONY_KEY_HEADER, not a staff token).
import { z } from 'zod';
import { PhoneMenuAnswerInputSchema } from '../../queue/phoneMenu';
import { RedFlagSchema } from '../../queue/priority';
import { CALL_STATES, LanguageSchema, PhoneNumberSchema, UrgencySchema, Uuid } from './fields';

/** A call entered the phone platform; the phone menu is done. */
export const TelephonyCallEnteredRequestSchema = z.object(
  {
    /** The platform's own id of the call; hang-ups refer to it. */
    externalRef: z
      .string({ error: 'externalRef is required' })
      .min(1, 'externalRef must not be empty')
      .max(100, 'externalRef is too long (at most 100 characters)')
      .regex(/^[A-Za-z0-9._:-]+$/, 'externalRef may hold letters, digits and . _ : - only'),
    regionId: z.string({ error: 'regionId is required' }).min(1).max(40),
    /** Default: the region's queue. OVERFLOW_QUEUE_ID puts it straight into the shared overflow queue. */
    queueId: z.string().min(1).max(40).optional(),
    callerNumber: PhoneNumberSchema,
    /** As keyed in the phone menu; checked (length, date, Luhn) and refused with the reason when wrong. */
    personnummer: z.string().trim().max(20).optional(),
    language: LanguageSchema.default('sv'),
    answers: z.array(PhoneMenuAnswerInputSchema).max(20, 'at most 20 phone-menu answers').default([]),
    /** A class set by the platform; it can only raise what the answers give, never lower it. */
    urgencyClass: UrgencySchema.optional(),
  },
  { error: 'The request body must be a JSON object' },
);
export type TelephonyCallEnteredRequest = z.input<typeof TelephonyCallEnteredRequestSchema>;

export const TelephonyCallEnteredResponseSchema = z.object({
  callId: Uuid,
  queueId: z.string(),
  urgencyClass: UrgencySchema,
  redFlags: z.array(RedFlagSchema),
});
export type TelephonyCallEnteredResponse = z.infer<typeof TelephonyCallEnteredResponseSchema>;

export const TelephonyHangUpRequestSchema = z.object(
  {
    /** Only hang up if the caller is still waiting (a caller whose patience ran out); otherwise nothing changes. */
    ifStillWaiting: z.boolean().optional(),
  },
  { error: 'The request body must be a JSON object' },
);
export type TelephonyHangUpRequest = z.infer<typeof TelephonyHangUpRequestSchema>;

/** abandoned: left the queue; ended: the conversation ended (after-call work began); unchanged: nothing to do. */
export const TelephonyHangUpResponseSchema = z.object({
  outcome: z.enum(['abandoned', 'ended', 'unchanged']),
  state: z.enum(CALL_STATES),
});
export type TelephonyHangUpResponse = z.infer<typeof TelephonyHangUpResponseSchema>;
