// Turns the ranking's results (Dates, shared objects, lazy exclusions) into the plain views the bridge contract sends.
import type {
  ExclusionView,
  FallbackView,
  LocalityView,
  RuleSourceView,
  SuggestionView,
  UnitView,
} from '../../../core/api/referral';
import {
  CARE_TYPE_LABELS,
  REGION_NAMES,
  type CareUnit,
  type GeoPoint,
  type RegionId,
} from '../../../core/referral/catalog';
import { distanceKm } from '../../../core/referral/distance';
import type { Locality } from '../../../core/referral/localities';
import { parseOpeningHours } from '../../../core/referral/openingHours';
import {
  EXCLUSION_CRITERION_LABELS,
  type CareUnitExclusion,
  type CareUnitSuggestion,
  type ReferralFallback,
} from '../../../core/referral/rank';
import type { RuleSource } from '../../../core/referral/regionConfig';
import { toStockholmWallClock } from '../../../core/referral/stockholmTime';

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "Gotland", "Jönköpings län": the region's name without "Region". */
export function shortRegionName(regionId: string): string {
  const name = (REGION_NAMES as Record<string, string>)[regionId] ?? regionId;
  return name.replace(/^Region /, '');
}

/** "Regional regel Gotland v2", "Nationell standard v1", "Enhetsregel SE…-D1 v1". */
export function ruleSourceView(source: RuleSource): RuleSourceView {
  const label =
    source.layer === 'national'
      ? { sv: `Nationell standard v${source.version}`, en: `National default v${source.version}` }
      : source.layer === 'region'
        ? {
            sv: `Regional regel ${shortRegionName(source.id)} v${source.version}`,
            en: `Regional rule ${shortRegionName(source.id)} v${source.version}`,
          }
        : {
            sv: `Enhetsregel ${source.id} v${source.version}`,
            en: `Unit rule ${source.id} v${source.version}`,
          };
  return { ...source, label };
}

/**
 * Today's opening hours in Swedish time, e.g. "08:00–17:00", "08:00–12:00, 13:00–17:00", "dygnet runt"
 * or "stängt i dag". Holidays and aftnar count, as in the ranking.
 */
export function todayHours(openingHours: string, at: Date): { sv: string; en: string } {
  const wall = toStockholmWallClock(at);
  // Frame dates: local fields show Swedish wall-clock time (see core/referral/stockholmTime.ts).
  const start = new Date(wall.year, wall.month - 1, wall.day).getTime();
  const end = new Date(wall.year, wall.month - 1, wall.day + 1).getTime();
  const open = parseOpeningHours(openingHours).openIntervalsInFrame(start, end);
  if (open.length === 0) return { sv: 'stängt i dag', en: 'closed today' };
  if (open.length === 2 && open[0] === start && open[1] === end) {
    return { sv: 'dygnet runt', en: 'around the clock' };
  }
  const clock = (frame: number) => {
    if (frame >= end) return '24:00';
    const date = new Date(frame);
    return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
  };
  const spans: string[] = [];
  for (let i = 0; i < open.length; i += 2) spans.push(`${clock(open[i]!)}–${clock(open[i + 1]!)}`);
  const text = spans.join(', ');
  return { sv: text, en: text };
}

export function unitView(unit: CareUnit, at: Date): UnitView {
  return {
    hsaId: unit.hsaId,
    name: unit.name,
    careType: unit.careType,
    careTypeLabel: CARE_TYPE_LABELS[unit.careType],
    regionId: unit.regionId,
    address: { ...unit.address },
    location: { ...unit.location },
    phone: unit.phone,
    openingHours: unit.openingHours,
    todayHours: todayHours(unit.openingHours, at),
    competences: [...unit.competences],
    ageYears: { ...unit.ageYears },
    listedPatientsOnly: unit.listedPatientsOnly,
    access: unit.access,
    demo: unit.demo,
  };
}

export function suggestionView(suggestion: CareUnitSuggestion, at: Date): SuggestionView {
  return {
    unit: unitView(suggestion.unit, at),
    distanceKm: suggestion.distanceKm,
    preferenceRank: suggestion.preferenceRank,
    openNow: suggestion.openNow,
    opensAt: suggestion.opensAt?.toISOString() ?? null,
    closesAt: suggestion.closesAt?.toISOString() ?? null,
    capacity: suggestion.capacity,
    ruleSource: suggestion.ruleSource ? ruleSourceView(suggestion.ruleSource) : null,
    reasons: suggestion.reasons.map((reason) => ({ ...reason })),
  };
}

export function fallbackView(fallback: ReferralFallback, at: Date): FallbackView {
  return {
    unit: unitView(fallback.unit, at),
    distanceKm: fallback.distanceKm,
    closesAt: fallback.closesAt?.toISOString() ?? null,
    ruleSource: ruleSourceView(fallback.ruleSource),
    reason: { ...fallback.reason },
  };
}

/** Every excluded unit with the first criterion it failed, nearest first (the ones a nurse would ask about). */
export function exclusionViews(excluded: readonly CareUnitExclusion[], patient: GeoPoint): ExclusionView[] {
  return excluded
    .map(({ unit, failed }) => ({
      unit: {
        hsaId: unit.hsaId,
        name: unit.name,
        careType: unit.careType,
        careTypeLabel: CARE_TYPE_LABELS[unit.careType],
        locality: unit.address.locality,
      },
      distanceKm: distanceKm(patient, unit.location),
      criterion: failed.criterion,
      criterionLabel: EXCLUSION_CRITERION_LABELS[failed.criterion],
      reason: { sv: failed.sv, en: failed.en },
    }))
    .sort((a, b) => a.distanceKm - b.distanceKm || a.unit.name.localeCompare(b.unit.name, 'sv'));
}

export function localityView(locality: Locality): LocalityView {
  return {
    name: locality.name,
    municipality: locality.municipality,
    regionId: locality.regionId,
    regionName: REGION_NAMES[locality.regionId as RegionId],
    location: { ...locality.location },
  };
}
