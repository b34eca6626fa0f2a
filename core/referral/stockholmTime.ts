// Swedish wall-clock time: converts instants to and from Europe/Stockholm time whatever TZ the process runs in.
//
// Opening hours and regional rule periods are stated in Swedish local time, but servers and CI often run
// in UTC. Only Intl.DateTimeFormat is used (no time zone package), and the UTC offset is cached per UTC
// hour because Swedish clock changes always happen on a whole UTC hour.

export const SWEDISH_TIME_ZONE = 'Europe/Stockholm';

/** Calendar date and time as shown on a clock in Sweden. Month is 1–12, weekday 0 = Sunday … 6 = Saturday. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const HOUR_MS = 3_600_000;

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: SWEDISH_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

const offsetByUtcHour = new Map<number, number>();

function assertValidInstant(at: Date | number, what: string): number {
  const ms = typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what}: expected a valid date/time, got ${String(at)}`);
  return ms;
}

/** Offset of Swedish time from UTC at the instant, in milliseconds (+1 h in winter, +2 h in summer). */
export function stockholmOffsetMs(at: Date | number): number {
  const ms = assertValidInstant(at, 'stockholmOffsetMs');
  const hourIndex = Math.floor(ms / HOUR_MS);
  const cached = offsetByUtcHour.get(hourIndex);
  if (cached !== undefined) return cached;
  const probe = hourIndex * HOUR_MS;
  const fields: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(new Date(probe))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wallAsUtc = Date.UTC(
    fields.year!,
    fields.month! - 1,
    fields.day!,
    fields.hour!,
    fields.minute!,
    fields.second!,
  );
  const offset = wallAsUtc - probe;
  if (offsetByUtcHour.size > 50_000) offsetByUtcHour.clear();
  offsetByUtcHour.set(hourIndex, offset);
  return offset;
}

/** The Swedish wall-clock reading at an instant. */
export function toStockholmWallClock(at: Date | number): WallClock {
  const ms = assertValidInstant(at, 'toStockholmWallClock');
  const shifted = new Date(ms + stockholmOffsetMs(ms));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

/**
 * The instant at which Swedish clocks show the given reading. A reading that does not exist (the hour
 * skipped in March) moves forward by the skipped hour; a reading that occurs twice (October) gives the
 * later one, after clocks went back.
 */
export function fromStockholmWallClock(wall: {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}): Date {
  const wallAsUtc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour ?? 0,
    wall.minute ?? 0,
    wall.second ?? 0,
    wall.millisecond ?? 0,
  );
  if (!Number.isFinite(wallAsUtc)) throw new RangeError('fromStockholmWallClock: not a valid date');
  const firstOffset = stockholmOffsetMs(wallAsUtc);
  let instant = wallAsUtc - firstOffset;
  const secondOffset = stockholmOffsetMs(instant);
  if (secondOffset !== firstOffset) instant = wallAsUtc - secondOffset;
  return new Date(instant);
}

/**
 * A Date whose local-time fields (getHours, getDay, … in this process's TZ) show Swedish wall-clock time.
 * This is the form the opening_hours package reads, since it only uses local-time getters.
 */
export function toStockholmFrame(at: Date | number): Date {
  const ms = assertValidInstant(at, 'toStockholmFrame');
  const w = toStockholmWallClock(ms);
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, ((ms % 1000) + 1000) % 1000);
}

/** Inverse of toStockholmFrame: the real instant a frame Date stands for. */
export function fromStockholmFrame(frame: Date): Date {
  assertValidInstant(frame, 'fromStockholmFrame');
  return fromStockholmWallClock({
    year: frame.getFullYear(),
    month: frame.getMonth() + 1,
    day: frame.getDate(),
    hour: frame.getHours(),
    minute: frame.getMinutes(),
    second: frame.getSeconds(),
    millisecond: frame.getMilliseconds(),
  });
}

/**
 * Identifies how this process maps local time, so caches holding frame Dates can tell when TZ changed
 * (it only does in tests that switch TZ; Sweden-identical zones share a key, which is harmless).
 */
export function localFrameKey(): string {
  const winter = new Date(2026, 0, 15, 12).getTimezoneOffset();
  const summer = new Date(2026, 6, 15, 12).getTimezoneOffset();
  return `${winter}/${summer}`;
}

const SV_WEEKDAYS = ['sön', 'mån', 'tis', 'ons', 'tors', 'fre', 'lör'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * A short Swedish-time label for an instant as seen from `now`: "17:00" on the same day, "i morgon 08:00",
 * "tis 08:00" within a week, otherwise "12/6 08:00". Returns Swedish and English.
 */
export function formatStockholmTime(at: Date, now: Date): { sv: string; en: string } {
  const w = toStockholmWallClock(at);
  const n = toStockholmWallClock(now);
  const clock = `${pad2(w.hour)}:${pad2(w.minute)}`;
  const dayDiff = Math.round(
    (Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(n.year, n.month - 1, n.day)) / 86_400_000,
  );
  if (dayDiff === 0) return { sv: clock, en: clock };
  if (dayDiff === 1) return { sv: `i morgon ${clock}`, en: `tomorrow ${clock}` };
  if (dayDiff > 1 && dayDiff < 7) {
    return { sv: `${SV_WEEKDAYS[w.weekday]} ${clock}`, en: `${EN_WEEKDAYS[w.weekday]} ${clock}` };
  }
  return { sv: `${w.day}/${w.month} ${clock}`, en: `${w.day}/${w.month} ${clock}` };
}
