// The triage engine's input and output types: what a workstation, the CLI or the evaluation harness gives it and gets back.
import type { CareLevel, DispositionLevel, DispositionStep } from './dispositionLadder';
import type { FindingKey, PatientSex, TriageFindings } from './findings';
import type { Exclusion, LocalizedText, Protocol } from './protocol';
import type { TriageAnswerValue } from './record';

/** One answer as the engine needs it; a stored `TriageAnswer` fits. */
export interface TriageAnswerInput {
  /** The protocol the answer was given in; the answer counts for every protocol of the call that asks the same id. */
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
  /** From the personnummer or asked; null/absent when unknown, and then sex-restricted questions are asked. */
  sex?: PatientSex | null | undefined;
  /** The call's structured findings; absent ones keep the rules that need them open. */
  findings?: TriageFindings | undefined;
}

/** Where a disposition came from: a question answered "yes" (or an escalated "unsure"), a fired rule, or every item "no". */
export type DispositionBasis = 'question' | 'rule' | 'whenAllNo';

export interface TriageDisposition {
  level: DispositionLevel;
  careLevel: CareLevel;
  /** The ladder step: Swedish/English label, time frame, comparable codes. */
  step: DispositionStep;
  basis: DispositionBasis;
  decidedBy: {
    protocolId: string;
    protocolVersion: string;
    /** The deciding question's or rule's id; null when the protocol's `whenAllNo` decided. */
    questionId: string | null;
    /** The deciding question's text or the fired rule's description; null for `whenAllNo`. */
    questionText: LocalizedText | null;
  };
  /** The care advice that goes with this disposition. */
  advice: LocalizedText;
  /**
   * True when an escalation decided ("höjd av osäker"): an "unsure" on an `unsure: escalate` question,
   * or a rule fired because a finding it needs is "unknown" (`unknown: escalate`).
   */
  viaUnsure: boolean;
}

/** A question the nurse should ask next. */
export interface NextQuestion {
  protocolId: string;
  questionId: string;
  level: DispositionLevel;
  text: LocalizedText;
}

/** Why an item is not asked: the patient's age or sex, the protocol not applying, or its `when` condition being false. */
export type NotApplicable = Exclusion | { reason: 'protocol' | 'when'; message: LocalizedText };

/** One item (question or rule) of a protocol as evaluated for this call. */
export interface QuestionState {
  id: string;
  kind: 'question' | 'rule';
  /** The question text, or the rule's description. */
  text: LocalizedText;
  /** Short red-flag name for the note (the label, else the text). */
  label: LocalizedText;
  level: DispositionLevel;
  careLevel: CareLevel;
  /** The question's unsure policy; null for a rule. */
  unsure: 'escalate' | 'open' | null;
  /** The rule's policy for an "unknown" finding; null for a question. */
  unknown: 'escalate' | 'ignore' | null;
  /** False when the item is not asked (or, for a rule, not considered) for this patient. */
  applicable: boolean;
  /** Why not, when `applicable` is false. */
  notApplicable: NotApplicable | null;
  /** The call-wide answer to this question id (null for rules and unanswered questions). */
  answer: TriageAnswerValue | null;
  /**
   * How the item counts: yes / no; open when it still needs something (an "unsure" on an `unsure: open`
   * question, or a rule that needs a finding or answer); null when unanswered or not applicable.
   */
  countsAs: 'yes' | 'no' | 'open' | null;
  /** True when it counts as yes only through an escalation (unsure, or an unknown finding). */
  viaUnsure: boolean;
  /** True when a finding marked "unknown" decided this rule (by its `unknown` policy). */
  decidedByUnknown: boolean;
  /** For an open rule: the findings and question answers still needed to decide it. */
  needs: { findings: FindingKey[]; questions: string[] };
  /** True for the item that decides this protocol's result. */
  decides: boolean;
  /**
   * True when the red flag was asked and ruled out: a question answered "no", or a rule found false by
   * its findings and answers (not merely because the patient's sex or age does not fit it).
   */
  ruledOut: boolean;
}

export interface ProtocolResult {
  protocolId: string;
  protocolVersion: string;
  title: LocalizedText;
  /** False when the patient's age or sex is outside the protocol's; it then takes no part in the result. */
  applicable: boolean;
  /** Why the protocol does not apply (age or sex, with a message); null when it applies. */
  notApplicable: Exclusion | null;
  /** This protocol's own disposition (null when not applicable). */
  disposition: TriageDisposition | null;
  /** True when no open item of this protocol could change its disposition. */
  complete: boolean;
  /** This protocol's next question that could still change its result, highest acuity first. */
  nextQuestion: NextQuestion | null;
  /** The checklist: every item (questions and rules) with its state. */
  questions: QuestionState[];
}

/** A red flag that was asked and ruled out (answered "no", or a rule found false) above the disposition's level. */
export interface RuledOutFlag {
  protocolId: string;
  itemId: string;
  kind: 'question' | 'rule';
  level: DispositionLevel;
  label: LocalizedText;
}

/** Why the disposition is still provisional: an item more urgent than (or tied with) it is not decided yet. */
export interface ProvisionalReason {
  kind: 'unanswered' | 'unsure-open' | 'rule-open';
  protocolId: string;
  itemId: string;
  level: DispositionLevel;
  text: LocalizedText;
  /** For a rule: the findings and answers it needs. */
  needs: { findings: FindingKey[]; questions: string[] };
}

/** A finding the nurse should enter: an open rule that could change the disposition needs it. */
export interface FindingNeeded {
  finding: FindingKey;
  label: LocalizedText;
  /** The most urgent level among the rules that need it. */
  level: DispositionLevel;
  rules: { protocolId: string; ruleId: string; level: DispositionLevel }[];
}

export type TriageWarningCode =
  | 'protocol-not-for-age'
  | 'protocol-not-for-sex'
  | 'question-not-for-age'
  | 'question-not-for-sex'
  | 'question-not-asked'
  | 'unknown-protocol'
  | 'unknown-question'
  | 'version-mismatch'
  | 'duplicate-protocol'
  | 'invalid-answer'
  | 'invalid-findings'
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
  /** True when no open item could change `disposition`; otherwise it is provisional. */
  complete: boolean;
  /** The next question to ask (highest acuity first among those that could change the result). */
  nextQuestion: NextQuestion | null;
  /** Per protocol, in the order given. */
  protocols: ProtocolResult[];
  /** Red flags asked and ruled out above the disposition's level, once per id, most urgent first. */
  ruledOut: RuledOutFlag[];
  /** Every open item that keeps the disposition provisional, most urgent first. */
  provisionalReasons: ProvisionalReason[];
  /** Findings (and sex/age) open rules need before they can be decided, most urgent first. */
  findingsNeeded: FindingNeeded[];
  warnings: TriageWarning[];
}
