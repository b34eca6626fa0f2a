// One protocol evaluated for one call: which items are asked, how each answer or rule counts, and the protocol's own disposition.
//
// Within a protocol the first definite "yes" (or fired rule) in acuity order decides; an escalation
// (an "unsure" on an `unsure: escalate` question, a rule fired by an "unknown" finding) decides only
// when it is more urgent than that yes.
import { evaluateCondition } from './condition';
import type { AnswerState, ConditionContext } from './condition';
import { DISPOSITION_LADDER } from './dispositionLadder';
import type { CareLevel, DispositionLevel } from './dispositionLadder';
import type { ProtocolResult, QuestionState, TriageDisposition } from './engineTypes';
import type { TriageFindings } from './findings';
import { exclusionOf, isTriageRule, itemLabel } from './protocol';
import type { LocalizedText, PatientForTriage, Protocol, TriageItem, TriageQuestion } from './protocol';
import type { TriageAnswerValue } from './record';

export interface CallFacts {
  patient: PatientForTriage;
  findings: TriageFindings;
  /** The latest answer per question id, call-wide. */
  answers: ReadonlyMap<string, TriageAnswerValue>;
}

const NO_NEEDS = { findings: [], questions: [] };

/** Evaluates one protocol; items of a protocol that does not apply are all not applicable. */
export function evaluateProtocol(protocol: Protocol, facts: CallFacts): ProtocolResult {
  const exclusion = exclusionOf(protocol, facts.patient);
  const byId = new Map(protocol.questions.map((item, index) => [item.id, { item, index }]));
  const states = new Map<number, QuestionState>();
  const visiting = new Set<number>();

  const stateAt = (index: number): QuestionState => {
    const known = states.get(index);
    if (known) return known;
    const item = protocol.questions[index] as TriageItem;
    // A `when` that reads its own chain of answers back (a cycle) is treated as asked: never silently skipped.
    visiting.add(index);
    const state = evaluateItem(item, exclusion === null, facts, context);
    visiting.delete(index);
    states.set(index, state);
    return state;
  };
  const answerOf = (questionId: string): AnswerState => {
    const entry = byId.get(questionId);
    if (!entry || isTriageRule(entry.item)) return 'absent';
    if (visiting.has(entry.index)) return 'open';
    const state = stateAt(entry.index);
    if (!state.applicable) return 'absent';
    return state.countsAs === 'yes' ? 'yes' : state.countsAs === 'no' ? 'no' : 'open';
  };
  const context: ConditionContext = {
    ageYears: facts.patient.ageYears,
    sex: facts.patient.sex,
    findings: facts.findings,
    answerOf,
  };

  const questions = protocol.questions.map((_, index) => stateAt(index));
  const base = {
    protocolId: protocol.id,
    protocolVersion: protocol.version,
    title: protocol.title,
    applicable: exclusion === null,
    notApplicable: exclusion,
  };
  if (exclusion !== null) {
    return { ...base, disposition: null, complete: false, nextQuestion: null, questions };
  }

  const deciderIndex = decidingIndex(questions);
  const decided = deciderIndex === null ? null : questions[deciderIndex];
  if (decided) decided.decides = true;
  const disposition = decided
    ? buildDisposition(protocol, decided.level, itemAt(protocol, deciderIndex).careLevel, {
        basis: decided.kind,
        questionId: decided.id,
        questionText: decided.text,
        advice: itemAt(protocol, deciderIndex).advice,
        viaUnsure: decided.viaUnsure,
      })
    : buildDisposition(protocol, protocol.whenAllNo.level, protocol.whenAllNo.careLevel, {
        basis: 'whenAllNo',
        questionId: null,
        questionText: null,
        advice: protocol.whenAllNo.advice,
        viaUnsure: false,
      });
  const open = questions.filter(
    (state, index) => isOpen(state) && couldChange(state, index, disposition, deciderIndex),
  );
  const firstQuestion = open.find((state) => state.kind === 'question');
  return {
    ...base,
    disposition,
    complete: open.length === 0,
    nextQuestion: firstQuestion
      ? {
          protocolId: protocol.id,
          questionId: firstQuestion.id,
          level: firstQuestion.level,
          text: firstQuestion.text,
        }
      : null,
    questions,
  };
}

/** The first definite yes in acuity order, unless an escalation at a more urgent level comes before it. */
export function decidingIndex(questions: readonly QuestionState[]): number | null {
  const definite = questions.findIndex((q) => q.countsAs === 'yes' && !q.viaUnsure);
  const escalated = questions.findIndex((q) => q.countsAs === 'yes' && q.viaUnsure);
  if (
    escalated >= 0 &&
    (definite < 0 || (questions[escalated]?.level ?? 7) < (questions[definite]?.level ?? 7))
  )
    return escalated;
  return definite >= 0 ? definite : null;
}

