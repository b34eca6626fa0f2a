// Identity numbers: generated valid numbers round-trip, and every kind of typing error gets its own message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatTenDigitForm,
  luhnCheckDigit,
  parsePatientId,
  PatientIdentitySchema,
  ReservnummerFormatSchema,
  ThirdPartyCallerSchema,
  toPatientIdentity,
} from '../../../core/identity/patientId';
import type { PatientIdErrorCode, PatientIdResult } from '../../../core/identity/patientId';
import { DEMO_RESERVNUMMER_FORMATS } from '../../../core/identity/reservnummerFormats';
import {
  generatePersonnummer,
  seededRng,
  withCheckDigit,
  withDigitReplaced,
  withImpossibleDate,
  withWrongCheckDigit,
} from '../../../core/identity/testNumbers';

// Local calendar dates, because the parser reads "today" on the workstation's own calendar.
const TODAY = new Date(2025, 5, 15, 10, 30);

function parse(input: string, today: Date = TODAY): PatientIdResult {
  return parsePatientId(input, { today });
}

function errorCode(result: PatientIdResult): PatientIdErrorCode | 'ok' {
  return result.ok ? 'ok' : result.error.code;
}

function isoFromDayOffset(days: number): string {
  return new Date(Date.UTC(1900, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
}

const DAYS_1900_TO_TODAY = Math.floor((Date.UTC(2025, 5, 15) - Date.UTC(1900, 0, 1)) / 86_400_000);

const syntheticNumber = fc
  .record({
    dayOffset: fc.integer({ min: 0, max: DAYS_1900_TO_TODAY }),
    sex: fc.constantFrom('female' as const, 'male' as const),
    samordning: fc.boolean(),
    series: fc.constantFrom('test' as const, 'any' as const),
    seed: fc.integer(),
  })
  .map(({ dayOffset, sex, samordning, series, seed }) =>
    generatePersonnummer({
      birthDate: isoFromDayOffset(dayOffset),
      sex,
      samordning,
      series,
      rng: seededRng(seed),
    }),
  );

describe('valid numbers (properties over generated numbers)', () => {
  it('every generated number parses to its birth date, sex and kind, in 12 digits with or without hyphen', () => {
    fc.assert(
      fc.property(syntheticNumber, (pnr) => {
        for (const input of [pnr.normalized, pnr.display]) {
          const result = parse(input);
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.value).toMatchObject({
            kind: pnr.kind,
            normalized: pnr.normalized,
            display: pnr.display,
            birthDate: pnr.birthDate,
            sex: pnr.sex,
          });
        }
      }),
    );
  });

  it('the 10-digit form (with the separator for the age, or without separator under 100) agrees with the 12-digit form', () => {
    fc.assert(
      fc.property(syntheticNumber, (pnr) => {
        const twelve = parse(pnr.normalized);
        const ten = parse(formatTenDigitForm(pnr.normalized, TODAY));
        expect(ten).toEqual(twelve);
        if (twelve.ok && twelve.value.ageYears !== null && twelve.value.ageYears < 100) {
          expect(parse(pnr.tenDigits)).toEqual(twelve);
        }
      }),
    );
  });

  it('`+` in the 10-digit form means 100 years or older: the same digits read a century earlier', () => {
    fc.assert(
      fc.property(syntheticNumber, (pnr) => {
        const minus = parse(`${pnr.tenDigits.slice(0, 6)}-${pnr.tenDigits.slice(6)}`);
        const plus = parse(`${pnr.tenDigits.slice(0, 6)}+${pnr.tenDigits.slice(6)}`);
        expect(minus.ok).toBe(true);
        if (!minus.ok) return;
        expect(minus.value.ageYears).toBeLessThan(100);
        const centuryEarlier =
          String(Number(minus.value.birthDate!.slice(0, 4)) - 100) + minus.value.birthDate!.slice(4);
        if (centuryEarlier.endsWith('-02-29') && !plus.ok) {
          // 29 February does not exist in every century (1900 was no leap year).
          expect(errorCode(plus)).toBe('impossible-date');
          return;
        }
        expect(plus.ok).toBe(true);
        if (!plus.ok) return;
        expect(plus.value.birthDate).toBe(centuryEarlier);
        expect(plus.value.ageYears).toBe(minus.value.ageYears! + 100);
        expect(plus.value.sex).toBe(minus.value.sex);
      }),
    );
  });

  it('changing any single digit of the 10-digit form is always caught (check digit or date)', () => {
    fc.assert(
      fc.property(
        syntheticNumber,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (pnr, index, delta) => {
          const digits = pnr.tenDigits;
          const changed =
            digits.slice(0, index) + String((Number(digits[index]) + delta) % 10) + digits.slice(index + 1);
          const result = parse(changed);
          expect(result.ok).toBe(false);
          expect([
            'wrong-check-digit',
            'impossible-date',
            'day-out-of-range',
            'samordning-day-out-of-range',
          ]).toContain(errorCode(result));
        },
      ),
    );
  });

  it('changing a century digit of the 12-digit form never silently yields the same birth date', () => {
    fc.assert(
      fc.property(
        syntheticNumber,
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 1, max: 9 }),
        (pnr, index, delta) => {
          const changed = withDigitReplaced(
            pnr.normalized,
            index,
            (Number(pnr.normalized[index]) + delta) % 10,
          );
          const result = parse(changed);
          if (result.ok) expect(result.value.birthDate).not.toBe(pnr.birthDate);
        },
      ),
    );
  });

  it('exactly one check digit of ten is accepted', () => {
    fc.assert(
      fc.property(syntheticNumber, (pnr) => {
        const accepted = Array.from({ length: 10 }, (_, digit) =>
          parse(pnr.normalized.slice(0, 11) + String(digit)),
        ).filter((result) => result.ok);
        expect(accepted).toHaveLength(1);
      }),
    );
  });

  it('the sex digit decides sex: even female, odd male', () => {
    const rng = seededRng(7);
    for (const sex of ['female', 'male'] as const) {
      const pnr = generatePersonnummer({ birthDate: '1990-07-04', sex, rng });
      expect(Number(pnr.normalized[10]) % 2).toBe(sex === 'female' ? 0 : 1);
      const result = parse(pnr.display);
      expect(result.ok && result.value.sex).toBe(sex);
    }
  });
});

