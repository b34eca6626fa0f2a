// Triage slice: per case, the protocols chosen, every answer with its time, context answers, findings, the override and how saving went.
//
// Answers are kept in the order given and never rewritten: a changed answer is a new entry, and the
// engine counts the latest one, so the case record shows what was answered when.
import type {
  NumericFinding,
  PatientSex,
  RiskFactor,
  TriageFindings,
} from '../../../../core/triage/findings';
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { PhoneMenuAnswerInput } from '../../../../core/queue/phoneMenu';
import type { PhoneMenuResolution } from '../../../../core/triage/phoneMenuReconcile';
import type {
  ProvisionalSignReason,
  TriageAnswer,
  TriageContextAnswer,
  TriageOverride,
  TriageRecord,
} from '../../../../core/triage/record';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { caseReleased } from '../../app/caseRelease';

/** A protocol used in the call, with the version it had when it was chosen (or was recorded in the case). */
export interface ChosenProtocol {
  id: string;
  version: string;
}

/** An answer to a context question (asked for the record, never deciding): free text, a number, or ja/nej. */
export type ContextAnswer = TriageContextAnswer;

export type TriageSaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export interface CaseTriageState {
  protocols: ChosenProtocol[];
  answers: TriageAnswer[];
  contextAnswers: ContextAnswer[];
  override: TriageOverride | null;
  /** An override taken away because the answers changed the protocols' level under it; shown until the next override. */
  withdrawnOverride: TriageOverride | null;
  /** The patient's birth date (YYYY-MM-DD) from the case's identity; null for an unidentified caller. */
  birthDate: string | null;
  /** The age the nurse typed for a patient without a birth date; null when unknown. */
  typedAgeYears: number | null;
  /** The patient's sex from the case's identity (personnummer); null when unknown. */
  sex: PatientSex | null;
  /** The sex the nurse asked for a caller without a personnummer; null when not asked. */
  typedSex: PatientSex | null;
  /** Temperature, duration, pregnancy week and risk factors: entered once, read by every protocol. */
  findings: TriageFindings;
  /** The phone menu's answers of the call the case came from, and how contradictions were resolved; null without. */
  phoneMenu: { answers: PhoneMenuAnswerInput[]; resolutions: PhoneMenuResolution[] } | null;
  /** Why the nurse signs while the disposition is provisional (the call was cut off, …); null until given. */
  provisionalReason: ProvisionalSignReason | null;
  /** Counts every change, so a save can tell whether it is still the newest. */
  revision: number;
  savedRevision: number;
  saveStatus: TriageSaveStatus;
  savedAt: string | null;
  saveError: BridgeError | null;
}

export interface TriageSliceState {
  byCase: Record<string, CaseTriageState>;
}

const initialState: TriageSliceState = { byCase: {} };

export function emptyCaseTriage(): CaseTriageState {
  return {
    protocols: [],
    answers: [],
    contextAnswers: [],
    override: null,
    withdrawnOverride: null,
    birthDate: null,
    typedAgeYears: null,
    sex: null,
    typedSex: null,
    findings: {},
    phoneMenu: null,
    provisionalReason: null,
    revision: 0,
    savedRevision: 0,
    saveStatus: 'idle',
    savedAt: null,
    saveError: null,
  };
}

type ForCase<T = object> = PayloadAction<{ caseId: string } & T>;

function caseState(state: TriageSliceState, caseId: string): CaseTriageState {
  state.byCase[caseId] ??= emptyCaseTriage();
  return state.byCase[caseId];
}

function changed(triage: CaseTriageState): void {
  triage.revision += 1;
}

