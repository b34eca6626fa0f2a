// Explainable ranking of care units for a disposition: which units fit this patient now, and why others do not.
//
// Works like a directory-of-services search. Each unit is tested against the criteria below in this
// order, and an excluded unit names the FIRST criterion it failed:
//   1. care type fits the disposition level under the region's rules (or the explicit care level),
//   2. it has the competences the patient needs, 3. age limits, 4. listed-patients-only units take only
//   their own listed patients, 5. open within the disposition's time frame and not closing within 30
//   minutes of arrival, 6. capacity not red, 7. within the maximum distance (units that come to the
//   patient or meet them online instead serve their own region).
// Units that pass are sorted by the region's preference for their care type, then (where the rules say
// so) the patient's own vårdcentral first, then by distance. When nothing passes, the nearest open
// akutmottagning (or the region's fallback type) is offered with an explicit reason.
// Pure: no clock, no I/O; `now` is an argument.
//
// Speed (p99 under 5 ms for 10,000 units, see bench/referral.bench.ts): units are prepared once
// (opening hours parsed, coordinates in radians); opening hours are evaluated once per distinct
// schedule per call; each distinct exclusion reason is built once and units record only its number;
// the exclusion list itself is built when first read (the nurse opens it on demand); only the best
// `limit` units are kept in order. The loop over units allocates nothing.
import {
  DISPOSITION_LADDER,
  isDispositionLevel,
  type CareLevel,
  type DispositionLevel,
} from '../triage/dispositionLadder';
import {
  CARE_TYPE_LABELS,
  CARE_TYPES,
  COMPETENCE_LABELS,
  REGION_NAMES,
  REMOTE_CARE_TYPES,
  type CapacityState,
  type CareType,
  type CareUnit,
  type Competence,
  type GeoPoint,
  type RegionId,
} from './catalog';
import { EARTH_RADIUS_KM, haversineKm } from './distance';
import {
  earliestVisitInFrame,
  MINIMUM_STAY_MINUTES,
  parseOpeningHours,
  type OpeningSchedule,
} from './openingHours';
import {
  RULE_PERIOD_LABELS,
  type ReferralLevel,
  type ResolvedRegionRules,
  type RuleSource,
} from './regionConfig';
import { formatStockholmTime, fromStockholmFrame, localFrameKey, toStockholmFrame } from './stockholmTime';

const MINUTE_MS = 60_000;
const RAD = Math.PI / 180;
/** How far ahead a closing time is looked up for display; open longer than this reads "dygnet runt". */
const CLOSING_LOOKAHEAD_MS = 8 * 86_400_000;
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

const CARE_TYPE_INDEX = new Map<CareType, number>(CARE_TYPES.map((type, i) => [type, i]));

interface PreparedUnit {
  readonly unit: CareUnit;
  readonly schedule: OpeningSchedule;
  readonly latRad: number;
  readonly lonRad: number;
  readonly typeIndex: number;
  readonly remote: boolean;
  readonly hasAgeLimit: boolean;
  readonly ageMin: number;
  readonly ageMax: number;
  /** Capacity expiry in ms, or +Infinity when it does not expire. */
  readonly capacityExpiresMs: number;
  readonly capacityStatus: CapacityState;
  readonly listedPatientsOnly: boolean;
  /** Shared by all units with the same opening hours: evaluated once per ranking call. */
  readonly visit: VisitMemo;
}

/** Opening-hours verdict for one schedule in one ranking call (`call` says which). */
interface VisitMemo {
  call: number;
  /** Earliest arrival (frame ms) open for 30 minutes, or NaN when none within the time frame. */
  arrival: number;
  openNow: boolean;
}

const visitMemoBySchedule = new WeakMap<OpeningSchedule, VisitMemo>();
let rankingCall = 0;

function visitMemoFor(schedule: OpeningSchedule): VisitMemo {
  let memo = visitMemoBySchedule.get(schedule);
  if (!memo) {
    memo = { call: 0, arrival: Number.NaN, openNow: false };
    visitMemoBySchedule.set(schedule, memo);
  }
  return memo;
}

/** A catalog prepared for repeated ranking: opening hours parsed, coordinates in radians. */
export interface CareUnitIndex {
  readonly units: readonly CareUnit[];
  readonly prepared: readonly PreparedUnit[];
}

const preparedByUnit = new WeakMap<CareUnit, PreparedUnit>();
const indexByArray = new WeakMap<readonly CareUnit[], CareUnitIndex>();

