// Age bands (spädbarn … äldre) defined once for protocols, search and the engine, and the one parser for an age as a nurse types it.
//
// Bounds are in years: `min` inclusive, `max` exclusive. 3 months is 0.25 years exactly, the way the
// workstation counts an infant's age in calendar months, so a baby is in `smabarn` on the day the
// calendar says "3 months".
import { foldText } from '../text/fold';

export const AGE_BANDS = {
  spadbarn: { min: 0, max: 0.25, label: { sv: 'Spädbarn (under 3 månader)', en: 'Infant (under 3 months)' } },
  smabarn: {
    min: 0.25,
    max: 2,
    label: { sv: 'Småbarn (3 månader–under 2 år)', en: 'Young child (3 months to under 2 years)' },
  },
  barn: { min: 2, max: 12, label: { sv: 'Barn (2–11 år)', en: 'Child (2–11 years)' } },
  ungdom: { min: 12, max: 18, label: { sv: 'Ungdom (12–17 år)', en: 'Adolescent (12–17 years)' } },
  vuxen: { min: 18, max: 65, label: { sv: 'Vuxen (18–64 år)', en: 'Adult (18–64 years)' } },
  aldre: {
    min: 65,
    max: Infinity,
    label: { sv: 'Äldre (65 år och äldre)', en: 'Older adult (65 and over)' },
  },
} as const satisfies Record<string, { min: number; max: number; label: { sv: string; en: string } }>;
export type AgeBand = keyof typeof AGE_BANDS;
export const AGE_BAND_IDS = Object.keys(AGE_BANDS) as [AgeBand, ...AgeBand[]];

/** The band an age in years falls in; null when the age is unknown or not a usable number. */
export function ageBandOf(ageYears: number | null | undefined): AgeBand | null {
  if (ageYears === null || ageYears === undefined || !Number.isFinite(ageYears) || ageYears < 0) return null;
  return (
    AGE_BAND_IDS.find((band) => ageYears >= AGE_BANDS[band].min && ageYears < AGE_BANDS[band].max) ?? null
  );
}

/** Whether an age is in one of the bands; an unknown age is in every band (the question is asked). */
export function isInAgeBands(
  bands: readonly AgeBand[] | undefined,
  ageYears: number | null | undefined,
): boolean {
  if (bands === undefined || ageYears === null || ageYears === undefined) return true;
  const band = ageBandOf(ageYears);
  return band !== null && bands.includes(band);
}

/** The oldest age a person can be given: past it an age is a typing mistake. */
export const MAX_AGE_YEARS = 130;

const DAYS_PER_YEAR = 365.25;
/** Units as nurses type them (å/ä/ö folded), Swedish first, in years. */
const UNIT_YEARS: Readonly<Record<string, number>> = {
  ar: 1,
  y: 1,
  yr: 1,
  year: 1,
  years: 1,
  man: 1 / 12,
  manad: 1 / 12,
  manader: 1 / 12,
  m: 1 / 12,
  mo: 1 / 12,
  month: 1 / 12,
  months: 1 / 12,
  v: 7 / DAYS_PER_YEAR,
  vecka: 7 / DAYS_PER_YEAR,
  veckor: 7 / DAYS_PER_YEAR,
  w: 7 / DAYS_PER_YEAR,
  week: 7 / DAYS_PER_YEAR,
  weeks: 7 / DAYS_PER_YEAR,
  d: 1 / DAYS_PER_YEAR,
  dag: 1 / DAYS_PER_YEAR,
  dagar: 1 / DAYS_PER_YEAR,
  day: 1 / DAYS_PER_YEAR,
  days: 1 / DAYS_PER_YEAR,
};

export type ParsedAge =
  | { ok: true; ageYears: number }
  | { ok: false; reason: 'empty' | 'format' | 'range'; message: { sv: string; en: string } };

/**
 * Reads an age: "45", "2,5", "2 år", "18 mån", "18 månader", "7 v", "7 veckor", "3 dagar", "7 weeks",
 * "18 months". Returns years (decimals). Only plain decimal digits are numbers: "0x10", "1e1", "-1",
 * an empty text, an unknown unit and anything above 130 years are refused with a Swedish and English reason.
 */
export function parseAge(text: string): ParsedAge {
  const trimmed = text.trim();
  if (trimmed === '') {
    return {
      ok: false,
      reason: 'empty',
      message: {
        sv: 'Ange en ålder, t.ex. 45, 18 mån eller 7 v.',
        en: 'Give an age, e.g. 45, 18 months or 7 weeks.',
      },
    };
  }
  const match = /^(\d+(?:[.,]\d+)?)\s*([a-z]*)\.?$/.exec(foldText(trimmed));
  const unit = match ? (match[2] === '' ? 1 : UNIT_YEARS[match[2] ?? '']) : undefined;
  if (!match || unit === undefined) {
    return {
      ok: false,
      reason: 'format',
      message: {
        sv: `'${trimmed}' är ingen ålder: skriv ett tal med år, mån, v eller dagar, t.ex. 45, 18 mån, 7 v.`,
        en: `'${trimmed}' is not an age: write a number with years, months, weeks or days, e.g. 45, 18 months, 7 weeks.`,
      },
    };
  }
  const ageYears = Number((match[1] ?? '').replace(',', '.')) * unit;
  if (!Number.isFinite(ageYears) || ageYears > MAX_AGE_YEARS) {
    return {
      ok: false,
      reason: 'range',
      message: {
        sv: `Åldern får vara högst ${MAX_AGE_YEARS} år, inte '${trimmed}'.`,
        en: `The age is at most ${MAX_AGE_YEARS} years, not '${trimmed}'.`,
      },
    };
  }
  return { ok: true, ageYears };
}

/**
 * Reads a duration as a nurse types it ("3 dagar", "36 h", "2 veckor", "30", meaning hours) in hours.
 * Returns null for anything else; the caller says what was wrong.
 */
export function parseDurationHours(text: string): number | null {
  const match = /^(\d+(?:[.,]\d+)?)\s*([a-z]*)\.?$/.exec(foldText(text.trim()));
  if (!match) return null;
  const hoursPer: Readonly<Record<string, number>> = {
    '': 1,
    h: 1,
    tim: 1,
    timme: 1,
    timmar: 1,
    hour: 1,
    hours: 1,
    d: 24,
    dag: 24,
    dagar: 24,
    dygn: 24,
    day: 24,
    days: 24,
    v: 168,
    vecka: 168,
    veckor: 168,
    week: 168,
    weeks: 168,
    man: 730.5,
    manad: 730.5,
    manader: 730.5,
    month: 730.5,
    months: 730.5,
  };
  const factor = hoursPer[match[2] ?? ''];
  if (factor === undefined) return null;
  const hours = Number((match[1] ?? '').replace(',', '.')) * factor;
  return Number.isFinite(hours) ? hours : null;
}
