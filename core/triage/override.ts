// Overrides and the case record: the nurse's documented change of the engine's disposition, and what is kept in the case.
import { DISPOSITION_LADDER } from './dispositionLadder';
import type { CareLevel, DispositionLevel, DispositionStep } from './dispositionLadder';
import type { TriageDisposition, TriageResult } from './engineTypes';
import { hasNoFindings } from './findings';
import type { PatientSex, TriageFindings } from './findings';
import type { Protocol } from './protocol';
import { TriageOverrideSchema } from './record';
import type { TriageAnswer, TriageOverride, TriageRecord, TriageRuleRecord } from './record';

/** The disposition after the nurse's override: the engine's result stays visible next to the nurse's decision. */
export interface FinalDisposition {
  level: DispositionLevel;
  careLevel: CareLevel;
  step: DispositionStep;
  /** What the protocols gave. */
  engine: TriageDisposition;
  /** The override, when the nurse changed the level; null when the engine's disposition stands. */
  override: TriageOverride | null;
  /** Up = more urgent than the protocols gave, down = less urgent. */
  direction: 'up' | 'down' | null;
}

/** Thrown when an override does not fit the result it is applied to. */
export class TriageOverrideError extends Error {
  override readonly name = 'TriageOverrideError';
}

/**
 * Applies a nurse's override to an evaluated result. The override must start from the current level
 * (so an override made before the answers changed is not silently carried over), move to another
 * level, and carry a reason code and text; otherwise a TriageOverrideError says what is wrong.
 * The care level becomes the ladder's default for the new level.
 */
export function applyOverride(result: TriageResult, override: TriageOverride | null): FinalDisposition {
  const engine = result.disposition;
  if (engine === null) {
    throw new TriageOverrideError(
      'There is no disposition to override yet: choose a protocol that applies first.',
    );
  }
  if (override === null) {
    return {
      level: engine.level,
      careLevel: engine.careLevel,
      step: engine.step,
      engine,
      override: null,
      direction: null,
    };
  }
  const parsed = TriageOverrideSchema.safeParse(override);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'override'}: ${issue.message}`,
    );
    throw new TriageOverrideError(`The override is not valid: ${issues.join('; ')}`);
  }
  const { fromLevel, toLevel } = parsed.data;
  if (fromLevel !== engine.level) {
    throw new TriageOverrideError(
      `The override starts from level ${fromLevel}, but the protocols now give level ${engine.level}; review it again.`,
    );
  }
  if (toLevel === fromLevel) {
    throw new TriageOverrideError(
      `The override does not change the level (${toLevel}); leave the disposition as it is.`,
    );
  }
  const step = DISPOSITION_LADDER[toLevel];
  return {
    level: toLevel,
    careLevel: step.defaultCareLevel,
    step,
    engine,
    override: parsed.data,
    direction: toLevel < fromLevel ? 'up' : 'down',
  };
}

/** The patient facts a record keeps beside the answers, when the call had them. */
export interface TriageRecordFacts {
  sex?: PatientSex | null | undefined;
  findings?: TriageFindings | undefined;
}

/**
 * The record to keep in the case: protocol versions, every answer with its time, the engine's disposition,
 * the override; and, when the call had them, the patient's sex, the findings and each rule's state. Those
 * are left out when empty, so a record without them is exactly what it was before they existed.
 */
export function buildTriageRecord(
  protocols: readonly Protocol[],
  answers: readonly TriageAnswer[],
  result: TriageResult,
  override: TriageOverride | null,
  facts: TriageRecordFacts = {},
): TriageRecord {
  const disposition = result.disposition;
  const rules: TriageRuleRecord[] = result.protocols.flatMap((p) =>
    p.questions
      .filter((q) => q.kind === 'rule' && q.applicable)
      .map((q) => ({
        protocolId: p.protocolId,
        ruleId: q.id,
        state: q.countsAs === 'yes' ? 'fired' : q.countsAs === 'no' ? 'not-fired' : 'open',
        ...(q.decidedByUnknown ? { byUnknown: true as const } : {}),
      })),
  );
  return {
    protocols: protocols.map((p) => ({ id: p.id, version: p.version })),
    answers: answers.map((a) => ({ ...a })),
    ...(facts.sex ? { sex: facts.sex } : {}),
    ...(facts.findings && !hasNoFindings(facts.findings) ? { findings: withoutAbsent(facts.findings) } : {}),
    ...(rules.length > 0 ? { rules } : {}),
    disposition: disposition && {
      level: disposition.level,
      careLevel: disposition.careLevel,
      decidedBy: {
        protocolId: disposition.decidedBy.protocolId,
        questionId: disposition.decidedBy.questionId,
        ...(disposition.basis === 'rule' ? { basis: 'rule' as const } : {}),
        ...(disposition.viaUnsure ? { viaUnsure: true as const } : {}),
      },
    },
    override,
  };
}

function withoutAbsent(findings: TriageFindings): TriageFindings {
  return Object.fromEntries(Object.entries(findings).filter(([, value]) => value !== undefined));
}
