// Regional referral rules: periods of the week, layering national → region → unit, and traceability.
import { describe, expect, it } from 'vitest';
import {
  describeRuleSource,
  nationalRulesSchema,
  regionRulesSchema,
  resolveRegionRules,
  rulePeriodAt,
  type NationalRules,
  type RegionRules,
} from '../../../core/referral/regionConfig';
import { sweden } from './support/time';

const national: NationalRules = nationalRulesSchema.parse({
  layer: 'national',
  version: 4,
  maxDistanceKm: 60,
  preferListedUnitForLevels: [4, 5],
  fallback: { careTypes: ['akutmottagning'] },
  levels: {
    1: ['ambulans'],
    2: { all: ['barnakut', 'akutmottagning'] },
    3: {
      office: ['vardcentral', 'narakut'],
      evening: ['jourcentral', 'narakut'],
      night: ['narakut'],
      weekend: ['narakut', 'jourcentral'],
    },
    4: { all: ['vardcentral', 'jourcentral'] },
    5: ['vardcentral'],
  },
});

const region: RegionRules = regionRulesSchema.parse({
  layer: 'region',
  regionId: 'gotland',
  version: 7,
  levels: { 3: { night: ['akutmottagning'] }, 4: { all: ['digital-vardcentral'] } },
  fallback: { careTypes: ['akutmottagning'], byLevel: { 5: ['digital-vardcentral'] } },
  units: { 'SE2321000016-DGOT05': { version: 2, reason: 'Inga akuta tider', notForLevels: [3, 4] } },
});

describe('periods of the week (Swedish time)', () => {
  it('splits weekdays into office hours, evening and night', () => {
    expect(rulePeriodAt(sweden('2026-06-16 08:00'))).toBe('office');
    expect(rulePeriodAt(sweden('2026-06-16 16:59'))).toBe('office');
    expect(rulePeriodAt(sweden('2026-06-16 17:00'))).toBe('evening');
    expect(rulePeriodAt(sweden('2026-06-16 22:00'))).toBe('night');
    expect(rulePeriodAt(sweden('2026-06-17 07:59'))).toBe('night');
  });

  it('treats weekends, public holidays and aftnar as weekend by day and night as night', () => {
    expect(rulePeriodAt(sweden('2026-06-20 12:00'))).toBe('weekend'); // Saturday
    expect(rulePeriodAt(sweden('2026-06-19 12:00'))).toBe('weekend'); // midsommarafton, a Friday
    expect(rulePeriodAt(sweden('2026-05-14 12:00'))).toBe('weekend'); // Kristi himmelsfärd, a Thursday
    expect(rulePeriodAt(sweden('2026-06-20 23:00'))).toBe('night');
  });
});

describe('layering and traceability', () => {
  it('uses the national layer alone when there is no region layer', () => {
    const rules = resolveRegionRules(national, null, sweden('2026-06-16 23:00'));
    expect(rules.period).toBe('night');
    expect(rules.levels[3]).toEqual({
      value: ['narakut'],
      source: { layer: 'national', id: 'national', version: 4, path: 'levels.3.night' },
    });
    expect(rules.regionName).toBe('Nationell standard');
  });

  it('lets the region override one period of one level and keeps the rest national', () => {
    const night = resolveRegionRules(national, region, sweden('2026-06-16 23:00'));
    expect(night.levels[3]).toEqual({
      value: ['akutmottagning'],
      source: { layer: 'region', id: 'gotland', version: 7, path: 'levels.3.night' },
    });
    const evening = resolveRegionRules(national, region, sweden('2026-06-16 19:00'));
    expect(evening.levels[3].value).toEqual(['jourcentral', 'narakut']);
    expect(evening.levels[3].source).toMatchObject({ layer: 'national', path: 'levels.3.evening' });
    expect(evening.levels[2].source).toMatchObject({ layer: 'national', path: 'levels.2.all' });
    expect(evening.maxDistanceKm).toEqual({
      value: 60,
      source: { layer: 'national', id: 'national', version: 4, path: 'maxDistanceKm' },
    });
  });

  it('lets a regional "all" win over a national period list', () => {
    const rules = resolveRegionRules(national, region, sweden('2026-06-16 10:00'));
    expect(rules.levels[4]).toEqual({
      value: ['digital-vardcentral'],
      source: { layer: 'region', id: 'gotland', version: 7, path: 'levels.4.all' },
    });
  });

  it('resolves fallbacks per level, region before nation', () => {
    const rules = resolveRegionRules(national, region, sweden('2026-06-16 10:00'));
    expect(rules.fallbackByLevel[5].value).toEqual(['digital-vardcentral']);
    expect(rules.fallbackByLevel[5].source.path).toBe('fallback.byLevel.5.all');
    expect(rules.fallbackByLevel[2]).toMatchObject({
      value: ['akutmottagning'],
      source: { layer: 'region', path: 'fallback.careTypes' },
    });
  });

  it('traces unit overrides to the unit layer with their own version', () => {
    const rules = resolveRegionRules(national, region, sweden('2026-06-16 10:00'));
    const override = rules.unitOverrides.get('SE2321000016-DGOT05');
    expect(override?.source).toEqual({
      layer: 'unit',
      id: 'SE2321000016-DGOT05',
      version: 2,
      path: 'units.SE2321000016-DGOT05',
    });
    expect([...(override?.notForLevels ?? [])]).toEqual([3, 4]);
    expect(rules.layers).toEqual([
      { layer: 'national', id: 'national', version: 4 },
      { layer: 'region', id: 'gotland', version: 7 },
      { layer: 'unit', id: 'SE2321000016-DGOT05', version: 2 },
    ]);
    expect(describeRuleSource(rules.levels[4].source)).toBe('region gotland v7, levels.4.all');
  });
});

describe('validation', () => {
  it('requires the national layer to cover every period of every level', () => {
    const result = nationalRulesSchema.safeParse({
      ...national,
      levels: { ...national.levels, 3: { office: ['vardcentral'] } },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('levels.3.evening');
  });

  it('names unknown care types and repeated ones', () => {
    const unknown = regionRulesSchema.safeParse({
      layer: 'region',
      regionId: 'skane',
      version: 1,
      levels: { 3: ['narakut', 'sjukstuga'] },
    });
    expect(unknown.error?.issues[0]?.message).toMatch(/unknown care type "sjukstuga"/);
    const twice = regionRulesSchema.safeParse({
      layer: 'region',
      regionId: 'skane',
      version: 1,
      levels: { 3: ['narakut', 'narakut'] },
    });
    expect(twice.error?.issues[0]?.message).toMatch(/listed twice/);
  });

  it('refuses an unknown region and a version that is not a positive whole number', () => {
    expect(regionRulesSchema.safeParse({ layer: 'region', regionId: 'lappland', version: 1 }).success).toBe(
      false,
    );
    expect(regionRulesSchema.safeParse({ layer: 'region', regionId: 'skane', version: 0 }).success).toBe(
      false,
    );
  });

  it('refuses an invalid instant', () => {
    expect(() => resolveRegionRules(national, region, new Date('nonsense'))).toThrow(/valid date/);
  });
});
