// Demo reservnummer formats for the ten demo regions (demo content: invented, not the regions' real formats).
//
// Each format is built so it can never be mistaken for a valid personnummer: it contains a letter
// (most use the region's county letter) or, for Kalmar, starts with 99, which as a 12-digit
// personnummer would be a birth year far in the future.

import { ReservnummerFormatSchema } from './patientId';
import type { ReservnummerFormat } from './patientId';

export const DEMO_REGION_IDS = [
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
export type DemoRegionId = (typeof DEMO_REGION_IDS)[number];

const BIRTH_DATE = '(?<year>\\d{4})(?<month>\\d{2})(?<day>\\d{2})';

const formats: Record<DemoRegionId, ReservnummerFormat> = {
  dalarna: {
    regionId: 'dalarna',
    pattern: `${BIRTH_DATE}-?W(?<sex>[KM])\\d{2}`,
    example: '19840312-WK07',
    description: {
      sv: 'Demoformat Region Dalarna: födelsedatum, W, kön (K/M) och två siffror',
      en: 'Demo format Region Dalarna: birth date, W, sex (K/M) and two digits',
    },
  },
  gotland: {
    regionId: 'gotland',
    pattern: 'I\\d{6}',
    example: 'I004512',
    description: {
      sv: 'Demoformat Region Gotland: I och sex siffror',
      en: 'Demo format Region Gotland: I and six digits',
    },
  },
  jonkoping: {
    regionId: 'jonkoping',
    pattern: 'F\\d{2}-\\d{5}',
    example: 'F25-00318',
    description: {
      sv: 'Demoformat Region Jönköpings län: F, årtal (två siffror), bindestreck och fem siffror',
      en: 'Demo format Region Jönköping County: F, year (two digits), hyphen and five digits',
    },
  },
  kalmar: {
    regionId: 'kalmar',
    pattern: '99\\d{10}',
    example: '990000123456',
    description: {
      sv: 'Demoformat Region Kalmar län: tolv siffror som börjar med 99',
      en: 'Demo format Region Kalmar County: twelve digits starting with 99',
    },
  },
  kronoberg: {
    regionId: 'kronoberg',
    pattern: `G${BIRTH_DATE}\\d{2}`,
    example: 'G1956112004',
    description: {
      sv: 'Demoformat Region Kronoberg: G, födelsedatum och två siffror',
      en: 'Demo format Region Kronoberg: G, birth date and two digits',
    },
  },
  skane: {
    regionId: 'skane',
    pattern: `${BIRTH_DATE}-?M\\d(?<sex>\\d)\\d`,
    example: '19750615-M142',
    description: {
      sv: 'Demoformat Region Skåne: födelsedatum, M och tre siffror där den mellersta anger kön',
      en: 'Demo format Region Skåne: birth date, M and three digits, the middle one giving sex',
    },
  },
  uppsala: {
    regionId: 'uppsala',
    pattern: 'C\\d{7}',
    example: 'C1234567',
    description: {
      sv: 'Demoformat Region Uppsala: C och sju siffror',
      en: 'Demo format Region Uppsala: C and seven digits',
    },
  },
  vasternorrland: {
    regionId: 'vasternorrland',
    pattern: 'Y-\\d{6}',
    example: 'Y-000815',
    description: {
      sv: 'Demoformat Region Västernorrland: Y, bindestreck och sex siffror',
      en: 'Demo format Region Västernorrland: Y, hyphen and six digits',
    },
  },
  orebro: {
    regionId: 'orebro',
    pattern: 'T\\d{2}-\\d{6}',
    example: 'T25-004711',
    description: {
      sv: 'Demoformat Region Örebro län: T, årtal (två siffror), bindestreck och sex siffror',
      en: 'Demo format Region Örebro County: T, year (two digits), hyphen and six digits',
    },
  },
  ostergotland: {
    regionId: 'ostergotland',
    pattern: `${BIRTH_DATE}-?E\\d{3}`,
    example: '19881224-E001',
    description: {
      sv: 'Demoformat Region Östergötland: födelsedatum, E och tre siffror',
      en: 'Demo format Region Östergötland: birth date, E and three digits',
    },
  },
};

/** Validated at load, so a broken demo pattern fails at start-up rather than at a patient's number. */
export const DEMO_RESERVNUMMER_FORMATS: Readonly<Record<DemoRegionId, ReservnummerFormat>> =
  Object.fromEntries(
    DEMO_REGION_IDS.map((id) => [id, ReservnummerFormatSchema.parse(formats[id])]),
  ) as Record<DemoRegionId, ReservnummerFormat>;

export function demoReservnummerFormat(regionId: string): ReservnummerFormat | undefined {
  return (DEMO_RESERVNUMMER_FORMATS as Partial<Record<string, ReservnummerFormat>>)[regionId];
}