/** Unanswered, or answered in a way that leaves it open (unsure on an `open` question, a rule still needing something). */
export function isOpen(state: QuestionState): boolean {
  return state.applicable && (state.countsAs === null || state.countsAs === 'open');
}

/** Whether a "yes" to an open item could change a disposition decided at `deciderIndex` of the same list. */
function couldChange(
  state: QuestionState,
  index: number,
  disposition: TriageDisposition,
  deciderIndex: number | null,
): boolean {
  if (state.level < disposition.level) return true;
  if (state.level > disposition.level) return false;
  return deciderIndex === null || disposition.viaUnsure || index < deciderIndex;
}

function itemAt(protocol: Protocol, index: number | null): TriageItem {
  return protocol.questions[index ?? 0] as TriageItem;
}

function evaluateItem(
  item: TriageItem,
  protocolApplies: boolean,
  facts: CallFacts,
  context: ConditionContext,
): QuestionState {
  const rule = isTriageRule(item);
  const state: QuestionState = {
    id: item.id,
    kind: rule ? 'rule' : 'question',
    text: rule ? item.description : item.text,
    label: itemLabel(item),
    level: item.level,
    careLevel: careLevelOf(item.level, item.careLevel),
    unsure: rule ? null : item.unsure,
    unknown: rule ? item.unknown : null,
    applicable: false,
    notApplicable: null,
    answer: rule ? null : (facts.answers.get(item.id) ?? null),
    countsAs: null,
    viaUnsure: false,
    decidedByUnknown: false,
    needs: NO_NEEDS,
    decides: false,
    ruledOut: false,
  };
  if (!protocolApplies) {
    state.notApplicable = {
      reason: 'protocol',
      message: {
        sv: 'Protokollet gäller inte patienten.',
        en: 'The protocol does not apply to the patient.',
      },
    };
    return state;
  }
  const exclusion = exclusionOf(item, facts.patient);
  if (exclusion) {
    state.notApplicable = exclusion;
    return state;
  }
  if (rule) {
    const outcome = evaluateCondition(item.rule, context);
    state.applicable = true;
    if (outcome.value === 'true') state.countsAs = 'yes';
    else if (outcome.value === 'false') state.countsAs = 'no';
    else if (outcome.value === 'open') {
      state.countsAs = 'open';
      state.needs = outcome.needs;
    } else {
      state.decidedByUnknown = true;
      state.countsAs = item.unknown === 'escalate' ? 'yes' : 'no';
      state.viaUnsure = item.unknown === 'escalate';
    }
    // Ruled out only when the findings and answers made it false, not the patient's sex or age.
    state.ruledOut =
      outcome.value === 'false' &&
      evaluateCondition(item.rule, { ...context, assumeFindingsHold: true }).value === 'true';
    return state;
  }
  if (item.when !== undefined && evaluateCondition(item.when, context).value === 'false') {
    state.notApplicable = whenMessage(item);
    return state;
  }
  state.applicable = true;
  if (state.answer === 'yes' || state.answer === 'no') state.countsAs = state.answer;
  else if (state.answer === 'unsure') {
    state.countsAs = item.unsure === 'escalate' ? 'yes' : 'open';
    state.viaUnsure = item.unsure === 'escalate';
  }
  state.ruledOut = state.answer === 'no';
  return state;
}

function whenMessage(question: TriageQuestion): { reason: 'when'; message: LocalizedText } {
  return {
    reason: 'when',
    message: {
      sv: `Frågan '${question.id}' ställs inte: dess villkor (when) gäller inte patienten.`,
      en: `Question '${question.id}' is not asked: its condition (when) does not hold for the patient.`,
    },
  };
}

function buildDisposition(
  protocol: Protocol,
  level: DispositionLevel,
  careLevel: CareLevel | undefined,
  decided: {
    basis: TriageDisposition['basis'];
    questionId: string | null;
    questionText: LocalizedText | null;
    advice: LocalizedText;
    viaUnsure: boolean;
  },
): TriageDisposition {
  return {
    level,
    careLevel: careLevelOf(level, careLevel),
    step: DISPOSITION_LADDER[level],
    basis: decided.basis,
    decidedBy: {
      protocolId: protocol.id,
      protocolVersion: protocol.version,
      questionId: decided.questionId,
      questionText: decided.questionText,
    },
    advice: decided.advice,
    viaUnsure: decided.viaUnsure,
  };
}

export function careLevelOf(level: DispositionLevel, careLevel: CareLevel | undefined): CareLevel {
  return careLevel ?? DISPOSITION_LADDER[level].defaultCareLevel;
}