const triageSlice = createSlice({
  name: 'triage',
  initialState,
  reducers: {
    /**
     * The case view opened: start from what the case has stored. Work already in this window is kept
     * (it is newer than the stored record, which it is being saved over).
     */
    triageOpened(
      state,
      action: ForCase<{ stored: TriageRecord | null; birthDate: string | null; sex?: PatientSex | null }>,
    ) {
      const existing = state.byCase[action.payload.caseId];
      const sex = action.payload.sex ?? null;
      if (existing) {
        // The patient may have been identified since: the age and sex, and so the questions asked, can change.
        if (existing.birthDate !== action.payload.birthDate || existing.sex !== sex) {
          existing.birthDate = action.payload.birthDate;
          existing.sex = sex;
          if (existing.protocols.length > 0) changed(existing);
        }
        return;
      }
      const triage = caseState(state, action.payload.caseId);
      triage.birthDate = action.payload.birthDate;
      triage.sex = sex;
      const stored = action.payload.stored;
      if (stored) {
        triage.protocols = stored.protocols.map((p) => ({ id: p.id, version: p.version }));
        triage.answers = stored.answers.map((a) => ({ ...a }));
        triage.contextAnswers = (stored.contextAnswers ?? []).map((a) => ({ ...a }));
        triage.typedAgeYears = stored.typedAgeYears ?? null;
        // A sex recorded for a patient whose identity does not give one was asked in the call.
        triage.typedSex = sex === null ? (stored.sex ?? null) : null;
        triage.findings = { ...stored.findings };
        triage.phoneMenu = stored.phoneMenu
          ? {
              answers: stored.phoneMenu.answers.map((a) => ({ ...a })),
              resolutions: stored.phoneMenu.resolutions.map((r) => ({ ...r })),
            }
          : null;
        triage.override = stored.override;
        triage.provisionalReason = stored.provisionalReason ?? null;
        triage.saveStatus = 'saved';
      }
    },
    protocolAdded(state, action: ForCase<{ protocol: ChosenProtocol }>) {
      const triage = caseState(state, action.payload.caseId);
      if (triage.protocols.some((p) => p.id === action.payload.protocol.id)) return;
      triage.protocols.push({ ...action.payload.protocol });
      changed(triage);
    },
    /** Takes back a protocol chosen by mistake; one with answers stays, since its answers are part of the record. */
    protocolRemoved(state, action: ForCase<{ protocolId: string }>) {
      const triage = caseState(state, action.payload.caseId);
      const { protocolId } = action.payload;
      if (triage.answers.some((a) => a.protocolId === protocolId)) return;
      const before = triage.protocols.length;
      triage.protocols = triage.protocols.filter((p) => p.id !== protocolId);
      triage.contextAnswers = triage.contextAnswers.filter((a) => a.protocolId !== protocolId);
      if (triage.protocols.length !== before) changed(triage);
    },
    answerGiven(state, action: ForCase<{ answer: TriageAnswer }>) {
      const triage = caseState(state, action.payload.caseId);
      triage.answers.push({ ...action.payload.answer });
      changed(triage);
    },
    contextAnswered(state, action: ForCase<{ answer: ContextAnswer }>) {
      const triage = caseState(state, action.payload.caseId);
      const { answer } = action.payload;
      const existing = triage.contextAnswers.find(
        (a) => a.protocolId === answer.protocolId && a.questionId === answer.questionId,
      );
      if (existing?.value === answer.value) return;
      triage.contextAnswers = triage.contextAnswers.filter((a) => a !== existing);
      if (answer.value.trim() !== '') triage.contextAnswers.push({ ...answer });
      changed(triage);
    },
    overrideSet(state, action: ForCase<{ override: TriageOverride }>) {
      const triage = caseState(state, action.payload.caseId);
      triage.override = { ...action.payload.override };
      triage.withdrawnOverride = null;
      changed(triage);
    },
    overrideCleared(state, action: ForCase) {
      const triage = caseState(state, action.payload.caseId);
      if (triage.override === null) return;
      triage.override = null;
      changed(triage);
    },
    /** The answers moved the protocols' level away from the one the override started from. */
    overrideWithdrawn(state, action: ForCase) {
      const triage = caseState(state, action.payload.caseId);
      if (triage.override === null) return;
      triage.withdrawnOverride = triage.override;
      triage.override = null;
      changed(triage);
    },
    ageTyped(state, action: ForCase<{ ageYears: number | null }>) {
      const triage = caseState(state, action.payload.caseId);
      if (triage.typedAgeYears === action.payload.ageYears) return;
      triage.typedAgeYears = action.payload.ageYears;
      changed(triage);
    },
    sexTyped(state, action: ForCase<{ sex: PatientSex | null }>) {
      const triage = caseState(state, action.payload.caseId);
      if (triage.typedSex === action.payload.sex) return;
      triage.typedSex = action.payload.sex;
      changed(triage);
    },
    /** A numeric finding entered, marked "vet ej" (unknown), or cleared (undefined: not asked). */
    findingEntered(
      state,
      action: ForCase<{ finding: NumericFinding; value: number | 'unknown' | undefined }>,
    ) {
      const triage = caseState(state, action.payload.caseId);
      const { finding, value } = action.payload;
      if (triage.findings[finding] === value) return;
      if (value === undefined) delete triage.findings[finding];
      else triage.findings[finding] = value;
      changed(triage);
    },
    /** The risk factors the patient has once asked ([] = none), "unknown", or undefined (not asked). */
    riskFactorsEntered(state, action: ForCase<{ riskFactors: RiskFactor[] | 'unknown' | undefined }>) {
      const triage = caseState(state, action.payload.caseId);
      const { riskFactors } = action.payload;
      if (riskFactors === undefined) delete triage.findings.riskFactors;
      else triage.findings.riskFactors = Array.isArray(riskFactors) ? [...new Set(riskFactors)] : riskFactors;
      changed(triage);
    },
    /** The call's phone-menu answers, given to the case made for it (once: later ones are the same call). */
    phoneMenuReceived(state, action: ForCase<{ answers: PhoneMenuAnswerInput[] }>) {
      const triage = caseState(state, action.payload.caseId);
      if (triage.phoneMenu !== null || action.payload.answers.length === 0) return;
      triage.phoneMenu = {
        answers: action.payload.answers.map(({ code, answer }) => ({ code, answer })),
        resolutions: [],
      };
      changed(triage);
    },
    /** The nurse said which answer holds where the phone menu and the triage disagree. */
    phoneMenuResolved(state, action: ForCase<{ resolution: PhoneMenuResolution }>) {
      const triage = caseState(state, action.payload.caseId);
      if (!triage.phoneMenu) return;
      const { resolution } = action.payload;
      triage.phoneMenu.resolutions = [
        ...triage.phoneMenu.resolutions.filter((r) => r.code !== resolution.code),
        { ...resolution },
      ];
      changed(triage);
    },
    /** The nurse signs a provisional triage and says why (the record and the note keep the reason). */
    provisionalReasonGiven(state, action: ForCase<{ reason: ProvisionalSignReason }>) {
      const triage = caseState(state, action.payload.caseId);
      triage.provisionalReason = { ...action.payload.reason };
      changed(triage);
    },
    /** The nurse asks to try a failed save again. */
    saveRetried(state, action: ForCase) {
      caseState(state, action.payload.caseId).saveStatus = 'saving';
    },
    saveStarted(state, action: ForCase) {
      caseState(state, action.payload.caseId).saveStatus = 'saving';
    },
    saveSucceeded(state, action: ForCase<{ revision: number; savedAt: string }>) {
      const triage = caseState(state, action.payload.caseId);
      triage.savedRevision = Math.max(triage.savedRevision, action.payload.revision);
      triage.savedAt = action.payload.savedAt;
      triage.saveError = null;
      triage.saveStatus = triage.savedRevision >= triage.revision ? 'saved' : 'saving';
    },
    saveFailed(state, action: ForCase<{ error: BridgeError }>) {
      const triage = caseState(state, action.payload.caseId);
      triage.saveStatus = 'error';
      triage.saveError = action.payload.error;
    },
  },
  extraReducers: (builder) => {
    // Answers are patient data: nothing of a nurse's calls stays in memory after she signs out.
    builder
      .addCase(caseReleased, (state, action) => {
        delete state.byCase[action.payload.caseId];
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const {
  triageOpened,
  protocolAdded,
  protocolRemoved,
  answerGiven,
  contextAnswered,
  overrideSet,
  overrideCleared,
  overrideWithdrawn,
  ageTyped,
  sexTyped,
  findingEntered,
  riskFactorsEntered,
  phoneMenuReceived,
  phoneMenuResolved,
  provisionalReasonGiven,
  saveRetried,
  saveStarted,
  saveSucceeded,
  saveFailed,
} = triageSlice.actions;
export const triageReducer = triageSlice.reducer;

/** The actions that can change what is saved in the case (a save runs only when the revision moved). */
export const TRIAGE_CHANGES = [
  triageOpened,
  protocolAdded,
  protocolRemoved,
  answerGiven,
  contextAnswered,
  overrideSet,
  overrideCleared,
  overrideWithdrawn,
  ageTyped,
  sexTyped,
  findingEntered,
  riskFactorsEntered,
  phoneMenuReceived,
  phoneMenuResolved,
  provisionalReasonGiven,
  saveRetried,
] as const;

type WithTriage = { triage: TriageSliceState };
export const selectCaseTriage = (state: WithTriage, caseId: string): CaseTriageState | undefined =>
  state.triage.byCase[caseId];

/** The sex triage uses: from the personnummer when known, else what the nurse asked (null = unknown). */
export function triageSex(triage: Pick<CaseTriageState, 'sex' | 'typedSex'>): PatientSex | null {
  return triage.sex ?? triage.typedSex;
}