function prepareUnit(unit: CareUnit): PreparedUnit {
  let prepared = preparedByUnit.get(unit);
  if (!prepared) {
    const { min, max } = unit.ageYears;
    const schedule = parseOpeningHours(unit.openingHours);
    prepared = {
      unit,
      schedule,
      visit: visitMemoFor(schedule),
      latRad: unit.location.lat * RAD,
      lonRad: unit.location.lon * RAD,
      typeIndex: CARE_TYPE_INDEX.get(unit.careType) ?? -1,
      remote: REMOTE_CARE_TYPES.has(unit.careType),
      hasAgeLimit: min !== undefined || max !== undefined,
      ageMin: min ?? 0,
      ageMax: max ?? Number.POSITIVE_INFINITY,
      capacityStatus: unit.capacity?.status ?? 'unknown',
      listedPatientsOnly: unit.listedPatientsOnly,
      capacityExpiresMs:
        unit.capacity?.expiresAt != null ? Date.parse(unit.capacity.expiresAt) : Number.POSITIVE_INFINITY,
    };
    if (prepared.typeIndex < 0)
      throw new ReferralInputError(`unit ${unit.hsaId} has unknown care type ${unit.careType}`);
    preparedByUnit.set(unit, prepared);
  }
  return prepared;
}

/**
 * Prepares validated units for ranking. Do it once per catalog version; rankCareUnits also accepts the
 * plain array and prepares (and remembers) it itself. Units must not be mutated afterwards.
 */
export function indexCareUnits(units: readonly CareUnit[]): CareUnitIndex {
  let index = indexByArray.get(units);
  if (!index) {
    index = { units, prepared: units.map(prepareUnit) };
    indexByArray.set(units, index);
  }
  return index;
}

const PREFERENCE_WORDS_SV = ['förstahandsval', 'andrahandsval', 'tredjehandsval'];
const PREFERENCE_WORDS_EN = ['first choice', 'second choice', 'third choice'];

function km(value: number): string {
  return value < 10 ? value.toFixed(1).replace('.', ',') : value.toFixed(0);
}
function kmEn(value: number): string {
  return value < 10 ? value.toFixed(1) : value.toFixed(0);
}

function ageRange(min: number | undefined, max: number | undefined): { sv: string; en: string } {
  if (min !== undefined && max !== undefined) return { sv: `${min}–${max} år`, en: `${min}–${max} years` };
  if (min !== undefined) return { sv: `från ${min} år`, en: `${min} years and over` };
  return { sv: `upp till ${max} år`, en: `up to ${max} years` };
}

/** Age limits are whole years, inclusive: a 17.9-year-old is 17 and fits "up to 17". */
function fitsAge(prepared: PreparedUnit, age: number | undefined): boolean {
  return age !== undefined && age >= prepared.ageMin && Math.floor(age) <= prepared.ageMax;
}

function validate(request: RankRequest): void {
  const { disposition, patient, now, limit, rules } = request;
  if (!disposition || !isDispositionLevel(disposition.level)) {
    throw new ReferralInputError(`disposition.level must be 1–6, got ${String(disposition?.level)}`);
  }
  if (
    disposition.careLevel !== undefined &&
    disposition.careLevel !== 'egenvard' &&
    !CARE_TYPE_INDEX.has(disposition.careLevel)
  ) {
    throw new ReferralInputError(
      `disposition.careLevel "${String(disposition.careLevel)}" is not a known care level`,
    );
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new ReferralInputError('now must be a valid date');
  }
  const loc = patient?.location;
  if (
    !loc ||
    !Number.isFinite(loc.lat) ||
    !Number.isFinite(loc.lon) ||
    Math.abs(loc.lat) > 90 ||
    Math.abs(loc.lon) > 180
  ) {
    throw new ReferralInputError('patient.location must have lat (−90…90) and lon (−180…180)');
  }
  if (
    patient.ageYears !== undefined &&
    (!Number.isFinite(patient.ageYears) || patient.ageYears < 0 || patient.ageYears > 130)
  ) {
    throw new ReferralInputError(
      `patient.ageYears must be between 0 and 130, got ${String(patient.ageYears)}`,
    );
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) {
    throw new ReferralInputError(`limit must be a whole number from 1 to 1000, got ${String(limit)}`);
  }
  if (!rules || !rules.levels || !rules.maxDistanceKm) {
    throw new ReferralInputError('rules must come from resolveRegionRules');
  }
}

interface EligibleUnit {
  prepared: PreparedUnit;
  position: number;
  distance: number;
  rank: number;
  listedFirst: boolean;
  arrival: number;
  capacity: CapacityState;
}

/** Per-call state of the filter; one object, so the loop over units needs no closures. */
class UnitFilter {
  readonly hasOverrides: boolean;
  /** Result slots written by `firstFailure` for a unit that passes. */
  distance = 0;
  arrival = 0;
  capacity: CapacityState = 'unknown';

