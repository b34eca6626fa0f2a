// Queue slice: the region's queues as last fetched, when they arrived, and the backend's clock offset.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { LiveChannelState } from '../../../../core/api/calls';
import type { QueueSnapshot } from '../../../../core/backend-api/calls';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { loadQueue } from './callThunks';

export interface QueueState {
  snapshot: QueueSnapshot | null;
  /** Local time (ms) the snapshot arrived; waits tick on from it. */
  receivedAt: number | null;
  /** Backend clock minus local clock (ms), so timers count on the backend's time. */
  clockSkewMs: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: BridgeError | null;
  /** The live channel to the backend; while it is down the queue is refreshed by polling only. */
  liveChannel: LiveChannelState['state'] | null;
}

const initialState: QueueState = {
  snapshot: null,
  receivedAt: null,
  clockSkewMs: 0,
  status: 'idle',
  error: null,
  liveChannel: null,
};

const queueSlice = createSlice({
  name: 'queue',
  initialState,
  reducers: {
    liveChannelChanged(state, action: PayloadAction<LiveChannelState>) {
      state.liveChannel = action.payload.state;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadQueue.pending, (state) => {
        // A refresh keeps the last snapshot on screen; only the first load shows "loading".
        if (state.snapshot === null) state.status = 'loading';
      })
      .addCase(loadQueue.fulfilled, (state, action) => {
        const { snapshot, requestedAt, receivedAt } = action.payload;
        state.snapshot = snapshot;
        state.receivedAt = receivedAt;
        // The backend read its clock somewhere between request and answer: take the middle.
        state.clockSkewMs = Date.parse(snapshot.at) - (requestedAt + receivedAt) / 2;
        state.status = 'ready';
        state.error = null;
      })
      .addCase(loadQueue.rejected, (state, action) => {
        state.status = 'error';
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const { liveChannelChanged } = queueSlice.actions;
export const queueReducer = queueSlice.reducer;

type WithQueue = { queue: QueueState };
export const selectQueue = (state: WithQueue) => state.queue;
export const selectClockSkewMs = (state: WithQueue) => state.queue.clockSkewMs;
