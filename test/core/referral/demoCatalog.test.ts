// The demo data: every file loads and validates, units sit in their real towns, and each region's rules
// differ from the national default in the way its file says (one test per region).
import { beforeAll, describe, expect, it } from 'vitest';
import { CARE_TYPES, REGION_IDS, type CareUnit, type RegionId } from '../../../core/referral/catalog';
import { distanceKm } from '../../../core/referral/distance';
import { locatePatient } from '../../../core/referral/localities';
import {
  indexCareUnits,
  rankCareUnits,
  type CareUnitIndex,
  type RankResult,
} from '../../../core/referral/rank';
import { resolveRegionRules, RULE_PERIODS, REFERRAL_LEVELS } from '../../../core/referral/regionConfig';
import type { DispositionLevel } from '../../../core/triage/dispositionLadder';
import type { LoadedCatalog } from '../../../main/services/catalog/loadCatalog';
import { demoCatalog } from './support/demo';
import { sweden } from './support/time';

let demo: LoadedCatalog;
let index: CareUnitIndex;
beforeAll(async () => {
  demo = await demoCatalog();
  index = indexCareUnits(demo.units);
});

/** Ranks the whole demo catalog for a patient in `place`, with or without the region's own layer. */
function rankIn(
  regionId: RegionId,
  place: string,
  level: DispositionLevel,
  when: string,
  options: { national?: boolean; ageYears?: number; limit?: number } = {},
): RankResult {
  const located = locatePatient(demo.localities, place);
  if (!located.found) throw new Error(`demo locality missing: ${place}`);
  const now = sweden(when);
  const regionLayer = options.national ? null : demo.regions.get(regionId);
  const rules = resolveRegionRules(demo.national, regionLayer, now);
  return rankCareUnits({
    units: index,
    rules: { ...rules, regionId },
    disposition: { level },
    patient: { location: located.location, ageYears: options.ageYears ?? 40 },
    now,
    limit: options.limit ?? 5,
  });
}
const first = (result: RankResult): string | undefined => result.suggestions[0]?.unit.name;

describe('demo files', () => {
  it('all load and validate: ten regions, their rules and the locality table', () => {
    expect([...demo.catalogs.keys()].sort()).toEqual([...REGION_IDS].sort());
    expect([...demo.regions.keys()].sort()).toEqual([...REGION_IDS].sort());
    expect(demo.localities.length).toBeGreaterThanOrEqual(60);
  });

  it('has 8–20 units per region, marked as demo, with fictitious HSA-ids', () => {
    for (const [regionId, catalog] of demo.catalogs) {
      expect(catalog.units.length, regionId).toBeGreaterThanOrEqual(8);
      expect(catalog.units.length, regionId).toBeLessThanOrEqual(20);
      for (const unit of catalog.units) {
        expect(unit.demo).toBe(true);
        expect(unit.name).toMatch(/\(demo\)$/);
        expect(unit.hsaId).toMatch(/^SE2321000016-D/);
      }
    }
  });

  it('mixes the care types in every region, and all nine appear in the catalog', () => {
    expect(new Set(demo.units.map((u) => u.careType))).toEqual(new Set(CARE_TYPES));
    for (const [regionId, catalog] of demo.catalogs) {
      const types = new Set(catalog.units.map((u) => u.careType));
      for (const needed of [
        'ambulans',
        'akutmottagning',
        'vardcentral',
        'jourcentral',
        'tandvardsjour',
      ] as const) {
        expect(types.has(needed), `${regionId} ${needed}`).toBe(true);
      }
      expect(types.size, regionId).toBeGreaterThanOrEqual(8);
    }
  });

  it('places every unit in its real town (within 5 km of the locality in the table, same region)', () => {
    for (const unit of demo.units) {
      const located = locatePatient(demo.localities, unit.address.locality);
      expect(located.found, unit.address.locality).toBe(true);
      if (!located.found) continue;
      expect(located.regionId, unit.name).toBe(unit.regionId);
      expect(distanceKm(unit.location, located.location), unit.name).toBeLessThan(5);
    }
  });

  it('gives every region at least one rule that differs from the national default', () => {
    const times = ['2026-06-16 10:00', '2026-06-16 19:00', '2026-06-16 23:00', '2026-06-13 12:00'];
    for (const regionId of REGION_IDS) {
      const differs = times.some((when) => {
        const withRegion = resolveRegionRules(demo.national, demo.regions.get(regionId), sweden(when));
        const nationalOnly = resolveRegionRules(demo.national, null, sweden(when));
        return (
          withRegion.maxDistanceKm.value !== nationalOnly.maxDistanceKm.value ||
          REFERRAL_LEVELS.some(
            (level) => withRegion.levels[level].value.join() !== nationalOnly.levels[level].value.join(),
          )
        );
      });
      expect(differs, regionId).toBe(true);
    }
    expect(RULE_PERIODS).toHaveLength(4);
  });
});