  constructor(
    readonly call: number,
    readonly texts: FailureTexts,
    readonly level: ReferralLevel,
    readonly overrides: ResolvedRegionRules['unitOverrides'],
    readonly needs: readonly Competence[],
    readonly age: number | undefined,
    readonly listed: string | undefined,
    readonly nowMs: number,
    readonly nowFrame: number,
    readonly latestFrame: number,
    readonly stayMs: number,
    readonly frameKey: string,
    readonly ownRegion: RegionId | null,
    readonly maxDistanceKm: number,
    readonly pLat: number,
    readonly pLon: number,
  ) {
    this.hasOverrides = overrides.size > 0;
  }

  /** Opening hours are the costly criterion: evaluated once per distinct schedule per call. */
  visit(prepared: PreparedUnit): VisitMemo {
    const memo = prepared.visit;
    if (memo.call !== this.call) {
      const arrival = prepared.schedule.earliestVisitInFrame(
        this.nowFrame,
        this.latestFrame,
        this.stayMs,
        this.frameKey,
      );
      memo.arrival = arrival ?? Number.NaN;
      memo.openNow =
        arrival === this.nowFrame || prepared.schedule.isOpenInFrame(this.nowFrame, this.frameKey);
      memo.call = this.call;
    }
    return memo;
  }

  /** Criteria 2–7 for a unit whose care type fits: the number of the first reason it fails, or 0 (fits). */
  firstFailure(prepared: PreparedUnit): number {
    const unit = prepared.unit;
    const override = this.hasOverrides ? this.overrides.get(unit.hsaId) : undefined;
    if (override !== undefined && override.notForLevels.has(this.level)) {
      return this.texts.notForLevel(override.reason);
    }

    // 2. Competence.
    const needs = this.needs;
    if (needs.length > 0) {
      let missing: Competence[] | null = null;
      for (let i = 0; i < needs.length; i++) {
        if (!unit.competences.includes(needs[i]!)) (missing ??= []).push(needs[i]!);
      }
      if (missing !== null) return this.texts.competence(missing);
    }

    // 3. Age limits.
    if (prepared.hasAgeLimit && !fitsAge(prepared, this.age)) {
      return this.texts.age(unit.ageYears.min, unit.ageYears.max);
    }

    // 4. Listed patients only.
    if (prepared.listedPatientsOnly && this.listed !== unit.hsaId) return this.texts.listing();

    // 5. Open within the time frame, for at least 30 minutes after arrival.
    const visit = this.visit(prepared);
    if (Number.isNaN(visit.arrival)) return this.texts.closed(visit.openNow);
    this.arrival = visit.arrival;

    // 6. Capacity (an expired status is unknown and counts as green).
    const capacity: CapacityState =
      prepared.capacityStatus === 'unknown' || prepared.capacityExpiresMs <= this.nowMs
        ? 'unknown'
        : prepared.capacityStatus;
    if (capacity === 'red') return this.texts.capacityRed(prepared.capacityExpiresMs);
    this.capacity = capacity;

    // 7. Distance, or for units that come to the patient / meet online: their own region.
    if (prepared.remote) {
      this.distance = haversineKm(this.pLat, this.pLon, prepared.latRad, prepared.lonRad);
      return this.ownRegion !== null && unit.regionId !== this.ownRegion
        ? this.texts.otherRegion(unit.regionId)
        : 0;
    }
    const limitKm = override?.maxDistanceKm ?? this.maxDistanceKm;
    // The north–south gap alone is a lower bound of the distance: most far units need no trigonometry.
    if (Math.abs(prepared.latRad - this.pLat) * EARTH_RADIUS_KM > limitKm) return this.texts.tooFar(limitKm);
    this.distance = haversineKm(this.pLat, this.pLon, prepared.latRad, prepared.lonRad);
    return this.distance > limitKm ? this.texts.tooFar(limitKm) : 0;
  }
}

/**
 * Exclusions are what the nurse opens on demand, so they are materialised only when read: the ranking
 * records one shared reason per unit, and the `excluded` property builds the list on first access.
 */
function defineExclusions(
  result: Omit<RankResult, 'excluded'>,
  prepared: readonly PreparedUnit[],
  reasonByUnit: Uint16Array,
  reasons: readonly Failed[],
): RankResult {
  let excluded: CareUnitExclusion[] | null = null;
  Object.defineProperty(result, 'excluded', {
    enumerable: true,
    configurable: true,
    get(): CareUnitExclusion[] {
      if (excluded === null) {
        excluded = [];
        for (let i = 0; i < prepared.length; i++) {
          const reason = reasonByUnit[i]!;
          if (reason !== 0) excluded.push({ unit: prepared[i]!.unit, failed: reasons[reason]! });
        }
      }
      return excluded;
    },
  });
  return result as RankResult;
}

