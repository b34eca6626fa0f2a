// "Mina ärenden idag" starts at midnight in Sweden, whatever zone the host runs in, also on DST days.
import { describe, expect, it } from 'vitest';
import { startOfServiceDay } from '../../../main/services/cases';

describe('startOfServiceDay', () => {
  it('starts the Swedish day at 23:00 UTC in winter and 22:00 UTC in summer', () => {
    expect(startOfServiceDay(new Date('2026-01-15T12:00:00Z')).toISOString()).toBe(
      '2026-01-14T23:00:00.000Z',
    );
    expect(startOfServiceDay(new Date('2026-07-15T12:00:00Z')).toISOString()).toBe(
      '2026-07-14T22:00:00.000Z',
    );
  });

  it('puts 23:30 UTC on the next Swedish day', () => {
    expect(startOfServiceDay(new Date('2026-01-15T23:30:00Z')).toISOString()).toBe(
      '2026-01-15T23:00:00.000Z',
    );
  });

  it('handles the days the clocks change', () => {
    // 29 March 2026: clocks go forward at 02:00; the day began at 00:00 CET.
    expect(startOfServiceDay(new Date('2026-03-29T20:00:00Z')).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    // 25 October 2026: clocks go back at 03:00; the day began at 00:00 CEST.
    expect(startOfServiceDay(new Date('2026-10-25T20:00:00Z')).toISOString()).toBe(
      '2026-10-24T22:00:00.000Z',
    );
  });

  it('uses the zone it is given', () => {
    expect(startOfServiceDay(new Date('2026-01-15T12:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-01-15T00:00:00.000Z',
    );
  });
});
