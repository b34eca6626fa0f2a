// A nurse's presence in the call distribution: her states, break reasons and why the state changed.

export const NURSE_PRESENCE_STATES = ['available', 'on-call', 'after-call-work', 'break', 'offline'] as const;
export type NursePresence = (typeof NURSE_PRESENCE_STATES)[number];

/** Why a nurse is on break. `offer-timeout` is set by the ACD only, when an offered call rang out. */
export const BREAK_REASONS = [
  'short-break',
  'lunch',
  'meeting',
  'training',
  'administration',
  'other',
  'offer-timeout',
] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];
export const NURSE_BREAK_REASONS = BREAK_REASONS.filter((reason) => reason !== 'offer-timeout');

export const BREAK_REASON_LABELS: Readonly<Record<BreakReason, { sv: string; en: string }>> = {
  'short-break': { sv: 'Kort paus', en: 'Short break' },
  lunch: { sv: 'Lunch', en: 'Lunch' },
  meeting: { sv: 'Möte', en: 'Meeting' },
  training: { sv: 'Utbildning', en: 'Training' },
  administration: { sv: 'Administration', en: 'Administration' },
  other: { sv: 'Annat', en: 'Other' },
  'offer-timeout': { sv: 'Obesvarat samtal', en: 'Unanswered call' },
};

/** States a nurse sets herself; on-call and after-call work follow from calls. */
export const SETTABLE_PRESENCE_STATES = ['available', 'break', 'offline'] as const;
export type SettablePresence = (typeof SETTABLE_PRESENCE_STATES)[number];

/** Why the presence is what it is now. */
export const PRESENCE_CHANGE_REASONS = [
  'nurse',
  'call-accepted',
  'call-ended',
  'after-call-work-timer',
  'after-call-work-ended-early',
  'offer-timeout',
  /** The call ringing at her was taken away (the caller hung up); she stays available. */
  'offer-withdrawn',
  'signed-out',
] as const;
export type PresenceChangeReason = (typeof PRESENCE_CHANGE_REASONS)[number];
