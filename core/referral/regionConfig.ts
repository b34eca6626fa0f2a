// Regional referral rules: which care types each disposition level goes to, layered national → region → unit.
//
// Every layer carries a version, and every effective rule says which layer, version and path it came
// from, so a referral in a case can be traced to the exact configuration that produced it (decision
// support is medical-device software). Rules vary by period of the week in Swedish time: office hours
// (weekdays 08–17), evening (weekdays 17–22), night (every day 22–08) and weekend (Saturdays, Sundays,
// public holidays and aftnar, 08–22).
import { z } from 'zod';
import type { DispositionLevel } from '../triage/dispositionLadder';
import {
  careTypeSchema,
  hsaIdSchema,
  REGION_NAMES,
  regionIdSchema,
  type CareType,
  type RegionId,
} from './catalog';
import { swedishHolidayAt } from './openingHours';
import { toStockholmWallClock } from './stockholmTime';

export const RULE_PERIODS = ['office', 'evening', 'night', 'weekend'] as const;
export type RulePeriod = (typeof RULE_PERIODS)[number];

export const RULE_PERIOD_LABELS: Readonly<Record<RulePeriod, { sv: string; en: string }>> = {
  office: { sv: 'kontorstid (vardag 08–17)', en: 'office hours (weekdays 08–17)' },
  evening: { sv: 'kväll (vardag 17–22)', en: 'evening (weekdays 17–22)' },
  night: { sv: 'natt (22–08)', en: 'night (22–08)' },
  weekend: { sv: 'helg (lördag, söndag, helgdag och afton 08–22)', en: 'weekend (Sat, Sun, holidays 08–22)' },
};

/** Disposition levels that lead to a care unit (level 6, egenvård, does not). */
export const REFERRAL_LEVELS = [1, 2, 3, 4, 5] as const;
export type ReferralLevel = Exclude<DispositionLevel, 6>;
const LEVEL_KEYS = ['1', '2', '3', '4', '5'] as const;
type LevelKey = (typeof LEVEL_KEYS)[number];

const referralLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
  error: 'disposition level must be 1, 2, 3, 4 or 5',
});

const careTypeListSchema = z
  .array(careTypeSchema)
  .min(1, 'list at least one care type')
  .refine((list) => new Set(list).size === list.length, { message: 'a care type is listed twice' });

const periodRulesSchema = z
  .object({
    all: careTypeListSchema.optional(),
    office: careTypeListSchema.optional(),
    evening: careTypeListSchema.optional(),
    night: careTypeListSchema.optional(),
    weekend: careTypeListSchema.optional(),
  })
  .strict()
  .refine((rules) => Object.values(rules).some((list) => list !== undefined), {
    message: 'give care types for "all" or for at least one of office, evening, night, weekend',
  });

/**
 * Care types in order of preference for one level: lists per period, or one list for all periods.
 * A bare list (`5: [vardcentral]`) is shorthand for `5: { all: [vardcentral] }`, and is reported so.
 */
const levelRuleSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { all: value } : value),
  periodRulesSchema,
);
type LevelRule = z.output<typeof levelRuleSchema>;

const levelsSchema = z
  .object({
    '1': levelRuleSchema.optional(),
    '2': levelRuleSchema.optional(),
    '3': levelRuleSchema.optional(),
    '4': levelRuleSchema.optional(),
    '5': levelRuleSchema.optional(),
  })
  .strict();

const fallbackSchema = z
  .object({
    /** When nothing fits: the nearest open unit of the first of these types that has one. */
    careTypes: careTypeListSchema,
    byLevel: levelsSchema.optional(),
  })
  .strict();

const versionSchema = z.number().int().positive('version must be a positive whole number');
const maxDistanceSchema = z
  .number()
  .positive('maxDistanceKm must be above 0')
  .max(2000, 'maxDistanceKm is at most 2000');

const layerFields = {
  version: versionSchema,
  /** Date (YYYY-MM-DD) this version applies from, for the record. */
  validFrom: z.iso.date({ error: 'validFrom must be a date, e.g. 2026-01-01' }).optional(),
  description: z.string().optional(),
};

