// Checks a ranking request and names what is wrong with it.
import { isDispositionLevel } from '../../triage/dispositionLadder';
import { CARE_TYPE_INDEX } from './careUnitIndex';
import { ReferralInputError, type RankRequest } from './contract';

export function validateRankRequest(request: RankRequest): void {
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
