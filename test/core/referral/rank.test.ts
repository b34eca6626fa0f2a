// Explainable ranking: filters in order, the first failed criterion, preference then distance, fallback.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  careUnitSchema,
  effectiveCapacity,
  type CareUnit,
  type CareUnitInput,
  type Competence,
} from '../../../core/referral/catalog';
import { distanceKm } from '../../../core/referral/distance';
import { earliestVisit } from '../../../core/referral/openingHours';
import {
  EXCLUSION_CRITERIA,
  rankCareUnits,
  ReferralInputError,
  type RankRequest,
  type RankResult,
} from '../../../core/referral/rank';
import {
  nationalRulesSchema,
  regionRulesSchema,
  resolveRegionRules,
  type ReferralLevel,
} from '../../../core/referral/regionConfig';
import { generateSyntheticCatalog, createRandom } from '../../../core/referral/syntheticCatalog';
import { DISPOSITION_LADDER, type DispositionLevel } from '../../../core/triage/dispositionLadder';
import { sweden } from './support/time';
import { describeInTimeZones } from './support/timeZones';

const national = nationalRulesSchema.parse({
  layer: 'national',
  version: 1,
  maxDistanceKm: 60,
  preferListedUnitForLevels: [4, 5],
  fallback: { careTypes: ['akutmottagning'] },
  levels: {
    1: ['ambulans'],
    2: ['barnakut', 'akutmottagning'],
    3: {
      office: ['vardcentral', 'narakut', 'jourcentral'],
      evening: ['jourcentral', 'narakut'],
      night: ['narakut', 'jourcentral'],
      weekend: ['narakut', 'jourcentral'],
    },
    4: ['vardcentral', 'jourcentral', 'narakut', 'digital-vardcentral'],
    5: ['vardcentral', 'digital-vardcentral'],
  },
});
const skane = regionRulesSchema.parse({
  layer: 'region',
  regionId: 'skane',
  version: 2,
  levels: { 3: { evening: ['narakut', 'jourcentral'] } },
});

const LUND = { lat: 55.7047, lon: 13.191 };
const MALMO = { lat: 55.605, lon: 13.0038 };
const KIRUNA = { lat: 67.8558, lon: 20.2253 };
const EVENING_HOURS = 'Mo-Fr 17:00-22:00; Sa,Su,PH 10:00-18:00';

let serial = 0;
function unit(name: string, fields: Partial<CareUnitInput> & Pick<CareUnitInput, 'careType'>): CareUnit {
  serial++;
  return careUnitSchema.parse({
    hsaId: `SE2321000016-DT${String(serial).padStart(3, '0')}`,
    name: `${name} (demo)`,
    regionId: 'skane',
    address: { street: 'Testgatan 1', postcode: '222 21', locality: 'Lund' },
    location: LUND,
    phone: '08-465 004 01',
    openingHours: '24/7',
    access: 'drop-in',
    demo: true,
    ...fields,
  });
}