describe('each region’s own rule, in effect', () => {
  it('Dalarna: 150 km reach, so Idre gets Mora’s akutmottagning as a suggestion, not a fallback', () => {
    const national = rankIn('dalarna', 'Idre', 2, '2026-06-16 10:00', { national: true });
    expect(national.suggestions).toEqual([]);
    expect(national.fallback?.unit.name).toBe('Akutmottagningen Mora lasarett (demo)');
    const dalarna = rankIn('dalarna', 'Idre', 2, '2026-06-16 10:00');
    expect(first(dalarna)).toBe('Akutmottagningen Mora lasarett (demo)');
    expect(dalarna.fallback).toBeNull();
  });

  it('Gotland: level 3 at night goes to the akutmottagning in Visby', () => {
    expect(rankIn('gotland', 'Visby', 3, '2026-06-16 23:00', { national: true }).suggestions).toEqual([]);
    const gotland = rankIn('gotland', 'Visby', 3, '2026-06-16 23:00');
    expect(first(gotland)).toBe('Akutmottagningen Visby lasarett (demo)');
    expect(gotland.suggestions[0]!.ruleSource).toMatchObject({
      layer: 'region',
      id: 'gotland',
      path: 'levels.3.night',
    });
  });

  it('Jönköping: level 4 on a weekend goes to the digital vårdcentral first', () => {
    expect(first(rankIn('jonkoping', 'Jönköping', 4, '2026-06-13 12:00', { national: true }))).toBe(
      'Jourcentralen Nässjö (demo)',
    );
    expect(first(rankIn('jonkoping', 'Jönköping', 4, '2026-06-13 12:00'))).toBe(
      'Digitala vårdcentralen Jönköpings län (demo)',
    );
  });

  it('Kalmar: level 3 on a weekend goes to a jourcentral before the närakut', () => {
    expect(first(rankIn('kalmar', 'Oskarshamn', 3, '2026-06-13 12:00', { national: true }))).toBe(
      'Närakuten Oskarshamn (demo)',
    );
    expect(first(rankIn('kalmar', 'Oskarshamn', 3, '2026-06-13 12:00'))).toBe(
      'Jourcentralen Västervik (demo)',
    );
  });

  it('Kronoberg: level 3 in the evening goes on to the akutmottagning once the jourcentral closes', () => {
    const national = rankIn('kronoberg', 'Växjö', 3, '2026-06-16 21:15', { national: true });
    expect(national.suggestions).toEqual([]);
    const kronoberg = rankIn('kronoberg', 'Växjö', 3, '2026-06-16 21:15');
    expect(first(kronoberg)).toBe('Akutmottagningen Centrallasarettet Växjö (demo)');
    expect(kronoberg.suggestions[0]!.preferenceRank).toBe(2);
  });

  it('Skåne: level 3 in the evening prefers a närakut over a jourcentral', () => {
    expect(first(rankIn('skane', 'Lund', 3, '2026-06-16 19:00', { national: true }))).toBe(
      'Jourcentralen Lund (demo)',
    );
    expect(first(rankIn('skane', 'Lund', 3, '2026-06-16 19:00'))).toBe('Närakuten Malmö (demo)');
  });

  it('Uppsala: level 3 in office hours goes to Närakuten Uppsala first', () => {
    expect(
      rankIn('uppsala', 'Uppsala', 3, '2026-06-16 10:00', { national: true }).suggestions[0]!.unit.careType,
    ).toBe('vardcentral');
    expect(first(rankIn('uppsala', 'Uppsala', 3, '2026-06-16 10:00'))).toBe('Närakuten Uppsala (demo)');
  });

  it('Västernorrland: the only barnakut (Sundsvall) takes children from Örnsköldsvik', () => {
    const national = rankIn('vasternorrland', 'Örnsköldsvik', 2, '2026-06-16 10:00', {
      national: true,
      ageYears: 5,
    });
    expect(first(national)).toBe('Akutmottagningen Örnsköldsviks sjukhus (demo)');
    const region = rankIn('vasternorrland', 'Örnsköldsvik', 2, '2026-06-16 10:00', { ageYears: 5 });
    expect(first(region)).toBe('Barnakuten Sundsvalls sjukhus (demo)');
    expect(region.suggestions[0]!.distanceKm).toBeGreaterThan(120);
  });

  it('Örebro: level 5 goes to the vårdcentral only, not the digital one', () => {
    const types = (result: RankResult): Set<string> =>
      new Set(result.suggestions.map((s) => s.unit.careType));
    expect(types(rankIn('orebro', 'Örebro', 5, '2026-06-16 10:00', { national: true, limit: 20 }))).toContain(
      'digital-vardcentral',
    );
    expect(types(rankIn('orebro', 'Örebro', 5, '2026-06-16 10:00', { limit: 20 }))).toEqual(
      new Set(['vardcentral']),
    );
  });

  it('Östergötland: level 3 on a weekend may go to a vårdcentral with weekend hours', () => {
    const find = (result: RankResult): CareUnit | undefined =>
      result.suggestions.find((s) => s.unit.name === 'Vårdcentralen Linköping Ekholmen (demo)')?.unit;
    expect(
      find(rankIn('ostergotland', 'Linköping', 3, '2026-06-13 12:00', { national: true, limit: 10 })),
    ).toBeUndefined();
    expect(find(rankIn('ostergotland', 'Linköping', 3, '2026-06-13 12:00', { limit: 10 }))).toBeDefined();
  });
});