export const nationalRulesSchema = z
  .object({
    layer: z.literal('national', { error: 'layer must be "national" in the national rules file' }),
    ...layerFields,
    maxDistanceKm: maxDistanceSchema,
    /** Levels at which the patient's own (listed) vårdcentral goes first among units of equal preference. */
    preferListedUnitForLevels: z.array(referralLevelSchema),
    fallback: fallbackSchema,
    levels: levelsSchema,
  })
  .strict()
  .superRefine((rules, ctx) => {
    // The national layer is the last resort: every level needs care types for every period.
    for (const key of LEVEL_KEYS) {
      const rule = rules.levels[key];
      if (rule === undefined) {
        ctx.addIssue({ code: 'custom', path: ['levels', key], message: `level ${key} has no care types` });
        continue;
      }
      if (rule.all) continue;
      for (const period of RULE_PERIODS) {
        if (!rule[period]) {
          ctx.addIssue({
            code: 'custom',
            path: ['levels', key, period],
            message: `level ${key} has no care types for ${period} (give "all" or every period)`,
          });
        }
      }
    }
  });
export type NationalRules = z.output<typeof nationalRulesSchema>;

/** Unit layer: a region's adjustment for one unit, versioned on its own. */
export const unitOverrideSchema = z
  .object({
    version: versionSchema,
    /** Why the unit differs, shown with the rule. */
    reason: z.string().trim().min(1, 'say why the unit differs'),
    /** This unit serves a wider (or narrower) area than the region's maximum distance. */
    maxDistanceKm: maxDistanceSchema.optional(),
    /** Disposition levels this unit does not take, although its care type would fit. */
    notForLevels: z.array(referralLevelSchema).optional(),
  })
  .strict();
export type UnitOverride = z.output<typeof unitOverrideSchema>;

export const regionRulesSchema = z
  .object({
    layer: z.literal('region', { error: 'layer must be "region" in a regional rules file' }),
    regionId: regionIdSchema,
    ...layerFields,
    maxDistanceKm: maxDistanceSchema.optional(),
    preferListedUnitForLevels: z.array(referralLevelSchema).optional(),
    fallback: fallbackSchema.optional(),
    levels: levelsSchema.optional(),
    units: z.record(hsaIdSchema, unitOverrideSchema).optional(),
  })
  .strict();
export type RegionRules = z.output<typeof regionRulesSchema>;

/** Where an effective rule came from. `path` is the key in the layer's file, e.g. "levels.3.night". */
export interface RuleSource {
  layer: 'national' | 'region' | 'unit';
  /** "national", the region id, or the unit's HSA-id. */
  id: string;
  version: number;
  path: string;
}

export interface Traced<T> {
  value: T;
  source: RuleSource;
}

export interface ResolvedUnitOverride {
  hsaId: string;
  reason: string;
  source: RuleSource;
  maxDistanceKm: number | null;
  notForLevels: ReadonlySet<ReferralLevel>;
}

/** The rules in force for one region at one moment, each with its origin. */
export interface ResolvedRegionRules {
  regionId: RegionId | null;
  /** "Region Skåne", or "Nationell standard" when no region layer was given. */
  regionName: string;
  /** The instant the rules were resolved for, and its period in Swedish time. */
  at: Date;
  period: RulePeriod;
  levels: Readonly<Record<ReferralLevel, Traced<readonly CareType[]>>>;
  fallbackByLevel: Readonly<Record<ReferralLevel, Traced<readonly CareType[]>>>;
  maxDistanceKm: Traced<number>;
  preferListedUnitForLevels: Traced<readonly ReferralLevel[]>;
  unitOverrides: ReadonlyMap<string, ResolvedUnitOverride>;
  /** The layers that were combined, most general first. */
  layers: readonly Omit<RuleSource, 'path'>[];
}

/** The period of the week at `at`, in Swedish time. */
export function rulePeriodAt(at: Date): RulePeriod {
  const wall = toStockholmWallClock(at);
  if (wall.hour >= 22 || wall.hour < 8) return 'night';
  if (wall.weekday === 0 || wall.weekday === 6 || swedishHolidayAt(at) !== null) return 'weekend';
  return wall.hour < 17 ? 'office' : 'evening';
}

function pickPeriod(
  rule: LevelRule | undefined,
  period: RulePeriod,
): { list: CareType[]; key: string } | null {
  if (rule === undefined) return null;
  const specific = rule[period];
  if (specific) return { list: specific, key: `.${period}` };
  if (rule.all) return { list: rule.all, key: '.all' };
  return null;
}

interface LayerRef {
  layer: 'national' | 'region';
  id: string;
  version: number;
}

/**
 * Combines the national default with a region's layer (and its unit overrides) for the period at `at`.
 * The region wins wherever it says something; for each level the most specific list wins (region
 * period, region "all", national period, national "all").
 */