/** Ranks the catalog for one patient and disposition. See the file comment for the order of criteria. */
export function rankCareUnits(request: RankRequest): RankResult {
  validate(request);
  const { rules, disposition, patient, now } = request;
  const limit = request.limit ?? DEFAULT_SUGGESTION_LIMIT;
  const level = disposition.level;
  const index = Array.isArray(request.units)
    ? indexCareUnits(request.units as readonly CareUnit[])
    : (request.units as CareUnitIndex);

  if (level === 6 || disposition.careLevel === 'egenvard') {
    return {
      suggestions: [],
      excluded: [],
      fallback: null,
      eligibleCount: 0,
      notice: {
        code: 'self-care',
        sv: 'Egenvård: ingen vårdenhet behövs nu. Ge egenvårdsråd och be patienten ringa igen om det blir sämre.',
        en: 'Self-care: no care unit is needed now. Give self-care advice and ask the patient to call again if worse.',
      },
    };
  }
  const referralLevel = level as ReferralLevel;
  const step = DISPOSITION_LADDER[level];
  const levelSv = `${step.label.sv} (${level})`;
  const levelEn = `${step.label.en} (${level})`;
  const periodLabel = RULE_PERIOD_LABELS[rules.period];

  // Which care types fit, in order of preference, and where that came from.
  const namedCareType = disposition.careLevel as CareType | undefined;
  const careTypes: readonly CareType[] = namedCareType ? [namedCareType] : rules.levels[referralLevel].value;
  const ruleSource: RuleSource | null = namedCareType ? null : rules.levels[referralLevel].source;
  const preferenceByType = new Int32Array(CARE_TYPES.length);
  careTypes.forEach((type, i) => {
    preferenceByType[CARE_TYPE_INDEX.get(type)!] = i + 1;
  });

  const nowMs = now.getTime();
  const timeFrameMinutes = step.timeFrameMinutes ?? 0;
  const age = patient.ageYears;
  const listed = patient.listedUnitHsaId;
  const texts = new FailureTexts(
    rules,
    referralLevel,
    levelSv,
    levelEn,
    periodLabel,
    namedCareType,
    step.timeFrameText,
    listed,
    age,
    now,
  );
  const filter = new UnitFilter(
    ++rankingCall,
    texts,
    referralLevel,
    rules.unitOverrides,
    patient.needs ?? [],
    age,
    listed,
    nowMs,
    toStockholmFrame(now).getTime(),
    toStockholmFrame(new Date(nowMs + timeFrameMinutes * MINUTE_MS)).getTime(),
    MINIMUM_STAY_MINUTES * MINUTE_MS,
    localFrameKey(),
    rules.regionId,
    rules.maxDistanceKm.value,
    patient.location.lat * RAD,
    patient.location.lon * RAD,
  );
  const preferListed = listed !== undefined && rules.preferListedUnitForLevels.value.includes(referralLevel);

  // Only the best `limit` units are kept, in order (a partial sort: most catalogs have far more fits).
  const top: EligibleUnit[] = [];
  let eligibleCount = 0;
  const prepared = index.prepared;
  // Per unit: 0 = fits, otherwise the number of its reason in texts.reasons (no object per unit).
  const reasonByUnit = new Uint16Array(prepared.length);
  for (let position = 0; position < prepared.length; position++) {
    const unit = prepared[position]!;
    const rank = preferenceByType[unit.typeIndex]!;
    // 1. Care type; then 2–7.
    const reason = rank === 0 ? texts.careType(unit.typeIndex) : filter.firstFailure(unit);
    if (reason !== 0) {
      reasonByUnit[position] = reason;
      continue;
    }
    eligibleCount++;
    const listedFirst = preferListed && unit.unit.hsaId === listed;
    const distance = filter.distance;
    if (top.length === limit && !ranksBefore(rank, listedFirst, distance, position, top[limit - 1]!))
      continue;
    const entry: EligibleUnit = {
      prepared: unit,
      position,
      distance,
      rank,
      listedFirst,
      arrival: filter.arrival,
      capacity: filter.capacity,
    };
    let at = top.length;
    while (at > 0 && ranksBefore(rank, listedFirst, distance, position, top[at - 1]!)) at--;
    top.splice(at, 0, entry);
    if (top.length > limit) top.pop();
  }

  const describe: DescribeContext = {
    now,
    nowFrame: filter.nowFrame,
    frameKey: filter.frameKey,
    levelSv,
    levelEn,
    periodLabel,
    rules,
    ruleSource,
    patient,
    level: referralLevel,
  };
  const suggestions: CareUnitSuggestion[] = [];
  for (const entry of top) suggestions.push(describeSuggestion(entry, describe));

  let fallback: ReferralFallback | null = null;
  let notice: ReferralReason | null =
    level === 1 ? { code: 'call-112', sv: 'Ring 112 nu.', en: 'Call 112 now.' } : null;
  if (suggestions.length === 0) {
    fallback = findFallback(index, {
      now,
      nowFrame: filter.nowFrame,
      frameKey: filter.frameKey,
      stayMs: filter.stayMs,
      pLat: filter.pLat,
      pLon: filter.pLon,
      age,
      rules,
      level: referralLevel,
      levelSv,
      levelEn,
    });
    if (!fallback) {
      notice = {
        code: 'no-fallback',
        sv: 'Ingen enhet passar och ingen öppen akutmottagning finns i katalogen. Vid fara: ring 112.',
        en: 'No unit fits and no open emergency department is in the catalog. If in danger: call 112.',
      };
    }
  }

  return defineExclusions(
    { suggestions, fallback, notice, eligibleCount },
    prepared,
    reasonByUnit,
    texts.reasons,
  );
}

