// The regional service catalog: care units a nurse can refer to (hänvisa), as zod schemas and types.
//
// A unit is described the way the NHS Directory of Services describes a service: what it is (care type),
// what it can do (competences, age limits, listed patients only), when (opening hours in OpenStreetMap
// syntax) and how busy it is right now (capacity, set by the unit or a team lead, with an expiry).
import { z } from 'zod';
import { CARE_LEVELS, type CareLevel } from '../triage/dispositionLadder';
import { OpeningHoursError, parseOpeningHours } from './openingHours';

/** Care types in the catalog: every care level of the disposition ladder except self-care (egenvård). */
export type CareType = Exclude<CareLevel, 'egenvard'>;
export const CARE_TYPES = CARE_LEVELS.filter(
  (level): level is CareType => level !== 'egenvard',
) as unknown as readonly [CareType, ...CareType[]];
export const careTypeSchema = z.enum(CARE_TYPES, {
  error: (issue) =>
    `unknown care type ${JSON.stringify(issue.input)}; expected one of ${CARE_TYPES.join(', ')}`,
});

export const CARE_TYPE_LABELS: Readonly<Record<CareType, { sv: string; en: string }>> = {
  ambulans: { sv: 'Ambulans (112)', en: 'Ambulance (112)' },
  akutmottagning: { sv: 'Akutmottagning', en: 'Emergency department' },
  barnakut: { sv: 'Barnakut', en: "Children's emergency department" },
  narakut: { sv: 'Närakut', en: 'Urgent care centre' },
  jourcentral: { sv: 'Jourcentral', en: 'Out-of-hours primary care' },
  vardcentral: { sv: 'Vårdcentral', en: 'Primary care centre' },
  'psykiatrisk-akutmottagning': { sv: 'Psykiatrisk akutmottagning', en: 'Psychiatric emergency department' },
  tandvardsjour: { sv: 'Tandvårdsjour', en: 'Emergency dental care' },
  'digital-vardcentral': { sv: 'Digital vårdcentral', en: 'Digital primary care' },
};

/**
 * Care types that come to the patient or meet them online: distance does not limit them, but they serve
 * only their own region.
 */
export const REMOTE_CARE_TYPES: ReadonlySet<CareType> = new Set<CareType>([
  'ambulans',
  'digital-vardcentral',
]);

export const REGION_IDS = [
  'dalarna',
  'gotland',
  'jonkoping',
  'kalmar',
  'kronoberg',
  'skane',
  'uppsala',
  'vasternorrland',
  'orebro',
  'ostergotland',
] as const;
export type RegionId = (typeof REGION_IDS)[number];
export const regionIdSchema = z.enum(REGION_IDS, {
  error: (issue) => `unknown region ${JSON.stringify(issue.input)}; expected one of ${REGION_IDS.join(', ')}`,
});

export const REGION_NAMES: Readonly<Record<RegionId, string>> = {
  dalarna: 'Region Dalarna',
  gotland: 'Region Gotland',
  jonkoping: 'Region Jönköpings län',
  kalmar: 'Region Kalmar län',
  kronoberg: 'Region Kronoberg',
  skane: 'Region Skåne',
  uppsala: 'Region Uppsala',
  vasternorrland: 'Region Västernorrland',
  orebro: 'Region Örebro län',
  ostergotland: 'Region Östergötland',
};

export const COMPETENCES = [
  'children',
  'xray',
  'lab',
  'ecg',
  'ultrasound',
  'gynaecology',
  'minor-injuries',
  'plaster',
  'psychiatry',
  'dental',
  'eye',
  'ent',
] as const;
export type Competence = (typeof COMPETENCES)[number];
export const competenceSchema = z.enum(COMPETENCES, {
  error: (issue) =>
    `unknown competence ${JSON.stringify(issue.input)}; expected one of ${COMPETENCES.join(', ')}`,
});

export const COMPETENCE_LABELS: Readonly<Record<Competence, { sv: string; en: string }>> = {
  children: { sv: 'barn', en: 'children' },
  xray: { sv: 'röntgen', en: 'X-ray' },
  lab: { sv: 'laboratorium', en: 'laboratory' },
  ecg: { sv: 'EKG', en: 'ECG' },
  ultrasound: { sv: 'ultraljud', en: 'ultrasound' },
  gynaecology: { sv: 'gynekologi', en: 'gynaecology' },
  'minor-injuries': { sv: 'mindre skador', en: 'minor injuries' },
  plaster: { sv: 'gips', en: 'plaster casts' },
  psychiatry: { sv: 'psykiatri', en: 'psychiatry' },
  dental: { sv: 'tandvård', en: 'dental care' },
  eye: { sv: 'ögon', en: 'eyes' },
  ent: { sv: 'öron-näsa-hals', en: 'ear, nose and throat' },
};

/**
 * HSA-id: "SE", the organisation's 10-digit number, a dash and up to 31 letters or digits
 * (e.g. SE2321000016-D1A2). The demo catalog uses fictitious ids under SE2321000016-D.
 */
export const hsaIdSchema = z
  .string()
  .regex(/^SE\d{10}-[A-Za-z0-9]{1,31}$/, 'not an HSA-id; expected e.g. "SE2321000016-D1A2"');

