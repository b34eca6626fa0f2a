// Opening hours of care units: OpenStreetMap opening_hours syntax, Swedish holidays, always in Swedish time.
//
// Wraps the opening_hours package. Two things are added on top of it:
// - Time zone: the package reads local-time fields of a Date, so every instant is moved into a "Stockholm
//   frame" (see stockholmTime.ts) before evaluation and back afterwards. Results do not depend on the TZ
//   the process runs in. (In a process whose own zone changes clocks on other dates than Sweden, the
//   night of such a change may be off by an hour; UTC and Swedish time are exact.)
// - Aftnar: the package's Swedish holiday set (PH) has the official röda dagar only. Midsommarafton,
//   julafton and nyårsafton are not public holidays by law but Swedish units close or run holiday hours
//   on them, so every rule selecting PH is repeated for those three days right after itself.
//
// Evaluation is cached: each distinct opening-hours string is parsed once, and its open intervals are
// computed a week at a time and reused, so a ranking over thousands of units stays fast.
import OpeningHoursParser from 'opening_hours';
import { fromStockholmFrame, localFrameKey, toStockholmFrame, toStockholmWallClock } from './stockholmTime';

/** Where holidays are looked up: Sweden has one national set of public holidays. */
const SWEDEN = { lat: 59.33, lon: 18.07, address: { country_code: 'se', state: '' } };
/** opening_hours mode 0: the value is a list of time ranges (not points in time). */
const TIME_RANGES_MODE = 0;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const BLOCK_MS = 7 * DAY_MS;
const MAX_BLOCKS_PER_FRAME = 64;
/** How far ahead "next opening/closing" looks by default. */
export const DEFAULT_HORIZON_DAYS = 31;
/** A referral needs the unit to stay open at least this long after the patient could arrive. */
export const MINIMUM_STAY_MINUTES = 30;

/** An opening-hours value that cannot be used, with the reason in Swedish and English. */
export class OpeningHoursError extends Error {
  readonly value: string;
  readonly sv: string;
  readonly en: string;
  constructor(value: string, detail: string) {
    const en = `Invalid opening hours "${value}": ${detail}`;
    super(en);
    this.name = 'OpeningHoursError';
    this.value = value;
    this.en = en;
    this.sv = `Ogiltiga öppettider "${value}": ${detail}`;
  }
}

interface FrameState {
  parser: OpeningHoursParser;
  /** Open intervals per week block, as [start, end, start, end, …] in frame milliseconds. */
  blocks: Map<number, Float64Array>;
}

/** A parsed opening-hours value. Create with parseOpeningHours; identical strings share one schedule. */
export class OpeningSchedule {
  /** The value as written in the catalog. */
  readonly source: string;
  /** The value actually evaluated: the source with rules for the Swedish aftnar added. */
  readonly evaluated: string;
  /** Non-fatal remarks from the parser (e.g. a past date range), for the catalog editor. */
  readonly warnings: readonly string[];
  private readonly frames = new Map<string, FrameState>();

  /** @internal use parseOpeningHours */
  constructor(source: string, evaluated: string, parser: OpeningHoursParser) {
    this.source = source;
    this.evaluated = evaluated;
    this.warnings = parser.getWarnings();
    this.frames.set(localFrameKey(), { parser, blocks: new Map() });
  }

  private frame(key: string): FrameState {
    let state = this.frames.get(key);
    if (!state) {
      state = { parser: new OpeningHoursParser(this.evaluated, SWEDEN, TIME_RANGES_MODE), blocks: new Map() };
      this.frames.set(key, state);
    }
    return state;
  }

  private block(state: FrameState, index: number): Float64Array {
    const cached = state.blocks.get(index);
    if (cached) return cached;
    const start = index * BLOCK_MS;
    const end = start + BLOCK_MS;
    const flat: number[] = [];
    for (const [from, to, unknown] of state.parser.getOpenIntervals(new Date(start), new Date(end))) {
      // "unknown" (e.g. `off "ring först"` or `unknown`) is never promised to a patient: treat as closed.
      if (unknown) continue;
      const s = Math.max(from.getTime(), start);
      const e = Math.min(to.getTime(), end);
      if (e <= s) continue;
      if (flat.length > 0 && flat[flat.length - 1] === s) flat[flat.length - 1] = e;
      else flat.push(s, e);
    }
    const intervals = Float64Array.from(flat);
    blocksComputed++;
    if (state.blocks.size >= MAX_BLOCKS_PER_FRAME) {
      const oldest = state.blocks.keys().next().value;
      if (oldest !== undefined) state.blocks.delete(oldest);
    }
    state.blocks.set(index, intervals);
    return intervals;
  }

