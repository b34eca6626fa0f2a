// Reading and showing the call's findings as a nurse types them, and wording them for the record and the note: "38,5" °C, "3 dygn", "2 v", pregnancy week "24".
import { parseDurationHours } from '../../../../core/triage/ageBands';
import {
  NUMERIC_FINDING_IDS,
  NUMERIC_FINDINGS,
  RISK_FACTORS,
  type NumericFinding,
  type TriageFindings,
} from '../../../../core/triage/findings';

export type FindingInput =
  | { ok: true; value: number | undefined }
  | { ok: false; reason: 'format' | 'range'; min: number; max: number };

/**
 * One numeric finding from its text field. Empty = not asked (the rules that need it stay open); a value
 * outside the finding's range is refused rather than clamped, since it is likelier a typing mistake.
 */
export function parseFindingInput(key: NumericFinding, text: string): FindingInput {
  const { min, max } = NUMERIC_FINDINGS[key];
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  let value: number | null;
  if (key === 'durationHours') value = parseDurationHours(trimmed);
  else if (/^\d+(?:[.,]\d+)?$/.test(trimmed)) value = Number(trimmed.replace(',', '.'));
  else value = null;
  if (value === null || !Number.isFinite(value)) return { ok: false, reason: 'format', min, max };
  if (value < min || value > max) return { ok: false, reason: 'range', min, max };
  return { ok: true, value };
}

/** A duration in hours as the nurse would say it: whole days from two days, weeks from three weeks. */
export function durationParts(hours: number): { unit: 'hours' | 'days' | 'weeks'; count: number } {
  const round = (value: number) => Math.round(value * 10) / 10;
  if (hours >= 21 * 24 && hours % 168 === 0) return { unit: 'weeks', count: hours / 168 };
  if (hours >= 48) return { unit: 'days', count: round(hours / 24) };
  return { unit: 'hours', count: round(hours) };
}

/** The text a stored finding is shown with in its field (Swedish decimal comma). */
export function findingText(key: NumericFinding, value: number): string {
  const decimal = (n: number) => String(n).replace('.', ',');
  if (key !== 'durationHours') return decimal(value);
  const { unit, count } = durationParts(value);
  return `${decimal(count)} ${unit === 'weeks' ? 'v' : unit === 'days' ? 'dygn' : 'tim'}`;
}

/** How a text words the findings: the note says "temperatur 38,5 °C", the record "Temperatur (°C): 38,5". */
export interface FindingsWording {
  /** The language the risk factors are named in. */
  language: 'sv' | 'en';
  /** One numeric finding; `value` is its text as the field shows it ("38,5", "3 dygn"). */
  finding: (key: NumericFinding, value: string) => string;
  findingUnknown: (key: NumericFinding) => string;
  riskNone: string;
  riskUnknown: string;
  /** The chosen risk factors, already named, as the items the text lists them in. */
  risks: (names: string[]) => string[];
}

/** The entered findings, numeric ones in their fixed order and then the risk factors, each worded; nothing for one not entered. */
export function findingsParts(findings: TriageFindings, wording: FindingsWording): string[] {
  const parts: string[] = [];
  for (const key of NUMERIC_FINDING_IDS) {
    const value = findings[key];
    if (value === 'unknown') parts.push(wording.findingUnknown(key));
    else if (value !== undefined) parts.push(wording.finding(key, findingText(key, value)));
  }
  const risks = findings.riskFactors;
  if (risks === 'unknown') parts.push(wording.riskUnknown);
  else if (risks?.length === 0) parts.push(wording.riskNone);
  else if (risks) parts.push(...wording.risks(risks.map((risk) => RISK_FACTORS[risk][wording.language])));
  return parts;
}
