// The triage engine: protocols + answers + age, sex and findings → current disposition, deciding item, what is still open.
//
// Pure and synchronous, so the workstation can re-evaluate on every keystroke and tests need no setup.
// Rules (Schmitt-Thompson style): items are listed from highest to lowest acuity and the first definite
// "yes" (or fired rule) in that order decides, across every protocol of the call; an escalated "unsure"
// decides instead only when it is more urgent (`viaUnsure`, "höjd av osäker"). At one level a definite
// yes beats an unsure and a question beats `whenAllNo`, then the protocol added first wins. A question
// id is one fact for the whole call: one answer counts in every protocol that asks that id. Until every
// item that could still change the result is decided, the result is provisional: it is what the
// disposition would be if the open items were all "no".
import type { DispositionLevel } from './dispositionLadder';
import { evaluateProtocol, isOpen } from './engineProtocol';
import type { CallFacts } from './engineProtocol';
import type {
  EvaluateTriageInput,
  FindingNeeded,
  NextQuestion,
  ProtocolResult,
  ProvisionalReason,
  QuestionState,
  RuledOutFlag,
  TriageAnswerInput,
  TriageResult,
  TriageWarning,
} from './engineTypes';
import { FINDING_LABELS, PATIENT_SEXES, TriageFindingsSchema } from './findings';
import type { FindingKey, PatientSex, TriageFindings } from './findings';
import { isTriageRule } from './protocol';
import type { Protocol } from './protocol';
import { TriageAnswerValueSchema } from './record';
import type { TriageAnswerValue } from './record';

export type * from './engineTypes';
export { applyOverride, buildTriageRecord, TriageOverrideError } from './override';
export type { FinalDisposition, TriageRecordFacts } from './override';

/** Evaluates a call's triage. Never throws on odd input: what cannot be used is reported in `warnings`. */
export function evaluateTriage(input: EvaluateTriageInput): TriageResult {
  const { protocols, answers, ageYears } = input;
  const warnings: TriageWarning[] = [];
  const age = typeof ageYears === 'number' && Number.isFinite(ageYears) && ageYears >= 0 ? ageYears : null;
  const sex: PatientSex | null =
    typeof input.sex === 'string' && (PATIENT_SEXES as readonly string[]).includes(input.sex)
      ? input.sex
      : null;
  const findings = readFindings(input.findings, warnings);

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

  const facts: CallFacts = {
    patient: { ageYears: age, sex },
    findings,
    answers: latestAnswers(answers, distinct, warnings),
  };
  const results = distinct.map((protocol) => evaluateProtocol(protocol, facts));
  for (const result of results) {
    if (result.notApplicable) {
      warnings.push({
        code: result.notApplicable.reason === 'age' ? 'protocol-not-for-age' : 'protocol-not-for-sex',
        message: `Protocol '${result.protocolId}': ${result.notApplicable.message.en} It is left out.`,
        protocolId: result.protocolId,
      });
    }
  }
  warnIgnoredAnswers(facts.answers, results, warnings);

  const winner = winningProtocol(results);
  if (distinct.length > 0 && winner === null) {
    warnings.push({
      code: 'no-applicable-protocol',
      message: `None of the chosen protocols applies to the patient (age ${age ?? 'unknown'}, sex ${sex ?? 'unknown'}); choose another protocol.`,
    });
  }
  const disposition = winner === null ? null : (results[winner]?.disposition ?? null);
  const empty = { ruledOut: [], provisionalReasons: [], findingsNeeded: [] };
  if (disposition === null || winner === null) {
    return { disposition, complete: false, nextQuestion: null, protocols: results, ...empty, warnings };
  }

  // An open item matters for the call when deciding it "yes" could change the disposition or its decider.
  const deciderAt = results[winner]?.questions.findIndex((q) => q.decides) ?? -1;
  const matters = (level: DispositionLevel, protocolIndex: number, itemIndex: number): boolean => {
    if (level !== disposition.level) return level < disposition.level;
    if (disposition.basis === 'whenAllNo' || disposition.viaUnsure) return true;
    return protocolIndex < winner || (protocolIndex === winner && itemIndex < deciderAt);
  };

  const provisionalReasons: ProvisionalReason[] = [];
  const candidates: NextQuestion[] = [];
  const needed = new Map<FindingKey, FindingNeeded>();
  results.forEach((result, p) => {
    if (!result.applicable) return;
    result.questions.forEach((state, i) => {
      if (!isOpen(state) || !matters(state.level, p, i)) return;
      provisionalReasons.push(reasonFor(result, state));
      if (state.kind === 'question') candidates.push(nextOf(result, state, state.level));
      for (const questionId of state.needs.questions) {
        const question = result.questions.find((q) => q.id === questionId && q.applicable);
        if (question && question.countsAs === null) candidates.push(nextOf(result, question, state.level));
      }
      for (const finding of state.needs.findings) {
        const entry = needed.get(finding) ?? {
          finding,
          label: FINDING_LABELS[finding],
          level: state.level,
          rules: [],
        };
        entry.level = Math.min(entry.level, state.level) as DispositionLevel;
        entry.rules.push({ protocolId: result.protocolId, ruleId: state.id, level: state.level });
        needed.set(finding, entry);
      }
    });
  });
  // The most urgent first; at one level the protocol and item order given (a stable sort).
  const nextQuestion = [...candidates].sort((a, b) => a.level - b.level)[0] ?? null;

  return {
    disposition,
    complete: provisionalReasons.length === 0,
    nextQuestion,
    protocols: results,
    ruledOut: ruledOutFlags(results, disposition.level),
    provisionalReasons: provisionalReasons.sort((a, b) => a.level - b.level),
    findingsNeeded: [...needed.values()].sort((a, b) => a.level - b.level),
    warnings,
  };
}

