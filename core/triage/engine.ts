// The triage engine: protocols + answers + age → current disposition, the deciding question, the next question to ask.
//
// Pure and synchronous, so the workstation can re-evaluate on every keystroke and tests need no setup.
// Rules (Schmitt-Thompson style): questions are listed from highest to lowest acuity and the first
// "yes" in that order decides; "osäker" (unsure) counts as the question's `unsure` policy says; with
// several protocols in one call the most urgent result wins, ties going to the protocol added first.
// Until every question that could still change the result is answered, the result is provisional:
// it is what the disposition would be if the remaining questions were all answered "no".
import { DISPOSITION_LADDER } from './dispositionLadder';
import type { CareLevel, DispositionLevel, DispositionStep } from './dispositionLadder';
import { isInAgeRange } from './protocol';
import type { LocalizedText, Protocol, TriageQuestion } from './protocol';
import { TriageAnswerValueSchema, TriageOverrideSchema } from './record';
import type { TriageAnswer, TriageAnswerValue, TriageOverride, TriageRecord } from './record';

/** One answer as the engine needs it; a stored `TriageAnswer` fits. */
export interface TriageAnswerInput {
  protocolId: string;
  questionId: string;
  value: TriageAnswerValue;
  /** When given and different from the protocol's version, the engine warns: the question may have changed. */
  protocolVersion?: string;
  /** When two answers to one question are given, the later one counts (by this time, else by list order). */
  answeredAt?: string;
}

export interface EvaluateTriageInput {
  /** The protocols used in the call, in the order they were added (the first wins a tie). */
  protocols: readonly Protocol[];
  answers: readonly TriageAnswerInput[];
  /** The patient's age in years (decimals allowed); null when unknown, and then every question is asked. */
  ageYears: number | null | undefined;
}

/** Where a disposition came from: a question answered "yes" (or "unsure" counted as yes), or every question "no". */
export type DispositionBasis = 'question' | 'whenAllNo';

export interface TriageDisposition {
  level: DispositionLevel;
  careLevel: CareLevel;
  /** The ladder step: Swedish/English label, time frame, comparable codes. */
  step: DispositionStep;
  basis: DispositionBasis;
  decidedBy: {
    protocolId: string;
    protocolVersion: string;
    /** Null when the protocol's `whenAllNo` decided. */
    questionId: string | null;
    /** The deciding question's text, null for `whenAllNo`. */
    questionText: LocalizedText | null;
  };
  /** The care advice that goes with this disposition. */
  advice: LocalizedText;
  /** True when the deciding answer was "unsure" counted as "yes". */
  viaUnsure: boolean;
}

/** A question the nurse should ask next. */
export interface NextQuestion {
  protocolId: string;
  questionId: string;
  level: DispositionLevel;
  text: LocalizedText;
}

export interface QuestionState {
  id: string;
  text: LocalizedText;
  level: DispositionLevel;
  careLevel: CareLevel;
  unsure: 'yes' | 'no';
  /** False when the question is outside the patient's age range and is not asked. */
  applicable: boolean;
  answer: TriageAnswerValue | null;
  /** How the answer counts after the unsure policy; null when unanswered or not applicable. */
  countsAs: 'yes' | 'no' | null;
  /** True for the question that decides this protocol's result. */
  decides: boolean;
}

export interface ProtocolResult {
  protocolId: string;
  protocolVersion: string;
  title: LocalizedText;
  /** False when the patient's age is outside the protocol's age range; it then takes no part in the result. */
  applicable: boolean;
  /** This protocol's own disposition (null when not applicable). */
  disposition: TriageDisposition | null;
  /** True when no unanswered question of this protocol could change its disposition. */
  complete: boolean;
  /** This protocol's next question that could still change its result, highest acuity first. */
  nextQuestion: NextQuestion | null;
  /** The checklist: every triage question with its answer and whether it is asked. */
  questions: QuestionState[];
}

export type TriageWarningCode =
  | 'protocol-not-for-age'
  | 'question-not-for-age'
  | 'unknown-protocol'
  | 'unknown-question'
  | 'version-mismatch'
  | 'duplicate-protocol'
  | 'invalid-answer'
  | 'no-applicable-protocol';

export interface TriageWarning {
  code: TriageWarningCode;
  message: string;
  protocolId?: string;
  questionId?: string;
}

export interface TriageResult {
  /** The current disposition across all protocols; null before any applicable protocol is chosen. */
  disposition: TriageDisposition | null;
  /** True when no unanswered question could change `disposition`; otherwise it is provisional. */
  complete: boolean;
  /** The next question to ask (highest acuity first among those that could change the result). */
  nextQuestion: NextQuestion | null;
  /** Per protocol, in the order given. */
  protocols: ProtocolResult[];
  warnings: TriageWarning[];
}