const akutLund = unit('Akutmottagningen Lund', {
  careType: 'akutmottagning',
  location: { lat: 55.711, lon: 13.2 },
  competences: ['xray', 'lab', 'gynaecology'],
});
const akutMalmo = unit('Akutmottagningen Malmö', {
  careType: 'akutmottagning',
  location: MALMO,
  openingHours: 'Mo-Su 08:00-22:00',
  competences: ['xray', 'lab'],
});
const barnakut = unit('Barnakuten Lund', {
  careType: 'barnakut',
  location: { lat: 55.712, lon: 13.2 },
  ageYears: { max: 17 },
  competences: ['children', 'xray'],
});
const narakutLund = unit('Närakuten Lund', {
  careType: 'narakut',
  openingHours: EVENING_HOURS,
  location: { lat: 55.7, lon: 13.18 },
});
const narakutMalmo = unit('Närakuten Malmö', {
  careType: 'narakut',
  openingHours: EVENING_HOURS,
  location: MALMO,
  capacity: { status: 'amber', expiresAt: null, setBy: 'SE2321000016-DLEAD1' },
});
const narakutRed = unit('Närakuten Eslöv', {
  careType: 'narakut',
  openingHours: EVENING_HOURS,
  location: { lat: 55.8392, lon: 13.3034 },
  capacity: { status: 'red', expiresAt: '2030-01-01T00:00:00+01:00', setBy: 'SE2321000016-DLEAD1' },
});
const jourLund = unit('Jourcentralen Lund', {
  careType: 'jourcentral',
  openingHours: 'Mo-Fr 17:00-21:00; Sa,Su,PH 09:00-18:00',
  location: { lat: 55.71, lon: 13.17 },
});
const vcLund = unit('Vårdcentralen Lund', {
  careType: 'vardcentral',
  openingHours: 'Mo-Fr 08:00-17:00; PH off',
  location: { lat: 55.705, lon: 13.195 },
});
const vcListed = unit('Vårdcentralen Nöbbelöv', {
  careType: 'vardcentral',
  openingHours: 'Mo-Fr 08:00-17:00; PH off',
  location: { lat: 55.72, lon: 13.17 },
  listedPatientsOnly: true,
});
const vcRedExpired = unit('Vårdcentralen Dalby', {
  careType: 'vardcentral',
  openingHours: 'Mo-Fr 08:00-17:00; PH off',
  location: { lat: 55.665, lon: 13.35 },
  capacity: { status: 'red', expiresAt: '2026-06-01T12:00:00+02:00', setBy: 'SE2321000016-DLEAD1' },
});
const vcKiruna = unit('Vårdcentralen Kiruna', {
  careType: 'vardcentral',
  openingHours: 'Mo-Fr 08:00-17:00; PH off',
  location: KIRUNA,
});
const digitalSkane = unit('Digitala vårdcentralen Skåne', {
  careType: 'digital-vardcentral',
  location: MALMO,
  access: 'booked',
});
const digitalGotland = unit('Digitala vårdcentralen Gotland', {
  careType: 'digital-vardcentral',
  regionId: 'gotland',
  location: { lat: 57.63, lon: 18.29 },
  access: 'booked',
});
const ambulans = unit('Ambulanssjukvården Skåne', { careType: 'ambulans', phone: '112' });
const tandvard = unit('Tandvårdsjouren Lund', {
  careType: 'tandvardsjour',
  openingHours: 'Mo-Fr 08:00-16:00; Sa,Su,PH 09:00-13:00',
  competences: ['dental'],
});

const CATALOG: CareUnit[] = [
  akutLund,
  akutMalmo,
  barnakut,
  narakutLund,
  narakutMalmo,
  narakutRed,
  jourLund,
  vcLund,
  vcListed,
  vcRedExpired,
  vcKiruna,
  digitalSkane,
  digitalGotland,
  ambulans,
  tandvard,
];

function rank(
  level: DispositionLevel,
  when: string,
  patient: Partial<RankRequest['patient']> = {},
  extra: Partial<RankRequest> = {},
): RankResult {
  const now = sweden(when);
  return rankCareUnits({
    units: CATALOG,
    rules: resolveRegionRules(national, skane, now),
    disposition: { level },
    patient: { location: LUND, ageYears: 40, ...patient },
    now,
    limit: 10,
    ...extra,
  });
}

const names = (result: RankResult): string[] =>
  result.suggestions.map((s) => s.unit.name.replace(' (demo)', ''));
const exclusionOf = (result: RankResult, target: CareUnit) =>
  result.excluded.find((e) => e.unit === target)?.failed;