  /** Is the schedule open at frame instant `t`? (No allocation: the ranking asks this per schedule per call.) */
  isOpenInFrame(t: number, frameKey = localFrameKey()): boolean {
    const intervals = this.block(this.frame(frameKey), Math.floor(t / BLOCK_MS));
    for (let i = 0; i < intervals.length; i += 2) {
      if (intervals[i]! > t) return false;
      if (t < intervals[i + 1]!) return true;
    }
    return false;
  }

  /**
   * Earliest frame instant in [start, latest] from which the schedule stays open for `stayMs`, or null.
   * Walks the cached week blocks without building intermediate lists.
   */
  earliestVisitInFrame(
    start: number,
    latest: number,
    stayMs: number,
    frameKey = localFrameKey(),
  ): number | null {
    const state = this.frame(frameKey);
    let openFrom = Number.NaN;
    let openUntil = Number.NaN;
    const lastBlock = Math.floor((latest + stayMs) / BLOCK_MS);
    for (let b = Math.floor(start / BLOCK_MS); b <= lastBlock; b++) {
      const intervals = this.block(state, b);
      for (let i = 0; i < intervals.length; i += 2) {
        const e = intervals[i + 1]!;
        if (e <= start) continue;
        const s = Math.max(intervals[i]!, start);
        if (s === openUntil) {
          openUntil = e; // continues across a block edge or a comment change
        } else {
          if (s > latest) return null;
          openFrom = s;
          openUntil = e;
        }
        // Intervals only grow by merging, so the first one long enough gives the earliest arrival.
        if (openUntil - openFrom >= stayMs) return openFrom;
      }
    }
    return null;
  }

  /**
   * Open periods overlapping [from, to) in frame milliseconds, merged across block edges and clipped to
   * the range, as a flat [start, end, …] list. Internal building block of the queries below.
   * @internal
   */
  openIntervalsInFrame(from: number, to: number, frameKey = localFrameKey()): number[] {
    const state = this.frame(frameKey);
    const result: number[] = [];
    const last = Math.floor((to - 1) / BLOCK_MS);
    for (let b = Math.floor(from / BLOCK_MS); b <= last; b++) {
      const intervals = this.block(state, b);
      for (let i = 0; i < intervals.length; i += 2) {
        const s = intervals[i]!;
        const e = intervals[i + 1]!;
        if (e <= from) continue;
        if (s >= to) break;
        const cs = Math.max(s, from);
        const ce = Math.min(e, to);
        if (result.length > 0 && result[result.length - 1] === cs) result[result.length - 1] = ce;
        else result.push(cs, ce);
      }
    }
    return result;
  }
}

let blocksComputed = 0;

/** Cache figures for benchmarks and diagnostics: distinct schedules parsed, week blocks evaluated so far. */
export function openingHoursCacheStats(): { schedules: number; weekBlocksComputed: number } {
  return { schedules: scheduleCache.size, weekBlocksComputed: blocksComputed };
}

const scheduleCache = new Map<string, OpeningSchedule>();
const SCHEDULE_CACHE_LIMIT = 20_000;

const WEEKDAY = '(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?(?:\\[[^\\]]*\\])?';
const DAY_ITEM = `(?:${WEEKDAY}|PH|SH)`;
const LEADING_DAY_SELECTOR = new RegExp(`^(${DAY_ITEM}(?:\\s*,\\s*${DAY_ITEM})*)(?=\\s|$)`);
/** The Swedish aftnar as opening_hours date selectors: midsommarafton is the Friday between 19 and 25 June. */
const AFTON_SELECTORS = ['Jun 19-25 Fr', 'Dec 24,Dec 31'];

function splitRules(value: string): { rule: string; separator: string }[] {
  const parts: { rule: string; separator: string }[] = [];
  let inComment = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"') inComment = !inComment;
    else if (!inComment && c === ';') {
      parts.push({ rule: value.slice(start, i), separator: ';' });
      start = i + 1;
    } else if (!inComment && c === '|' && value[i + 1] === '|') {
      parts.push({ rule: value.slice(start, i), separator: '||' });
      start = i + 2;
      i++;
    }
  }
  parts.push({ rule: value.slice(start), separator: '' });
  return parts;
}

/**
 * Adds midsommarafton, julafton and nyårsafton to every rule that starts with a day selector containing
 * PH, right after that rule, so they follow the unit's holiday hours and later exceptions still win.
 * `Mo-Fr 08:00-17:00; PH off` becomes `Mo-Fr 08:00-17:00; PH off; Jun 19-25 Fr off; Dec 24,Dec 31 off`.
 */
