// When simulated calls arrive: a Poisson process whose rate follows the Swedish advice line's day (peaks 08–10 and 18–21).
import { toStockholmWallClock } from '../../../core/referral/stockholmTime';
import type { Rng } from '../../../core/identity/testNumbers';

/**
 * Relative call volume per hour of the day in Swedish time (index 0 = 00–01). The shape of a
 * regional 1177 line: quiet nights, the morning peak when vårdcentraler open (08–10), a plateau
 * through the day and an evening peak when they have closed (18–21). Scaled so the mean is 1.
 */
export const SWEDISH_ADVICE_LINE_DAY: readonly number[] = normaliseCurve([
  0.35, 0.25, 0.2, 0.18, 0.18, 0.25, 0.5, 1.0, 1.9, 2.0, 1.6, 1.3, 1.15, 1.15, 1.1, 1.1, 1.15, 1.3, 1.6, 1.75,
  1.6, 1.2, 0.8, 0.5,
]);

/** The same rate all day (demos, load tests). */
export const FLAT_DAY: readonly number[] = new Array<number>(24).fill(1);

/** Scales 24 hourly weights so their mean is 1: a rate given "per hour" is then the day's average. */
export function normaliseCurve(weights: readonly number[]): number[] {
  if (weights.length !== 24) throw new Error(`An hour-of-day curve has 24 values, not ${weights.length}`);
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new Error('Curve values must be 0 or more');
  const mean = weights.reduce((sum, w) => sum + w, 0) / 24;
  if (mean === 0) throw new Error('A curve of only zeros has no calls');
  return weights.map((w) => w / mean);
}

/**
 * Reads a call rate: "170/h", "170", "2.5/min", "4000/day" or "4000/d". Returns calls per hour.
 * Throws a message saying what was expected.
 */
export function parseRate(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(h|hour|min|m|d|day))?\s*$/i.exec(text);
  if (match === null) {
    throw new Error(`A rate looks like "170/h", "3/min" or "4000/day", not "${text}"`);
  }
  const value = Number(match[1]);
  const unit = (match[2] ?? 'h').toLowerCase();
  const perHour =
    unit === 'min' || unit === 'm' ? value * 60 : unit === 'd' || unit === 'day' ? value / 24 : value;
  if (perHour <= 0) throw new Error('The rate must be more than 0 calls');
  if (perHour > 100_000) throw new Error('The rate is at most 100 000 calls per hour');
  return perHour;
}

export interface ArrivalProcess {
  /** Mean calls per hour over a whole day (the curve's hours scale it up and down). */
  ratePerHour: number;
  curve?: readonly number[];
  rng: Rng;
}

/** Hour of the day in Swedish time (0–23). */
export function swedishHour(at: number): number {
  return toStockholmWallClock(at).hour;
}

/**
 * The next arrival strictly after `after` (epoch ms), by thinning: candidates come at the peak
 * rate and each is kept with probability curve(hour) / peak.
 */
export function nextArrivalAfter(after: number, process: ArrivalProcess): number {
  const curve = process.curve ?? SWEDISH_ADVICE_LINE_DAY;
  const peak = Math.max(...curve);
  const peakPerMs = (process.ratePerHour * peak) / 3_600_000;
  let t = after;
  for (;;) {
    // 1 − rng() lies in (0, 1], so the logarithm is finite.
    t += -Math.log(1 - process.rng()) / peakPerMs;
    if (process.rng() * peak < curve[swedishHour(t)]!) return Math.max(Math.ceil(t), after + 1);
  }
}

/** Every arrival in [from, to), oldest first. */
export function arrivalsBetween(from: number, to: number, process: ArrivalProcess): number[] {
  const times: number[] = [];
  for (let t = nextArrivalAfter(from - 1, process); t < to; t = nextArrivalAfter(t, process)) times.push(t);
  return times;
}