/** Region's preference first, then (where the rules say so) the listed unit, then the nearest, then catalog order. */
function ranksBefore(
  rank: number,
  listedFirst: boolean,
  distance: number,
  position: number,
  other: EligibleUnit,
): boolean {
  if (rank !== other.rank) return rank < other.rank;
  if (listedFirst !== other.listedFirst) return listedFirst;
  if (distance !== other.distance) return distance < other.distance;
  return position < other.position;
}

type Failed = CareUnitExclusion['failed'];
const EMPTY_FAILURE: Failed = Object.freeze({ criterion: 'care-type', sv: '', en: '' });

/** Exclusion texts are shared across calls: the same reason is the same object (bounded cache). */
const sharedFailures = new Map<string, Failed>();
function sharedFailure(criterion: ExclusionCriterion, sv: string, en: string): Failed {
  const key = `${criterion}\u0000${sv}\u0000${en}`;
  let failed = sharedFailures.get(key);
  if (!failed) {
    if (sharedFailures.size > 10_000) sharedFailures.clear();
    failed = Object.freeze({ criterion, sv, en });
    sharedFailures.set(key, failed);
  }
  return failed;
}

/**
 * Exclusion reasons for one ranking. Each distinct reason is built once and gets a small number; the
 * ranking records that number per unit. Unit-specific figures are left out of the texts (the unit is in
 * the exclusion), so thousands of units share a handful of reasons.
 */
class FailureTexts {
  /** The distinct reasons used in this ranking; number 0 is unused (it means "fits"). */
  readonly reasons: Failed[] = [EMPTY_FAILURE];
  private readonly byCareType = new Int32Array(CARE_TYPES.length);
  private readonly byKey = new Map<string, number>();
  private readonly tooFarByLimit = new Map<number, number>();
  private readonly otherRegionById = new Map<RegionId, number>();
  private readonly ageByLimits = new Map<number, number>();
  private listingReason = 0;
  private closedReason = 0;
  private closingSoonReason = 0;

  constructor(
    private readonly rules: ResolvedRegionRules,
    private readonly level: ReferralLevel,
    private readonly levelSv: string,
    private readonly levelEn: string,
    private readonly periodLabel: { sv: string; en: string },
    private readonly namedCareType: CareType | undefined,
    private readonly timeFrameText: { sv: string; en: string },
    private readonly listed: string | undefined,
    private readonly patientAge: number | undefined,
    private readonly now: Date,
  ) {}

  private add(criterion: ExclusionCriterion, sv: string, en: string): number {
    if (this.reasons.length > 0xffff) throw new Error('too many distinct exclusion reasons in one ranking');
    this.reasons.push(sharedFailure(criterion, sv, en));
    return this.reasons.length - 1;
  }

  careType(typeIndex: number): number {
    const known = this.byCareType[typeIndex]!;
    if (known !== 0) return known;
    const label = CARE_TYPE_LABELS[CARE_TYPES[typeIndex]!];
    let n: number;
    if (this.namedCareType !== undefined) {
      const named = CARE_TYPE_LABELS[this.namedCareType];
      n = this.add(
        'care-type',
        `${label.sv}: bedömningen anger ${named.sv.toLowerCase()}`,
        `${label.en}: the assessment names ${named.en.toLowerCase()}`,
      );
    } else {
      n = this.add(
        'care-type',
        `${label.sv} används inte för ${this.levelSv} under ${this.periodLabel.sv} enligt ${this.rules.regionName}`,
        `${label.en} is not used for ${this.levelEn} during ${this.periodLabel.en} under ${this.rules.regionName} rules`,
      );
    }
    this.byCareType[typeIndex] = n;
    return n;
  }