/** Evaluates a call's triage. Never throws on odd input: what cannot be used is reported in `warnings`. */
export function evaluateTriage({ protocols, answers, ageYears }: EvaluateTriageInput): TriageResult {
  const warnings: TriageWarning[] = [];
  const age = typeof ageYears === 'number' && Number.isFinite(ageYears) ? ageYears : null;

  const distinct: Protocol[] = [];
  for (const protocol of protocols) {
    if (distinct.some((p) => p.id === protocol.id)) {
      warnings.push({
        code: 'duplicate-protocol',
        message: `Protocol '${protocol.id}' was added twice; the first counts.`,
        protocolId: protocol.id,
      });
    } else {
      distinct.push(protocol);
    }
  }

  const latest = latestAnswers(answers, distinct, warnings);
  const results = distinct.map((protocol) =>
    evaluateProtocol(protocol, latest.get(protocol.id), age, warnings),
  );

  // The overall winner: lowest level, ties to the protocol added first.
  let winner: number | null = null;
  results.forEach((result, i) => {
    if (result.disposition === null) return;
    const best = winner === null ? null : results[winner]?.disposition;
    if (!best || result.disposition.level < best.level) winner = i;
  });

  if (distinct.length > 0 && winner === null) {
    warnings.push({
      code: 'no-applicable-protocol',
      message: `None of the chosen protocols applies to a patient aged ${age ?? 'unknown'}; choose another protocol.`,
    });
  }

  const winning = winner === null ? null : (results[winner] ?? null);
  const disposition = winning?.disposition ?? null;

  // A question is still open for the call when a "yes" to it would change the winner or its decider:
  // more urgent than the current level, or equally urgent in a protocol that wins the tie.
  let nextQuestion: NextQuestion | null = null;
  let open = 0;
  if (disposition !== null && winner !== null) {
    const winnerIndex: number = winner;
    results.forEach((result, i) => {
      for (const question of openQuestions(result)) {
        const changes =
          question.level < disposition.level || (question.level === disposition.level && i <= winnerIndex);
        if (!changes) continue;
        open += 1;
        if (nextQuestion === null || question.level < nextQuestion.level) nextQuestion = question;
      }
    });
  }

  return {
    disposition,
    complete: disposition !== null && open === 0,
    nextQuestion,
    protocols: results,
    warnings,
  };
}

/** The unanswered questions before the protocol's deciding question: only these can change its result. */
function openQuestions(result: ProtocolResult): NextQuestion[] {
  if (!result.applicable) return [];
  const open: NextQuestion[] = [];
  for (const question of result.questions) {
    if (question.decides) break;
    if (question.applicable && question.answer === null) {
      open.push({
        protocolId: result.protocolId,
        questionId: question.id,
        level: question.level,
        text: question.text,
      });
    }
  }
  return open;
}

function evaluateProtocol(
  protocol: Protocol,
  answers: Map<string, TriageAnswerValue> | undefined,
  age: number | null,
  warnings: TriageWarning[],
): ProtocolResult {
  const applicable = isInAgeRange(protocol.ageYears, age);
  if (!applicable) {
    warnings.push({
      code: 'protocol-not-for-age',
      message: `Protocol '${protocol.id}' is for ages ${describeRange(protocol.ageYears)}; the patient is ${age}. It is left out.`,
      protocolId: protocol.id,
    });
  }

  let decider: { question: TriageQuestion; viaUnsure: boolean } | null = null;
  const questions: QuestionState[] = protocol.questions.map((question) => {
    const asked = applicable && isInAgeRange(question.ageYears, age);
    const answer = answers?.get(question.id) ?? null;
    if (answer !== null && applicable && !asked) {
      warnings.push({
        code: 'question-not-for-age',
        message: `Question '${question.id}' of '${protocol.id}' is not asked at age ${age}; its answer is ignored.`,
        protocolId: protocol.id,
        questionId: question.id,
      });
    }
    const countsAs = !asked || answer === null ? null : answer === 'unsure' ? question.unsure : answer;
    const decides = decider === null && countsAs === 'yes';
    if (decides) decider = { question, viaUnsure: answer === 'unsure' };
    return {
      id: question.id,
      text: question.text,
      level: question.level,
      careLevel: careLevelOf(question.level, question.careLevel),
      unsure: question.unsure,
      applicable: asked,
      answer,
      countsAs,
      decides,
    };
  });

  const base = {
    protocolId: protocol.id,
    protocolVersion: protocol.version,
    title: protocol.title,
    applicable,
    questions,
  };
  if (!applicable) return { ...base, disposition: null, complete: false, nextQuestion: null };

  const decided = decider as { question: TriageQuestion; viaUnsure: boolean } | null;
  const disposition: TriageDisposition = decided
    ? buildDisposition(
        protocol,
        decided.question.level,
        decided.question.careLevel,
        decided.question.advice,
        {
          questionId: decided.question.id,
          questionText: decided.question.text,
          viaUnsure: decided.viaUnsure,
        },
      )
    : buildDisposition(
        protocol,
        protocol.whenAllNo.level,
        protocol.whenAllNo.careLevel,
        protocol.whenAllNo.advice,
        {
          questionId: null,
          questionText: null,
          viaUnsure: false,
        },
      );
  const result: ProtocolResult = { ...base, disposition, complete: true, nextQuestion: null };
  const open = openQuestions(result);
  return { ...result, complete: open.length === 0, nextQuestion: open[0] ?? null };
}

