// The workstation's one clock: every time and date a nurse or team lead reads is Swedish time, whatever zone the computer is set to.
//
// The UI language only picks the wording and the date style (sv-SE "2026-03-02", en-GB "02/03/2026");
// the zone is always Europe/Stockholm. This is the only renderer module allowed to read a date's
// calendar fields or call the Intl date formatters (ESLint enforces it), so a second clock cannot creep in.
import {
  SWEDISH_TIME_ZONE,
  formatStockholmTime,
  fromStockholmWallClock,
  toStockholmWallClock,
} from '../../../core/referral/stockholmTime';

/** An instant as the bridge gives it (ISO text), as a Date, or as epoch milliseconds. */
export type Instant = string | number | Date;

/** A day on the Swedish calendar; month 1–12. */
export interface SwedishDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

function toDate(at: Instant): Date {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date/time: ${String(at)}`);
  return date;
}

function localeOf(language: string): 'sv-SE' | 'en-GB' {
  return language === 'en' ? 'en-GB' : 'sv-SE';
}

// Intl formatters are costly to build and a list re-renders every second: one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, style: 'time' | 'seconds' | 'date'): Intl.DateTimeFormat {
  const key = `${locale}/${style}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(
      locale,
      style === 'date'
        ? { timeZone: SWEDISH_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }
        : {
            timeZone: SWEDISH_TIME_ZONE,
            // h23: midnight reads 00:30, never 24:30.
            hourCycle: 'h23',
            hour: '2-digit',
            minute: '2-digit',
            ...(style === 'seconds' ? { second: '2-digit' } : {}),
          },
    );
    formatters.set(key, found);
  }
  return found;
}

/** "14:05" in Swedish time; with `seconds`, "14:05:09". */
export function clockTime(at: Instant, language: string, options: { seconds?: boolean } = {}): string {
  return formatter(localeOf(language), options.seconds ? 'seconds' : 'time').format(toDate(at));
}

/** The Swedish calendar date: "2026-03-02" in Swedish, "02/03/2026" in English. */
export function calendarDate(at: Instant, language: string): string {
  return formatter(localeOf(language), 'date').format(toDate(at));
}

/** Date and time in Swedish time: "2026-03-02 14:05", "02/03/2026 14:05". */
export function dateAndTime(at: Instant, language: string): string {
  return `${calendarDate(at, language)} ${clockTime(at, language)}`;
}

/** The day an instant falls on in Sweden. */
export function swedishDate(at: Instant): SwedishDate {
  const { year, month, day } = toStockholmWallClock(toDate(at));
  return { year, month, day };
}

/** Swedish calendar days from `now`'s day to `at`'s day: 0 today, -1 yesterday, 1 tomorrow. */
export function swedishDayOffset(at: Instant, now: Instant): number {
  const a = swedishDate(at);
  const n = swedishDate(now);
  return Math.round((Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(n.year, n.month - 1, n.day)) / DAY_MS);
}

/** "17:00" today, "i morgon 08:00" / "tomorrow 08:00", "tis 08:00" within a week, else "12/6 08:00". */
export function relativeClockTime(at: Instant, now: Instant, language: string): string {
  const label = formatStockholmTime(toDate(at), toDate(now));
  return language === 'en' ? label.en : label.sv;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The value of a datetime-local field showing the instant in Swedish time ("2026-03-02T14:05"). */
export function toSwedishInputValue(at: Instant): string {
  const w = toStockholmWallClock(toDate(at));
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}T${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** The instant a datetime-local value means when read as Swedish time; null for an empty or malformed value. */
export function fromSwedishInputValue(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Date.UTC rolls 31 February over to March; a field value like that is not a date.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59)
    return null;
  return fromStockholmWallClock({ year, month, day, hour, minute, second });
}
