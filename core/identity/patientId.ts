// Patient identity: parsing Swedish identity numbers and the stored shapes for callers and third parties.
//
// Personnummer: YYMMDD-NNNC or YYYYMMDDNNNC; C is a Luhn check digit over the 10-digit form and the
// second-to-last digit gives legal sex (even female, odd male). In the 10-digit form the separator
// carries the century: `-` (or none) means under 100 years, `+` means 100 or older.
// Samordningsnummer (coordination number, for people not registered in Sweden): day + 60.
// Reservnummer (reserve number): a region's own temporary number; its format is regional config.

import { z } from 'zod';

/** Kinds of identity a caller can have; `unidentified` means care goes ahead without a number. */
export const PATIENT_IDENTITY_KINDS = [
  'personnummer',
  'samordningsnummer',
  'reservnummer',
  'unidentified',
] as const;
export type PatientIdentityKind = (typeof PATIENT_IDENTITY_KINDS)[number];
export type PatientIdKind = Exclude<PatientIdentityKind, 'unidentified'>;

export const SexSchema = z.enum(['female', 'male']);
export type Sex = z.infer<typeof SexSchema>;

const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum ska skrivas ÅÅÅÅ-MM-DD');

/**
 * The identity stored with a contact. Care is never refused an unidentified caller, so
 * `unidentified` carries a free-text description ("man ca 40 år") instead of a number.
 */
export const PatientIdentitySchema = z
  .object({
    kind: z.enum(PATIENT_IDENTITY_KINDS),
    /** 12 digits for personnummer/samordningsnummer; the regional form for reservnummer. */
    normalized: z.string().min(1).optional(),
    /** "YYYYMMDD-NNNN" for personnummer/samordningsnummer. */
    display: z.string().min(1).optional(),
    birthDate: IsoDateSchema.nullable().optional(),
    sex: SexSchema.nullable().optional(),
    unidentifiedDescription: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((identity, ctx) => {
    if (identity.kind === 'unidentified') {
      if (identity.normalized !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['normalized'],
          message: 'En oidentifierad patient har inget nummer',
        });
      }
    } else if (identity.normalized === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['normalized'],
        message: `Ett ${identity.kind} måste ha ett nummer`,
      });
    }
  });
export type PatientIdentity = z.infer<typeof PatientIdentitySchema>;

/** How a third-party caller (someone calling for the patient) is related to them. */
export const THIRD_PARTY_RELATIONS = [
  'foralder',
  'partner',
  'barn',
  'anhorig',
  'vardpersonal',
  'annan',
] as const;
export type ThirdPartyRelation = (typeof THIRD_PARTY_RELATIONS)[number];

export const THIRD_PARTY_RELATION_LABELS: Readonly<Record<ThirdPartyRelation, { sv: string; en: string }>> = {
  foralder: { sv: 'Förälder', en: 'Parent' },
  partner: { sv: 'Make/maka/partner', en: 'Spouse/partner' },
  barn: { sv: 'Barn', en: 'Child' },
  anhorig: { sv: 'Anhörig', en: 'Relative' },
  vardpersonal: { sv: 'Vårdpersonal', en: 'Healthcare staff' },
  annan: { sv: 'Annan', en: 'Other' },
};

/** Someone calling on the patient's behalf; the phone number is for calling back. */
export const ThirdPartyCallerSchema = z.object({
  name: z.string().trim().min(1, 'Ange namnet på den som ringer').max(200),
  relation: z.enum(THIRD_PARTY_RELATIONS),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{5,20}$/, 'Telefonnumret får bara innehålla siffror, mellanslag, bindestreck och +')
    .optional(),
});
export type ThirdPartyCaller = z.infer<typeof ThirdPartyCallerSchema>;

// ---------------------------------------------------------------------------------------------
// Reservnummer formats (regional configuration)

/** Named groups a reservnummer pattern may capture so birth date and sex can be read from it. */
export const RESERVNUMMER_PATTERN_GROUPS = ['year', 'month', 'day', 'sex'] as const;

function compileReservnummerPattern(pattern: string): RegExp {
  // Anchored so a pattern always describes the whole number, never a part of it.
  return new RegExp(`^(?:${pattern})$`);
}

