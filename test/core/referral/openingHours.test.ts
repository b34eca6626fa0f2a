// Opening hours in Swedish time: overnight sessions, several sessions a day, holidays, aftnar and exceptions.
import { expect, it } from 'vitest';
import {
  earliestVisit,
  firstOpenWithin,
  isOpenAt,
  isOpenThroughout,
  nextClosing,
  nextOpening,
  OpeningHoursError,
  openingStatusAt,
  parseOpeningHours,
  swedishHolidayAt,
  withSwedishAftnar,
} from '../../../core/referral/openingHours';
import { sweden } from './support/time';
import { describeInTimeZones } from './support/timeZones';

const VARDCENTRAL = 'Mo-Fr 08:00-17:00; PH off';
const NARAKUT = 'Mo-Fr 17:00-21:00; Sa,Su,PH 10:00-18:00';

describeInTimeZones('opening hours', () => {
  it('keeps an overnight session open across midnight and says when it closes', () => {
    const nattjour = '22:00-08:00';
    expect(isOpenAt(nattjour, sweden('2026-01-14 23:30'))).toBe(true);
    expect(isOpenAt(nattjour, sweden('2026-01-15 07:30'))).toBe(true);
    expect(isOpenAt(nattjour, sweden('2026-01-15 12:00'))).toBe(false);
    expect(nextClosing(nattjour, sweden('2026-01-14 23:00'))).toEqual(sweden('2026-01-15 08:00'));
    expect(nextOpening(nattjour, sweden('2026-01-15 12:00'))).toEqual(sweden('2026-01-15 22:00'));
  });

  it('carries a weekday evening session into Saturday morning', () => {
    const hours = 'Mo-Fr 17:00-08:00; Sa,Su,PH 00:00-24:00';
    expect(isOpenAt(hours, sweden('2026-06-12 23:00'))).toBe(true); // Friday night
    expect(isOpenAt(hours, sweden('2026-06-13 03:00'))).toBe(true); // Saturday small hours
    expect(isOpenAt(hours, sweden('2026-06-15 12:00'))).toBe(false); // Monday noon
  });

  it('treats 24/7 as never closing', () => {
    const at = sweden('2026-12-24 03:00');
    expect(isOpenThroughout('24/7', at, 24 * 60)).toBe(true);
    expect(openingStatusAt('24/7', at)).toEqual({ open: true, opensAt: null, closesAt: null });
  });

  it('handles several sessions a day (closed over lunch)', () => {
    const hours = 'Mo-Fr 08:00-12:00,13:00-17:00; PH off';
    expect(isOpenAt(hours, sweden('2026-06-16 11:00'))).toBe(true);
    expect(isOpenAt(hours, sweden('2026-06-16 12:30'))).toBe(false);
    expect(nextClosing(hours, sweden('2026-06-16 11:00'))).toEqual(sweden('2026-06-16 12:00'));
    expect(nextOpening(hours, sweden('2026-06-16 12:30'))).toEqual(sweden('2026-06-16 13:00'));
    // 11:45 is not enough for a visit (closes in 15 minutes); the afternoon session is.
    expect(earliestVisit(hours, sweden('2026-06-16 11:45'), 4 * 60)).toEqual(sweden('2026-06-16 13:00'));
  });

  it('knows a unit closing within 30 minutes is not open for a visit', () => {
    expect(isOpenThroughout(VARDCENTRAL, sweden('2026-06-16 16:00'), 30)).toBe(true);
    expect(isOpenThroughout(VARDCENTRAL, sweden('2026-06-16 16:45'), 30)).toBe(false);
    expect(earliestVisit(VARDCENTRAL, sweden('2026-06-16 16:45'), 60)).toBeNull();
    expect(earliestVisit(VARDCENTRAL, sweden('2026-06-16 16:45'), 24 * 60)).toEqual(
      sweden('2026-06-17 08:00'),
    );
    expect(firstOpenWithin(VARDCENTRAL, sweden('2026-06-16 16:45'), 60)).toEqual(sweden('2026-06-16 16:45'));
  });

  it('closes units that say PH off on midsommarafton, though it is not a röd dag', () => {
    expect(isOpenAt(VARDCENTRAL, sweden('2026-06-19 10:00'))).toBe(false);
    expect(isOpenAt(VARDCENTRAL, sweden('2026-06-26 10:00'))).toBe(true); // the Friday after
    // From Thursday afternoon the next opening is Monday 22 June.
    expect(nextOpening(VARDCENTRAL, sweden('2026-06-18 17:30'))).toEqual(sweden('2026-06-22 08:00'));
  });

  it('closes on julafton, juldagen, nyårsafton, nyårsdagen and långfredagen', () => {
    for (const day of ['2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01', '2026-04-03', '2026-04-06']) {
      expect(isOpenAt(VARDCENTRAL, sweden(`${day} 10:00`)), day).toBe(false);
    }
    expect(isOpenAt(VARDCENTRAL, sweden('2026-12-23 10:00'))).toBe(true);
  });

  it('runs holiday hours on the aftnar for units that give PH hours', () => {
    expect(isOpenAt(NARAKUT, sweden('2026-06-19 11:00'))).toBe(true); // midsommarafton: weekend hours
    expect(isOpenAt(NARAKUT, sweden('2026-06-19 19:30'))).toBe(false);
    expect(isOpenAt(NARAKUT, sweden('2026-12-24 12:00'))).toBe(true);
    expect(isOpenAt(NARAKUT, sweden('2026-06-18 12:00'))).toBe(false); // ordinary Thursday
  });

  it('leaves units that do not mention PH open on the aftnar', () => {
    expect(isOpenAt('Mo-Fr 08:00-17:00', sweden('2026-06-19 10:00'))).toBe(true);
  });

  it('applies exceptions, and a later exception wins over the afton rule', () => {
    expect(isOpenAt(`${VARDCENTRAL}; 2026 Dec 23 off`, sweden('2026-12-23 10:00'))).toBe(false);
    const shortJulafton = `${VARDCENTRAL}; 2026 Dec 24 08:00-12:00`;
    expect(isOpenAt(shortJulafton, sweden('2026-12-24 10:00'))).toBe(true);
    expect(isOpenAt(shortJulafton, sweden('2026-12-24 13:00'))).toBe(false);
  });

  it('follows Swedish clocks over the change to summer time', () => {
    // On 29 March 2026 08:00 in Sweden is 06:00 UTC (summer time), the day before it was 07:00 UTC.
    expect(nextOpening('Mo-Su 08:00-22:00', sweden('2026-03-29 01:00'))?.toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
    expect(nextOpening('Mo-Su 08:00-22:00', sweden('2026-03-28 01:00'))?.toISOString()).toBe(
      '2026-03-28T07:00:00.000Z',
    );
  });

  it('names Swedish holidays and aftnar', () => {
    expect(swedishHolidayAt(sweden('2026-06-19 23:30'))).toEqual({ name: 'midsommarafton', kind: 'afton' });
    expect(swedishHolidayAt(sweden('2026-06-20 00:30'))).toEqual({
      name: 'midsommardagen',
      kind: 'public-holiday',
    });
    expect(swedishHolidayAt(sweden('2026-04-03 12:00'))).toEqual({
      name: 'långfredagen',
      kind: 'public-holiday',
    });
    expect(swedishHolidayAt(sweden('2026-06-17 12:00'))).toBeNull();
  });
});

it('adds the aftnar right after each rule that selects PH', () => {
  expect(withSwedishAftnar('Mo-Fr 08:00-17:00; PH off')).toBe(
    'Mo-Fr 08:00-17:00; PH off; Jun 19-25 Fr off; Dec 24,Dec 31 off',
  );
  expect(withSwedishAftnar('Mo-Fr 17:00-21:00; Sa,Su,PH 10:00-18:00; 2026 Dec 24 off')).toBe(
    'Mo-Fr 17:00-21:00; Sa,Su,PH 10:00-18:00; Jun 19-25 Fr 10:00-18:00; Dec 24,Dec 31 10:00-18:00; 2026 Dec 24 off',
  );
  expect(withSwedishAftnar('24/7')).toBe('24/7');
});

it('refuses invalid opening hours with a reason in Swedish and English', () => {
  expect(() => parseOpeningHours('Mo-Fx 08:00-17:00')).toThrow(OpeningHoursError);
  try {
    parseOpeningHours('Mo-Fx 08:00-17:00');
  } catch (error) {
    expect((error as OpeningHoursError).sv).toMatch(/^Ogiltiga öppettider "Mo-Fx 08:00-17:00"/);
    expect((error as OpeningHoursError).en).toMatch(/^Invalid opening hours/);
  }
  expect(() => parseOpeningHours('  ')).toThrow(/empty/);
});

it('parses each distinct value once', () => {
  expect(parseOpeningHours(VARDCENTRAL)).toBe(parseOpeningHours(VARDCENTRAL));
});
