// The patient's age for triage: from the birth date of an identified patient, or as the nurse types it for an unidentified caller.
//
// Protocols draw age lines in years with decimals (0.25 = 3 months), so an infant's age must be exact
// to the day: it is counted in calendar months, not in days / 365, so a baby is "3 months" on the
// day the calendar says so.
import { parseAge } from '../../../../core/triage/ageBands';
import { swedishDate } from '../../app/swedishTime';

/** Age in years (decimals) on `today` for a birth date written YYYY-MM-DD; null for an unreadable or future date. */
export function ageFromBirthDate(birthDate: string, today: Date): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // Calendar arithmetic on UTC dates, so no zone's clock change bends a day; "today" is the Swedish calendar's.
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return null;
  const on = swedishDate(today);
  const now = new Date(Date.UTC(on.year, on.month - 1, on.day));
  if (birth > now) return null;

  let months = (on.year - year) * 12 + (on.month - month);
  if (on.day < day) months -= 1;
  // The days since the last "month birthday", as a share of that month's length.
  const lastMonthly = monthAnniversary(birth, months);
  const nextMonthly = monthAnniversary(birth, months + 1);
  const fraction = (now.getTime() - lastMonthly.getTime()) / (nextMonthly.getTime() - lastMonthly.getTime());
  return (months + fraction) / 12;
}

/** The date `months` calendar months after `birth` (a UTC date); the 31st falls back to the month's last day. */
function monthAnniversary(birth: Date, months: number): Date {
  const target = new Date(Date.UTC(birth.getUTCFullYear(), birth.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(birth.getUTCDate(), lastDay)),
  );
}

export type AgeInput = { ok: true; ageYears: number | null } | { ok: false; reason: 'format' | 'range' };

/**
 * Reads an age as a nurse types it: "40", "2,5", "6 mån", "3 veckor", "10 d" (the core age parser, shared
 * with the CLI and the evaluation). Empty means unknown (then every question is asked).
 */
export function parseAgeInput(text: string): AgeInput {
  if (text.trim() === '') return { ok: true, ageYears: null };
  const parsed = parseAge(text);
  if (parsed.ok) return parsed;
  return { ok: false, reason: parsed.reason === 'range' ? 'range' : 'format' };
}

/** An age split for display: whole years from 2 years up, months under 2 years, weeks under 2 months. */
export function ageParts(ageYears: number): { unit: 'years' | 'months' | 'weeks'; count: number } {
  // Ages made from weeks or months ("2 v" = 14 / 365.25 years) must not floor to one less after rounding errors.
  const whole = (value: number) => Math.floor(value + 1e-9);
  if (ageYears >= 2) return { unit: 'years', count: whole(ageYears) };
  const months = ageYears * 12;
  if (months >= 2 - 1e-9) return { unit: 'months', count: whole(months) };
  return { unit: 'weeks', count: whole((ageYears * 365.25) / 7) };
}

/** The age triage uses: from the birth date when the patient is identified, else what the nurse typed (null = unknown). */
export function triageAgeYears(
  patient: { birthDate: string | null; typedAgeYears: number | null },
  today: Date,
): number | null {
  if (patient.birthDate) {
    const age = ageFromBirthDate(patient.birthDate, today);
    if (age !== null) return age;
  }
  return patient.typedAgeYears;
}
