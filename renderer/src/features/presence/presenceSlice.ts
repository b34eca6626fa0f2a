// Presence slice: the nurse's own presence (available, on call, after-call work, break, offline), and what the ACD told her.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { Presence, PresenceChangedPayload } from '../../../../core/backend-api/calls';
import type { PresenceChangeReason } from '../../../../core/queue/presence';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { acceptCall, declineCall, endCall, loadQueue } from '../calls/callThunks';
import { endAfterCallWork, loadPresence, setPresence } from './presenceThunks';

/** A change the ACD made for her, with its message (e.g. an offer rang out): shown until she acts on it. */
export interface PresenceNotice {
  reason: PresenceChangeReason;
  message: { sv: string; en: string };
  at: string;
}

export interface PresenceState {
  presence: Presence | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: BridgeError | null;
  /** A change she asked for is on its way. */
  pending: boolean;
  /** Why her last change was refused. */
  actionError: BridgeError | null;
  notice: PresenceNotice | null;
}

const initialState: PresenceState = {
  presence: null,
  status: 'idle',
  error: null,
  pending: false,
  actionError: null,
  notice: null,
};

/** Takes a newer presence; an older answer arriving late never overwrites it. */
function adopt(state: PresenceState, next: Presence): void {
  const current = state.presence;
  if (current && Date.parse(next.since) < Date.parse(current.since)) return;
  state.presence = next;
  state.status = 'ready';
  state.error = null;
  clearAnsweredNotice(state, next.state);
}

/** Back at work answers "you are unavailable"; a new call makes any older notice stale. */
function clearAnsweredNotice(state: PresenceState, next: Presence['state']): void {
  if (next === 'on-call') state.notice = null;
  else if (next === 'available' && state.notice?.reason === 'offer-timeout') state.notice = null;
}

const presenceSlice = createSlice({
  name: 'presence',
  initialState,
  reducers: {
    /** Pushed by the backend (through main) when her presence changed. */
    presenceChanged(state, action: PayloadAction<PresenceChangedPayload>) {
      const change = action.payload;
      if (state.presence) {
        if (Date.parse(change.since) < Date.parse(state.presence.since)) return;
        const leftCall = change.state !== 'on-call' && change.state !== 'after-call-work';
        state.presence = {
          ...state.presence,
          ...change,
          currentCallId: leftCall ? null : state.presence.currentCallId,
          offer: change.state === 'available' ? state.presence.offer : null,
        };
      }
      if (change.message) state.notice = { reason: change.reason, message: change.message, at: change.since };
      else clearAnsweredNotice(state, change.state);
    },
    noticeDismissed(state) {
      state.notice = null;
    },
    actionErrorDismissed(state) {
      state.actionError = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadPresence.pending, (state) => {
        if (state.presence === null) state.status = 'loading';
      })
      .addCase(loadPresence.fulfilled, (state, action) => adopt(state, action.payload))
      .addCase(loadPresence.rejected, (state, action) => {
        state.status = 'error';
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(loadQueue.fulfilled, (state, action) => adopt(state, action.payload.snapshot.you))
      .addCase(setPresence.pending, (state) => {
        state.pending = true;
        state.actionError = null;
      })
      .addCase(setPresence.fulfilled, (state, action) => {
        state.pending = false;
        adopt(state, action.payload);
      })
      .addCase(setPresence.rejected, (state, action) => {
        state.pending = false;
        state.actionError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(endAfterCallWork.pending, (state) => {
        state.pending = true;
        state.actionError = null;
      })
      .addCase(endAfterCallWork.fulfilled, (state, action) => {
        state.pending = false;
        adopt(state, action.payload);
      })
      .addCase(endAfterCallWork.rejected, (state, action) => {
        state.pending = false;
        state.actionError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(acceptCall.fulfilled, (state, action) => adopt(state, action.payload.presence))
      .addCase(declineCall.fulfilled, (state, action) => adopt(state, action.payload.presence))
      .addCase(endCall.fulfilled, (state, action) => adopt(state, action.payload.presence))
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const { presenceChanged, noticeDismissed, actionErrorDismissed } = presenceSlice.actions;
export const presenceReducer = presenceSlice.reducer;

type WithPresence = { presence: PresenceState };
export const selectPresenceState = (state: WithPresence) => state.presence;
export const selectPresence = (state: WithPresence) => state.presence.presence;