describe('preference, then distance', () => {
  it('follows the region: Skåne sends level 3 in the evening to a närakut before a jourcentral', () => {
    const result = rank(3, '2026-06-16 19:00');
    expect(names(result)).toEqual(['Närakuten Lund', 'Närakuten Malmö', 'Jourcentralen Lund']);
    expect(result.suggestions[0]!.preferenceRank).toBe(1);
    expect(result.suggestions[0]!.ruleSource).toEqual({
      layer: 'region',
      id: 'skane',
      version: 2,
      path: 'levels.3.evening',
    });
    expect(result.suggestions[0]!.reasons[0]!.sv).toMatch(/^Närakut: förstahandsval för Skyndsamt \(3\)/);
  });

  it('follows the national order without the regional layer', () => {
    const now = sweden('2026-06-16 19:00');
    const result = rankCareUnits({
      units: CATALOG,
      rules: resolveRegionRules(national, null, now),
      disposition: { level: 3 },
      patient: { location: LUND, ageYears: 40 },
      now,
    });
    expect(names(result)[0]).toBe('Jourcentralen Lund');
  });

  it('explains each suggestion, Swedish first', () => {
    const [first] = rank(3, '2026-06-16 19:00').suggestions;
    const codes = first!.reasons.map((r) => r.code);
    expect(codes).toEqual(['care-type-preferred', 'open-now', 'capacity-unknown', 'distance', 'drop-in']);
    expect(first!.reasons.find((r) => r.code === 'open-now')).toMatchObject({
      sv: 'Öppen nu, stänger 22:00',
      en: 'Open now, closes 22:00',
    });
    expect(first!.closesAt).toEqual(sweden('2026-06-16 22:00'));
    expect(first!.openNow).toBe(true);
  });

  it('says when capacity is amber', () => {
    const malmo = rank(3, '2026-06-16 19:00').suggestions.find((s) => s.unit === narakutMalmo)!;
    expect(malmo.capacity).toBe('amber');
    expect(malmo.reasons.map((r) => r.code)).toContain('capacity-amber');
  });
});

describeInTimeZones('time frames and closing times', () => {
  it('leaves out units closing within 30 minutes and falls back to the nearest open akutmottagning', () => {
    const result = rank(3, '2026-06-16 21:45');
    expect(result.suggestions).toEqual([]);
    expect(exclusionOf(result, narakutLund)).toMatchObject({
      criterion: 'open',
      sv: expect.stringMatching(/^Stänger inom 30 minuter/),
    });
    expect(exclusionOf(result, jourLund)).toMatchObject({
      criterion: 'open',
      sv: expect.stringMatching(/^Inte öppen/),
    });
    expect(result.fallback?.unit).toBe(akutLund);
    expect(result.fallback?.reason.code).toBe('fallback-nothing-fits');
    expect(result.fallback?.reason.sv).toMatch(
      /^Ingen enhet uppfyller kraven för Skyndsamt \(3\)\. Närmaste öppna akutmottagning/,
    );
    expect(result.fallback?.ruleSource.path).toBe('fallback.careTypes');
  });

  it('offers tomorrow morning at level 4 (within 24 h) but not at level 3 (a few hours)', () => {
    const level4 = rank(4, '2026-06-16 23:00');
    const vc = level4.suggestions.find((s) => s.unit === vcLund)!;
    expect(vc.openNow).toBe(false);
    expect(vc.opensAt).toEqual(sweden('2026-06-17 08:00'));
    expect(vc.closesAt).toEqual(sweden('2026-06-17 17:00'));
    expect(vc.reasons.find((r) => r.code === 'opens-within-time-frame')?.sv).toBe(
      'Öppnar i morgon 08:00, inom tidsramen för Inom ett dygn (4)',
    );
    const level3 = rank(3, '2026-06-16 23:00');
    expect(exclusionOf(level3, narakutLund)?.criterion).toBe('open');
  });

  it('treats midsommarafton as a holiday: weekend rules, vårdcentral closed until Monday', () => {
    const level3 = rank(3, '2026-06-19 10:00');
    expect(exclusionOf(level3, vcLund)?.sv).toMatch(
      /^Vårdcentral används inte för Skyndsamt \(3\) under helg/,
    );
    expect(level3.suggestions.map((s) => s.unit)).toContain(narakutLund); // open on weekend hours
    expect(exclusionOf(rank(4, '2026-06-19 10:00'), vcLund)?.criterion).toBe('open'); // Monday is > 24 h away
    const level5 = rank(5, '2026-06-19 10:00');
    expect(level5.suggestions.find((s) => s.unit === vcLund)?.opensAt).toEqual(sweden('2026-06-22 08:00'));
  });
});

