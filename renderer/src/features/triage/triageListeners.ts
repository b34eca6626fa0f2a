// Side effects of triage: every change pre-fills the note and is saved to the case through the bridge, one save at a time per case.
//
// Saves for one case run in order and each saves the newest state, so a burst of key presses never
// lets an older record overwrite a newer one; a record that is the same as the one last sent (the
// case opened again) is not sent again.
import { isAnyOf, type PayloadAction, type TypedStartListening, type UnknownAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import { BridgeCallError, callBridge } from '../../platform/bridge';
import type { RootState } from '../../app/store';
import { caseReleased } from '../../app/caseRelease';
import { caseUpdated } from '../cases/caseViewSlice';
import { notePrefilled } from '../notes/notesSlice';
import { selectProtocolList } from '../protocols/protocolsSlice';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { triageAgeYears } from './age';
import {
  overrideWithdrawn,
  saveFailed,
  saveStarted,
  saveSucceeded,
  selectCaseTriage,
  TRIAGE_CHANGES,
} from './triageSlice';
import { buildNotePrefill } from './notePrefill';
import { recordOf, viewCaseTriage } from './triageView';

export type TriageStartListening = TypedStartListening<RootState>;

export interface TriageListenerOptions {
  /** The clock for the patient's age and the save time (tests pass their own). */
  now?: () => Date;
}

const queues = new Map<string, Promise<void>>();
/** Per case, the record and the pre-fill last handed on, to skip repeating them. */
const lastSaved = new Map<string, string>();
const lastPrefill = new Map<string, string>();

export function setupTriageListeners(
  startListening: TriageStartListening,
  options: TriageListenerOptions = {},
) {
  const now = options.now ?? (() => new Date());
  // A released case is loaded afresh when opened again: what was sent for it is no longer the question.
  startListening({
    actionCreator: caseReleased,
    effect: ({ payload }) => {
      lastSaved.delete(payload.caseId);
      lastPrefill.delete(payload.caseId);
    },
  });
  // What was last sent holds patient data; it goes when the nurse signs out.
  startListening({
    matcher: isAnyOf(sessionChanged, signOut.fulfilled),
    effect: (action) => {
      if (sessionChanged.match(action) && action.payload.status !== 'signed-out') return;
      lastSaved.clear();
      lastPrefill.clear();
    },
  });
  return startListening({
    predicate: isTriageChange,
    effect: async (action, api) => {
      const { caseId } = action.payload;
      const previous = queues.get(caseId) ?? Promise.resolve();
      const run = previous.then(() => saveNewest(caseId, api.getState, api.dispatch, now));
      const settled = run.catch(() => undefined);
      queues.set(caseId, settled);
      await settled;
      if (queues.get(caseId) === settled) queues.delete(caseId);
    },
  });
}

/** Settles when the case's triage saves queued so far have run (a sign that needs the saved record waits for it). */
export async function whenTriageSaved(caseId: string): Promise<void> {
  // The listener queues its save as the action passes; let it start first.
  await Promise.resolve();
  await (queues.get(caseId) ?? Promise.resolve());
}

function isTriageChange(action: UnknownAction): action is PayloadAction<{ caseId: string }> {
  return TRIAGE_CHANGES.some((change) => change.match(action));
}

type Dispatch = Parameters<Parameters<TriageStartListening>[0]['effect']>[1]['dispatch'];

async function saveNewest(
  caseId: string,
  getState: () => RootState,
  dispatch: Dispatch,
  now: () => Date,
): Promise<void> {
  const state = getState();
  const triage = selectCaseTriage(state, caseId);
  const library = selectProtocolList(state);
  // Nothing new, or nothing to evaluate against yet (the panel is not interactive before the library loads).
  if (!triage || triage.revision <= triage.savedRevision) return;
  if (state.protocols.status !== 'ready') return;

  const view = viewCaseTriage(library, triage, triageAgeYears(triage, now()));
  if (view.overrideStale && triage.override) {
    // An override made for another level must not be saved as if it still applied; this queues a new save.
    dispatch(overrideWithdrawn({ caseId }));
    return;
  }
  const revision = triage.revision;

  const openCase = state.caseView.data?.case;
  const prefill = buildNotePrefill(
    view,
    triage,
    openCase?.id === caseId ? (openCase.referral ?? null) : null,
  );
  const prefillText = JSON.stringify(prefill);
  if (prefill && lastPrefill.get(caseId) !== prefillText) {
    lastPrefill.set(caseId, prefillText);
    dispatch(notePrefilled({ caseId, ...prefill }));
  }

  const record = recordOf(triage, view);
  const recordText = JSON.stringify(record);
  if (lastSaved.get(caseId) === recordText && triage.saveStatus !== 'error') {
    dispatch(saveSucceeded({ caseId, revision, savedAt: triage.savedAt ?? now().toISOString() }));
    return;
  }
  dispatch(saveStarted({ caseId }));
  try {
    const saved = await callBridge('cases.saveTriage', { caseId, triage: record });
    lastSaved.set(caseId, recordText);
    dispatch(saveSucceeded({ caseId, revision, savedAt: now().toISOString() }));
    // The case view keeps the new version, so "Sparat i ärendet" shows what the case now holds.
    dispatch(caseUpdated(saved));
  } catch (error) {
    const bridgeError: BridgeError =
      error instanceof BridgeCallError ? error.error : { code: 'internal', message: String(error) };
    dispatch(saveFailed({ caseId, error: bridgeError }));
  }
}
