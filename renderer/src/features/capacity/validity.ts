// How long a capacity status holds, as the team lead picks it: a few hours, until the morning shift, or a time of her own; and what a status means at a given moment.
import {
  capacityExpiry,
  nextSwedishClockTime,
  type CapacityValidity,
  type UnitCapacityView,
} from '../../../../core/api/capacity';
import type { CapacityStateView } from '../../../../core/api/referral';
import { toStockholmWallClock } from '../../../../core/referral/stockholmTime';

export const VALIDITY_CHOICES = ['1h', '2h', '4h', '8h', '12h', 'morning', 'custom'] as const;
export type ValidityChoice = (typeof VALIDITY_CHOICES)[number];

/** The day shift starts at 07:00: a status set at night usually holds until then. */
export const MORNING_HOUR = 7;

const HOURS: Partial<Record<ValidityChoice, number>> = { '1h': 1, '2h': 2, '4h': 4, '8h': 8, '12h': 12 };

/** At night (19:00–05:00 Swedish time) until the morning shift; otherwise four hours. */
export function defaultValidityChoice(now: Date): ValidityChoice {
  const hour = toStockholmWallClock(now).hour;
  return hour >= 19 || hour < 5 ? 'morning' : '4h';
}

/** "HH:MM" (24-hour) as typed in a time field, or null when it is not a time of day. */
export function parseClock(text: string): { hour: number; minute: number } | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** The validity to send for a choice; null for a custom time that is not a time of day. */
export function validityOf(choice: ValidityChoice, now: Date, customClock: string): CapacityValidity | null {
  const hours = HOURS[choice];
  if (hours !== undefined) return { kind: 'hours', hours };
  if (choice === 'morning') {
    return { kind: 'until', until: nextSwedishClockTime(now, MORNING_HOUR).toISOString() };
  }
  const clock = parseClock(customClock);
  if (!clock) return null;
  return { kind: 'until', until: nextSwedishClockTime(now, clock.hour, clock.minute).toISOString() };
}

/** When a status set now with this choice would expire; null for an unreadable custom time. */
export function expiryOf(choice: ValidityChoice, now: Date, customClock: string): Date | null {
  const validity = validityOf(choice, now, customClock);
  return validity ? capacityExpiry(validity, now) : null;
}

/** The status in force at `now`: an expired one no longer counts (referral treats the unit as green). */
export function stateAt(unit: Pick<UnitCapacityView, 'capacity'>, now: number): CapacityStateView {
  const capacity = unit.capacity;
  if (!capacity) return 'unknown';
  if (capacity.expiresAt !== null && Date.parse(capacity.expiresAt) <= now) return 'unknown';
  return capacity.status;
}

/** A status that was set but has run out. */
export function hasExpired(unit: Pick<UnitCapacityView, 'capacity'>, now: number): boolean {
  return unit.capacity?.expiresAt != null && Date.parse(unit.capacity.expiresAt) <= now;
}

/** Whole minutes from now to `iso`, for "om 3 h 20 min"; never below 0. */
export function minutesUntil(iso: string | Date, now: number): number {
  const at = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  return Math.max(0, Math.round((at - now) / 60_000));
}

/** Whole minutes from `iso` to now, for "12 min sedan"; never below 0. */
export function minutesSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

/** "45 min", "4 h", "7 h 30 min" (the same in Swedish and English). */
export function formatSpan(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