describe('the first criterion a unit fails', () => {
  it('age: a barnakut takes children and not adults', () => {
    expect(names(rank(2, '2026-06-16 10:00', { ageYears: 5 }))[0]).toBe('Barnakuten Lund');
    const adult = rank(2, '2026-06-16 10:00', { ageYears: 40 });
    expect(exclusionOf(adult, barnakut)).toEqual({
      criterion: 'age',
      sv: 'Tar bara emot upp till 17 år; patienten är 40 år',
      en: 'Takes only patients up to 17 years; the patient is 40',
    });
    expect(names(adult)[0]).toBe('Akutmottagningen Lund');
  });

  it('age: with the age unknown, units with age limits are not offered', () => {
    const result = rank(2, '2026-06-16 10:00', { ageYears: undefined });
    expect(exclusionOf(result, barnakut)?.sv).toMatch(/ålder är okänd/);
  });

  it('competence comes before age', () => {
    const result = rank(2, '2026-06-16 10:00', { needs: ['gynaecology'] as Competence[] });
    expect(exclusionOf(result, barnakut)).toMatchObject({ criterion: 'competence', sv: 'Saknar gynekologi' });
    expect(exclusionOf(result, akutMalmo)).toMatchObject({ criterion: 'competence' });
    expect(names(result)).toEqual(['Akutmottagningen Lund']);
    expect(result.suggestions[0]!.reasons.find((r) => r.code === 'competence')?.sv).toBe('Har gynekologi');
  });

  it('listing: listed-patients-only units take only their own patients, who then come first', () => {
    const stranger = rank(5, '2026-06-16 10:00');
    expect(exclusionOf(stranger, vcListed)).toMatchObject({ criterion: 'listing' });
    const own = rank(5, '2026-06-16 10:00', { listedUnitHsaId: vcListed.hsaId });
    expect(own.suggestions[0]!.unit).toBe(vcListed);
    expect(own.suggestions[0]!.reasons.map((r) => r.code)).toContain('listed-here');
  });

  it('capacity: red is not offered, an expired red counts as unknown', () => {
    const evening = rank(3, '2026-06-16 19:00');
    expect(exclusionOf(evening, narakutRed)).toMatchObject({
      criterion: 'capacity',
      sv: expect.stringMatching(/^Kapacitet röd/),
    });
    const routine = rank(5, '2026-06-16 10:00');
    expect(routine.suggestions.find((s) => s.unit === vcRedExpired)?.capacity).toBe('unknown');
    expect(effectiveCapacity(vcRedExpired.capacity, sweden('2026-05-31 12:00'))).toBe('red');
  });

  it('distance: far units and other regions’ digital units are left out, the own digital unit is not', () => {
    const result = rank(5, '2026-06-16 10:00');
    expect(exclusionOf(result, vcKiruna)).toMatchObject({
      criterion: 'distance',
      sv: 'Längre bort än 60 km, regionens längsta avstånd',
    });
    expect(exclusionOf(result, digitalGotland)).toMatchObject({
      criterion: 'distance',
      sv: 'Tjänar bara patienter i Region Gotland',
    });
    const digital = result.suggestions.find((s) => s.unit === digitalSkane)!;
    expect(digital.distanceKm).toBeNull();
    expect(digital.preferenceRank).toBe(2);
  });

  it('opening hours come before distance: a closed far unit is "closed", not "too far"', () => {
    expect(exclusionOf(rank(5, '2026-06-16 10:00'), vcKiruna)?.criterion).toBe('distance');
    // On julafton Kiruna is closed, and stays closed for the next 24 hours (juldagen).
    expect(exclusionOf(rank(4, '2026-12-24 10:00'), vcKiruna)?.criterion).toBe('open');
  });

  it('care type: the unit layer can keep a unit from a level, and says why', () => {
    const now = sweden('2026-06-16 10:00');
    const rules = resolveRegionRules(
      national,
      regionRulesSchema.parse({
        layer: 'region',
        regionId: 'skane',
        version: 3,
        units: { [vcLund.hsaId]: { version: 1, reason: 'Inga akuta tider samma dag', notForLevels: [4] } },
      }),
      now,
    );
    const result = rankCareUnits({
      units: CATALOG,
      rules,
      disposition: { level: 4 },
      patient: { location: LUND, ageYears: 40 },
      now,
    });
    expect(exclusionOf(result, vcLund)).toMatchObject({
      criterion: 'care-type',
      sv: 'Enheten tar inte emot Inom ett dygn (4): Inga akuta tider samma dag',
    });
  });

  it('lists every unit exactly once, as a suggestion candidate or an exclusion', () => {
    const result = rank(3, '2026-06-16 19:00', {}, { limit: 1 });
    expect(result.suggestions).toHaveLength(1);
    expect(result.eligibleCount + result.excluded.length).toBe(CATALOG.length);
    expect(new Set(result.excluded.map((e) => e.unit)).size).toBe(result.excluded.length);
    expect(JSON.parse(JSON.stringify(result)).excluded).toHaveLength(result.excluded.length);
  });
});

