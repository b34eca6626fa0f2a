// Queue overview side effects over the bridge: the team lead's region's queues, nurses and today's figures.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { QueueOverview } from '../../../../core/backend-api/calls';
import { callBridge } from '../../platform/bridge';
import { toBridgeError } from '../cases/casesListSlice';

export const loadQueueOverview = createAsyncThunk<QueueOverview, void, { rejectValue: BridgeError }>(
  'queueOverview/load',
  async (_arg, { rejectWithValue }) => {
    try {
      return await callBridge('queue.overview', {});
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);