export const geoPointSchema = z
  .object({
    lat: z
      .number()
      .min(-90, 'latitude must be between -90 and 90')
      .max(90, 'latitude must be between -90 and 90'),
    lon: z
      .number()
      .min(-180, 'longitude must be between -180 and 180')
      .max(180, 'longitude must be between -180 and 180'),
  })
  .strict();
export type GeoPoint = z.output<typeof geoPointSchema>;

export const openingHoursSchema = z.string().superRefine((value, ctx) => {
  try {
    parseOpeningHours(value);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: error instanceof OpeningHoursError ? error.en : String(error),
    });
  }
});

export const CAPACITY_STATUSES = ['green', 'amber', 'red'] as const;
export type CapacityStatus = (typeof CAPACITY_STATUSES)[number];

/**
 * How busy the unit says it is. Red means "do not send patients here now". A status with an expiry in
 * the past is unknown and counts as green: a forgotten red must not hide a unit for days.
 */
export const capacitySchema = z
  .object({
    status: z.enum(CAPACITY_STATUSES, { error: 'capacity status must be green, amber or red' }),
    expiresAt: z.iso
      .datetime({ offset: true, error: 'expiresAt must be an ISO date-time, e.g. 2026-06-19T18:00:00+02:00' })
      .nullable(),
    /** HSA-id of whoever set it (the unit itself or a team lead). */
    setBy: z.string().min(1, 'setBy must name who set the capacity'),
  })
  .strict();
export type Capacity = z.output<typeof capacitySchema>;

export const ageLimitsSchema = z
  .object({
    min: z.number().int().min(0).max(130).optional(),
    max: z.number().int().min(0).max(130).optional(),
  })
  .strict()
  .refine((age) => age.min === undefined || age.max === undefined || age.min <= age.max, {
    message: 'ageYears.min must not be greater than ageYears.max',
  });

export const ACCESS_MODES = ['drop-in', 'booked', 'both'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

export const careUnitSchema = z
  .object({
    hsaId: hsaIdSchema,
    name: z.string().trim().min(1, 'name must not be empty'),
    careType: careTypeSchema,
    regionId: regionIdSchema,
    address: z
      .object({
        street: z.string().trim().min(1, 'street must not be empty'),
        postcode: z.string().regex(/^\d{3} ?\d{2}$/, 'postcode must be five digits, e.g. "791 82"'),
        locality: z.string().trim().min(1, 'locality must not be empty'),
      })
      .strict(),
    location: geoPointSchema,
    /** Number to give the patient; "112" for ambulance units. */
    phone: z
      .string()
      .regex(
        /^(112|\+?[0-9][0-9 -]{4,})$/,
        'phone must be digits, spaces or dashes, e.g. "023-49 00 00", or "112"',
      ),
    /** OpenStreetMap opening_hours syntax, evaluated in Swedish time with Swedish holidays. */
    openingHours: openingHoursSchema,
    competences: z.array(competenceSchema).default([]),
    /** Inclusive age limits in whole years; empty means all ages. */
    ageYears: ageLimitsSchema.default({}),
    /** Only patients listed at this unit (its own vårdcentral patients) may be referred here. */
    listedPatientsOnly: z.boolean().default(false),
    access: z.enum(ACCESS_MODES, { error: 'access must be drop-in, booked or both' }),
    capacity: capacitySchema.nullable().default(null),
    /** Demo content: not a real unit, not clinically validated. */
    demo: z.boolean(),
  })
  .strict();

/** A care unit as validated (defaults filled in). */
export type CareUnit = z.output<typeof careUnitSchema>;
/** A care unit as written in a file or sent over the wire (optional fields may be left out). */
export type CareUnitInput = z.input<typeof careUnitSchema>;

/** One region's catalog file. */
export const regionCatalogSchema = z
  .object({
    regionId: regionIdSchema,
    version: z.number().int().positive('version must be a positive whole number'),
    demo: z.boolean().default(false),
    units: z.array(careUnitSchema),
  })
  .strict()
  .superRefine((catalog, ctx) => {
    const seen = new Map<string, number>();
    catalog.units.forEach((unit, index) => {
      if (unit.regionId !== catalog.regionId) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', index, 'regionId'],
          message: `unit belongs to ${unit.regionId} but the catalog is for ${catalog.regionId}`,
        });
      }
      const earlier = seen.get(unit.hsaId);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', index, 'hsaId'],
          message: `HSA-id ${unit.hsaId} is already used by units[${earlier}]`,
        });
      } else seen.set(unit.hsaId, index);
    });
  });
export type RegionCatalog = z.output<typeof regionCatalogSchema>;

export type CapacityState = CapacityStatus | 'unknown';

/** The capacity that applies at `now`: an expired or missing status is unknown (treated as green). */
export function effectiveCapacity(capacity: Capacity | null, now: Date): CapacityState {
  if (!capacity) return 'unknown';
  if (capacity.expiresAt !== null && Date.parse(capacity.expiresAt) <= now.getTime()) return 'unknown';
  return capacity.status;
}