describe('levels at the ends of the ladder and named care levels', () => {
  it('level 1 suggests the ambulance: call 112', () => {
    const result = rank(1, '2026-06-16 03:00');
    expect(names(result)).toEqual(['Ambulanssjukvården Skåne']);
    expect(result.suggestions[0]!.reasons.map((r) => r.code)).toContain('call-112');
    expect(result.notice?.code).toBe('call-112');
  });

  it('level 6 (egenvård) gives no units and says so', () => {
    const result = rank(6, '2026-06-16 10:00');
    expect(result.suggestions).toEqual([]);
    expect(result.excluded).toEqual([]);
    expect(result.fallback).toBeNull();
    expect(result.notice?.sv).toMatch(/^Egenvård: ingen vårdenhet behövs nu/);
  });

  it('a named care level replaces the regional list', () => {
    const result = rank(3, '2026-06-16 10:00', {}, { disposition: { level: 3, careLevel: 'tandvardsjour' } });
    expect(names(result)).toEqual(['Tandvårdsjouren Lund']);
    expect(result.suggestions[0]!.ruleSource).toBeNull();
    expect(exclusionOf(result, vcLund)?.sv).toBe('Vårdcentral: bedömningen anger tandvårdsjour');
  });

  it('gives no fallback, and says to call 112 in danger, when no akutmottagning is open', () => {
    const now = sweden('2026-06-16 23:30');
    const result = rankCareUnits({
      units: [akutMalmo, vcLund],
      rules: resolveRegionRules(national, skane, now),
      disposition: { level: 3 },
      patient: { location: LUND, ageYears: 40 },
      now,
    });
    expect(result.fallback).toBeNull();
    expect(result.notice?.code).toBe('no-fallback');
  });
});

describe('bad input', () => {
  const now = sweden('2026-06-16 10:00');
  const rules = resolveRegionRules(national, skane, now);
  const base: RankRequest = {
    units: CATALOG,
    rules,
    disposition: { level: 3 },
    patient: { location: LUND },
    now,
  };

  it('says what is wrong', () => {
    expect(() => rankCareUnits({ ...base, disposition: { level: 7 as DispositionLevel } })).toThrow(
      ReferralInputError,
    );
    expect(() => rankCareUnits({ ...base, patient: { location: { lat: 95, lon: 13 } } })).toThrow(
      /patient\.location/,
    );
    expect(() => rankCareUnits({ ...base, patient: { location: LUND, ageYears: -1 } })).toThrow(/ageYears/);
    expect(() => rankCareUnits({ ...base, now: new Date(Number.NaN) })).toThrow(/valid date/);
    expect(() => rankCareUnits({ ...base, limit: 0 })).toThrow(/limit/);
  });
});

