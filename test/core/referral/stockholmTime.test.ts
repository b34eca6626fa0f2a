// Swedish wall-clock conversions: offsets, clock changes and the frame the opening-hours package reads.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  formatStockholmTime,
  fromStockholmFrame,
  fromStockholmWallClock,
  toStockholmFrame,
  toStockholmWallClock,
} from '../../../core/referral/stockholmTime';
import { describeInTimeZones } from './support/timeZones';

describeInTimeZones('Swedish time', () => {
  it('is UTC+1 in winter and UTC+2 in summer', () => {
    expect(toStockholmWallClock(new Date('2026-01-15T11:00:00Z'))).toMatchObject({ hour: 12, day: 15 });
    expect(toStockholmWallClock(new Date('2026-07-15T11:00:00Z'))).toMatchObject({ hour: 13, day: 15 });
  });

  it('reads the date in Sweden, not in UTC, just after midnight', () => {
    const w = toStockholmWallClock(new Date('2026-06-18T22:30:00Z'));
    expect(w).toMatchObject({ year: 2026, month: 6, day: 19, hour: 0, minute: 30, weekday: 5 });
  });

  it('moves a time in the hour skipped in March forward', () => {
    // 29 March 2026: clocks go from 02:00 to 03:00; 02:30 does not exist and means 03:30 CEST.
    expect(fromStockholmWallClock({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(fromStockholmWallClock({ year: 2026, month: 3, day: 29, hour: 3 }).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('takes the later of the two 02:30s in October', () => {
    expect(
      fromStockholmWallClock({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }).toISOString(),
    ).toBe('2026-10-25T01:30:00.000Z');
  });

  it('round-trips any instant through the frame the opening-hours package reads', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }), (ms) => {
        const at = new Date(ms);
        const wall = toStockholmWallClock(at);
        const frame = toStockholmFrame(at);
        // The frame's local fields are the Swedish clock reading.
        expect([frame.getFullYear(), frame.getMonth() + 1, frame.getDate(), frame.getHours()]).toEqual([
          wall.year,
          wall.month,
          wall.day,
          wall.hour,
        ]);
        // Away from the October repeated hour, the way back is exact.
        if (!(wall.month === 10 && wall.hour === 2 && wall.weekday === 0 && wall.day >= 25)) {
          expect(fromStockholmFrame(frame).getTime()).toBe(ms);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('labels times relative to now in Swedish and English', () => {
    const now = new Date('2026-06-16T10:00:00Z'); // Tuesday 12:00 in Sweden
    expect(formatStockholmTime(new Date('2026-06-16T15:00:00Z'), now)).toEqual({ sv: '17:00', en: '17:00' });
    expect(formatStockholmTime(new Date('2026-06-17T06:00:00Z'), now)).toEqual({
      sv: 'i morgon 08:00',
      en: 'tomorrow 08:00',
    });
    expect(formatStockholmTime(new Date('2026-06-19T06:00:00Z'), now).sv).toBe('fre 08:00');
  });

  it('refuses an invalid date with a message', () => {
    expect(() => toStockholmWallClock(new Date('not a date'))).toThrow(/valid date/);
  });
});