export function resolveRegionRules(
  national: NationalRules,
  region: RegionRules | null | undefined,
  at: Date,
): ResolvedRegionRules {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new RangeError('resolveRegionRules: "at" must be a valid date');
  }
  const period = rulePeriodAt(at);
  const nationalRef: LayerRef = { layer: 'national', id: 'national', version: national.version };
  const regionRef: LayerRef | null = region
    ? { layer: 'region', id: region.regionId, version: region.version }
    : null;
  const traced = <T>(ref: LayerRef, path: string, value: T): Traced<T> => ({
    value,
    source: { ...ref, path },
  });

  const resolveLevel = (
    pick: (layer: NationalRules | RegionRules) => LevelRule | undefined,
    pathPrefix: string,
    key: LevelKey,
  ): Traced<readonly CareType[]> => {
    if (region && regionRef) {
      const chosen = pickPeriod(pick(region), period);
      if (chosen) return traced(regionRef, `${pathPrefix}.${key}${chosen.key}`, chosen.list);
    }
    const chosen = pickPeriod(pick(national), period);
    if (!chosen) throw new Error(`national rules have no care types for level ${key} (${period})`);
    return traced(nationalRef, `${pathPrefix}.${key}${chosen.key}`, chosen.list);
  };

  const levels = {} as Record<ReferralLevel, Traced<readonly CareType[]>>;
  const fallbackByLevel = {} as Record<ReferralLevel, Traced<readonly CareType[]>>;
  const regionFallback = region?.fallback;
  for (const level of REFERRAL_LEVELS) {
    const key = String(level) as LevelKey;
    levels[level] = resolveLevel((layer) => layer.levels?.[key], 'levels', key);
    // Fallback: a per-level list in the region, then the region's general list, then the national ones.
    const regionByLevel = regionRef ? pickPeriod(regionFallback?.byLevel?.[key], period) : null;
    const nationalByLevel = pickPeriod(national.fallback.byLevel?.[key], period);
    if (regionRef && regionByLevel) {
      fallbackByLevel[level] = traced(
        regionRef,
        `fallback.byLevel.${key}${regionByLevel.key}`,
        regionByLevel.list,
      );
    } else if (regionRef && regionFallback) {
      fallbackByLevel[level] = traced(regionRef, 'fallback.careTypes', regionFallback.careTypes);
    } else if (nationalByLevel) {
      fallbackByLevel[level] = traced(
        nationalRef,
        `fallback.byLevel.${key}${nationalByLevel.key}`,
        nationalByLevel.list,
      );
    } else {
      fallbackByLevel[level] = traced(nationalRef, 'fallback.careTypes', national.fallback.careTypes);
    }
  }

  const maxDistanceKm =
    regionRef && region?.maxDistanceKm !== undefined
      ? traced(regionRef, 'maxDistanceKm', region.maxDistanceKm)
      : traced(nationalRef, 'maxDistanceKm', national.maxDistanceKm);
  const preferListedUnitForLevels =
    regionRef && region?.preferListedUnitForLevels !== undefined
      ? traced(
          regionRef,
          'preferListedUnitForLevels',
          region.preferListedUnitForLevels as readonly ReferralLevel[],
        )
      : traced(
          nationalRef,
          'preferListedUnitForLevels',
          national.preferListedUnitForLevels as readonly ReferralLevel[],
        );

  const unitOverrides = new Map<string, ResolvedUnitOverride>();
  for (const [hsaId, override] of Object.entries(region?.units ?? {})) {
    unitOverrides.set(hsaId, {
      hsaId,
      reason: override.reason,
      source: { layer: 'unit', id: hsaId, version: override.version, path: `units.${hsaId}` },
      maxDistanceKm: override.maxDistanceKm ?? null,
      notForLevels: new Set(override.notForLevels ?? []),
    });
  }

  const layers: Omit<RuleSource, 'path'>[] = [nationalRef];
  if (regionRef) layers.push(regionRef);
  for (const override of unitOverrides.values()) {
    layers.push({ layer: 'unit', id: override.hsaId, version: override.source.version });
  }

  return {
    regionId: region?.regionId ?? null,
    regionName: region ? REGION_NAMES[region.regionId] : 'Nationell standard',
    at,
    period,
    levels,
    fallbackByLevel,
    maxDistanceKm,
    preferListedUnitForLevels,
    unitOverrides,
    layers,
  };
}

/** "nationell v3, levels.3.night" — a short trace label for notes and logs (no patient data in it). */
export function describeRuleSource(source: RuleSource): string {
  const layer =
    source.layer === 'national'
      ? 'nationell'
      : source.layer === 'region'
        ? `region ${source.id}`
        : `enhet ${source.id}`;
  return `${layer} v${source.version}, ${source.path}`;
}
