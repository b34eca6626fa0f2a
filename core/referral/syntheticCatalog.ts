// Seeded generator of large synthetic catalogs (thousands of units) for benchmarks and property tests.
//
// Units are scattered around real towns of the ten demo regions with opening hours drawn from realistic
// patterns (with variations, so a catalog holds a few hundred distinct opening-hours strings, as a real
// national catalog would). Same seed, same catalog. Every unit is marked demo and named "Syntetisk …".
import {
  CARE_TYPE_LABELS,
  REGION_IDS,
  type CareType,
  type CareUnit,
  type Competence,
  type RegionId,
} from './catalog';
import { seededRng } from '../identity/testNumbers';

/** Seeded numbers in [0, 1), the same generator as the demo data's. */
export const createRandom = seededRng;

/** Towns the synthetic units cluster around: [name, postcode prefix, lat, lon]. */
export const SYNTHETIC_ANCHORS: Readonly<
  Record<RegionId, readonly (readonly [string, string, number, number])[]>
> = {
  dalarna: [
    ['Falun', '791', 60.6065, 15.6355],
    ['Borlänge', '784', 60.4858, 15.4371],
    ['Mora', '792', 61.007, 14.543],
    ['Ludvika', '771', 60.1496, 15.1878],
  ],
  gotland: [
    ['Visby', '621', 57.6348, 18.2948],
    ['Hemse', '623', 57.238, 18.372],
  ],
  jonkoping: [
    ['Jönköping', '553', 57.7826, 14.1618],
    ['Värnamo', '331', 57.186, 14.04],
    ['Eksjö', '575', 57.667, 14.972],
  ],
  kalmar: [
    ['Kalmar', '392', 56.6634, 16.3568],
    ['Västervik', '593', 57.758, 16.637],
    ['Oskarshamn', '572', 57.265, 16.448],
  ],
  kronoberg: [
    ['Växjö', '352', 56.879, 14.8059],
    ['Ljungby', '341', 56.833, 13.941],
  ],
  skane: [
    ['Malmö', '211', 55.605, 13.0038],
    ['Lund', '222', 55.7047, 13.191],
    ['Helsingborg', '252', 56.0465, 12.6945],
    ['Kristianstad', '291', 56.0294, 14.1567],
    ['Ystad', '271', 55.4295, 13.82],
  ],
  uppsala: [
    ['Uppsala', '753', 59.8586, 17.6389],
    ['Enköping', '745', 59.6361, 17.0777],
    ['Östhammar', '742', 60.259, 18.372],
  ],
  vasternorrland: [
    ['Sundsvall', '852', 62.3908, 17.3069],
    ['Härnösand', '871', 62.6323, 17.9379],
    ['Örnsköldsvik', '891', 63.2909, 18.7153],
  ],
  orebro: [
    ['Örebro', '703', 59.2741, 15.2066],
    ['Karlskoga', '691', 59.327, 14.524],
    ['Lindesberg', '711', 59.594, 15.227],
  ],
  ostergotland: [
    ['Linköping', '582', 58.4108, 15.6214],
    ['Norrköping', '602', 58.5877, 16.1924],
    ['Motala', '591', 58.537, 15.037],
  ],
};

/** Share of each care type in a synthetic catalog (sums to 1). */
const CARE_TYPE_MIX: readonly (readonly [CareType, number])[] = [
  ['vardcentral', 0.5],
  ['jourcentral', 0.1],
  ['narakut', 0.08],
  ['tandvardsjour', 0.08],
  ['akutmottagning', 0.06],
  ['digital-vardcentral', 0.06],
  ['psykiatrisk-akutmottagning', 0.04],
  ['barnakut', 0.04],
  ['ambulans', 0.04],
];

const BASE_COMPETENCES: Readonly<Record<CareType, readonly Competence[]>> = {
  ambulans: [],
  akutmottagning: ['xray', 'lab', 'ecg', 'ultrasound', 'minor-injuries', 'plaster'],
  barnakut: ['children', 'xray', 'lab', 'ecg', 'minor-injuries', 'plaster'],
  narakut: ['minor-injuries', 'xray', 'lab', 'plaster'],
  jourcentral: ['lab', 'ecg'],
  vardcentral: ['lab'],
  'psykiatrisk-akutmottagning': ['psychiatry'],
  tandvardsjour: ['dental'],
  'digital-vardcentral': [],
};
const EXTRA_COMPETENCES: readonly Competence[] = [
  'ecg',
  'gynaecology',
  'minor-injuries',
  'eye',
  'ent',
  'ultrasound',
  'children',
];

export interface SyntheticCatalogOptions {
  /** Number of units to generate. */
  units: number;
  seed?: number;
  regions?: readonly RegionId[];
  /** Capacity expiries are spread around this instant (default 2026-06-15 08:00 UTC). */
  referenceTime?: Date;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function hhmm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}

