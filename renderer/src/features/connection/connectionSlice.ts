// Connection slice: whether the regional backend is reachable, as reported by main.
import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import type { ConnectionState } from '../../../../core/api/bridge';
import { callBridge } from '../../platform/bridge';

export const loadConnection = createAsyncThunk('connection/load', () => callBridge('connection.get', {}));

const connectionSlice = createSlice({
  name: 'connection',
  initialState: { state: null as ConnectionState | null },
  reducers: {
    connectionChanged(slice, action: { payload: ConnectionState }) {
      slice.state = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(loadConnection.fulfilled, (slice, action) => {
      slice.state = action.payload;
    });
  },
});

export const { connectionChanged } = connectionSlice.actions;
export const connectionReducer = connectionSlice.reducer;
export const selectConnection = (state: { connection: { state: ConnectionState | null } }) =>
  state.connection.state;
