// Field schemas shared by the call-distribution routes: timestamps, ids, urgency, phone numbers, call kinds and states.
import { z } from 'zod';
import { URGENCY_CLASSES } from '../../queue/priority';

export const CALL_KINDS = ['inbound', 'callback'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export const CALL_STATES = [
  'waiting',
  'offered',
  'connected',
  'after-call-work',
  'ended',
  'abandoned',
] as const;
export type CallState = (typeof CALL_STATES)[number];

export const Iso = z.iso.datetime({ offset: true });
export const Uuid = z.uuid();
export const HsaId = z.string().min(1).max(64);
export const UrgencySchema = z.enum(URGENCY_CLASSES, {
  error: 'urgencyClass must be red, orange, yellow or green',
});

/**
 * A phone number: optional +, 6–15 digits (spaces and dashes ignored). Swedish national numbers
 * ("070-174 06 05") are stored in international form ("+46701740605"), "00" prefixes as "+".
 */
export const PhoneNumberSchema = z
  .string({ error: 'A phone number is required' })
  .trim()
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\+?\d{6,15}$/, 'A phone number is an optional + followed by 6–15 digits'))
  .transform((value) =>
    value.startsWith('00') ? `+${value.slice(2)}` : value.startsWith('0') ? `+46${value.slice(1)}` : value,
  );

/** ISO 639-1/2 language code of the caller's phone-menu choice ("sv", "en", "ar", "so", "fi", ...). */
export const LanguageSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'language must be a two- or three-letter language code such as "sv"');
