// Why a care unit is suggested, and the notices and fallback reason of a ranking: the sv/en sentences.
import { CARE_TYPE_LABELS, COMPETENCE_LABELS, type CareType } from '../catalog';
import type { ReferralLevel, ResolvedRegionRules, RuleSource } from '../regionConfig';
import { formatStockholmTime, fromStockholmFrame } from '../stockholmTime';
import { closingAfter } from './careUnitIndex';
import type { CareUnitSuggestion, ReferralPatient, ReferralReason } from './contract';
import type { EligibleUnit } from './unitFilter';

const PREFERENCE_WORDS_SV = ['förstahandsval', 'andrahandsval', 'tredjehandsval'];
const PREFERENCE_WORDS_EN = ['first choice', 'second choice', 'third choice'];

/** Kilometres the Swedish way: one decimal with a comma below 10 km. */
export function km(value: number): string {
  return value < 10 ? value.toFixed(1).replace('.', ',') : value.toFixed(0);
}
export function kmEn(value: number): string {
  return value < 10 ? value.toFixed(1) : value.toFixed(0);
}

export function ageRange(min: number | undefined, max: number | undefined): { sv: string; en: string } {
  if (min !== undefined && max !== undefined) return { sv: `${min}–${max} år`, en: `${min}–${max} years` };
  if (min !== undefined) return { sv: `från ${min} år`, en: `${min} years and over` };
  return { sv: `upp till ${max} år`, en: `up to ${max} years` };
}

export function selfCareNotice(): ReferralReason {
  return {
    code: 'self-care',
    sv: 'Egenvård: ingen vårdenhet behövs nu. Ge egenvårdsråd och be patienten ringa igen om det blir sämre.',
    en: 'Self-care: no care unit is needed now. Give self-care advice and ask the patient to call again if worse.',
  };
}

export function call112Notice(): ReferralReason {
  return { code: 'call-112', sv: 'Ring 112 nu.', en: 'Call 112 now.' };
}

export function noFallbackNotice(): ReferralReason {
  return {
    code: 'no-fallback',
    sv: 'Ingen enhet passar och ingen öppen akutmottagning finns i katalogen. Vid fara: ring 112.',
    en: 'No unit fits and no open emergency department is in the catalog. If in danger: call 112.',
  };
}

/** The reason given with the fallback unit when nothing fits. */
export function fallbackReason(
  type: CareType,
  distance: number,
  red: boolean,
  levelSv: string,
  levelEn: string,
): ReferralReason {
  const label = CARE_TYPE_LABELS[type];
  return {
    code: 'fallback-nothing-fits',
    sv: `Ingen enhet uppfyller kraven för ${levelSv}. Närmaste öppna ${label.sv.toLowerCase()} (${km(distance)} km) föreslås som reserv${red ? '; den har röd kapacitet, ring före' : ''}.`,
    en: `No unit meets the criteria for ${levelEn}. The nearest open ${label.en.toLowerCase()} (${kmEn(distance)} km) is offered as a fallback${red ? '; its capacity is red, call ahead' : ''}.`,
  };
}

export interface DescribeContext {
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

/** A suggestion with its reasons, in the order the nurse reads them. */
export function describeSuggestion(entry: EligibleUnit, ctx: DescribeContext): CareUnitSuggestion {
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