/** The protocol whose disposition wins: most urgent; at one level a definite decider, then an escalation, then whenAllNo; then the first added. */
function winningProtocol(results: readonly ProtocolResult[]): number | null {
  const rank = (result: ProtocolResult): number => {
    const d = result.disposition;
    if (d === null) return Infinity;
    const kind = d.basis === 'whenAllNo' ? 2 : d.viaUnsure ? 1 : 0;
    return d.level * 3 + kind;
  };
  let winner: number | null = null;
  results.forEach((result, i) => {
    if (result.disposition === null) return;
    const best = winner === null ? Infinity : rank(results[winner] as ProtocolResult);
    if (rank(result) < best) winner = i;
  });
  return winner;
}

function reasonFor(result: ProtocolResult, state: QuestionState): ProvisionalReason {
  return {
    kind: state.kind === 'rule' ? 'rule-open' : state.answer === 'unsure' ? 'unsure-open' : 'unanswered',
    protocolId: result.protocolId,
    itemId: state.id,
    level: state.level,
    text: state.text,
    needs: state.needs,
  };
}

function nextOf(result: ProtocolResult, state: QuestionState, level: DispositionLevel): NextQuestion {
  return { protocolId: result.protocolId, questionId: state.id, level, text: state.text };
}

/** Red flags asked and ruled out above the disposition's level (see `QuestionState.ruledOut`), once per id. */
function ruledOutFlags(results: readonly ProtocolResult[], level: DispositionLevel): RuledOutFlag[] {
  const flags = new Map<string, RuledOutFlag>();
  for (const result of results) {
    if (!result.applicable) continue;
    for (const state of result.questions) {
      if (state.level >= level || !state.applicable || !state.ruledOut || flags.has(state.id)) continue;
      flags.set(state.id, {
        protocolId: result.protocolId,
        itemId: state.id,
        kind: state.kind,
        level: state.level,
        label: state.label,
      });
    }
  }
  return [...flags.values()].sort((a, b) => a.level - b.level);
}

/** Findings as given, or none (with a warning) when they do not fit the schema: a wrong value is never guessed at. */
function readFindings(findings: unknown, warnings: TriageWarning[]): TriageFindings {
  if (findings === undefined || findings === null) return {};
  const parsed = TriageFindingsSchema.safeParse(findings);
  if (parsed.success) return parsed.data;
  warnings.push({
    code: 'invalid-findings',
    message: `The findings are not usable (${parsed.error.issues.map((i) => i.message).join('; ')}); they are ignored.`,
  });
  return {};
}

/** Answers whose question id no protocol of the call asks of this patient are reported, not silently dropped. */
function warnIgnoredAnswers(
  answers: ReadonlyMap<string, TriageAnswerValue>,
  results: readonly ProtocolResult[],
  warnings: TriageWarning[],
): void {
  for (const questionId of answers.keys()) {
    const states = results
      .filter((r) => r.applicable)
      .flatMap((r) => r.questions.filter((q) => q.id === questionId));
    if (states.length === 0 || states.some((q) => q.applicable)) continue;
    const reason = states[0]?.notApplicable?.reason;
    warnings.push({
      code:
        reason === 'age'
          ? 'question-not-for-age'
          : reason === 'sex'
            ? 'question-not-for-sex'
            : 'question-not-asked',
      message: `Question '${questionId}' is not asked of this patient (${states[0]?.notApplicable?.message.en ?? ''}); its answer is ignored.`,
      questionId,
    });
  }
}

/** The answer that counts per question id for the whole call; unknown protocols and questions become warnings. */
function latestAnswers(
  answers: readonly TriageAnswerInput[],
  protocols: readonly Protocol[],
  warnings: TriageWarning[],
): Map<string, TriageAnswerValue> {
  const latest = new Map<string, { value: TriageAnswerValue; at: number | null }>();
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
    if (!protocol.questions.some((q) => q.id === answer.questionId && !isTriageRule(q))) {
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
    const parsedAt = answer.answeredAt === undefined ? NaN : Date.parse(answer.answeredAt);
    const at = Number.isNaN(parsedAt) ? null : parsedAt;
    const earlier = latest.get(answer.questionId);
    // A later answer replaces an earlier one; only a clearly older timestamp keeps the earlier answer.
    if (!earlier || earlier.at === null || at === null || at >= earlier.at) {
      latest.set(answer.questionId, { value: answer.value, at });
    }
  }
  return new Map([...latest].map(([questionId, entry]) => [questionId, entry.value]));
}
