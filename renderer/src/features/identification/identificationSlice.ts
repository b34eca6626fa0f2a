// Identification slice: whether the "Nytt ärende" form is open, and the state of creating the case.
import { createSlice } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import { createCase } from '../cases/caseThunks';
import { sessionChanged, signOut } from '../session/sessionSlice';

export interface IdentificationState {
  open: boolean;
  creating: boolean;
  error: BridgeError | null;
}

const initialState: IdentificationState = { open: false, creating: false, error: null };

const identificationSlice = createSlice({
  name: 'identification',
  initialState,
  reducers: {
    newCaseRequested(state) {
      state.open = true;
      state.error = null;
    },
    newCaseCancelled(state) {
      state.open = false;
      state.error = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(createCase.pending, (state) => {
        state.creating = true;
        state.error = null;
      })
      .addCase(createCase.fulfilled, () => initialState)
      .addCase(createCase.rejected, (state, action) => {
        state.creating = false;
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const { newCaseRequested, newCaseCancelled } = identificationSlice.actions;
export const identificationReducer = identificationSlice.reducer;
export const selectIdentification = (state: { identification: IdentificationState }) => state.identification;
