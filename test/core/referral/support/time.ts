// Test helper: instants written as Swedish wall-clock time, e.g. sweden('2026-06-19 10:00').
import { fromStockholmWallClock } from '../../../../core/referral/stockholmTime';

export function sweden(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`write Swedish times as "YYYY-MM-DD HH:MM", got "${text}"`);
  const [, year, month, day, hour, minute] = match.map(Number) as number[];
  return fromStockholmWallClock({ year: year!, month: month!, day: day!, hour: hour!, minute: minute! });
}
