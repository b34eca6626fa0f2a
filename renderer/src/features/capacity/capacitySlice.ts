// Capacity slice: the region's units with their status as main lists them, the filter, the change being made and its outcome.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { CapacityOverview, UnitCapacityView } from '../../../../core/api/capacity';
import type { CareType } from '../../../../core/referral/catalog';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { clearCapacity, loadCapacity, refreshCapacity, setCapacity } from './capacityThunks';

/** The change just made, for the confirmation line. */
export interface CapacityOutcome {
  kind: 'set' | 'cleared';
  unit: UnitCapacityView;
}

export interface CapacityState {
  overview: CapacityOverview | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: BridgeError | null;
  refreshing: boolean;
  careType: CareType | 'all';
  onlyFlagged: boolean;
  /** The unit whose change dialog is open. */
  editing: string | null;
  saving: 'set' | 'clear' | null;
  saveError: BridgeError | null;
  lastOutcome: CapacityOutcome | null;
}

const initialState: CapacityState = {
  overview: null,
  status: 'idle',
  error: null,
  refreshing: false,
  careType: 'all',
  onlyFlagged: false,
  editing: null,
  saving: null,
  saveError: null,
  lastOutcome: null,
};

function replaceUnit(state: CapacityState, unit: UnitCapacityView): void {
  const units = state.overview?.units;
  if (!units) return;
  const index = units.findIndex((candidate) => candidate.hsaId === unit.hsaId);
  if (index >= 0) units[index] = unit;
}

const capacitySlice = createSlice({
  name: 'capacity',
  initialState,
  reducers: {
    careTypeFiltered(state, action: PayloadAction<CareType | 'all'>) {
      state.careType = action.payload;
    },
    onlyFlaggedToggled(state) {
      state.onlyFlagged = !state.onlyFlagged;
    },
    capacityEditOpened(state, action: PayloadAction<string>) {
      state.editing = action.payload;
      state.saveError = null;
    },
    capacityEditClosed(state) {
      state.editing = null;
      state.saveError = null;
    },
    outcomeDismissed(state) {
      state.lastOutcome = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadCapacity.pending, (state) => {
        if (state.status !== 'ready') state.status = 'loading';
      })
      .addCase(loadCapacity.fulfilled, (state, action) => {
        state.overview = action.payload;
        state.status = 'ready';
        state.error = null;
      })
      .addCase(loadCapacity.rejected, (state, action) => {
        // A list already on screen stays; the error says why it did not update.
        state.status = state.overview ? 'ready' : 'error';
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(refreshCapacity.pending, (state) => {
        state.refreshing = true;
      })
      .addCase(refreshCapacity.fulfilled, (state) => {
        state.refreshing = false;
      })
      .addCase(refreshCapacity.rejected, (state, action) => {
        state.refreshing = false;
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(setCapacity.pending, (state) => {
        state.saving = 'set';
        state.saveError = null;
      })
      .addCase(clearCapacity.pending, (state) => {
        state.saving = 'clear';
        state.saveError = null;
      })
      .addCase(setCapacity.fulfilled, (state, action) => {
        replaceUnit(state, action.payload.unit);
        if (state.overview) state.overview.catalog = action.payload.catalog;
        state.saving = null;
        state.editing = null;
        state.lastOutcome = { kind: 'set', unit: action.payload.unit };
      })
      .addCase(clearCapacity.fulfilled, (state, action) => {
        replaceUnit(state, action.payload.unit);
        if (state.overview) state.overview.catalog = action.payload.catalog;
        state.saving = null;
        state.editing = null;
        state.lastOutcome = { kind: 'cleared', unit: action.payload.unit };
      })
      .addCase(setCapacity.rejected, (state, action) => {
        state.saving = null;
        state.saveError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(clearCapacity.rejected, (state, action) => {
        state.saving = null;
        state.saveError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const {
  careTypeFiltered,
  onlyFlaggedToggled,
  capacityEditOpened,
  capacityEditClosed,
  outcomeDismissed,
} = capacitySlice.actions;
export const capacityReducer = capacitySlice.reducer;

type WithCapacity = { capacity: CapacityState };
export const selectCapacity = (state: WithCapacity) => state.capacity;
export const selectEditedUnit = (state: WithCapacity) =>
  state.capacity.overview?.units.find((unit) => unit.hsaId === state.capacity.editing) ?? null;
