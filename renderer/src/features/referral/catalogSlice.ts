// Catalog slice: the state of the service catalog kept on this workstation (how old, offline or not), as main reports it.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { CatalogStatus } from '../../../../core/api/referral';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { loadCatalogStatus, refreshCatalog, suggestUnits } from './referralThunks';

export interface CatalogState {
  status: CatalogStatus | null;
  refreshing: boolean;
  error: BridgeError | null;
}

const initialState: CatalogState = { status: null, refreshing: false, error: null };

const catalogSlice = createSlice({
  name: 'referralCatalog',
  initialState,
  reducers: {
    /** Pushed by main (referral.catalogChanged). */
    catalogStatusChanged(state, action: PayloadAction<CatalogStatus>) {
      state.status = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadCatalogStatus.fulfilled, (state, action) => {
        state.status = action.payload;
        state.error = null;
      })
      .addCase(loadCatalogStatus.rejected, (state, action) => {
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(refreshCatalog.pending, (state) => {
        state.refreshing = true;
      })
      .addCase(refreshCatalog.fulfilled, (state, action) => {
        state.refreshing = false;
        state.status = action.payload;
        state.error = null;
      })
      .addCase(refreshCatalog.rejected, (state, action) => {
        state.refreshing = false;
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      // Every suggestion carries the catalog's state as it was used.
      .addCase(suggestUnits.fulfilled, (state, action) => {
        state.status = action.payload.catalog;
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const { catalogStatusChanged } = catalogSlice.actions;
export const referralCatalogReducer = catalogSlice.reducer;

type WithCatalog = { referralCatalog: CatalogState };
export const selectCatalog = (state: WithCatalog) => state.referralCatalog;
