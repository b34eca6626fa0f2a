// Callback side effects over the bridge: the region's open callbacks, booking one, recording an attempt, cancelling one.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { CancelCallbackArgs, RecordCallbackAttemptArgs } from '../../../../core/api/calls';
import type { Callback, CallbackBookingRequest } from '../../../../core/backend-api/calls';
import { callBridge } from '../../platform/bridge';
import { toBridgeError } from '../calls/callThunks';

export const loadCallbacks = createAsyncThunk<Callback[], void, { rejectValue: BridgeError }>(
  'callbacks/load',
  async (_arg, { rejectWithValue }) => {
    try {
      return await callBridge('callbacks.list', {});
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

export const bookCallback = createAsyncThunk<Callback, CallbackBookingRequest, { rejectValue: BridgeError }>(
  'callbacks/book',
  async (booking, { rejectWithValue }) => {
    try {
      return await callBridge('callbacks.book', booking);
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

/** A failed attempt is retried by the backend per regional rule; "reached" completes the callback. */
export const recordCallbackAttempt = createAsyncThunk<
  Callback,
  RecordCallbackAttemptArgs,
  { rejectValue: BridgeError }
>('callbacks/recordAttempt', async (attempt, { rejectWithValue }) => {
  try {
    return await callBridge('callbacks.recordAttempt', attempt);
  } catch (error) {
    return rejectWithValue(toBridgeError(error));
  }
});

/** Cancels a callback not yet due; the backend keeps who, when and why. */
export const cancelCallback = createAsyncThunk<Callback, CancelCallbackArgs, { rejectValue: BridgeError }>(
  'callbacks/cancel',
  async (args, { rejectWithValue }) => {
    try {
      return await callBridge('callbacks.cancel', args);
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);
