// Presence side effects over the bridge: read it, change it (or only "next status"), end after-call work.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { Presence, PresenceUpdateRequest } from '../../../../core/backend-api/calls';
import { callBridge } from '../../platform/bridge';
import { toBridgeError } from '../calls/callThunks';

export const loadPresence = createAsyncThunk<Presence, void, { rejectValue: BridgeError }>(
  'presence/load',
  async (_arg, { rejectWithValue }) => {
    try {
      return await callBridge('presence.get', {});
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

export const setPresence = createAsyncThunk<Presence, PresenceUpdateRequest, { rejectValue: BridgeError }>(
  'presence/set',
  async (change, { rejectWithValue }) => {
    try {
      return await callBridge('presence.set', change);
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

/** "Avsluta efterarbete": available again, or the chosen next status. */
export const endAfterCallWork = createAsyncThunk<Presence, void, { rejectValue: BridgeError }>(
  'presence/endAfterCallWork',
  async (_arg, { rejectWithValue }) => {
    try {
      return await callBridge('presence.endAfterCallWork', {});
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);
