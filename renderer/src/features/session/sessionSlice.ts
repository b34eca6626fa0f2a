// Session slice: who is signed in (never any token), and the state of the sign-in form.
import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { BridgeError, SessionState, StaffRole } from '../../../../core/api/bridge';
import { BridgeCallError, callBridge } from '../../platform/bridge';

export interface SessionSliceState {
  session: SessionState | null;
  signingIn: boolean;
  error: BridgeError | null;
}

const initialState: SessionSliceState = { session: null, signingIn: false, error: null };

function toBridgeError(error: unknown): BridgeError {
  return error instanceof BridgeCallError ? error.error : { code: 'internal', message: String(error) };
}

export const loadSession = createAsyncThunk('session/load', () => callBridge('session.get', {}));

export const signIn = createAsyncThunk<
  SessionState,
  { hsaId: string; password: string },
  { rejectValue: BridgeError }
>('session/signIn', async (credentials, { rejectWithValue }) => {
  try {
    return await callBridge('session.signIn', credentials);
  } catch (error) {
    return rejectWithValue(toBridgeError(error));
  }
});

export const signOut = createAsyncThunk('session/signOut', () => callBridge('session.signOut', {}));

const sessionSlice = createSlice({
  name: 'session',
  initialState,
  reducers: {
    sessionChanged(state, action: { payload: SessionState }) {
      state.session = action.payload;
    },
    signInErrorCleared(state) {
      state.error = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadSession.fulfilled, (state, action) => {
        state.session = action.payload;
      })
      .addCase(loadSession.rejected, (state) => {
        state.session = { status: 'signed-out' };
      })
      .addCase(signIn.pending, (state) => {
        state.signingIn = true;
        state.error = null;
      })
      .addCase(signIn.fulfilled, (state, action) => {
        state.signingIn = false;
        state.session = action.payload;
      })
      .addCase(signIn.rejected, (state, action) => {
        state.signingIn = false;
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(signOut.fulfilled, (state, action) => {
        state.session = action.payload;
      });
  },
});

export const { sessionChanged, signInErrorCleared } = sessionSlice.actions;
export const sessionReducer = sessionSlice.reducer;

type WithSession = { session: SessionSliceState };
export const selectSession = (state: WithSession) => state.session.session;
export const selectSignedInStaff = (state: WithSession) =>
  state.session.session?.status === 'signed-in' ? state.session.session.staff : null;
export const selectSignInStatus = (state: WithSession) => ({
  signingIn: state.session.signingIn,
  error: state.session.error,
});
export const selectHasRole = (role: StaffRole) => (state: WithSession) =>
  selectSignedInStaff(state)?.roles.includes(role) ?? false;
