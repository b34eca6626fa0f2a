// Keeps a shift's memory flat: a case she has finished (no draft left, triage saved) is released once it is off screen.
//
// Everything released is in main's store already, so opening the case again shows it exactly as before.
import { isAnyOf, type ListenerMiddlewareInstance } from '@reduxjs/toolkit';
import { caseReleased } from '../../app/caseRelease';
import type { RootState } from '../../app/store';
import { signDraft } from '../notes/noteThunks';
import { closeCase, openCase } from './caseThunks';
import { caseViewClosed } from './caseViewSlice';

type StartListening = ListenerMiddlewareInstance['startListening'];

/** The cases whose state the renderer may let go now. */
export function releasableCases(state: RootState): string[] {
  const keep = new Set([state.caseView.caseId, state.activeCall.caseId]);
  const held = new Set([
    ...Object.keys(state.triage.byCase),
    ...Object.keys(state.notes.drafts),
    ...Object.keys(state.notes.pendingPrefills),
    ...Object.keys(state.referral.byCase),
  ]);
  return [...held].filter((caseId) => {
    if (keep.has(caseId)) return false;
    // An unsigned draft is work in progress, even when saved: it stays until signed or discarded.
    if (state.notes.drafts[caseId]) return false;
    const triage = state.triage.byCase[caseId];
    return !triage || (triage.revision <= triage.savedRevision && triage.saveStatus !== 'saving');
  });
}

export function setupCaseReleaseListeners(startListening: StartListening): () => void {
  return startListening({
    matcher: isAnyOf(openCase.fulfilled, caseViewClosed, signDraft.fulfilled, closeCase.fulfilled),
    effect: (_action, api) => {
      for (const caseId of releasableCases(api.getState() as RootState))
        api.dispatch(caseReleased({ caseId }));
    },
  });
}
