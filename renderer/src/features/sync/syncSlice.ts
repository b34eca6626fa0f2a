// Sync slice: the sync state main reports (synced, waiting, offline, error) and the items the backend refused.
import { createAsyncThunk, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { QuarantinedEntry, SyncStatus } from '../../../../core/api/sync';
import { BridgeCallError, callBridge } from '../../platform/bridge';
import { sessionChanged } from '../session/sessionSlice';

export interface SyncSliceState {
  status: SyncStatus | null;
  quarantined: QuarantinedEntry[];
  quarantinedLoad: 'idle' | 'loading' | 'ready' | 'error';
  /** A "send now" is on its way. */
  retrying: boolean;
  /** The refused item being put back in line, if any. */
  requeueing: number | null;
  error: BridgeError | null;
}

const initialState: SyncSliceState = {
  status: null,
  quarantined: [],
  quarantinedLoad: 'idle',
  retrying: false,
  requeueing: null,
  error: null,
};

function toBridgeError(error: unknown): BridgeError {
  return error instanceof BridgeCallError ? error.error : { code: 'internal', message: String(error) };
}

export const loadSyncStatus = createAsyncThunk('sync/loadStatus', () => callBridge('sync.status', {}));

export const loadQuarantined = createAsyncThunk<QuarantinedEntry[], void, { rejectValue: BridgeError }>(
  'sync/loadQuarantined',
  async (_, { rejectWithValue }) => {
    try {
      return (await callBridge('sync.quarantined', {})).items;
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

export const retrySyncNow = createAsyncThunk<SyncStatus, void, { rejectValue: BridgeError }>(
  'sync/retryNow',
  async (_, { rejectWithValue }) => {
    try {
      return await callBridge('sync.retryNow', {});
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

/** Puts a refused item back in line, then reloads the list. */
export const requeueQuarantined = createAsyncThunk<SyncStatus, number, { rejectValue: BridgeError }>(
  'sync/requeue',
  async (seq, { dispatch, rejectWithValue }) => {
    try {
      const status = await callBridge('sync.requeue', { seq });
      void dispatch(loadQuarantined());
      return status;
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

const syncSlice = createSlice({
  name: 'sync',
  initialState,
  reducers: {
    /** Pushed by main whenever the sync state changes. */
    syncChanged(state, action: PayloadAction<SyncStatus>) {
      state.status = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(sessionChanged, (state, action) => {
        if (action.payload.status === 'signed-out') return initialState;
        return state;
      })
      .addCase(loadSyncStatus.fulfilled, (state, action) => {
        state.status = action.payload;
      })
      .addCase(loadQuarantined.pending, (state) => {
        state.quarantinedLoad = 'loading';
      })
      .addCase(loadQuarantined.fulfilled, (state, action) => {
        state.quarantined = action.payload;
        state.quarantinedLoad = 'ready';
      })
      .addCase(loadQuarantined.rejected, (state, action) => {
        state.quarantinedLoad = 'error';
        state.error = action.payload ?? null;
      })
      .addCase(retrySyncNow.pending, (state) => {
        state.retrying = true;
        state.error = null;
      })
      .addCase(retrySyncNow.fulfilled, (state, action) => {
        state.retrying = false;
        state.status = action.payload;
      })
      .addCase(retrySyncNow.rejected, (state, action) => {
        state.retrying = false;
        state.error = action.payload ?? null;
      })
      .addCase(requeueQuarantined.pending, (state, action) => {
        state.requeueing = action.meta.arg;
        state.error = null;
      })
      .addCase(requeueQuarantined.fulfilled, (state, action) => {
        state.requeueing = null;
        state.status = action.payload;
      })
      .addCase(requeueQuarantined.rejected, (state, action) => {
        state.requeueing = null;
        state.error = action.payload ?? null;
      });
  },
});

export const { syncChanged } = syncSlice.actions;
export const syncReducer = syncSlice.reducer;

type WithSync = { sync: SyncSliceState };
export const selectSyncStatus = (state: WithSync) => state.sync.status;
export const selectQuarantined = (state: WithSync) => ({
  items: state.sync.quarantined,
  load: state.sync.quarantinedLoad,
  requeueing: state.sync.requeueing,
  error: state.sync.error,
});
export const selectSyncRetrying = (state: WithSync) => state.sync.retrying;