describe('over a synthetic catalog, every exclusion names the first criterion the unit fails', () => {
  const units = generateSyntheticCatalog({ units: 250, seed: 11, regions: ['skane', 'kronoberg', 'kalmar'] });
  const levels: ReferralLevel[] = [1, 2, 3, 4, 5];
  const needsPool: Competence[][] = [[], [], ['xray'], ['children'], ['plaster', 'xray']];

  /** An independent, slow restatement of each criterion, to check the ranking against. */
  function passes(
    unit: CareUnit,
    criterion: (typeof EXCLUSION_CRITERIA)[number],
    ctx: {
      allowed: readonly string[];
      needs: Competence[];
      age: number;
      now: Date;
      level: ReferralLevel;
    },
  ): boolean {
    switch (criterion) {
      case 'care-type':
        return ctx.allowed.includes(unit.careType);
      case 'competence':
        return ctx.needs.every((need) => unit.competences.includes(need));
      case 'age':
        return (unit.ageYears.min ?? 0) <= ctx.age && ctx.age <= (unit.ageYears.max ?? 200);
      case 'listing':
        return !unit.listedPatientsOnly;
      case 'open':
        return (
          earliestVisit(unit.openingHours, ctx.now, DISPOSITION_LADDER[ctx.level].timeFrameMinutes!, 30) !==
          null
        );
      case 'capacity':
        return effectiveCapacity(unit.capacity, ctx.now) !== 'red';
      case 'distance':
        return unit.careType === 'ambulans' || unit.careType === 'digital-vardcentral'
          ? unit.regionId === 'skane'
          : distanceKm(unit.location, LUND) <= 60;
    }
  }

  it('holds for random times, levels, ages and needs', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 14 * 24 * 60 - 1 }),
        fc.constantFrom(...levels),
        fc.integer({ min: 0, max: 95 }),
        fc.constantFrom(...needsPool),
        (minute, level, age, needs) => {
          const now = new Date(sweden('2026-06-15 00:00').getTime() + minute * 60_000);
          const rules = resolveRegionRules(national, skane, now);
          const result = rankCareUnits({
            units,
            rules,
            disposition: { level },
            patient: { location: LUND, ageYears: age, needs },
            now,
            limit: 5,
          });
          const ctx = { allowed: rules.levels[level].value, needs, age, now, level };
          expect(result.eligibleCount + result.excluded.length).toBe(units.length);
          for (const { unit, failed } of result.excluded) {
            seen.add(failed.criterion);
            const at = EXCLUSION_CRITERIA.indexOf(failed.criterion);
            for (const earlier of EXCLUSION_CRITERIA.slice(0, at))
              expect(passes(unit, earlier, ctx), `${unit.name} ${earlier}`).toBe(true);
            expect(passes(unit, failed.criterion, ctx), `${unit.name} ${failed.criterion}`).toBe(false);
          }
          for (const suggestion of result.suggestions) {
            for (const criterion of EXCLUSION_CRITERIA)
              expect(passes(suggestion.unit, criterion, ctx)).toBe(true);
          }
          const keys = result.suggestions.map((s) => [s.preferenceRank, s.distanceKm ?? 0] as const);
          for (let i = 1; i < keys.length; i++) {
            const [rankA, distA] = keys[i - 1]!;
            const [rankB, distB] = keys[i]!;
            expect(rankA < rankB || (rankA === rankB && distA <= distB)).toBe(true);
          }
        },
      ),
      { numRuns: 40, seed: 20260615 },
    );
    // The runs exercised every criterion, so the check above was not vacuous.
    expect([...seen].sort()).toEqual([...EXCLUSION_CRITERIA].sort());
  });

  it('is reproducible', () => {
    const random = createRandom(3);
    expect([random(), random()]).toEqual(
      (() => {
        const again = createRandom(3);
        return [again(), again()];
      })(),
    );
  });
});