describe('dates and centuries', () => {
  it('19000229 is no date but 20000229 is (1900 was not a leap year, 2000 was)', () => {
    const in1900 = parse(withImpossibleDate(1900, 2, 29));
    expect(errorCode(in1900)).toBe('impossible-date');
    expect(!in1900.ok && in1900.error.sv).toBe('Datumet 1900-02-29 finns inte');
    const in2000 = parse(
      generatePersonnummer({ birthDate: '2000-02-29', sex: 'male', rng: seededRng(3) }).normalized,
    );
    expect(in2000.ok && in2000.value.birthDate).toBe('2000-02-29');
  });

  it('in the 10-digit form 000229+ reads as 1900-02-29 and is rejected, 000229- as 2000-02-29', () => {
    const pnr = generatePersonnummer({ birthDate: '2000-02-29', sex: 'female', rng: seededRng(4) });
    const minus = parse(`000229-${pnr.tenDigits.slice(6)}`);
    expect(minus.ok && minus.value.birthDate).toBe('2000-02-29');
    const plus = parse(`000229+${pnr.tenDigits.slice(6)}`);
    expect(!plus.ok && plus.error.sv).toBe('Datumet 1900-02-29 finns inte');
  });

  it('a 10-digit number without `+` is someone under 100: the most recent such date that is not after today', () => {
    const born = (iso: string) => generatePersonnummer({ birthDate: iso, sex: 'female', rng: seededRng(5) });
    const bornToday = parse(born('2025-06-15').tenDigits);
    expect(bornToday.ok && [bornToday.value.birthDate, bornToday.value.ageYears]).toEqual(['2025-06-15', 0]);
    // Tomorrow's date a century ago: 99 years old today.
    const tomorrow = born('1925-06-16');
    const minus = parse(tomorrow.tenDigits);
    expect(minus.ok && [minus.value.birthDate, minus.value.ageYears]).toEqual(['1925-06-16', 99]);
    const plus = parse(`${tomorrow.tenDigits.slice(0, 6)}+${tomorrow.tenDigits.slice(6)}`);
    expect(plus.ok && [plus.value.birthDate, plus.value.ageYears]).toEqual(['1825-06-16', 199]);
  });

  it('age counts whole years; a 29 February birthday comes on 1 March in other years', () => {
    const pnr = generatePersonnummer({ birthDate: '2000-02-29', sex: 'male', rng: seededRng(6) });
    const age = (today: Date) => {
      const result = parse(pnr.normalized, today);
      return result.ok ? result.value.ageYears : null;
    };
    expect(age(new Date(2025, 1, 28))).toBe(24);
    expect(age(new Date(2025, 2, 1))).toBe(25);
    expect(age(new Date(2024, 1, 29))).toBe(24);
  });

  it('samordningsnummer: every day 61–91 is accepted in a 31-day month and gives day − 60 as birth date', () => {
    for (let rawDay = 61; rawDay <= 91; rawDay++) {
      const number = withCheckDigit(`198001${rawDay}981`);
      const result = parse(number);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.value.kind).toBe('samordningsnummer');
      expect(result.value.birthDate).toBe(`1980-01-${String(rawDay - 60).padStart(2, '0')}`);
      expect(result.value.normalized).toBe(number);
    }
    expect(errorCode(parse(withCheckDigit('198001' + '92' + '981')))).toBe('samordning-day-out-of-range');
    expect(errorCode(parse(withCheckDigit('198001' + '60' + '981')))).toBe('day-out-of-range');
  });
});

