// A catalog prepared for ranking: parsed opening hours, coordinates in radians, and the caches it owns.
import { CARE_TYPES, REMOTE_CARE_TYPES, type CapacityState, type CareType, type CareUnit } from '../catalog';
import { parseOpeningHours, type OpeningSchedule } from '../openingHours';
import { ReferralInputError, type ExclusionCriterion, type FailedCriterion } from './contract';

export const RAD = Math.PI / 180;
/** How far ahead a closing time is looked up for display; open longer than this reads "dygnet runt". */
const CLOSING_LOOKAHEAD_MS = 8 * 86_400_000;
/** Distinct exclusion texts an index keeps before starting over (a bound, not a budget). */
const SHARED_FAILURE_LIMIT = 10_000;

export const CARE_TYPE_INDEX: ReadonlyMap<CareType, number> = new Map(CARE_TYPES.map((type, i) => [type, i]));

/** Opening-hours verdict for one schedule in one ranking call (`call` says which). */
export interface VisitMemo {
  call: number;
  /** Earliest arrival (frame ms) open for 30 minutes, or NaN when none within the time frame. */
  arrival: number;
  openNow: boolean;
}

export interface PreparedUnit {
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
  /** Shared by all units of this index with the same opening hours: evaluated once per ranking call. */
  readonly visit: VisitMemo;
}

/**
 * A catalog prepared for repeated ranking. It owns everything the ranking remembers between calls:
 * one opening-hours verdict per distinct schedule, the number of the current ranking call, and the
 * exclusion texts (the same reason is the same object across calls on this index).
 */
export class CareUnitIndex {
  readonly units: readonly CareUnit[];
  readonly prepared: readonly PreparedUnit[];
  private readonly visitBySchedule = new Map<OpeningSchedule, VisitMemo>();
  private readonly failures = new Map<string, FailedCriterion>();
  private rankingCall = 0;

  constructor(units: readonly CareUnit[]) {
    this.units = units;
    this.prepared = units.map((unit) => this.prepareUnit(unit));
  }

  /** Starts a ranking call: opening-hours verdicts from earlier calls no longer count. */
  nextRankingCall(): number {
    return ++this.rankingCall;
  }

  /** The one shared object for this exclusion reason (bounded cache). */
  sharedFailure(criterion: ExclusionCriterion, sv: string, en: string): FailedCriterion {
    const key = `${criterion}\u0000${sv}\u0000${en}`;
    let failed = this.failures.get(key);
    if (!failed) {
      if (this.failures.size > SHARED_FAILURE_LIMIT) this.failures.clear();
      failed = Object.freeze({ criterion, sv, en });
      this.failures.set(key, failed);
    }
    return failed;
  }

  private visitMemoFor(schedule: OpeningSchedule): VisitMemo {
    let memo = this.visitBySchedule.get(schedule);
    if (!memo) {
      memo = { call: 0, arrival: Number.NaN, openNow: false };
      this.visitBySchedule.set(schedule, memo);
    }
    return memo;
  }

  private prepareUnit(unit: CareUnit): PreparedUnit {
    const { min, max } = unit.ageYears;
    const schedule = parseOpeningHours(unit.openingHours);
    const prepared: PreparedUnit = {
      unit,
      schedule,
      visit: this.visitMemoFor(schedule),
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
    return prepared;
  }
}

/**
 * Prepares validated units for ranking. Do it once per catalog version and keep the index; rankCareUnits
 * also accepts the plain array and then prepares it for that one call. Units must not be mutated afterwards.
 */
export function indexCareUnits(units: readonly CareUnit[]): CareUnitIndex {
  return new CareUnitIndex(units);
}

/** Age limits are whole years, inclusive: a 17.9-year-old is 17 and fits "up to 17". */
export function fitsAge(prepared: PreparedUnit, age: number | undefined): boolean {
  return age !== undefined && age >= prepared.ageMin && Math.floor(age) <= prepared.ageMax;
}

/** When the unit closes after `fromFrame`, or null when it stays open for more than the lookahead (24/7). */
export function closingAfter(schedule: OpeningSchedule, fromFrame: number, frameKey: string): number | null {
  const open = schedule.openIntervalsInFrame(fromFrame, fromFrame + CLOSING_LOOKAHEAD_MS, frameKey);
  if (open.length === 0) return null;
  const end = open[1]!;
  return end >= fromFrame + CLOSING_LOOKAHEAD_MS ? null : end;
}
