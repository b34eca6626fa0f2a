// Side effects of the workspace: restore at sign-in (a reload lands here too), open the call's case, and save as she moves.
import { isAnyOf, type ListenerMiddlewareInstance } from '@reduxjs/toolkit';
import type { Workspace } from '../../../../core/api/workspace';
import type { ActiveCallState } from '../calls/activeCallSlice';
import { findCaseForCall } from '../calls/callThunks';
import { createCase, openCase } from '../cases/caseThunks';
import {
  caseFocusAreaChanged,
  caseFocusRequested,
  caseViewClosed,
  type CaseViewState,
} from '../cases/caseViewSlice';
import type { IdentificationState } from '../identification/identificationSlice';
import { sectionSelected, type Section } from '../shell/navigationSlice';
import { loadSession, sessionChanged } from '../session/sessionSlice';
import { restoreWorkspace, saveWorkspace } from './workspaceThunks';
import type { WorkspaceState } from './workspaceSlice';

/** Moves come in bursts (section, then case, then focus): one save after they settle. */
export const WORKSPACE_SAVE_DELAY_MS = 250;

type StartListening = ListenerMiddlewareInstance['startListening'];
type WorkspaceRoot = {
  workspace: WorkspaceState;
  navigation: { section: Section };
  caseView: CaseViewState;
  activeCall: ActiveCallState;
  identification: IdentificationState;
};

export function workspaceOf(state: WorkspaceRoot): Workspace {
  const openCaseId = state.caseView.caseId;
  return {
    section: state.navigation.section,
    openCaseId,
    focus: openCaseId === null ? null : state.caseView.focusArea,
  };
}

export function setupWorkspaceListeners(startListening: StartListening): () => void {
  const unsubscribers = [
    // Signed in, or still signed in after a reload: bring back what she had open.
    startListening({
      matcher: isAnyOf(loadSession.fulfilled, sessionChanged),
      effect: (action, api) => {
        const session = (action as { payload?: { status?: string } }).payload;
        const { phase } = (api.getState() as WorkspaceRoot).workspace;
        if (session?.status === 'signed-in' && phase === 'idle')
          void api.dispatch(restoreWorkspace() as never);
      },
    }),

    // Restored with no case open while on a call with a case: that case is where she was.
    startListening({
      matcher: isAnyOf(restoreWorkspace.fulfilled, restoreWorkspace.rejected, findCaseForCall.fulfilled),
      effect: (_action, api) => {
        const state = api.getState() as WorkspaceRoot;
        const { caseId } = state.activeCall;
        if (state.workspace.phase !== 'ready' || caseId === null) return;
        if (state.caseView.caseId !== null || state.identification.open) return;
        api.dispatch(sectionSelected('cases'));
        api.dispatch(caseFocusRequested({ caseId, area: 'triage' }));
        void api.dispatch(openCase(caseId) as never);
      },
    }),

    // Every move she makes is saved, a moment after the last one.
    startListening({
      matcher: isAnyOf(
        sectionSelected,
        openCase.fulfilled,
        caseViewClosed,
        caseFocusAreaChanged,
        createCase.fulfilled,
      ),
      effect: async (_action, api) => {
        if ((api.getState() as WorkspaceRoot).workspace.phase !== 'ready') return;
        api.cancelActiveListeners();
        await api.delay(WORKSPACE_SAVE_DELAY_MS);
        const state = api.getState() as WorkspaceRoot;
        if (state.workspace.phase !== 'ready') return;
        await api.dispatch(saveWorkspace(workspaceOf(state)) as never);
      },
    }),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