  notForLevel(reason: string): number {
    const key = `level:${reason}`;
    let n = this.byKey.get(key);
    if (n === undefined) {
      n = this.add(
        'care-type',
        `Enheten tar inte emot ${this.levelSv}: ${reason}`,
        `The unit does not take ${this.levelEn}: ${reason}`,
      );
      this.byKey.set(key, n);
    }
    return n;
  }

  competence(missing: readonly Competence[]): number {
    const key = missing.length === 1 ? missing[0]! : missing.join(',');
    let n = this.byKey.get(key);
    if (n === undefined) {
      n = this.add(
        'competence',
        `Saknar ${missing.map((c) => COMPETENCE_LABELS[c].sv).join(', ')}`,
        `Lacks ${missing.map((c) => COMPETENCE_LABELS[c].en).join(', ')}`,
      );
      this.byKey.set(key, n);
    }
    return n;
  }

  age(min: number | undefined, max: number | undefined): number {
    const key = (min ?? -1) * 1000 + (max ?? -1);
    let n = this.ageByLimits.get(key);
    if (n === undefined) {
      const range = ageRange(min, max);
      n =
        this.patientAge === undefined
          ? this.add(
              'age',
              `Tar bara emot ${range.sv} och patientens ålder är okänd`,
              `Takes only patients ${range.en} and the patient's age is unknown`,
            )
          : this.add(
              'age',
              `Tar bara emot ${range.sv}; patienten är ${Math.floor(this.patientAge)} år`,
              `Takes only patients ${range.en}; the patient is ${Math.floor(this.patientAge)}`,
            );
      this.ageByLimits.set(key, n);
    }
    return n;
  }

  listing(): number {
    if (this.listingReason === 0) {
      this.listingReason =
        this.listed === undefined
          ? this.add(
              'listing',
              'Tar bara emot patienter listade här, och patientens listning är okänd',
              "Takes only patients listed here, and the patient's listing is unknown",
            )
          : this.add(
              'listing',
              'Tar bara emot patienter listade här; patienten är listad på en annan enhet',
              'Takes only patients listed here; the patient is listed elsewhere',
            );
    }
    return this.listingReason;
  }

  closed(openNow: boolean): number {
    const frame = this.timeFrameText;
    if (!openNow) {
      this.closedReason ||= this.add(
        'open',
        `Inte öppen ${frame.sv.toLowerCase()} (tidsramen för ${this.levelSv})`,
        `Not open ${frame.en.toLowerCase()} (the time frame for ${this.levelEn})`,
      );
      return this.closedReason;
    }
    this.closingSoonReason ||=
      this.level <= 2
        ? this.add(
            'open',
            `Stänger inom ${MINIMUM_STAY_MINUTES} minuter`,
            `Closes within ${MINIMUM_STAY_MINUTES} minutes`,
          )
        : this.add(
            'open',
            `Stänger inom ${MINIMUM_STAY_MINUTES} minuter och öppnar inte igen ${frame.sv.toLowerCase()}`,
            `Closes within ${MINIMUM_STAY_MINUTES} minutes and does not reopen ${frame.en.toLowerCase()}`,
          );
    return this.closingSoonReason;
  }

  capacityRed(expiresMs: number): number {
    const key = `capacity:${expiresMs}`;
    let n = this.byKey.get(key);
    if (n === undefined) {
      const until = Number.isFinite(expiresMs) ? formatStockholmTime(new Date(expiresMs), this.now) : null;
      n = this.add(
        'capacity',
        `Kapacitet röd: tar inte emot fler patienter just nu${until ? ` (till ${until.sv})` : ''}`,
        `Capacity red: not taking more patients now${until ? ` (until ${until.en})` : ''}`,
      );
      this.byKey.set(key, n);
    }
    return n;
  }

  otherRegion(regionId: RegionId): number {
    let n = this.otherRegionById.get(regionId);
    if (n === undefined) {
      n = this.add(
        'distance',
        `Tjänar bara patienter i ${REGION_NAMES[regionId]}`,
        `Serves only patients in ${REGION_NAMES[regionId]}`,
      );
      this.otherRegionById.set(regionId, n);
    }
    return n;
  }

