// Call side effects over the bridge: the queue, the offered call's details, the call's case, accept, decline and end.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { Call, CallActionResponse, QueueSnapshot } from '../../../../core/backend-api/calls';
import type { Case } from '../../../../core/case';
import { BridgeCallError, callBridge } from '../../platform/bridge';

export function toBridgeError(error: unknown): BridgeError {
  return error instanceof BridgeCallError ? error.error : { code: 'internal', message: String(error) };
}

/** The snapshot and when it arrived here, so waits tick on from it without a new fetch every second. */
export interface ReceivedSnapshot {
  snapshot: QueueSnapshot;
  /** Local times (ms) the request left and the answer arrived. */
  requestedAt: number;
  receivedAt: number;
}

export const loadQueue = createAsyncThunk<ReceivedSnapshot, void, { rejectValue: BridgeError }>(
  'queue/load',
  async (_arg, { rejectWithValue }) => {
    const requestedAt = Date.now();
    try {
      const snapshot = await callBridge('calls.queue', {});
      return { snapshot, requestedAt, receivedAt: Date.now() };
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

/** The offered call in full (number, personnummer, phone-menu answers) for the offer card. */
export const loadOfferedCall = createAsyncThunk<Call, string, { rejectValue: BridgeError }>(
  'activeCall/loadOffered',
  async (callId, { rejectWithValue }) => {
    try {
      return await callBridge('calls.get', { callId });
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

/** The call she is connected to or documenting, e.g. after the workstation was restarted mid-call. */
export const loadCurrentCall = createAsyncThunk<Call, string, { rejectValue: BridgeError }>(
  'activeCall/loadCurrent',
  async (callId, { rejectWithValue }) => {
    try {
      return await callBridge('calls.get', { callId });
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

/** The case made for a call, from the nurse's store: how the call finds its case after a reload or restart. */
export const findCaseForCall = createAsyncThunk<Case | null, string, { rejectValue: BridgeError }>(
  'activeCall/findCase',
  async (callId, { rejectWithValue }) => {
    try {
      return await callBridge('cases.forCall', { callId });
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

/** Answers the call ringing here, or picks a waiting one (a red-flag caller she was alerted to). */
export const acceptCall = createAsyncThunk<CallActionResponse, string, { rejectValue: BridgeError }>(
  'activeCall/accept',
  async (callId, { rejectWithValue }) => {
    try {
      return await callBridge('calls.accept', { callId });
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

export const declineCall = createAsyncThunk<CallActionResponse, string, { rejectValue: BridgeError }>(
  'activeCall/decline',
  async (callId, { rejectWithValue }) => {
    try {
      return await callBridge('calls.decline', { callId });
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

/** "Avsluta samtal": the conversation is over and after-call work begins. */
export const endCall = createAsyncThunk<CallActionResponse, string, { rejectValue: BridgeError }>(
  'activeCall/end',
  async (callId, { rejectWithValue }) => {
    try {
      return await callBridge('calls.end', { callId });
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);