export function withSwedishAftnar(value: string): string {
  const parts = splitRules(value);
  const out: string[] = [];
  for (const { rule, separator } of parts) {
    let text = rule;
    const trimmed = rule.trim();
    const match = LEADING_DAY_SELECTOR.exec(trimmed);
    if (match) {
      const items = match[1]!.split(',').map((item) => item.trim());
      const rest = trimmed.slice(match[1]!.length);
      // `PH +1 day` (the day after a holiday) is a different selector: leave it alone.
      if (items.includes('PH') && !/^\s*[+-]\s*\d/.test(rest)) {
        text = [trimmed, ...AFTON_SELECTORS.map((selector) => `${selector}${rest}`)].join('; ');
      }
    }
    out.push(separator === '' ? text : `${text}${separator === ';' ? ';' : ' ||'}`);
  }
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

function describeParserError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Parses an opening-hours value (OSM syntax, e.g. `Mo-Fr 08:00-17:00; PH off`). Throws OpeningHoursError
 * with a readable reason when the value is empty or not valid syntax. Results are cached per string.
 */
export function parseOpeningHours(value: string): OpeningSchedule {
  if (typeof value !== 'string') throw new OpeningHoursError(String(value), 'not a text value');
  const cached = scheduleCache.get(value);
  if (cached) return cached;
  if (value.trim() === '')
    throw new OpeningHoursError(value, 'empty; write e.g. "Mo-Fr 08:00-17:00; PH off"');
  let parser: OpeningHoursParser;
  try {
    parser = new OpeningHoursParser(value, SWEDEN, TIME_RANGES_MODE);
  } catch (error) {
    throw new OpeningHoursError(value, describeParserError(error));
  }
  let evaluated = withSwedishAftnar(value);
  if (evaluated !== value) {
    try {
      parser = new OpeningHoursParser(evaluated, SWEDEN, TIME_RANGES_MODE);
    } catch {
      // The rewrite is an addition for aftnar; if the package cannot read it, fall back to the original.
      evaluated = value;
    }
  }
  const schedule = new OpeningSchedule(value, evaluated, parser);
  if (scheduleCache.size >= SCHEDULE_CACHE_LIMIT) scheduleCache.clear();
  scheduleCache.set(value, schedule);
  return schedule;
}

/** A schedule, or an opening-hours string to parse. */
export type OpeningHoursInput = OpeningSchedule | string;

function schedule(hours: OpeningHoursInput): OpeningSchedule {
  return typeof hours === 'string' ? parseOpeningHours(hours) : hours;
}

function frameMs(at: Date): number {
  return toStockholmFrame(at).getTime();
}

function instantOf(frame: number): Date {
  return fromStockholmFrame(new Date(frame));
}

function assertMinutes(minutes: number, what: string): void {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`${what}: expected a number of minutes ≥ 0, got ${String(minutes)}`);
  }
}

/** Is the unit open at this instant? */
export function isOpenAt(hours: OpeningHoursInput, at: Date): boolean {
  const t = frameMs(at);
  return schedule(hours).openIntervalsInFrame(t, t + 1).length > 0;
}

/** Open at the instant and for every moment of the following `minutes` (e.g. the 30 minutes a visit needs). */
export function isOpenThroughout(hours: OpeningHoursInput, from: Date, minutes: number): boolean {
  assertMinutes(minutes, 'isOpenThroughout');
  const start = frameMs(from);
  const end = frameMs(new Date(from.getTime() + minutes * MINUTE_MS));
  const open = schedule(hours).openIntervalsInFrame(start, Math.max(end, start + 1));
  return open.length === 2 && open[0] === start && open[1]! >= end;
}

/** The first moment within [from, from + minutes] at which the unit is open, or null if it stays closed. */
export function firstOpenWithin(hours: OpeningHoursInput, from: Date, minutes: number): Date | null {
  assertMinutes(minutes, 'firstOpenWithin');
  const start = frameMs(from);
  const end = frameMs(new Date(from.getTime() + minutes * MINUTE_MS));
  const open = schedule(hours).openIntervalsInFrame(start, end + 1);
  if (open.length === 0) return null;
  return open[0] === start ? from : instantOf(open[0]!);
}

/**
 * The earliest arrival within [from, from + withinMinutes] at which the unit is open and stays open for
 * `stayMinutes` (default 30): "open within the time frame and not closing within 30 minutes". Null if
 * no such moment exists.
 */
