// Protocols slice: the triage protocol library as main loaded it, fetched once per window and shared by the Protokoll section and the triage panel.
import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { ProtocolLibrary } from '../../../../core/api/protocols';
import { BridgeCallError, callBridge } from '../../platform/bridge';

export type LibraryStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ProtocolsSliceState {
  status: LibraryStatus;
  library: ProtocolLibrary | null;
  error: BridgeError | null;
}

const initialState: ProtocolsSliceState = { status: 'idle', library: null, error: null };

type WithProtocols = { protocols: ProtocolsSliceState };

export const loadProtocolLibrary = createAsyncThunk<
  ProtocolLibrary,
  void,
  { state: WithProtocols; rejectValue: BridgeError }
>(
  'protocols/load',
  async (_arg, { rejectWithValue }) => {
    try {
      return await callBridge('protocols.list', {});
    } catch (error) {
      return rejectWithValue(
        error instanceof BridgeCallError ? error.error : { code: 'internal', message: String(error) },
      );
    }
  },
  {
    // The library does not change while the workstation runs: fetch it once, again only after a failure.
    condition: (_arg, { getState }) => {
      const { status } = getState().protocols;
      return status === 'idle' || status === 'error';
    },
  },
);

const protocolsSlice = createSlice({
  name: 'protocols',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(loadProtocolLibrary.pending, (state) => {
        state.status = 'loading';
        state.error = null;
      })
      .addCase(loadProtocolLibrary.fulfilled, (state, action) => {
        state.status = 'ready';
        state.library = action.payload;
      })
      .addCase(loadProtocolLibrary.rejected, (state, action) => {
        state.status = 'error';
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      });
  },
});

export const protocolsReducer = protocolsSlice.reducer;

export const selectProtocolLibraryState = (state: WithProtocols) => state.protocols;
/** The usable protocols; the same array until the library is loaded again, so it can key memoised work. */
export const selectProtocolList = (state: WithProtocols) => state.protocols.library?.protocols ?? EMPTY;
const EMPTY: ProtocolLibrary['protocols'] = [];