describe('invalid input: each mistake has its own error code and message', () => {
  // Birth number 982: the swap 8↔2 below is a transposition Luhn always detects (only 0↔9 slips through).
  const d = withCheckDigit('19850314982');
  const t = d.slice(2);
  const display = `${d.slice(0, 8)}-${d.slice(8)}`;

  const cases: Array<[string, string, PatientIdErrorCode]> = [
    ['nothing', '', 'empty'],
    ['only spaces', '   ', 'empty'],
    ['a letter among the digits', `${d.slice(0, 9)}a${d.slice(10)}`, 'non-digits'],
    ['a slash as separator', `${t.slice(0, 6)}/${t.slice(6)}`, 'non-digits'],
    ['a dot inside the date', `${d.slice(0, 4)}.${d.slice(4)}`, 'non-digits'],
    ['9 digits', t.slice(0, 9), 'wrong-length'],
    ['11 digits', d.slice(0, 11), 'wrong-length'],
    ['13 digits', `${d}5`, 'wrong-length'],
    ['8 digits with hyphen', `${t.slice(0, 6)}-${t.slice(6, 8)}`, 'wrong-length'],
    ['two hyphens', `${t.slice(0, 6)}--${t.slice(6)}`, 'misplaced-separator'],
    ['hyphen inside the date', `${t.slice(0, 4)}-${t.slice(4)}`, 'misplaced-separator'],
    ['hyphen too late (12 digits)', `${d.slice(0, 9)}-${d.slice(9)}`, 'misplaced-separator'],
    ['12-digit hyphen at the 10-digit place', `${d.slice(0, 6)}-${d.slice(6)}`, 'misplaced-separator'],
    ['month 13', withImpossibleDate(1985, 13, 1), 'impossible-date'],
    ['month 00', withImpossibleDate(1985, 0, 10), 'impossible-date'],
    ['day 00', withImpossibleDate(1985, 3, 0), 'impossible-date'],
    ['30 February', withImpossibleDate(2023, 2, 30), 'impossible-date'],
    ['29 February in a common year', withImpossibleDate(2023, 2, 29), 'impossible-date'],
    ['31 April', withImpossibleDate(1985, 4, 31), 'impossible-date'],
    ['31 November (10 digits)', withImpossibleDate(1985, 11, 31).slice(2), 'impossible-date'],
    ['samordningsnummer for 30 February (day 90)', withImpossibleDate(1985, 2, 90), 'impossible-date'],
    ['day 32', withImpossibleDate(1985, 1, 32), 'day-out-of-range'],
    ['day 45', withImpossibleDate(1985, 1, 45), 'day-out-of-range'],
    ['day 92', withImpossibleDate(1985, 1, 92), 'samordning-day-out-of-range'],
    ['day 99', withImpossibleDate(1985, 1, 99), 'samordning-day-out-of-range'],
    ['wrong check digit (12)', withWrongCheckDigit(d, seededRng(2)), 'wrong-check-digit'],
    [
      'wrong check digit (10, hyphen)',
      `${t.slice(0, 6)}-${withWrongCheckDigit(d, seededRng(3)).slice(8)}`,
      'wrong-check-digit',
    ],
    ['two digits swapped in the serial', `${d.slice(0, 9)}${d[10]}${d[9]}${d[11]}`, 'wrong-check-digit'],
    ['born tomorrow (12 digits)', withCheckDigit('20250616981'), 'future-birth-date'],
    ['born in 2031', withCheckDigit('20310101982'), 'future-birth-date'],
    ['plus sign for a 40-year-old (12 digits)', `${d.slice(0, 8)}+${d.slice(8)}`, 'plus-under-100'],
  ];

  it.each(cases)('%s → %s', (_label, input, code) => {
    const result = parse(input);
    expect(errorCode(result)).toBe(code);
    if (!result.ok) {
      expect(result.error.sv.length).toBeGreaterThan(10);
      expect(result.error.en.length).toBeGreaterThan(10);
    }
  });

  it('the messages say exactly what is wrong', () => {
    const message = (input: string) => {
      const result = parse(input);
      return result.ok ? null : result.error.sv;
    };
    expect(message(withWrongCheckDigit(d))).toBe('Kontrollsiffran stämmer inte – kontrollera numret');
    expect(message(withImpossibleDate(2023, 2, 30))).toBe('Datumet 2023-02-30 finns inte');
    expect(message(withImpossibleDate(1985, 2, 90))).toBe(
      'Datumet 1985-02-30 finns inte (samordningsnummer: dag 90 − 60)',
    );
    expect(message(t.slice(0, 9))).toBe('Numret har 9 siffror – ett personnummer har 10 eller 12 siffror');
    expect(message(withCheckDigit('20310101982'))).toBe('Födelsedatumet 2031-01-01 ligger i framtiden');
    expect(message(`${d.slice(0, 9)}x${d.slice(10)}`)).toContain('"x"');
    expect(message(withImpossibleDate(1985, 1, 95))).toBe(
      'Dagen 95 är för hög – ett samordningsnummer har dag 61–91 (födelsedag + 60)',
    );
  });

  it('surrounding whitespace and a space as separator are accepted', () => {
    expect(parse(`  ${display}  `)).toEqual(parse(d));
    expect(parse(`${t.slice(0, 6)} ${t.slice(6)}`)).toEqual(parse(d));
  });
});

