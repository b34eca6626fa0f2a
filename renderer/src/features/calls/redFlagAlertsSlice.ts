// Red-flag alerts: callers with a red flag still waiting in the queue, raised again a while after the nurse closes one.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { RedFlag } from '../../../../core/queue/priority';
import type { RedFlagWaitingPayload } from '../../../../core/backend-api/calls';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { loadQueue } from './callThunks';

/** A closed alert comes back after this long if the caller is still waiting. */
export const RED_FLAG_REALERT_SECONDS = 60;

export interface RedFlagAlert {
  callId: string;
  queueId: string;
  redFlags: RedFlag[];
  waitingSince: string;
  /** Local time (ms) it was first raised here. */
  raisedAt: number;
  /** Closed by the nurse until this local time (ms); null while shown. */
  dismissedUntil: number | null;
}

export interface RedFlagAlertsState {
  byCallId: Record<string, RedFlagAlert>;
}

const initialState: RedFlagAlertsState = { byCallId: {} };

function raise(
  state: RedFlagAlertsState,
  call: Omit<RedFlagAlert, 'raisedAt' | 'dismissedUntil'>,
  at: number,
): void {
  const existing = state.byCallId[call.callId];
  state.byCallId[call.callId] = existing
    ? { ...existing, ...call }
    : { ...call, raisedAt: at, dismissedUntil: null };
}

const redFlagAlertsSlice = createSlice({
  name: 'redFlagAlerts',
  initialState,
  reducers: {
    redFlagWaiting: {
      reducer(state, action: PayloadAction<RedFlagWaitingPayload & { at: number }>) {
        const { callId, queueId, redFlags, waitingSince, at } = action.payload;
        raise(state, { callId, queueId, redFlags, waitingSince }, at);
      },
      prepare(payload: RedFlagWaitingPayload) {
        return { payload: { ...payload, at: Date.now() } };
      },
    },
    redFlagAlertDismissed: {
      reducer(state, action: PayloadAction<{ callId: string; until: number }>) {
        const alert = state.byCallId[action.payload.callId];
        if (alert) alert.dismissedUntil = action.payload.until;
      },
      prepare(callId: string) {
        return { payload: { callId, until: Date.now() + RED_FLAG_REALERT_SECONDS * 1000 } };
      },
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadQueue.fulfilled, (state, action) => {
        const { snapshot, requestedAt, receivedAt } = action.payload;
        // Only callers still waiting for a nurse; a call ringing somewhere is being answered.
        const waiting = snapshot.redFlagCallsWaiting.filter((call) => call.state === 'waiting');
        const ids = new Set(waiting.map((call) => call.callId));
        for (const call of waiting) {
          const { callId, queueId, redFlags, waitingSince } = call;
          raise(state, { callId, queueId, redFlags, waitingSince }, receivedAt);
        }
        for (const alert of Object.values(state.byCallId)) {
          // An alert raised by an event after this snapshot was asked for stays until the next one.
          if (!ids.has(alert.callId) && alert.raisedAt < requestedAt) delete state.byCallId[alert.callId];
        }
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const { redFlagWaiting, redFlagAlertDismissed } = redFlagAlertsSlice.actions;
export const redFlagAlertsReducer = redFlagAlertsSlice.reducer;

type WithAlerts = { redFlagAlerts: RedFlagAlertsState };
export const selectRedFlagAlerts = (state: WithAlerts) => state.redFlagAlerts.byCallId;
