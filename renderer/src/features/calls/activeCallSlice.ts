// Active call slice: the call ringing here (the offer), the call she is on or documenting, and the case the screen-pop opened for it.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { Call, CallOfferedPayload, Offer, Presence } from '../../../../core/backend-api/calls';
import { createCase } from '../cases/caseThunks';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { endAfterCallWork, loadPresence, setPresence } from '../presence/presenceThunks';
import { presenceChanged } from '../presence/presenceSlice';
import {
  acceptCall,
  declineCall,
  endCall,
  findCaseForCall,
  loadCurrentCall,
  loadOfferedCall,
  loadQueue,
} from './callThunks';

export interface ActiveCallState {
  offer: Offer | null;
  /** The offered call in full (caller number, personnummer, phone-menu answers), once fetched. */
  offerCall: Call | null;
  call: Call | null;
  /** The case the screen-pop opened (or the nurse created) for the call. */
  caseId: string | null;
  /** No usable personnummer came with the call: the identification form is open for it. */
  identifying: boolean;
  busy: 'accepting' | 'declining' | 'ending' | null;
  error: BridgeError | null;
}

const initialState: ActiveCallState = {
  offer: null,
  offerCall: null,
  call: null,
  caseId: null,
  identifying: false,
  busy: null,
  error: null,
};

function clearOffer(state: ActiveCallState): void {
  state.offer = null;
  state.offerCall = null;
}

/** Follows a full presence: its offer, and leaving the call once she is no longer on it. */
function followPresence(state: ActiveCallState, presence: Presence, asOf?: string): void {
  if (presence.offer) {
    if (state.offer?.callId !== presence.offer.callId) state.offerCall = null;
    state.offer = presence.offer;
  } else if (state.offer && (asOf === undefined || Date.parse(state.offer.offeredAt) <= Date.parse(asOf))) {
    clearOffer(state);
  }
  if (presence.state !== 'on-call' && presence.state !== 'after-call-work') {
    state.call = null;
    state.caseId = null;
    state.identifying = false;
  } else if (state.call && presence.currentCallId !== state.call.id) {
    state.call = null;
    state.caseId = null;
  }
}

const activeCallSlice = createSlice({
  name: 'activeCall',
  initialState,
  reducers: {
    callOffered(state, action: PayloadAction<CallOfferedPayload>) {
      const { hsaId: _hsaId, ...offer } = action.payload;
      if (state.offer?.callId !== offer.callId) state.offerCall = null;
      state.offer = offer;
      state.error = null;
    },
    activeCallErrorDismissed(state) {
      state.error = null;
    },
    /** The screen-pop had no usable personnummer and opened the identification form instead. */
    identificationStarted(state) {
      state.identifying = true;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadQueue.fulfilled, (state, action) =>
        followPresence(state, action.payload.snapshot.you, action.payload.snapshot.at),
      )
      .addCase(loadPresence.fulfilled, (state, action) => followPresence(state, action.payload))
      .addCase(setPresence.fulfilled, (state, action) => followPresence(state, action.payload))
      .addCase(endAfterCallWork.fulfilled, (state, action) => followPresence(state, action.payload))
      .addCase(presenceChanged, (state, action) => {
        const { state: next, reason } = action.payload;
        if (next !== 'available' || reason === 'offer-withdrawn') clearOffer(state);
        if (next !== 'on-call' && next !== 'after-call-work') {
          state.call = null;
          state.caseId = null;
          state.identifying = false;
        }
      })
      .addCase(loadOfferedCall.fulfilled, (state, action) => {
        if (state.offer?.callId === action.payload.id) state.offerCall = action.payload;
      })
      .addCase(loadCurrentCall.fulfilled, (state, action) => {
        if (state.call === null || state.call.id === action.payload.id) state.call = action.payload;
      })
      .addCase(acceptCall.pending, (state) => {
        state.busy = 'accepting';
        state.error = null;
      })
      .addCase(acceptCall.fulfilled, (state, action) => {
        state.busy = null;
        clearOffer(state);
        state.call = action.payload.call;
        state.caseId = null;
        state.identifying = false;
      })
      .addCase(acceptCall.rejected, (state, action) => {
        state.busy = null;
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
        // The call is gone from this workstation: rang out, or another nurse has it.
        if (state.error.code === 'offer_expired' || state.error.code === 'call_taken') clearOffer(state);
      })
      .addCase(declineCall.pending, (state) => {
        state.busy = 'declining';
        state.error = null;
      })
      .addCase(declineCall.fulfilled, (state) => {
        state.busy = null;
        clearOffer(state);
      })
      .addCase(declineCall.rejected, (state, action) => {
        state.busy = null;
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
        clearOffer(state);
      })
      .addCase(endCall.pending, (state) => {
        state.busy = 'ending';
        state.error = null;
      })
      .addCase(endCall.fulfilled, (state, action) => {
        state.busy = null;
        state.call = action.payload.call;
      })
      .addCase(endCall.rejected, (state, action) => {
        state.busy = null;
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(createCase.fulfilled, (state, action) => {
        if (!state.call || state.caseId !== null) return;
        // The screen-pop's own case, or the one she created from the identification form during the call:
        // both carry the call's id, so the link is in the store too, not only here.
        if (action.payload.callId === state.call.id) {
          state.caseId = action.payload.id;
          state.identifying = false;
        }
      })
      .addCase(findCaseForCall.fulfilled, (state, action) => {
        if (!action.payload || state.call?.id !== action.meta.arg || state.caseId !== null) return;
        state.caseId = action.payload.id;
        state.identifying = false;
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const { callOffered, activeCallErrorDismissed, identificationStarted } = activeCallSlice.actions;
export const activeCallReducer = activeCallSlice.reducer;

type WithActiveCall = { activeCall: ActiveCallState };
export const selectActiveCall = (state: WithActiveCall) => state.activeCall;
