// The referral ranking's request and result: criteria, reasons, suggestions, exclusions and the fallback.
import type { CareLevel, DispositionLevel } from '../../triage/dispositionLadder';
import type { CapacityState, CareUnit, Competence, GeoPoint } from '../catalog';
import type { ResolvedRegionRules, RuleSource } from '../regionConfig';
import type { CareUnitIndex } from './careUnitIndex';

export const DEFAULT_SUGGESTION_LIMIT = 5;

/** The criteria, in the order they are applied. */
export const EXCLUSION_CRITERIA = [
  'care-type',
  'competence',
  'age',
  'listing',
  'open',
  'capacity',
  'distance',
] as const;
export type ExclusionCriterion = (typeof EXCLUSION_CRITERIA)[number];

export const EXCLUSION_CRITERION_LABELS: Readonly<Record<ExclusionCriterion, { sv: string; en: string }>> = {
  'care-type': { sv: 'Vårdnivå', en: 'Care type' },
  competence: { sv: 'Kompetens', en: 'Competence' },
  age: { sv: 'Ålder', en: 'Age' },
  listing: { sv: 'Listning', en: 'Listing' },
  open: { sv: 'Öppettider', en: 'Opening hours' },
  capacity: { sv: 'Kapacitet', en: 'Capacity' },
  distance: { sv: 'Avstånd', en: 'Distance' },
};

/** One reason, Swedish first. `code` is stable for the UI and for statistics. */
export interface ReferralReason {
  code: string;
  sv: string;
  en: string;
}

export interface ReferralPatient {
  /** Age in years (may be fractional for infants); unknown age fails units with age limits. */
  ageYears?: number;
  location: GeoPoint;
  /** HSA-id of the vårdcentral the patient is listed at, if known. */
  listedUnitHsaId?: string;
  needs?: readonly Competence[];
}

export interface ReferralDisposition {
  level: DispositionLevel;
  /**
   * A care type named by the protocol or the nurse (e.g. tandvardsjour). Replaces the regional list
   * for the level; leave it out to let the region's rules decide.
   */
  careLevel?: CareLevel;
}

export interface RankRequest {
  units: readonly CareUnit[] | CareUnitIndex;
  rules: ResolvedRegionRules;
  disposition: ReferralDisposition;
  patient: ReferralPatient;
  now: Date;
  /** How many suggestions to return (default 5). */
  limit?: number;
}

export interface CareUnitSuggestion {
  unit: CareUnit;
  /** Straight-line distance; null for units that come to the patient or meet them online. */
  distanceKm: number | null;
  /** Position of the unit's care type in the region's preference list (1 = first choice). */
  preferenceRank: number;
  openNow: boolean;
  /** Set when the unit is closed now but opens within the time frame. */
  opensAt?: Date;
  /** When the unit closes after the patient can arrive; absent when open for more than a week (24/7). */
  closesAt?: Date;
  capacity: CapacityState;
  /** Which rule made the care type fit (null when the disposition named the care level). */
  ruleSource: RuleSource | null;
  reasons: ReferralReason[];
}

/** A unit left out, with the first criterion it failed. Shared between results: treat as read-only. */
export interface CareUnitExclusion {
  readonly unit: CareUnit;
  readonly failed: { readonly criterion: ExclusionCriterion; readonly sv: string; readonly en: string };
}

/** The first criterion a unit failed, in both languages; one object per distinct reason. */
export type FailedCriterion = CareUnitExclusion['failed'];

export interface ReferralFallback {
  unit: CareUnit;
  distanceKm: number;
  closesAt?: Date;
  ruleSource: RuleSource;
  reason: ReferralReason;
}

export interface RankResult {
  suggestions: CareUnitSuggestion[];
  /** Every unit that did not fit, in catalog order, each with the first criterion it failed. */
  excluded: CareUnitExclusion[];
  /** Offered only when no unit fits. */
  fallback: ReferralFallback | null;
  /** A message for the whole result: egenvård, call 112, or no fallback found. */
  notice: ReferralReason | null;
  /** Units that fit, including those beyond `limit`. */
  eligibleCount: number;
}

/** A request the ranking cannot answer; the message says what is wrong. */
export class ReferralInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferralInputError';
  }
}