  tooFar(limitKm: number): number {
    let n = this.tooFarByLimit.get(limitKm);
    if (n === undefined) {
      n = this.add(
        'distance',
        `Längre bort än ${km(limitKm)} km, regionens längsta avstånd`,
        `Further away than ${kmEn(limitKm)} km, the region's maximum distance`,
      );
      this.tooFarByLimit.set(limitKm, n);
    }
    return n;
  }
}

interface DescribeContext {
  now: Date;
  nowFrame: number;
  frameKey: string;
  levelSv: string;
  levelEn: string;
  periodLabel: { sv: string; en: string };
  rules: ResolvedRegionRules;
  ruleSource: RuleSource | null;
  patient: ReferralPatient;
  level: ReferralLevel;
}

function closingAfter(schedule: OpeningSchedule, fromFrame: number, frameKey: string): number | null {
  const open = schedule.openIntervalsInFrame(fromFrame, fromFrame + CLOSING_LOOKAHEAD_MS, frameKey);
  if (open.length === 0) return null;
  const end = open[1]!;
  return end >= fromFrame + CLOSING_LOOKAHEAD_MS ? null : end;
}

function describeSuggestion(entry: EligibleUnit, ctx: DescribeContext): CareUnitSuggestion {
  const { unit, schedule } = entry.prepared;
  const reasons: ReferralReason[] = [];
  const label = CARE_TYPE_LABELS[unit.careType];
  const remote = entry.prepared.remote;

  if (ctx.ruleSource === null) {
    reasons.push({
      code: 'care-type-named',
      sv: `${label.sv}: den vårdnivå bedömningen anger`,
      en: `${label.en}: the care level named by the assessment`,
    });
  } else {
    const i = entry.rank - 1;
    const version =
      ctx.ruleSource.layer === 'national'
        ? `nationell standard v${ctx.ruleSource.version}`
        : `${ctx.rules.regionName} v${ctx.ruleSource.version}`;
    reasons.push({
      code: 'care-type-preferred',
      sv: `${label.sv}: ${PREFERENCE_WORDS_SV[i] ?? `val ${entry.rank}`} för ${ctx.levelSv} under ${ctx.periodLabel.sv} (${version})`,
      en: `${label.en}: ${PREFERENCE_WORDS_EN[i] ?? `choice ${entry.rank}`} for ${ctx.levelEn} during ${ctx.periodLabel.en} (${version})`,
    });
  }
  if (ctx.level === 1 && unit.careType === 'ambulans') {
    reasons.push({
      code: 'call-112',
      sv: 'Ring 112 – ambulansen kommer till patienten',
      en: 'Call 112 – the ambulance comes to the patient',
    });
  }
  if (
    entry.listedFirst ||
    (ctx.patient.listedUnitHsaId !== undefined && ctx.patient.listedUnitHsaId === unit.hsaId)
  ) {
    reasons.push({
      code: 'listed-here',
      sv: 'Patientens listade vårdcentral',
      en: "The patient's own (listed) primary care centre",
    });
  }
  const needs = ctx.patient.needs ?? [];
  if (needs.length > 0) {
    reasons.push({
      code: 'competence',
      sv: `Har ${needs.map((c) => COMPETENCE_LABELS[c].sv).join(', ')}`,
      en: `Has ${needs.map((c) => COMPETENCE_LABELS[c].en).join(', ')}`,
    });
  }
  if (unit.ageYears.min !== undefined || unit.ageYears.max !== undefined) {
    const range = ageRange(unit.ageYears.min, unit.ageYears.max);
    reasons.push({ code: 'age', sv: `Tar emot patienter ${range.sv}`, en: `Takes patients ${range.en}` });
  }

  const arrival = entry.arrival;
  const openNow = arrival === ctx.nowFrame;
  const closesFrame = closingAfter(schedule, arrival, ctx.frameKey);
  const closesAt = closesFrame === null ? undefined : fromStockholmFrame(new Date(closesFrame));
  const opensAt = openNow ? undefined : fromStockholmFrame(new Date(arrival));
  if (openNow) {
    if (closesAt) {
      const t = formatStockholmTime(closesAt, ctx.now);
      reasons.push({ code: 'open-now', sv: `Öppen nu, stänger ${t.sv}`, en: `Open now, closes ${t.en}` });
    } else {
      reasons.push({ code: 'open-now', sv: 'Öppen dygnet runt', en: 'Open around the clock' });
    }
  } else if (opensAt) {
    const t = formatStockholmTime(opensAt, ctx.now);
    reasons.push({
      code: 'opens-within-time-frame',
      sv: `Öppnar ${t.sv}, inom tidsramen för ${ctx.levelSv}`,
      en: `Opens ${t.en}, within the time frame for ${ctx.levelEn}`,
    });
  }

  if (entry.capacity === 'green')
    reasons.push({ code: 'capacity-green', sv: 'Kapacitet grön', en: 'Capacity green' });
  else if (entry.capacity === 'amber') {
    reasons.push({
      code: 'capacity-amber',
      sv: 'Kapacitet gul: hög belastning, räkna med väntetid',
      en: 'Capacity amber: busy, expect to wait',
    });
  } else {
    reasons.push({
      code: 'capacity-unknown',
      sv: 'Kapacitet okänd (ingen aktuell uppgift)',
      en: 'Capacity unknown (no current status)',
    });
  }

  if (unit.careType === 'ambulans') {
    reasons.push({ code: 'comes-to-patient', sv: 'Kommer till patienten', en: 'Comes to the patient' });
  } else if (remote) {
    reasons.push({
      code: 'digital',
      sv: 'Digital vård: avståndet spelar ingen roll',
      en: 'Digital care: distance does not matter',
    });
  } else {
    reasons.push({
      code: 'distance',
      sv: `${km(entry.distance)} km bort`,
      en: `${kmEn(entry.distance)} km away`,
    });
  }

  if (unit.access === 'drop-in') reasons.push({ code: 'drop-in', sv: 'Drop-in', en: 'Walk-in' });
  else if (unit.access === 'booked') {
    reasons.push({
      code: 'booked',
      sv: 'Tidsbokning: ring enheten eller boka åt patienten',
      en: 'Appointment needed: call the unit or book for the patient',
    });
  } else
    reasons.push({
      code: 'drop-in-or-booked',
      sv: 'Drop-in eller tidsbokning',
      en: 'Walk-in or appointment',
    });

  const suggestion: CareUnitSuggestion = {
    unit,
    distanceKm: remote ? null : entry.distance,
    preferenceRank: entry.rank,
    openNow,
    capacity: entry.capacity,
    ruleSource: ctx.ruleSource,
    reasons,
  };
  if (opensAt) suggestion.opensAt = opensAt;
  if (closesAt) suggestion.closesAt = closesAt;
  return suggestion;
}