describe('reservnummer in the regional format', () => {
  const formats = Object.values(DEMO_RESERVNUMMER_FORMATS);

  it.each(formats.map((format) => [format.regionId, format] as const))(
    '%s: the example is a reservnummer, and a valid personnummer is still a personnummer',
    (_region, format) => {
      const reserv = parsePatientId(format.example, { today: TODAY, reservnummerFormat: format });
      expect(reserv.ok && reserv.value.kind).toBe('reservnummer');
      const pnr = generatePersonnummer({ birthDate: '1961-10-02', sex: 'male', rng: seededRng(8) });
      const asPnr = parsePatientId(pnr.display, { today: TODAY, reservnummerFormat: format });
      expect(asPnr.ok && asPnr.value.kind).toBe('personnummer');
    },
  );

  it('no demo reservnummer is a valid personnummer, so the two can never be confused', () => {
    for (const format of formats) expect(parse(format.example).ok).toBe(false);
  });

  it('birth date and sex are derived when the format carries them, and lower case is accepted', () => {
    const skane = DEMO_RESERVNUMMER_FORMATS.skane;
    const result = parsePatientId('19750615-m142', { today: TODAY, reservnummerFormat: skane });
    expect(result.ok && result.value).toEqual({
      kind: 'reservnummer',
      normalized: '19750615-M142',
      display: '19750615-M142',
      birthDate: '1975-06-15',
      ageYears: 50,
      sex: 'female',
    });
    const dalarna = parsePatientId('19840312-WM07', {
      today: TODAY,
      reservnummerFormat: DEMO_RESERVNUMMER_FORMATS.dalarna,
    });
    expect(dalarna.ok && [dalarna.value.sex, dalarna.value.birthDate]).toEqual(['male', '1984-03-12']);
    const gotland = parsePatientId('I004512', {
      today: TODAY,
      reservnummerFormat: DEMO_RESERVNUMMER_FORMATS.gotland,
    });
    expect(gotland.ok && [gotland.value.birthDate, gotland.value.ageYears, gotland.value.sex]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('an impossible date inside a reservnummer is rejected', () => {
    const result = parsePatientId('19750230-M142', {
      today: TODAY,
      reservnummerFormat: DEMO_RESERVNUMMER_FORMATS.skane,
    });
    expect(errorCode(result)).toBe('impossible-date');
  });

  it('letters that fit no format give unknown-format naming the expected one; without a format, non-digits', () => {
    const uppsala = DEMO_RESERVNUMMER_FORMATS.uppsala;
    const unknown = parsePatientId('X1234567', { today: TODAY, reservnummerFormat: uppsala });
    expect(errorCode(unknown)).toBe('unknown-format');
    expect(!unknown.ok && unknown.error.sv).toContain('C1234567');
    expect(errorCode(parse('C1234567'))).toBe('non-digits');
  });

  it('digits that are neither a valid personnummer nor the regional format keep the personnummer error', () => {
    const kalmar = DEMO_RESERVNUMMER_FORMATS.kalmar;
    const wrong = withWrongCheckDigit(
      generatePersonnummer({ birthDate: '1970-01-01', sex: 'male' }).normalized,
    );
    expect(errorCode(parsePatientId(wrong, { today: TODAY, reservnummerFormat: kalmar }))).toBe(
      'wrong-check-digit',
    );
    expect(errorCode(parsePatientId('990000123456', { today: TODAY, reservnummerFormat: kalmar }))).toBe(
      'ok',
    );
  });

  it('a format whose pattern is broken or whose example does not fit is refused', () => {
    const base = DEMO_RESERVNUMMER_FORMATS.gotland;
    expect(ReservnummerFormatSchema.safeParse({ ...base, pattern: 'I\\d{6' }).success).toBe(false);
    expect(ReservnummerFormatSchema.safeParse({ ...base, example: 'I12' }).success).toBe(false);
    expect(ReservnummerFormatSchema.safeParse({ ...base, regionId: 'Gotland' }).success).toBe(false);
  });
});

describe('stored identity and third-party callers', () => {
  it('a parsed number becomes a valid stored identity', () => {
    const result = parse(
      generatePersonnummer({ birthDate: '1950-12-24', sex: 'female', samordning: true }).display,
    );
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(PatientIdentitySchema.parse(toPatientIdentity(result.value)).kind).toBe('samordningsnummer');
  });

  it('an unidentified patient is stored with a description and no number; a numbered kind needs its number', () => {
    expect(
      PatientIdentitySchema.safeParse({ kind: 'unidentified', unidentifiedDescription: 'man ca 40 år' })
        .success,
    ).toBe(true);
    expect(
      PatientIdentitySchema.safeParse({ kind: 'unidentified', normalized: '198503149821' }).success,
    ).toBe(false);
    expect(PatientIdentitySchema.safeParse({ kind: 'personnummer' }).success).toBe(false);
  });

  it('a third-party caller needs a name and a known relation', () => {
    expect(
      ThirdPartyCallerSchema.safeParse({ name: 'Anna', relation: 'foralder', phone: '070-123 45 67' })
        .success,
    ).toBe(true);
    expect(ThirdPartyCallerSchema.safeParse({ name: ' ', relation: 'foralder' }).success).toBe(false);
    expect(ThirdPartyCallerSchema.safeParse({ name: 'Anna', relation: 'granne' }).success).toBe(false);
    expect(
      ThirdPartyCallerSchema.safeParse({ name: 'Anna', relation: 'barn', phone: 'ring mig' }).success,
    ).toBe(false);
  });
});

describe('Luhn check digit', () => {
  it('matches the worked example in the 10-digit form (811218-987 → 6)', () => {
    // Skatteverket's own illustration of the algorithm uses these nine digits.
    expect(luhnCheckDigit('811218987')).toBe(6);
  });
});