function openingHoursFor(type: CareType, random: () => number): string {
  const at = (choices: readonly number[]): string => hhmm(pick(random, choices) * 60);
  switch (type) {
    case 'ambulans':
      return '24/7';
    case 'akutmottagning':
    case 'psykiatrisk-akutmottagning':
      return random() < 0.85 ? '24/7' : `Mo-Su ${at([7, 8])}-${at([21, 22, 23])}`;
    case 'barnakut':
      return random() < 0.6 ? '24/7' : `Mo-Su ${at([8, 9])}-${at([20, 21, 22])}`;
    case 'digital-vardcentral':
      return random() < 0.5 ? '24/7' : `Mo-Su ${at([6, 7, 8])}-${at([21, 22, 23])}`;
    case 'narakut': {
      if (random() < 0.1) return `Mo-Fr 17:00-08:00; Sa,Su,PH 00:00-24:00`;
      const weekday = random() < 0.3 ? `${at([8, 10])}-${at([21, 22])}` : `${at([16, 17])}-${at([21, 22])}`;
      return `Mo-Fr ${weekday}; Sa,Su,PH ${at([8, 9, 10])}-${at([18, 20, 22])}`;
    }
    case 'jourcentral': {
      const weekend = `Sa,Su,PH ${at([9, 10])}-${at([15, 16, 18])}`;
      return random() < 0.3 ? weekend : `Mo-Fr ${at([16, 17, 18])}-${at([20, 21, 22])}; ${weekend}`;
    }
    case 'tandvardsjour':
      return `Mo-Fr ${at([7, 8])}-${at([15, 16])}; Sa,Su,PH ${at([9, 10])}-${at([12, 13])}`;
    case 'vardcentral': {
      const open = pick(random, [450, 480, 510]);
      const close = pick(random, [960, 990, 1020, 1050]);
      const hours =
        random() < 0.3 ? `${hhmm(open)}-12:00,13:00-${hhmm(close)}` : `${hhmm(open)}-${hhmm(close)}`;
      const friday = random() < 0.25 ? `Mo-Th ${hours}; Fr ${hhmm(open)}-15:00` : `Mo-Fr ${hours}`;
      const saturday = random() < 0.1 ? '; Sa 10:00-14:00' : '';
      return `${friday}${saturday}; PH off`;
    }
  }
}

/** Generates `units` synthetic care units, reproducibly from `seed`. */
export function generateSyntheticCatalog(options: SyntheticCatalogOptions): CareUnit[] {
  if (!Number.isInteger(options.units) || options.units < 0) {
    throw new RangeError(`units must be a whole number ≥ 0, got ${String(options.units)}`);
  }
  const random = createRandom(options.seed ?? 1);
  const regions = options.regions ?? REGION_IDS;
  const reference = (options.referenceTime ?? new Date('2026-06-15T08:00:00Z')).getTime();
  const units: CareUnit[] = [];
  for (let n = 0; n < options.units; n++) {
    const regionId = pick(random, regions);
    const [town, prefix, lat, lon] = pick(random, SYNTHETIC_ANCHORS[regionId]);
    let r = random();
    let careType: CareType = 'vardcentral';
    for (const [type, share] of CARE_TYPE_MIX) {
      if (r < share) {
        careType = type;
        break;
      }
      r -= share;
    }
    // Most units lie within ~25 km of the town, a few further out in the countryside.
    const spreadKm = random() < 0.85 ? 25 : 70;
    const dLatKm = (random() * 2 - 1) * spreadKm;
    const dLonKm = (random() * 2 - 1) * spreadKm;
    const location = {
      lat: Math.round((lat + dLatKm / 111) * 1e5) / 1e5,
      lon: Math.round((lon + dLonKm / (111 * Math.cos((lat * Math.PI) / 180))) * 1e5) / 1e5,
    };
    const competences = new Set<Competence>(BASE_COMPETENCES[careType]);
    if (careType !== 'ambulans' && careType !== 'digital-vardcentral' && random() < 0.4) {
      competences.add(pick(random, EXTRA_COMPETENCES));
    }
    const ageYears: CareUnit['ageYears'] =
      careType === 'barnakut'
        ? { max: 17 }
        : careType === 'psykiatrisk-akutmottagning' && random() < 0.5
          ? { min: 18 }
          : {};
    const capacityRoll = random();
    const expiresAt = new Date(reference + Math.round((random() * 2 - 0.5) * 12) * 3_600_000).toISOString();
    const capacity: CareUnit['capacity'] =
      capacityRoll < 0.7
        ? null
        : {
            status: capacityRoll < 0.9 ? 'green' : capacityRoll < 0.97 ? 'amber' : 'red',
            expiresAt: random() < 0.8 ? expiresAt : null,
            setBy: 'SE2321000016-SLEAD1',
          };
    const label = CARE_TYPE_LABELS[careType].sv;
    units.push({
      hsaId: `SE2321000016-S${n.toString(36).toUpperCase()}`,
      name: `Syntetisk ${label.toLowerCase()} ${town} ${n} (demo)`,
      careType,
      regionId,
      address: {
        street: `Syntetgatan ${1 + (n % 200)}`,
        postcode: `${prefix} ${String(n % 100).padStart(2, '0')}`,
        locality: town,
      },
      location,
      phone: careType === 'ambulans' ? '112' : `08-465 004 ${String(n % 100).padStart(2, '0')}`,
      openingHours: openingHoursFor(careType, random),
      competences: [...competences],
      ageYears,
      listedPatientsOnly: careType === 'vardcentral' && random() < 0.1,
      access:
        careType === 'digital-vardcentral'
          ? 'booked'
          : careType === 'vardcentral'
            ? pick(random, ['both', 'booked'] as const)
            : 'drop-in',
      capacity,
      demo: true,
    });
  }
  return units;
}
