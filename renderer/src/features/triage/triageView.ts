// What the triage panel shows for one case: the chosen protocols resolved in the library, the engine's result, the override applied.
//
// Pure, so the panel, the saving listener and the note pre-fill all see one and the same evaluation.
import {
  applyOverride,
  buildTriageRecord,
  evaluateTriage,
  TriageOverrideError,
  type FinalDisposition,
  type TriageResult,
} from '../../../../core/triage/engine';
import {
  phoneMenuContradictions,
  type PhoneMenuContradiction,
} from '../../../../core/triage/phoneMenuReconcile';
import { askedQuestions, type ContextQuestion, type Protocol } from '../../../../core/triage/protocol';
import type { TriageOverride, TriageRecord } from '../../../../core/triage/record';
import { triageSex, type CaseTriageState, type ChosenProtocol } from './triageSlice';

export interface CaseTriageView {
  /** The chosen protocols found in the library, in the order they were added. */
  protocols: Protocol[];
  /** Chosen protocols the library no longer has (a stored case from another version); they take no part. */
  missing: ChosenProtocol[];
  /** Chosen protocols whose recorded version differs from the library's: the questions may have changed. */
  versionChanges: { id: string; recorded: string; current: string }[];
  result: TriageResult;
  /** The disposition after the override; null until a protocol that applies is chosen. */
  final: FinalDisposition | null;
  /** The override in force (null when there is none or it no longer fits the result). */
  override: TriageOverride | null;
  /** True when the stored override starts from another level than the protocols now give. */
  overrideStale: boolean;
  /** Where the phone menu's answers and the triage disagree, not yet resolved by the nurse. */
  phoneMenuContradictions: PhoneMenuContradiction[];
}

export function viewCaseTriage(
  library: readonly Protocol[],
  triage: CaseTriageState,
  ageYears: number | null,
): CaseTriageView {
  const byId = new Map(library.map((p) => [p.id, p]));
  const protocols: Protocol[] = [];
  const missing: ChosenProtocol[] = [];
  const versionChanges: CaseTriageView['versionChanges'] = [];
  for (const chosen of triage.protocols) {
    const protocol = byId.get(chosen.id);
    if (!protocol) {
      missing.push(chosen);
      continue;
    }
    protocols.push(protocol);
    const recorded =
      triage.answers.find((a) => a.protocolId === chosen.id)?.protocolVersion ?? chosen.version;
    if (recorded !== protocol.version)
      versionChanges.push({ id: chosen.id, recorded, current: protocol.version });
  }
  const result = evaluateTriage({
    protocols,
    answers: triage.answers,
    ageYears,
    sex: triageSex(triage),
    findings: triage.findings,
  });

  let final: FinalDisposition | null = null;
  let override = triage.override;
  let overrideStale = false;
  if (result.disposition) {
    try {
      final = applyOverride(result, override);
    } catch (error) {
      if (!(error instanceof TriageOverrideError)) throw error;
      overrideStale = true;
      override = null;
      final = applyOverride(result, null);
    }
  } else if (override) {
    overrideStale = true;
    override = null;
  }
  const contradictions = triage.phoneMenu
    ? phoneMenuContradictions(triage.phoneMenu.answers, triage.phoneMenu.resolutions, {
        result,
        findings: triage.findings,
        ageYears,
      })
    : [];
  return {
    protocols,
    missing,
    versionChanges,
    result,
    final,
    override,
    overrideStale,
    phoneMenuContradictions: contradictions,
  };
}

/**
 * The record saved in the case. Protocols the library no longer has stay listed with their recorded
 * version, so saving again never drops what an earlier answer referred to.
 */
export function recordOf(triage: CaseTriageState, view: CaseTriageView): TriageRecord {
  const record = buildTriageRecord(view.protocols, triage.answers, view.result, view.override, {
    sex: triageSex(triage),
    findings: triage.findings,
  });
  const provisional = view.result.disposition !== null && !view.result.complete;
  return {
    ...record,
    protocols: [...record.protocols, ...view.missing.map((p) => ({ ...p }))],
    ...(triage.contextAnswers.length > 0
      ? { contextAnswers: triage.contextAnswers.map((a) => ({ ...a })) }
      : {}),
    // Only when it chose the questions: an identified patient's age comes from the birth date.
    ...(triage.typedAgeYears !== null && triage.birthDate === null
      ? { typedAgeYears: triage.typedAgeYears }
      : {}),
    // Main refuses to sign a note over a provisional triage that has neither an override nor a reason.
    ...(provisional ? { provisional: true as const } : {}),
    ...(provisional && triage.provisionalReason
      ? { provisionalReason: { ...triage.provisionalReason } }
      : {}),
    // Main refuses to sign while a contradiction with the phone menu is open.
    ...(triage.phoneMenu
      ? {
          phoneMenu: {
            answers: triage.phoneMenu.answers.map((a) => ({ ...a })),
            resolutions: triage.phoneMenu.resolutions.map((r) => ({ ...r })),
            ...(view.phoneMenuContradictions.length > 0 ? { unresolved: true as const } : {}),
          },
        }
      : {}),
  };
}

/** One row of the keyboard checklist: a context question or a triage question of one protocol. */
export type ChecklistItem =
  | { kind: 'context'; key: string; protocolId: string; question: ContextQuestion }
  | { kind: 'triage'; key: string; protocolId: string; questionId: string };

/** The checklist rows in the order the nurse moves through them: per protocol, context questions then triage questions. */
export function checklistItems(view: CaseTriageView): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (const protocol of view.protocols) {
    for (const question of protocol.contextQuestions) {
      items.push({
        kind: 'context',
        key: itemKey(protocol.id, question.id),
        protocolId: protocol.id,
        question,
      });
    }
    // Rules are not asked: they fire from findings and show in the disposition.
    for (const question of askedQuestions(protocol)) {
      items.push({
        kind: 'triage',
        key: itemKey(protocol.id, question.id),
        protocolId: protocol.id,
        questionId: question.id,
      });
    }
  }
  return items;
}

export function itemKey(protocolId: string, questionId: string): string {
  return `${protocolId}/${questionId}`;
}

/** The row to go to after an answer: the engine's next question, else the next row that still needs an answer. */
export function rowAfterAnswer(
  view: CaseTriageView,
  items: readonly ChecklistItem[],
  fromKey: string,
): string {
  const next = view.result.nextQuestion;
  if (next) return itemKey(next.protocolId, next.questionId);
  const from = items.findIndex((item) => item.key === fromKey);
  const open = (item: ChecklistItem) => {
    if (item.kind !== 'triage') return false;
    const state = view.result.protocols
      .find((p) => p.protocolId === item.protocolId)
      ?.questions.find((q) => q.id === item.questionId);
    return state !== undefined && state.applicable && state.answer === null;
  };
  const after = items.slice(from + 1).find(open);
  return after?.key ?? items[Math.min(from + 1, items.length - 1)]?.key ?? fromKey;
}
