// The patient's age for triage: calendar-exact for infants (the 3-month line), and as a nurse types it for an unidentified caller.
import { describe, expect, it } from 'vitest';
import { isInAgeRange } from '../../../core/triage/protocol';
import {
  ageFromBirthDate,
  ageParts,
  parseAgeInput,
  triageAgeYears,
} from '../../../renderer/src/features/triage/age';
import { describeInTimeZones } from '../../core/referral/support/timeZones';

const on = (date: string) => new Date(`${date}T12:00:00`);

describe('ageFromBirthDate', () => {
  it('is whole years on a birthday', () => {
    expect(ageFromBirthDate('1984-09-03', on('2026-09-03'))).toBe(42);
    expect(ageFromBirthDate('1984-09-03', on('2026-09-02'))).toBeLessThan(42);
    expect(ageFromBirthDate('1984-09-03', on('2026-09-02'))).toBeGreaterThan(41.9);
  });

  it('puts a baby under the infant-fever line until the calendar says 3 months', () => {
    const infantFever = { max: 0.25 };
    expect(isInAgeRange(infantFever, ageFromBirthDate('2026-01-15', on('2026-04-14')))).toBe(true);
    expect(ageFromBirthDate('2026-01-15', on('2026-04-15'))).toBe(0.25);
    expect(isInAgeRange(infantFever, ageFromBirthDate('2026-01-15', on('2026-04-15')))).toBe(false);
  });

  it('handles a birth on the 31st in shorter months', () => {
    expect(ageFromBirthDate('2026-01-31', on('2026-02-28'))).toBeCloseTo(1 / 12, 5);
    expect(ageFromBirthDate('2026-01-31', on('2026-03-31'))).toBeCloseTo(2 / 12, 5);
  });

  it('is zero on the day of birth and null for a future or impossible date', () => {
    expect(ageFromBirthDate('2026-05-05', on('2026-05-05'))).toBe(0);
    expect(ageFromBirthDate('2026-05-06', on('2026-05-05'))).toBeNull();
    expect(ageFromBirthDate('2026-02-30', on('2026-05-05'))).toBeNull();
    expect(ageFromBirthDate('5 maj', on('2026-05-05'))).toBeNull();
  });
});

describeInTimeZones('ageFromBirthDate on the Swedish calendar', () => {
  it('turns 3 months at Swedish midnight, not at the computer’s', () => {
    // 00:30 on 15 April in Sweden is 22:30 UTC on the 14th and 07:30 in Tokyo on the 15th.
    expect(ageFromBirthDate('2026-01-15', new Date('2026-04-14T22:30:00Z'))).toBe(0.25);
    // 23:30 on 14 April in Sweden is still before, though Tokyo is already at 06:30 on the 15th.
    expect(ageFromBirthDate('2026-01-15', new Date('2026-04-14T21:30:00Z'))).toBeLessThan(0.25);
  });
});

describe('parseAgeInput', () => {
  it('reads years, decimals with a comma, months, weeks and days', () => {
    expect(parseAgeInput('40')).toEqual({ ok: true, ageYears: 40 });
    expect(parseAgeInput(' 2,5 ')).toEqual({ ok: true, ageYears: 2.5 });
    expect(parseAgeInput('2.5 år')).toEqual({ ok: true, ageYears: 2.5 });
    expect(parseAgeInput('6 mån')).toEqual({ ok: true, ageYears: 0.5 });
    expect(parseAgeInput('6 MÅNADER')).toEqual({ ok: true, ageYears: 0.5 });
    const weeks = parseAgeInput('3 veckor');
    expect(weeks.ok && weeks.ageYears).toBeCloseTo((3 * 7) / 365.25, 6);
    const days = parseAgeInput('10 d');
    expect(days.ok && days.ageYears).toBeCloseTo(10 / 365.25, 6);
  });

  it('treats an empty field as an unknown age', () => {
    expect(parseAgeInput('')).toEqual({ ok: true, ageYears: null });
    expect(parseAgeInput('   ')).toEqual({ ok: true, ageYears: null });
  });

  it('says whether the form or the range is wrong', () => {
    expect(parseAgeInput('ca fyrtio')).toEqual({ ok: false, reason: 'format' });
    expect(parseAgeInput('4 timmar')).toEqual({ ok: false, reason: 'format' });
    expect(parseAgeInput('-3')).toEqual({ ok: false, reason: 'format' });
    expect(parseAgeInput('131')).toEqual({ ok: false, reason: 'range' });
  });
});

describe('triageAgeYears and ageParts', () => {
  it('prefers the birth date over a typed age, and falls back to the typed one', () => {
    expect(triageAgeYears({ birthDate: '1984-09-03', typedAgeYears: 7 }, on('2026-09-03'))).toBe(42);
    expect(triageAgeYears({ birthDate: null, typedAgeYears: 7 }, on('2026-09-03'))).toBe(7);
    expect(triageAgeYears({ birthDate: null, typedAgeYears: null }, on('2026-09-03'))).toBeNull();
  });

  it('shows infants in weeks or months and others in years', () => {
    expect(ageParts(42.7)).toEqual({ unit: 'years', count: 42 });
    expect(ageParts(0.25)).toEqual({ unit: 'months', count: 3 });
    expect(ageParts(1.5)).toEqual({ unit: 'months', count: 18 });
    expect(ageParts(14 / 365.25)).toEqual({ unit: 'weeks', count: 2 });
  });
});
