// Queue overview slice: the last figures the backend gave, whether a fetch runs, and why the last one failed.
import { createSlice } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { QueueOverview } from '../../../../core/backend-api/calls';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { loadQueueOverview } from './queueOverviewThunks';

export interface QueueOverviewState {
  /** The last figures received; kept through failures so an outage shows them with their time. */
  overview: QueueOverview | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the last fetch failed; cleared by the next success. */
  error: BridgeError | null;
}

const initialState: QueueOverviewState = { overview: null, status: 'idle', error: null };

const queueOverviewSlice = createSlice({
  name: 'queueOverview',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(loadQueueOverview.pending, (state) => {
        if (state.overview === null) state.status = 'loading';
      })
      .addCase(loadQueueOverview.fulfilled, (state, action) => {
        // Answers can overtake each other; an older one never replaces newer figures.
        if (state.overview === null || Date.parse(action.payload.at) >= Date.parse(state.overview.at)) {
          state.overview = action.payload;
        }
        state.status = 'ready';
        state.error = null;
      })
      .addCase(loadQueueOverview.rejected, (state, action) => {
        state.status = state.overview ? 'ready' : 'error';
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const queueOverviewReducer = queueOverviewSlice.reducer;

type WithQueueOverview = { queueOverview: QueueOverviewState };
export const selectQueueOverview = (state: WithQueueOverview) => state.queueOverview;