/**
 * A region's reservnummer format. `pattern` is a regular expression source matched against the
 * whole trimmed, upper-cased input. Optional named groups `year` (4 digits), `month`, `day` and
 * `sex` (a digit: even female, odd male; or K/M) let age and sex be derived.
 */
export const ReservnummerFormatSchema = z
  .object({
    regionId: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'Region-id ska vara små bokstäver a–z, siffror och bindestreck'),
    pattern: z.string().min(1),
    example: z.string().min(1),
    description: z.object({ sv: z.string().min(1), en: z.string().min(1) }),
  })
  .superRefine((format, ctx) => {
    let regex: RegExp;
    try {
      regex = compileReservnummerPattern(format.pattern);
    } catch {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: 'Mönstret är inte ett giltigt reguljärt uttryck',
      });
      return;
    }
    if (!regex.test(format.example.trim().toUpperCase())) {
      ctx.addIssue({ code: 'custom', path: ['example'], message: 'Exemplet följer inte mönstret' });
    }
  });
export type ReservnummerFormat = z.infer<typeof ReservnummerFormatSchema>;

// ---------------------------------------------------------------------------------------------
// Parsing

export const PATIENT_ID_ERROR_CODES = [
  'empty',
  'non-digits',
  'wrong-length',
  'misplaced-separator',
  'impossible-date',
  'day-out-of-range',
  'samordning-day-out-of-range',
  'wrong-check-digit',
  'future-birth-date',
  'plus-under-100',
  'unknown-format',
] as const;
export type PatientIdErrorCode = (typeof PATIENT_ID_ERROR_CODES)[number];

export interface PatientIdError {
  code: PatientIdErrorCode;
  sv: string;
  en: string;
}

export interface ParsedPatientId {
  kind: PatientIdKind;
  /** 12 digits for personnummer/samordningsnummer (samordningsnummer keep day + 60). */
  normalized: string;
  /** "YYYYMMDD-NNNN"; for reservnummer the normalized number. */
  display: string;
  /** Real birth date 'YYYY-MM-DD' (for samordningsnummer, day − 60); null when unknown. */
  birthDate: string | null;
  ageYears: number | null;
  sex: Sex | null;
}

export type PatientIdResult = { ok: true; value: ParsedPatientId } | { ok: false; error: PatientIdError };

