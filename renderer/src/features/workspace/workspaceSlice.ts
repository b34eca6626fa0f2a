// Workspace slice: whether what the nurse had open has been brought back yet; until then nothing overwrites it.
import { createSlice } from '@reduxjs/toolkit';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { restoreWorkspace } from './workspaceThunks';

export interface WorkspaceState {
  /** idle: not signed in yet; restoring: asking main; ready: restored (or nothing to restore), saving on. */
  phase: 'idle' | 'restoring' | 'ready';
}

const initialState: WorkspaceState = { phase: 'idle' };

const workspaceSlice = createSlice({
  name: 'workspace',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(restoreWorkspace.pending, (state) => {
        state.phase = 'restoring';
      })
      .addCase(restoreWorkspace.fulfilled, (state) => {
        state.phase = 'ready';
      })
      .addCase(restoreWorkspace.rejected, (state) => {
        state.phase = 'ready';
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const workspaceReducer = workspaceSlice.reducer;
export const selectWorkspacePhase = (state: { workspace: WorkspaceState }) => state.workspace.phase;
