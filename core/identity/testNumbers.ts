// Synthetic identity numbers for tests, demo data and the call simulator (never real people's numbers).
//
// By default the birth number (the three digits after the date) is taken from 980–999, the range
// Skatteverket uses for its published test personnummer, so a generated number is very unlikely to
// belong to a real person. `series: 'any'` draws from 001–999 when a test needs the full range.

import { daysInMonth, luhnCheckDigit } from './patientId';
import type { Sex } from './patientId';

/** A source of numbers in [0, 1), like Math.random. */
export type Rng = () => number;

/** A small seedable generator (mulberry32) so demo data and simulator runs can be repeated. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export interface GeneratePersonnummerOptions {
  /** 'YYYY-MM-DD' */
  birthDate: string;
  sex: Sex;
  /** Make a samordningsnummer (day + 60) instead of a personnummer. */
  samordning?: boolean;
  rng?: Rng;
  /** 'test' (default): birth number 980–999; 'any': 001–999. */
  series?: 'test' | 'any';
}

export interface SyntheticPersonnummer {
  kind: 'personnummer' | 'samordningsnummer';
  /** 12 digits, as the parser normalizes it. */
  normalized: string;
  /** "YYYYMMDD-NNNN" */
  display: string;
  /** The 10-digit form without separator, "YYMMDDNNNC". */
  tenDigits: string;
  birthDate: string;
  sex: Sex;
}

function parseBirthDate(birthDate: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (match === null) throw new Error(`Födelsedatum ska skrivas ÅÅÅÅ-MM-DD, fick "${birthDate}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new Error(`Datumet ${birthDate} finns inte`);
  }
  return { year, month, day };
}

/** Appends the correct Luhn check digit to the first 11 digits of the 12-digit form. */
export function withCheckDigit(elevenDigits: string): string {
  if (!/^\d{11}$/.test(elevenDigits)) throw new Error('Behöver exakt elva siffror (ÅÅÅÅMMDDNNN)');
  return elevenDigits + String(luhnCheckDigit(elevenDigits.slice(2)));
}

/** A valid personnummer or samordningsnummer for the given birth date and sex. */
export function generatePersonnummer(options: GeneratePersonnummerOptions): SyntheticPersonnummer {
  const rng = options.rng ?? Math.random;
  const { year, month, day } = parseBirthDate(options.birthDate);
  const series = options.series ?? 'test';
  // Pick the first two birth-number digits, then a last digit of the right parity for sex.
  const prefix = series === 'test' ? randomInt(rng, 98, 99) : randomInt(rng, 0, 99);
  let sexDigit = randomInt(rng, 0, 4) * 2 + (options.sex === 'male' ? 1 : 0);
  if (prefix === 0 && sexDigit === 0) sexDigit = 2; // birth number 000 is never issued
  const birthNumber = String(prefix).padStart(2, '0') + String(sexDigit);
  const dayField = options.samordning === true ? day + 60 : day;
  const eleven =
    String(year).padStart(4, '0') +
    String(month).padStart(2, '0') +
    String(dayField).padStart(2, '0') +
    birthNumber;
  const normalized = withCheckDigit(eleven);
  return {
    kind: options.samordning === true ? 'samordningsnummer' : 'personnummer',
    normalized,
    display: `${normalized.slice(0, 8)}-${normalized.slice(8)}`,
    tenDigits: normalized.slice(2),
    birthDate: options.birthDate,
    sex: options.sex,
  };
}

export interface RandomPersonnummerOptions {
  today: Date;
  rng: Rng;
  minAgeYears?: number;
  maxAgeYears?: number;
  /** Share of samordningsnummer, 0–1 (default 0). */
  samordningShare?: number;
}

/** A random valid number for a caller aged minAge–maxAge (default 0–99), e.g. for the simulator. */
export function generateRandomPersonnummer(options: RandomPersonnummerOptions): SyntheticPersonnummer {
  const { rng, today } = options;
  const minAge = options.minAgeYears ?? 0;
  const maxAge = options.maxAgeYears ?? 99;
  if (minAge < 0 || maxAge < minAge) throw new Error('Åldersintervallet är ogiltigt');
  // A day between today − (maxAge + 1) years (exclusive) and today − minAge years, both in local dates.
  const sameDayYearsAgo = (years: number): number => {
    const year = today.getFullYear() - years;
    // 29 February in a year without one becomes the 28th, so the age bound still holds.
    const day = Math.min(today.getDate(), daysInMonth(year, today.getMonth() + 1));
    return Date.UTC(year, today.getMonth(), day);
  };
  const latest = sameDayYearsAgo(minAge);
  const earliest = sameDayYearsAgo(maxAge + 1) + 86_400_000;
  const days = Math.floor((latest - earliest) / 86_400_000);
  const birth = new Date(earliest + randomInt(rng, 0, days) * 86_400_000);
  const birthDate = birth.toISOString().slice(0, 10);
  return generatePersonnummer({
    birthDate,
    sex: rng() < 0.5 ? 'female' : 'male',
    samordning: rng() < (options.samordningShare ?? 0),
    rng,
  });
}

// Invalid variants, for tests of the error messages.

/** The same number with a check digit that does not match. */
export function withWrongCheckDigit(normalized: string, rng: Rng = Math.random): string {
  assertTwelveDigits(normalized);
  const correct = Number(normalized[11]);
  const wrong = (correct + randomInt(rng, 1, 9)) % 10;
  return normalized.slice(0, 11) + String(wrong);
}

/** The number with one digit replaced (index 0–11 in the 12-digit form). */
export function withDigitReplaced(normalized: string, index: number, digit: number): string {
  assertTwelveDigits(normalized);
  if (!Number.isInteger(index) || index < 0 || index > 11) throw new Error('Index ska vara 0–11');
  if (!Number.isInteger(digit) || digit < 0 || digit > 9) throw new Error('Siffran ska vara 0–9');
  return normalized.slice(0, index) + String(digit) + normalized.slice(index + 1);
}

/**
 * A 12-digit number with a correct check digit over a date field that is not a real date
 * (e.g. year 2023, month 2, day 30), so the date is the only thing wrong.
 */
export function withImpossibleDate(
  year: number,
  month: number,
  dayField: number,
  birthNumber = '982',
): string {
  if (!/^\d{3}$/.test(birthNumber)) throw new Error('Födelsenumret ska vara tre siffror');
  const eleven =
    String(year).padStart(4, '0') +
    String(month).padStart(2, '0') +
    String(dayField).padStart(2, '0') +
    birthNumber;
  return withCheckDigit(eleven);
}

function assertTwelveDigits(normalized: string): void {
  if (!/^\d{12}$/.test(normalized)) throw new Error('Numret ska vara 12 siffror (ÅÅÅÅMMDDNNNC)');
}