export interface ParsePatientIdOptions {
  /** Today's date on the workstation; century and age are read from its local calendar date. */
  today: Date;
  /** The region's reservnummer format; without it only personnummer/samordningsnummer are accepted. */
  reservnummerFormat?: ReservnummerFormat;
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDate(date: CalendarDate): boolean {
  return (
    date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= daysInMonth(date.year, date.month)
  );
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function isoDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

function localCalendarDate(date: Date): CalendarDate {
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

/** Whole years from birth to today; a 29 February birthday counts from 1 March in other years. */
export function ageInYears(birth: { year: number; month: number; day: number }, today: Date): number {
  const now = localCalendarDate(today);
  const hadBirthday = now.month > birth.month || (now.month === birth.month && now.day >= birth.day);
  return now.year - birth.year - (hadBirthday ? 0 : 1);
}

/** The Luhn check digit for the first nine digits of the 10-digit form. */
export function luhnCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) throw new Error('Luhn-kontrollen behöver exakt nio siffror');
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function fail(code: PatientIdErrorCode, sv: string, en: string): { ok: false; error: PatientIdError } {
  return { ok: false, error: { code, sv, en } };
}

const SEPARATORS = ['-', '+', ' '];

/**
 * Parses a personnummer, samordningsnummer or (with a regional format) reservnummer as a nurse
 * types it. Errors say precisely what is wrong, in Swedish and English.
 */
export function parsePatientId(input: string, options: ParsePatientIdOptions): PatientIdResult {
  const text = input.trim();
  if (text === '') {
    return fail('empty', 'Inget nummer angivet', 'No number entered');
  }
  const asNumber = parseSwedishNumber(text, options.today);
  if (asNumber.ok) return asNumber;

  const format = options.reservnummerFormat;
  if (format !== undefined) {
    const reserv = parseReservnummer(text, format, options.today);
    if (reserv !== null) return reserv;
    if (asNumber.error.code === 'non-digits') {
      // Letters are normal in a reservnummer, so say which format was expected instead.
      return fail(
        'unknown-format',
        `Numret är varken ett personnummer, ett samordningsnummer eller ett reservnummer (${format.description.sv}, t.ex. ${format.example})`,
        `The number is neither a personnummer, a samordningsnummer nor a reservnummer (${format.description.en}, e.g. ${format.example})`,
      );
    }
  }
  return asNumber;
}

function parseSwedishNumber(text: string, today: Date): PatientIdResult {
  const stray = [...text].find((ch) => !/\d/.test(ch) && !SEPARATORS.includes(ch));
  if (stray !== undefined) {
    return fail(
      'non-digits',
      `Numret får bara innehålla siffror och bindestreck eller plustecken – "${stray}" är inte tillåtet`,
      `The number may only contain digits and a hyphen or plus sign – "${stray}" is not allowed`,
    );
  }
  const digits = text.replace(/\D/g, '');
  if (digits.length !== 10 && digits.length !== 12) {
    return fail(
      'wrong-length',
      `Numret har ${digits.length} siffror – ett personnummer har 10 eller 12 siffror`,
      `The number has ${digits.length} digits – a personnummer has 10 or 12 digits`,
    );
  }
  const separators = [...text].flatMap((ch, index) => (SEPARATORS.includes(ch) ? [{ ch, index }] : []));
  const expectedIndex = digits.length === 10 ? 6 : 8;
  const separator = separators[0];
  if (separators.length > 1 || (separator !== undefined && separator.index !== expectedIndex)) {
    return fail(
      'misplaced-separator',
      digits.length === 10
        ? 'Skiljetecknet ska stå efter födelsedatumet: ÅÅMMDD-NNNN'
        : 'Skiljetecknet ska stå efter födelsedatumet: ÅÅÅÅMMDD-NNNN',
      digits.length === 10
        ? 'The separator belongs after the birth date: YYMMDD-NNNN'
        : 'The separator belongs after the birth date: YYYYMMDD-NNNN',
    );
  }
  const plus = separator?.ch === '+';
  const short = digits.length === 10 ? digits : digits.slice(2);
  const month = Number(short.slice(2, 4));
  const rawDay = Number(short.slice(4, 6));
  const samordning = rawDay > 60;
  const day = samordning ? rawDay - 60 : rawDay;

  const todayDate = localCalendarDate(today);
  let year: number;
  if (digits.length === 12) {
    year = Number(digits.slice(0, 4));
  } else {
    // The latest date with these YYMMDD that is not after today is the under-100 reading; `+` is a century earlier.
    const yy = Number(short.slice(0, 2));
    year = Math.floor(todayDate.year / 100) * 100 + yy;
    if (compareDates({ year, month, day }, todayDate) > 0) year -= 100;
    if (plus) year -= 100;
  }

  if (rawDay > 91) {
    return fail(
      'samordning-day-out-of-range',
      `Dagen ${pad(rawDay, 2)} är för hög – ett samordningsnummer har dag 61–91 (födelsedag + 60)`,
      `Day ${pad(rawDay, 2)} is too high – a samordningsnummer has day 61–91 (birth day + 60)`,
    );
  }
  if (rawDay > 31 && rawDay <= 60) {
    return fail(
      'day-out-of-range',
      `Dagen ${pad(rawDay, 2)} finns inte – ett personnummer har dag 01–31 och ett samordningsnummer dag 61–91`,
      `Day ${pad(rawDay, 2)} does not exist – a personnummer has day 01–31 and a samordningsnummer day 61–91`,
    );
  }
  const birth = { year, month, day };
  if (!isRealDate(birth)) {
    const shown = isoDate(birth);
    return fail(
      'impossible-date',
      samordning
        ? `Datumet ${shown} finns inte (samordningsnummer: dag ${pad(rawDay, 2)} − 60)`
        : `Datumet ${shown} finns inte`,
      samordning
        ? `The date ${shown} does not exist (samordningsnummer: day ${pad(rawDay, 2)} − 60)`
        : `The date ${shown} does not exist`,
    );
  }
  if (luhnCheckDigit(short.slice(0, 9)) !== Number(short[9])) {
    return fail(
      'wrong-check-digit',
      'Kontrollsiffran stämmer inte – kontrollera numret',
      'The check digit does not match – check the number',
    );
  }
  if (compareDates(birth, todayDate) > 0) {
    return fail(
      'future-birth-date',
      `Födelsedatumet ${isoDate(birth)} ligger i framtiden`,
      `The birth date ${isoDate(birth)} is in the future`,
    );
  }
  const ageYears = ageInYears(birth, today);
  if (plus && ageYears < 100) {
    return fail(
      'plus-under-100',
      `Plustecken används bara för den som fyllt 100 år – födelsedatumet ${isoDate(birth)} ger ${ageYears} år`,
      `A plus sign is only used for people aged 100 or more – the birth date ${isoDate(birth)} gives ${ageYears} years`,
    );
  }
  const normalized = pad(year, 4) + short.slice(2);
  return {
    ok: true,
    value: {
      kind: samordning ? 'samordningsnummer' : 'personnummer',
      normalized,
      display: `${normalized.slice(0, 8)}-${normalized.slice(8)}`,
      birthDate: isoDate(birth),
      ageYears,
      sex: Number(short[8]) % 2 === 0 ? 'female' : 'male',
    },
  };
}

function parseReservnummer(text: string, format: ReservnummerFormat, today: Date): PatientIdResult | null {
  const normalized = text.toUpperCase();
  const match = compileReservnummerPattern(format.pattern).exec(normalized);
  if (match === null) return null;
  const groups = match.groups ?? {};
  let birthDate: string | null = null;
  let ageYears: number | null = null;
  const birth = { year: Number(groups.year), month: Number(groups.month), day: Number(groups.day) };
  if (groups.year !== undefined && groups.month !== undefined && groups.day !== undefined) {
    if (!isRealDate(birth)) {
      return fail(
        'impossible-date',
        `Datumet ${isoDate(birth)} i reservnumret finns inte`,
        `The date ${isoDate(birth)} in the reservnummer does not exist`,
      );
    }
    if (compareDates(birth, localCalendarDate(today)) > 0) {
      return fail(
        'future-birth-date',
        `Födelsedatumet ${isoDate(birth)} ligger i framtiden`,
        `The birth date ${isoDate(birth)} is in the future`,
      );
    }
    birthDate = isoDate(birth);
    ageYears = ageInYears(birth, today);
  }
  return {
    ok: true,
    value: {
      kind: 'reservnummer',
      normalized,
      display: normalized,
      birthDate,
      ageYears,
      sex: sexFromReservnummerGroup(groups.sex),
    },
  };
}

function sexFromReservnummerGroup(group: string | undefined): Sex | null {
  if (group === undefined) return null;
  if (group === 'K') return 'female'; // kvinna
  if (group === 'M') return 'male'; // man
  return /^\d$/.test(group) ? (Number(group) % 2 === 0 ? 'female' : 'male') : null;
}

/** The 10-digit form with the separator the date calls for today: `-` under 100 years, `+` from 100. */
export function formatTenDigitForm(normalized: string, today: Date): string {
  if (!/^\d{12}$/.test(normalized)) throw new Error('Den normaliserade formen ska vara 12 siffror');
  const rawDay = Number(normalized.slice(6, 8));
  const birth = {
    year: Number(normalized.slice(0, 4)),
    month: Number(normalized.slice(4, 6)),
    day: rawDay > 60 ? rawDay - 60 : rawDay, // samordningsnummer carry day + 60
  };
  const separator = ageInYears(birth, today) >= 100 ? '+' : '-';
  return `${normalized.slice(2, 8)}${separator}${normalized.slice(8)}`;
}

/** The identity to store for a parsed number. */
export function toPatientIdentity(value: ParsedPatientId): PatientIdentity {
  return {
    kind: value.kind,
    normalized: value.normalized,
    display: value.display,
    birthDate: value.birthDate,
    sex: value.sex,
  };
}
