// The synthetic number generator: valid, repeatable, inside the test series, and honest about bad input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePatientId } from '../../../core/identity/patientId';
import {
  generatePersonnummer,
  generateRandomPersonnummer,
  seededRng,
  withDigitReplaced,
} from '../../../core/identity/testNumbers';

describe('generatePersonnummer', () => {
  it('uses birth numbers 980–999 (the tax agency test series) unless told otherwise', () => {
    fc.assert(
      fc.property(fc.integer(), fc.boolean(), (seed, samordning) => {
        const pnr = generatePersonnummer({
          birthDate: '1972-08-09',
          sex: 'male',
          samordning,
          rng: seededRng(seed),
        });
        expect(Number(pnr.normalized.slice(8, 11))).toBeGreaterThanOrEqual(980);
      }),
    );
  });

  it('draws from the whole range with series any, never birth number 000', () => {
    const rng = seededRng(11);
    const birthNumbers = new Set(
      Array.from({ length: 400 }, () =>
        generatePersonnummer({ birthDate: '1972-08-09', sex: 'female', series: 'any', rng }).normalized.slice(
          8,
          11,
        ),
      ),
    );
    expect([...birthNumbers].some((n) => Number(n) < 980)).toBe(true);
    expect(birthNumbers.has('000')).toBe(false);
  });

  it('is repeatable with the same seed', () => {
    const make = () =>
      generatePersonnummer({ birthDate: '2011-11-11', sex: 'female', rng: seededRng(42) }).normalized;
    expect(make()).toBe(make());
  });

  it('refuses a birth date that does not exist, saying so', () => {
    expect(() => generatePersonnummer({ birthDate: '2023-02-29', sex: 'male' })).toThrow(
      'Datumet 2023-02-29 finns inte',
    );
    expect(() => generatePersonnummer({ birthDate: '23-02-01', sex: 'male' })).toThrow('ÅÅÅÅ-MM-DD');
  });

  it('withDigitReplaced refuses positions outside the number', () => {
    const pnr = generatePersonnummer({ birthDate: '1999-01-01', sex: 'male' });
    expect(() => withDigitReplaced(pnr.normalized, 12, 1)).toThrow('Index ska vara 0–11');
  });
});

describe('generateRandomPersonnummer', () => {
  it('makes valid numbers for callers within the asked age range, on any day of the year', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 366 * 4 }),
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 0, max: 15 }),
        (seed, dayOffset, minAge, span) => {
          const today = new Date(2024, 0, 1 + dayOffset, 12);
          const pnr = generateRandomPersonnummer({
            today,
            rng: seededRng(seed),
            minAgeYears: minAge,
            maxAgeYears: minAge + span,
            samordningShare: 0.3,
          });
          const parsed = parsePatientId(pnr.display, { today });
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          expect(parsed.value.ageYears).toBeGreaterThanOrEqual(minAge);
          expect(parsed.value.ageYears).toBeLessThanOrEqual(minAge + span);
        },
      ),
    );
  });
});