interface FallbackContext {
  now: Date;
  nowFrame: number;
  frameKey: string;
  stayMs: number;
  pLat: number;
  pLon: number;
  age: number | undefined;
  rules: ResolvedRegionRules;
  level: ReferralLevel;
  levelSv: string;
  levelEn: string;
}

/** Nearest unit of the first fallback care type that is open now for 30 minutes; red capacity only as a last resort. */
function findFallback(index: CareUnitIndex, ctx: FallbackContext): ReferralFallback | null {
  const traced = ctx.rules.fallbackByLevel[ctx.level];
  const nowMs = ctx.now.getTime();
  for (const type of traced.value) {
    let best: { prepared: PreparedUnit; distance: number; red: boolean } | null = null;
    for (const prepared of index.prepared) {
      const unit = prepared.unit;
      if (unit.careType !== type) continue;
      if (prepared.hasAgeLimit && !fitsAge(prepared, ctx.age)) continue;
      if (unit.listedPatientsOnly) continue;
      const arrival = earliestVisitInFrame(
        prepared.schedule,
        ctx.nowFrame,
        ctx.nowFrame,
        ctx.stayMs,
        ctx.frameKey,
      );
      if (arrival === null) continue;
      const red =
        unit.capacity !== null && unit.capacity.status === 'red' && prepared.capacityExpiresMs > nowMs;
      const distance = haversineKm(ctx.pLat, ctx.pLon, prepared.latRad, prepared.lonRad);
      if (!best || (best.red && !red) || (best.red === red && distance < best.distance))
        best = { prepared, distance, red };
    }
    if (best) {
      const label = CARE_TYPE_LABELS[type];
      const closesFrame = closingAfter(best.prepared.schedule, ctx.nowFrame, ctx.frameKey);
      const result: ReferralFallback = {
        unit: best.prepared.unit,
        distanceKm: best.distance,
        ruleSource: traced.source,
        reason: {
          code: 'fallback-nothing-fits',
          sv: `Ingen enhet uppfyller kraven för ${ctx.levelSv}. Närmaste öppna ${label.sv.toLowerCase()} (${km(best.distance)} km) föreslås som reserv${best.red ? '; den har röd kapacitet, ring före' : ''}.`,
          en: `No unit meets the criteria for ${ctx.levelEn}. The nearest open ${label.en.toLowerCase()} (${kmEn(best.distance)} km) is offered as a fallback${best.red ? '; its capacity is red, call ahead' : ''}.`,
        },
      };
      if (closesFrame !== null) result.closesAt = fromStockholmFrame(new Date(closesFrame));
      return result;
    }
  }
  return null;
}
