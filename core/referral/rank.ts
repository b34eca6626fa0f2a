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
// No clock, no I/O; `now` is an argument. What is remembered between calls lives in the CareUnitIndex.
//
// Speed (p99 under 5 ms for 10,000 units, see bench/referral.bench.ts): units are prepared once
// (opening hours parsed, coordinates in radians); opening hours are evaluated once per distinct
// schedule per call; each distinct exclusion reason is built once and units record only its number;
// the exclusion list itself is built when first read (the nurse opens it on demand); only the best
// `limit` units are kept in order. The loop over units allocates nothing.
//
// The parts live in ./rank/: contract (request and result), careUnitIndex (prepared units and their
// caches), unitFilter (criteria 2–7), exclusionTexts, suggestionReasons (the sv/en sentences), fallback,
// validateRequest and rankCareUnits (the pass over the units).
export {
  DEFAULT_SUGGESTION_LIMIT,
  EXCLUSION_CRITERIA,
  EXCLUSION_CRITERION_LABELS,
  ReferralInputError,
  type CareUnitExclusion,
  type CareUnitSuggestion,
  type ExclusionCriterion,
  type RankRequest,
  type RankResult,
  type ReferralDisposition,
  type ReferralFallback,
  type ReferralPatient,
  type ReferralReason,
} from './rank/contract';
export { indexCareUnits, type CareUnitIndex } from './rank/careUnitIndex';
export { rankCareUnits } from './rank/rankCareUnits';
