// Why a care unit was left out: the exclusion texts (sv/en), built once per distinct reason per ranking.
import {
  CARE_TYPE_LABELS,
  CARE_TYPES,
  COMPETENCE_LABELS,
  REGION_NAMES,
  type CareType,
  type Competence,
  type RegionId,
} from '../catalog';
import { MINIMUM_STAY_MINUTES } from '../openingHours';
import type { ReferralLevel, ResolvedRegionRules } from '../regionConfig';
import { formatStockholmTime } from '../stockholmTime';
import type { CareUnitIndex, PreparedUnit } from './careUnitIndex';
import type { CareUnitExclusion, ExclusionCriterion, FailedCriterion, RankResult } from './contract';
import { ageRange, km, kmEn } from './suggestionReasons';

const EMPTY_FAILURE: FailedCriterion = Object.freeze({ criterion: 'care-type', sv: '', en: '' });

/** What the exclusion texts of one ranking depend on. */
export interface ExclusionTextsContext {
  /** Owns the shared text objects, so the same reason is the same object across calls. */
  index: CareUnitIndex;
  rules: ResolvedRegionRules;
  level: ReferralLevel;
  levelSv: string;
  levelEn: string;
  periodLabel: { sv: string; en: string };
  /** The care type the disposition named, if any (then the region's list does not apply). */
  namedCareType: CareType | undefined;
  timeFrameText: { sv: string; en: string };
  /** HSA-id of the patient's listed vårdcentral, if known. */
  listed: string | undefined;
  patientAge: number | undefined;
  now: Date;
}

/**
 * Exclusion reasons for one ranking. Each distinct reason is built once and gets a small number; the
 * ranking records that number per unit. Unit-specific figures are left out of the texts (the unit is in
 * the exclusion), so thousands of units share a handful of reasons.
 */
export class ExclusionTexts {
  /** The distinct reasons used in this ranking; number 0 is unused (it means "fits"). */
  readonly reasons: FailedCriterion[] = [EMPTY_FAILURE];
  readonly level: ReferralLevel;
  private readonly ctx: ExclusionTextsContext;
  private readonly byCareType = new Int32Array(CARE_TYPES.length);
  private readonly byKey = new Map<string, number>();
  private readonly tooFarByLimit = new Map<number, number>();
  private readonly otherRegionById = new Map<RegionId, number>();
  private readonly ageByLimits = new Map<number, number>();
  private listingReason = 0;
  private closedReason = 0;
  private closingSoonReason = 0;

  constructor(ctx: ExclusionTextsContext) {
    this.ctx = ctx;
    this.level = ctx.level;
  }

  private add(criterion: ExclusionCriterion, sv: string, en: string): number {
    if (this.reasons.length > 0xffff) throw new Error('too many distinct exclusion reasons in one ranking');
    this.reasons.push(this.ctx.index.sharedFailure(criterion, sv, en));
    return this.reasons.length - 1;
  }

  careType(typeIndex: number): number {
    const known = this.byCareType[typeIndex]!;
    if (known !== 0) return known;
    const { namedCareType, levelSv, levelEn, periodLabel, rules } = this.ctx;
    const label = CARE_TYPE_LABELS[CARE_TYPES[typeIndex]!];
    let n: number;
    if (namedCareType !== undefined) {
      const named = CARE_TYPE_LABELS[namedCareType];
      n = this.add(
        'care-type',
        `${label.sv}: bedömningen anger ${named.sv.toLowerCase()}`,
        `${label.en}: the assessment names ${named.en.toLowerCase()}`,
      );
    } else {
      n = this.add(
        'care-type',
        `${label.sv} används inte för ${levelSv} under ${periodLabel.sv} enligt ${rules.regionName}`,
        `${label.en} is not used for ${levelEn} during ${periodLabel.en} under ${rules.regionName} rules`,
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
        `Enheten tar inte emot ${this.ctx.levelSv}: ${reason}`,
        `The unit does not take ${this.ctx.levelEn}: ${reason}`,
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
      const patientAge = this.ctx.patientAge;
      n =
        patientAge === undefined
          ? this.add(
              'age',
              `Tar bara emot ${range.sv} och patientens ålder är okänd`,
              `Takes only patients ${range.en} and the patient's age is unknown`,
            )
          : this.add(
              'age',
              `Tar bara emot ${range.sv}; patienten är ${Math.floor(patientAge)} år`,
              `Takes only patients ${range.en}; the patient is ${Math.floor(patientAge)}`,
            );
      this.ageByLimits.set(key, n);
    }
    return n;
  }

  listing(): number {
    if (this.listingReason === 0) {
      this.listingReason =
        this.ctx.listed === undefined
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
    const frame = this.ctx.timeFrameText;
    if (!openNow) {
      this.closedReason ||= this.add(
        'open',
        `Inte öppen ${frame.sv.toLowerCase()} (tidsramen för ${this.ctx.levelSv})`,
        `Not open ${frame.en.toLowerCase()} (the time frame for ${this.ctx.levelEn})`,
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
      const until = Number.isFinite(expiresMs)
        ? formatStockholmTime(new Date(expiresMs), this.ctx.now)
        : null;
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

/**
 * Exclusions are what the nurse opens on demand, so they are materialised only when read: the ranking
 * records one shared reason per unit, and the `excluded` property builds the list on first access.
 */
export function defineExclusions(
  result: Omit<RankResult, 'excluded'>,
  prepared: readonly PreparedUnit[],
  reasonByUnit: Uint16Array,
  reasons: readonly FailedCriterion[],
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