function buildDisposition(
  protocol: Protocol,
  level: DispositionLevel,
  careLevel: CareLevel | undefined,
  advice: LocalizedText,
  decided: { questionId: string | null; questionText: LocalizedText | null; viaUnsure: boolean },
): TriageDisposition {
  return {
    level,
    careLevel: careLevelOf(level, careLevel),
    step: DISPOSITION_LADDER[level],
    basis: decided.questionId === null ? 'whenAllNo' : 'question',
    decidedBy: {
      protocolId: protocol.id,
      protocolVersion: protocol.version,
      questionId: decided.questionId,
      questionText: decided.questionText,
    },
    advice,
    viaUnsure: decided.viaUnsure,
  };
}

function careLevelOf(level: DispositionLevel, careLevel: CareLevel | undefined): CareLevel {
  return careLevel ?? DISPOSITION_LADDER[level].defaultCareLevel;
}

/** The answer that counts per protocol and question; unknown protocols and questions become warnings. */
function latestAnswers(
  answers: readonly TriageAnswerInput[],
  protocols: readonly Protocol[],
  warnings: TriageWarning[],
): Map<string, Map<string, TriageAnswerValue>> {
  const byProtocol = new Map<string, Map<string, { value: TriageAnswerValue; at: number | null }>>();
  for (const answer of answers) {
    // Input may come from outside the type system (IPC, stored records): an unknown value is never guessed at.
    if (!TriageAnswerValueSchema.safeParse(answer.value).success) {
      warnings.push({
        code: 'invalid-answer',
        message: `The answer to '${answer.questionId}' is ${JSON.stringify(answer.value)}, not yes, no or unsure; it is ignored.`,
        protocolId: answer.protocolId,
        questionId: answer.questionId,
      });
      continue;
    }
    const protocol = protocols.find((p) => p.id === answer.protocolId);
    if (!protocol) {
      warnings.push({
        code: 'unknown-protocol',
        message: `An answer refers to protocol '${answer.protocolId}', which is not part of this call; it is ignored.`,
        protocolId: answer.protocolId,
        questionId: answer.questionId,
      });
      continue;
    }
    if (!protocol.questions.some((q) => q.id === answer.questionId)) {
      warnings.push({
        code: 'unknown-question',
        message: `Protocol '${protocol.id}' has no triage question '${answer.questionId}'; the answer is ignored.`,
        protocolId: protocol.id,
        questionId: answer.questionId,
      });
      continue;
    }
    if (answer.protocolVersion !== undefined && answer.protocolVersion !== protocol.version) {
      warnings.push({
        code: 'version-mismatch',
        message: `The answer to '${answer.questionId}' was given in version ${answer.protocolVersion} of '${protocol.id}', not ${protocol.version}.`,
        protocolId: protocol.id,
        questionId: answer.questionId,
      });
    }
    const forProtocol = byProtocol.get(protocol.id) ?? new Map();
    byProtocol.set(protocol.id, forProtocol);
    const parsedAt = answer.answeredAt === undefined ? NaN : Date.parse(answer.answeredAt);
    const at = Number.isNaN(parsedAt) ? null : parsedAt;
    const earlier = forProtocol.get(answer.questionId);
    // A later answer replaces an earlier one; only a clearly older timestamp keeps the earlier answer.
    if (!earlier || earlier.at === null || at === null || at >= earlier.at) {
      forProtocol.set(answer.questionId, { value: answer.value, at });
    }
  }
  const result = new Map<string, Map<string, TriageAnswerValue>>();
  for (const [protocolId, entries] of byProtocol) {
    result.set(protocolId, new Map([...entries].map(([questionId, entry]) => [questionId, entry.value])));
  }
  return result;
}

function describeRange(range: Protocol['ageYears']): string {
  if (!range) return 'all ages';
  if (range.min !== undefined && range.max !== undefined) return `${range.min} to under ${range.max} years`;
  if (range.min !== undefined) return `${range.min} years and older`;
  return `under ${range.max} years`;
}

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

/** The record to keep in the case: protocol versions, every answer with its time, the engine's disposition, the override. */
export function buildTriageRecord(
  protocols: readonly Protocol[],
  answers: readonly TriageAnswer[],
  result: TriageResult,
  override: TriageOverride | null,
): TriageRecord {
  const disposition = result.disposition;
  return {
    protocols: protocols.map((p) => ({ id: p.id, version: p.version })),
    answers: answers.map((a) => ({ ...a })),
    disposition: disposition && {
      level: disposition.level,
      careLevel: disposition.careLevel,
      decidedBy: {
        protocolId: disposition.decidedBy.protocolId,
        questionId: disposition.decidedBy.questionId,
      },
    },
    override,
  };
}