export function earliestVisit(
  hours: OpeningHoursInput,
  from: Date,
  withinMinutes: number,
  stayMinutes = MINIMUM_STAY_MINUTES,
): Date | null {
  assertMinutes(withinMinutes, 'earliestVisit');
  assertMinutes(stayMinutes, 'earliestVisit');
  const start = frameMs(from);
  const latest = frameMs(new Date(from.getTime() + withinMinutes * MINUTE_MS));
  const arrival = earliestVisitInFrame(schedule(hours), start, latest, stayMinutes * MINUTE_MS);
  if (arrival === null) return null;
  return arrival === start ? from : instantOf(arrival);
}

/** earliestVisit on frame milliseconds; the ranking calls this directly to convert times only once. */
export function earliestVisitInFrame(
  hours: OpeningSchedule,
  start: number,
  latest: number,
  stayMs: number,
  frameKey?: string,
): number | null {
  return hours.earliestVisitInFrame(start, latest, stayMs, frameKey);
}

/** Open now or not, and the next change: when it closes, or when it next opens and closes again. */
export interface OpeningStatus {
  open: boolean;
  /** When closed: the next opening within the horizon, otherwise null. */
  opensAt: Date | null;
  /** The end of the current (or, when closed, the next) open period; null if it lasts past the horizon. */
  closesAt: Date | null;
}

/** Open or closed at `at`, with the next opening and closing within `horizonDays` (default 31). */
export function openingStatusAt(
  hours: OpeningHoursInput,
  at: Date,
  horizonDays = DEFAULT_HORIZON_DAYS,
): OpeningStatus {
  assertMinutes(horizonDays, 'openingStatusAt');
  const start = frameMs(at);
  const horizon = frameMs(new Date(at.getTime() + horizonDays * DAY_MS));
  const open = schedule(hours).openIntervalsInFrame(start, horizon);
  if (open.length === 0) return { open: false, opensAt: null, closesAt: null };
  const isOpen = open[0] === start;
  const closesAt = open[1]! >= horizon ? null : instantOf(open[1]!);
  return { open: isOpen, opensAt: isOpen ? null : instantOf(open[0]!), closesAt };
}

/** When the unit next closes: the end of the current open period, or of the next one if closed now. */
export function nextClosing(
  hours: OpeningHoursInput,
  at: Date,
  horizonDays = DEFAULT_HORIZON_DAYS,
): Date | null {
  return openingStatusAt(hours, at, horizonDays).closesAt;
}

/** When the unit next opens after `at` (if open now: after the current period ends). Null if not within the horizon. */
export function nextOpening(
  hours: OpeningHoursInput,
  at: Date,
  horizonDays = DEFAULT_HORIZON_DAYS,
): Date | null {
  assertMinutes(horizonDays, 'nextOpening');
  const start = frameMs(at);
  const horizon = frameMs(new Date(at.getTime() + horizonDays * DAY_MS));
  const open = schedule(hours).openIntervalsInFrame(start, horizon);
  for (let i = 0; i < open.length; i += 2) {
    if (open[i]! > start) return instantOf(open[i]!);
  }
  return null;
}

/** A Swedish holiday on the calendar day (Swedish time) of an instant. */
export interface SwedishHoliday {
  name: string;
  /** `public-holiday`: a röd dag by law; `afton`: midsommar-, jul- or nyårsafton, kept like one by care units. */
  kind: 'public-holiday' | 'afton';
}

let holidayParsers = new Map<string, OpeningHoursParser>();

/** The Swedish public holiday or afton on the day of `at` in Swedish time, or null on an ordinary day. */
export function swedishHolidayAt(at: Date): SwedishHoliday | null {
  const wall = toStockholmWallClock(at);
  if (wall.month === 12 && wall.day === 24) return { name: 'julafton', kind: 'afton' };
  if (wall.month === 12 && wall.day === 31) return { name: 'nyårsafton', kind: 'afton' };
  if (wall.month === 6 && wall.weekday === 5 && wall.day >= 19 && wall.day <= 25) {
    return { name: 'midsommarafton', kind: 'afton' };
  }
  const key = localFrameKey();
  let parser = holidayParsers.get(key);
  if (!parser) {
    if (holidayParsers.size > 4) holidayParsers = new Map();
    parser = new OpeningHoursParser('PH', SWEDEN, TIME_RANGES_MODE);
    holidayParsers.set(key, parser);
  }
  const noon = new Date(wall.year, wall.month - 1, wall.day, 12);
  if (!parser.getState(noon)) return null;
  return { name: parser.getComment(noon) ?? 'helgdag', kind: 'public-holiday' };
}
