// The workstation's one clock: times, dates and "today" in Swedish time whatever the process's zone, across clock changes and Swedish midnight.
import { expect, it } from 'vitest';
import {
  calendarDate,
  clockTime,
  dateAndTime,
  fromSwedishInputValue,
  relativeClockTime,
  swedishDate,
  swedishDayOffset,
  toSwedishInputValue,
} from '../../../renderer/src/app/swedishTime';
import { describeInTimeZones } from '../../core/referral/support/timeZones';

describeInTimeZones('the one clock', () => {
  it('shows hh:mm in Swedish time, UTC+1 in winter and UTC+2 in summer, in both languages', () => {
    expect(clockTime('2026-01-15T07:00:00.000Z', 'sv')).toBe('08:00');
    expect(clockTime('2026-01-15T07:00:00.000Z', 'en')).toBe('08:00');
    expect(clockTime('2026-07-15T07:00:00.000Z', 'sv')).toBe('09:00');
    expect(clockTime(Date.parse('2026-07-15T07:05:09.000Z'), 'en', { seconds: true })).toBe('09:05:09');
    expect(clockTime(new Date('2026-07-15T07:05:09.000Z'), 'sv', { seconds: true })).toBe('09:05:09');
  });

  it('reads 23:30 UTC in winter as 00:30 on the next Swedish day', () => {
    const at = '2026-01-15T23:30:00.000Z';
    expect(clockTime(at, 'sv')).toBe('00:30');
    expect(clockTime(at, 'en')).toBe('00:30');
    expect(calendarDate(at, 'sv')).toBe('2026-01-16');
    expect(calendarDate(at, 'en')).toBe('16/01/2026');
    expect(dateAndTime(at, 'sv')).toBe('2026-01-16 00:30');
    expect(dateAndTime(at, 'en')).toBe('16/01/2026 00:30');
    expect(swedishDate(at)).toEqual({ year: 2026, month: 1, day: 16 });
    // Seen from 10:00 on the 16th: today, not yesterday; 22:59 UTC the day before was 23:59 yesterday.
    const morning = '2026-01-16T09:00:00.000Z';
    expect(swedishDayOffset(at, morning)).toBe(0);
    expect(swedishDayOffset('2026-01-15T22:59:00.000Z', morning)).toBe(-1);
    expect(swedishDayOffset(morning, '2026-01-15T22:59:00.000Z')).toBe(1);
  });

  it('follows the March clock change (29 March 2026: 02:00 → 03:00)', () => {
    expect(clockTime('2026-03-29T00:59:00.000Z', 'sv')).toBe('01:59');
    expect(clockTime('2026-03-29T01:00:00.000Z', 'sv')).toBe('03:00');
    // The 23-hour day: 00:30 CET and 23:59 CEST are the same day; 22:00 UTC is already the 30th.
    expect(swedishDayOffset('2026-03-28T23:30:00.000Z', '2026-03-29T21:59:00.000Z')).toBe(0);
    expect(clockTime('2026-03-29T21:59:00.000Z', 'sv')).toBe('23:59');
    expect(swedishDayOffset('2026-03-29T22:00:00.000Z', '2026-03-29T21:59:00.000Z')).toBe(1);
    expect(dateAndTime('2026-03-29T22:00:00.000Z', 'sv')).toBe('2026-03-30 00:00');
  });

  it('follows the October clock change (25 October 2026: 03:00 → 02:00, 02:30 twice)', () => {
    expect(clockTime('2026-10-25T00:30:00.000Z', 'sv')).toBe('02:30');
    expect(clockTime('2026-10-25T01:30:00.000Z', 'sv')).toBe('02:30');
    expect(clockTime('2026-10-25T02:00:00.000Z', 'en')).toBe('03:00');
    // The 25-hour day: midnight CEST (22:00 UTC the day before) to 23:59 CET (22:59 UTC) is one day.
    expect(dateAndTime('2026-10-24T22:00:00.000Z', 'sv')).toBe('2026-10-25 00:00');
    expect(swedishDayOffset('2026-10-24T22:00:00.000Z', '2026-10-25T22:59:00.000Z')).toBe(0);
    expect(swedishDayOffset('2026-10-25T23:00:00.000Z', '2026-10-25T22:59:00.000Z')).toBe(1);
  });

  it('says "i morgon" and weekdays from the Swedish calendar, in the UI language', () => {
    const now = '2026-01-15T22:00:00.000Z'; // 23:00 Thursday in Sweden
    expect(relativeClockTime('2026-01-15T22:30:00.000Z', now, 'sv')).toBe('23:30');
    expect(relativeClockTime('2026-01-15T23:30:00.000Z', now, 'sv')).toBe('i morgon 00:30');
    expect(relativeClockTime('2026-01-15T23:30:00.000Z', now, 'en')).toBe('tomorrow 00:30');
    expect(relativeClockTime('2026-01-17T07:00:00.000Z', now, 'sv')).toBe('lör 08:00');
  });

  it('fills and reads datetime-local fields as Swedish time', () => {
    expect(toSwedishInputValue('2026-01-15T23:30:00.000Z')).toBe('2026-01-16T00:30');
    expect(toSwedishInputValue('2026-07-15T12:05:00.000Z')).toBe('2026-07-15T14:05');
    expect(fromSwedishInputValue('2026-01-16T00:30')?.toISOString()).toBe('2026-01-15T23:30:00.000Z');
    expect(fromSwedishInputValue('2026-07-15T14:05')?.toISOString()).toBe('2026-07-15T12:05:00.000Z');
    // The hour skipped in March moves forward, as on the wall clock.
    expect(fromSwedishInputValue('2026-03-29T02:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    for (const bad of ['', '2026-02-30T10:00', '2026-01-15 10:00', '2026-01-15T24:00', '15/01/2026']) {
      expect(fromSwedishInputValue(bad), bad).toBeNull();
    }
  });

  it('refuses an instant that is not a date, naming it', () => {
    expect(() => clockTime('not a time', 'sv')).toThrow(/not a time/);
  });
});
