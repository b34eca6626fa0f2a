// Workspace over the bridge: bring back the section, case and focus after a reload, and save them as she moves.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { SavedWorkspace, Workspace } from '../../../../core/api/workspace';
import { callBridge } from '../../platform/bridge';
import { openCase } from '../cases/caseThunks';
import { caseFocusRequested } from '../cases/caseViewSlice';
import { sectionSelected } from '../shell/navigationSlice';

/**
 * Asks main what she had open and opens it again. A workspace that cannot be read is no reason to hold
 * up the shift: she simply starts at the calls section, as on a fresh sign-in.
 */
export const restoreWorkspace = createAsyncThunk<SavedWorkspace | null, void>(
  'workspace/restore',
  async (_arg, { dispatch }) => {
    const saved = await callBridge('workspace.get', {}).catch(() => null);
    if (!saved) return null;
    dispatch(sectionSelected(saved.section));
    if (saved.openCaseId !== null) {
      if (saved.focus) dispatch(caseFocusRequested({ caseId: saved.openCaseId, area: saved.focus }));
      await dispatch(openCase(saved.openCaseId));
    }
    return saved;
  },
);

export const saveWorkspace = createAsyncThunk<SavedWorkspace, Workspace>('workspace/save', (workspace) =>
  callBridge('workspace.save', workspace),
);
