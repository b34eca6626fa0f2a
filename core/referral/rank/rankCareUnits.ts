// The ranking itself: one pass over the prepared units, keeping the best few (criteria in ../rank.ts).
import { DISPOSITION_LADDER } from '../../triage/dispositionLadder';
import { CARE_TYPES, type CareType, type CareUnit } from '../catalog';
import { MINIMUM_STAY_MINUTES } from '../openingHours';
import { RULE_PERIOD_LABELS, type ReferralLevel, type RuleSource } from '../regionConfig';
import { localFrameKey, toStockholmFrame } from '../stockholmTime';
import { CARE_TYPE_INDEX, indexCareUnits, RAD, type CareUnitIndex } from './careUnitIndex';
import {
  DEFAULT_SUGGESTION_LIMIT,
  type CareUnitSuggestion,
  type RankRequest,
  type RankResult,
  type ReferralFallback,
  type ReferralReason,
} from './contract';
import { defineExclusions, ExclusionTexts } from './exclusionTexts';
import { findFallback } from './fallback';
import {
  call112Notice,
  describeSuggestion,
  noFallbackNotice,
  selfCareNotice,
  type DescribeContext,
} from './suggestionReasons';
import { UnitFilter, type EligibleUnit } from './unitFilter';
import { validateRankRequest } from './validateRequest';

const MINUTE_MS = 60_000;

/** Ranks the catalog for one patient and disposition. See core/referral/rank.ts for the order of criteria. */
export function rankCareUnits(request: RankRequest): RankResult {
  validateRankRequest(request);
  const { rules, disposition, patient, now } = request;
  const limit = request.limit ?? DEFAULT_SUGGESTION_LIMIT;
  const level = disposition.level;
  const index = Array.isArray(request.units)
    ? indexCareUnits(request.units as readonly CareUnit[])
    : (request.units as CareUnitIndex);

  if (level === 6 || disposition.careLevel === 'egenvard') {
    return { suggestions: [], excluded: [], fallback: null, eligibleCount: 0, notice: selfCareNotice() };
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
  const texts = new ExclusionTexts({
    index,
    rules,
    level: referralLevel,
    levelSv,
    levelEn,
    periodLabel,
    namedCareType,
    timeFrameText: step.timeFrameText,
    listed,
    patientAge: age,
    now,
  });
  const filter = new UnitFilter({
    call: index.nextRankingCall(),
    texts,
    level: referralLevel,
    overrides: rules.unitOverrides,
    needs: patient.needs ?? [],
    age,
    listed,
    nowMs,
    nowFrame: toStockholmFrame(now).getTime(),
    latestFrame: toStockholmFrame(new Date(nowMs + timeFrameMinutes * MINUTE_MS)).getTime(),
    stayMs: MINIMUM_STAY_MINUTES * MINUTE_MS,
    frameKey: localFrameKey(),
    ownRegion: rules.regionId,
    maxDistanceKm: rules.maxDistanceKm.value,
    pLat: patient.location.lat * RAD,
    pLon: patient.location.lon * RAD,
  });
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
  let notice: ReferralReason | null = level === 1 ? call112Notice() : null;
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
    if (!fallback) notice = noFallbackNotice();
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
