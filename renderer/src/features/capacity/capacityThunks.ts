// Capacity side effects over the bridge: the region's units with their status, setting and clearing a status, asking for a fresh catalog.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { CapacityChange, CapacityOverview, SetCapacityArgs } from '../../../../core/api/capacity';
import type { CatalogStatus } from '../../../../core/api/referral';
import { callBridge } from '../../platform/bridge';
import { toBridgeError } from '../cases/casesListSlice';

export const loadCapacity = createAsyncThunk<CapacityOverview, void, { rejectValue: BridgeError }>(
  'capacity/load',
  async (_arg, { rejectWithValue }) => {
    try {
      return await callBridge('capacity.overview', {});
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

export const setCapacity = createAsyncThunk<CapacityChange, SetCapacityArgs, { rejectValue: BridgeError }>(
  'capacity/set',
  async (args, { rejectWithValue }) => {
    try {
      return await callBridge('capacity.set', args);
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

export const clearCapacity = createAsyncThunk<
  CapacityChange,
  { hsaId: string },
  { rejectValue: BridgeError }
>('capacity/clear', async (args, { rejectWithValue }) => {
  try {
    return await callBridge('capacity.clear', args);
  } catch (error) {
    return rejectWithValue(toBridgeError(error));
  }
});

/** Asks the backend now; the list follows through referral.catalogChanged (and is reloaded here too). */
export const refreshCapacity = createAsyncThunk<CatalogStatus, void, { rejectValue: BridgeError }>(
  'capacity/refresh',
  async (_arg, { dispatch, rejectWithValue }) => {
    try {
      const status = await callBridge('referral.refreshCatalog', {});
      await dispatch(loadCapacity());
      return status;
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);
