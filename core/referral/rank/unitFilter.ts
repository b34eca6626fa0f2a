// Criteria 2–7 of the ranking for one unit: the number of the first exclusion reason it fails, or 0.
import type { CapacityState, Competence, RegionId } from '../catalog';
import { EARTH_RADIUS_KM, haversineKm } from '../distance';
import type { ReferralLevel, ResolvedRegionRules } from '../regionConfig';
import { fitsAge, type PreparedUnit, type VisitMemo } from './careUnitIndex';
import type { ExclusionTexts } from './exclusionTexts';

/** A unit that passed every criterion, with what the ranking and its reasons need. */
export interface EligibleUnit {
  prepared: PreparedUnit;
  position: number;
  distance: number;
  rank: number;
  listedFirst: boolean;
  arrival: number;
  capacity: CapacityState;
}

/** Everything the filter needs for one ranking call. */
export interface UnitFilterContext {
  /** The index's ranking call number: opening-hours verdicts of other calls are stale. */
  call: number;
  texts: ExclusionTexts;
  level: ReferralLevel;
  overrides: ResolvedRegionRules['unitOverrides'];
  needs: readonly Competence[];
  age: number | undefined;
  /** HSA-id of the patient's listed vårdcentral, if known. */
  listed: string | undefined;
  nowMs: number;
  /** Now and the end of the time frame as Stockholm wall-clock frame times (see stockholmTime). */
  nowFrame: number;
  latestFrame: number;
  /** How long the unit must stay open after arrival. */
  stayMs: number;
  frameKey: string;
  /** The region whose remote units (ambulance, digital care) serve this patient; null: any region. */
  ownRegion: RegionId | null;
  maxDistanceKm: number;
  /** The patient's position in radians. */
  pLat: number;
  pLon: number;
}

/**
 * Per-call state of the filter; one object, so the loop over units needs no closures. The context is
 * copied into own fields once so the hot loop reads them directly.
 */
export class UnitFilter {
  readonly call: number;
  readonly texts: ExclusionTexts;
  readonly level: ReferralLevel;
  readonly overrides: ResolvedRegionRules['unitOverrides'];
  readonly hasOverrides: boolean;
  readonly needs: readonly Competence[];
  readonly age: number | undefined;
  readonly listed: string | undefined;
  readonly nowMs: number;
  readonly nowFrame: number;
  readonly latestFrame: number;
  readonly stayMs: number;
  readonly frameKey: string;
  readonly ownRegion: RegionId | null;
  readonly maxDistanceKm: number;
  readonly pLat: number;
  readonly pLon: number;
  /** Result slots written by `firstFailure` for a unit that passes. */
  distance = 0;
  arrival = 0;
  capacity: CapacityState = 'unknown';

  constructor(ctx: UnitFilterContext) {
    this.call = ctx.call;
    this.texts = ctx.texts;
    this.level = ctx.level;
    this.overrides = ctx.overrides;
    this.hasOverrides = ctx.overrides.size > 0;
    this.needs = ctx.needs;
    this.age = ctx.age;
    this.listed = ctx.listed;
    this.nowMs = ctx.nowMs;
    this.nowFrame = ctx.nowFrame;
    this.latestFrame = ctx.latestFrame;
    this.stayMs = ctx.stayMs;
    this.frameKey = ctx.frameKey;
    this.ownRegion = ctx.ownRegion;
    this.maxDistanceKm = ctx.maxDistanceKm;
    this.pLat = ctx.pLat;
    this.pLon = ctx.pLon;
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
