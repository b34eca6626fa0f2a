// Callbacks slice: the region's open callbacks, the booking form and what it was opened with, and recording attempts.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { Callback } from '../../../../core/backend-api/calls';
import type { RedFlagCode } from '../../../../core/queue/phoneMenu';
import type { UrgencyClass } from '../../../../core/queue/priority';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { bookCallback, cancelCallback, loadCallbacks, recordCallbackAttempt } from './callbackThunks';

/** What the booking form starts with: from a call and its case, from a queued call, or empty. */
export interface CallbackPrefill {
  phone?: string;
  personnummer?: string;
  reason?: string;
  urgencyClass?: UrgencyClass;
  language?: string;
  redFlags?: RedFlagCode[];
  sourceCallId?: string;
  caseId?: string;
}

export interface CallbacksState {
  items: Callback[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: BridgeError | null;
  booking: {
    open: boolean;
    prefill: CallbackPrefill;
    submitting: boolean;
    error: BridgeError | null;
  };
  /** The callback just booked, for the confirmation. */
  lastBooked: Callback | null;
  recording: { callbackId: string | null; error: BridgeError | null };
  /** The callback whose cancellation is being asked for (the dialog is open), and how it went. */
  cancelling: { callbackId: string | null; submitting: boolean; error: BridgeError | null };
}

const initialState: CallbacksState = {
  items: [],
  status: 'idle',
  error: null,
  booking: { open: false, prefill: {}, submitting: false, error: null },
  lastBooked: null,
  recording: { callbackId: null, error: null },
  cancelling: { callbackId: null, submitting: false, error: null },
};

function upsert(state: CallbacksState, callback: Callback): void {
  const open = ['scheduled', 'queued', 'in-progress'].includes(callback.state);
  const index = state.items.findIndex((item) => item.id === callback.id);
  if (index >= 0 && open) state.items[index] = callback;
  else if (index >= 0) state.items.splice(index, 1);
  else if (open) state.items.push(callback);
}

const callbacksSlice = createSlice({
  name: 'callbacks',
  initialState,
  reducers: {
    /** Opens "Boka återuppringning"; others (the case view, the queue) pass what they know. */
    callbackBookingRequested(state, action: PayloadAction<CallbackPrefill | undefined>) {
      state.booking = { open: true, prefill: action.payload ?? {}, submitting: false, error: null };
    },
    callbackBookingCancelled(state) {
      state.booking = initialState.booking;
    },
    lastBookedDismissed(state) {
      state.lastBooked = null;
    },
    recordingErrorDismissed(state) {
      state.recording.error = null;
    },
    callbackCancelRequested(state, action: PayloadAction<string>) {
      state.cancelling = { callbackId: action.payload, submitting: false, error: null };
    },
    callbackCancelDismissed(state) {
      state.cancelling = initialState.cancelling;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadCallbacks.pending, (state) => {
        if (state.status !== 'ready') state.status = 'loading';
      })
      .addCase(loadCallbacks.fulfilled, (state, action) => {
        state.items = action.payload;
        state.status = 'ready';
        state.error = null;
      })
      .addCase(loadCallbacks.rejected, (state, action) => {
        state.status = 'error';
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(bookCallback.pending, (state) => {
        state.booking.submitting = true;
        state.booking.error = null;
      })
      .addCase(bookCallback.fulfilled, (state, action) => {
        state.booking = initialState.booking;
        state.lastBooked = action.payload;
        upsert(state, action.payload);
      })
      .addCase(bookCallback.rejected, (state, action) => {
        state.booking.submitting = false;
        state.booking.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(recordCallbackAttempt.pending, (state, action) => {
        state.recording = { callbackId: action.meta.arg.callbackId, error: null };
      })
      .addCase(recordCallbackAttempt.fulfilled, (state, action) => {
        state.recording = { callbackId: null, error: null };
        upsert(state, action.payload);
      })
      .addCase(recordCallbackAttempt.rejected, (state, action) => {
        state.recording = {
          callbackId: null,
          error: action.payload ?? { code: 'internal', message: action.error.message ?? '' },
        };
      })
      .addCase(cancelCallback.pending, (state) => {
        state.cancelling.submitting = true;
        state.cancelling.error = null;
      })
      .addCase(cancelCallback.fulfilled, (state, action) => {
        state.cancelling = initialState.cancelling;
        // "Återuppringning bokad" no longer holds for the one just cancelled.
        if (state.lastBooked?.id === action.payload.id) state.lastBooked = null;
        upsert(state, action.payload);
      })
      .addCase(cancelCallback.rejected, (state, action) => {
        state.cancelling.submitting = false;
        state.cancelling.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const {
  callbackBookingRequested,
  callbackBookingCancelled,
  lastBookedDismissed,
  recordingErrorDismissed,
  callbackCancelRequested,
  callbackCancelDismissed,
} = callbacksSlice.actions;
export const callbacksReducer = callbacksSlice.reducer;

type WithCallbacks = { callbacks: CallbacksState };
export const selectCallbacks = (state: WithCallbacks) => state.callbacks;
