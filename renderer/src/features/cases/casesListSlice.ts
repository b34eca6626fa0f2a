// Cases list slice: which list is shown (mine today or the region), the personnummer search, and the rows.
import { createAsyncThunk, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { CaseListItem, CaseListScope } from '../../../../core/api/cases';
import { BridgeCallError, callBridge } from '../../platform/bridge';
import { sessionChanged, signOut } from '../session/sessionSlice';

export interface CasesListState {
  scope: CaseListScope;
  /** The normalized number searched for, or null for the whole list. */
  search: { normalized: string; display: string } | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: CaseListItem[];
  error: BridgeError | null;
  /** Request id of the newest load, so an older answer never overwrites a newer one. */
  requestId: string | null;
}

const initialState: CasesListState = {
  scope: 'mine-today',
  search: null,
  status: 'idle',
  items: [],
  error: null,
  requestId: null,
};

export function toBridgeError(error: unknown): BridgeError {
  return error instanceof BridgeCallError ? error.error : { code: 'internal', message: String(error) };
}

type WithCasesList = { casesList: CasesListState };

/** Loads the list for the current tab and search. */
export const loadCases = createAsyncThunk<
  CaseListItem[],
  void,
  { state: WithCasesList; rejectValue: BridgeError }
>('casesList/load', async (_arg, { getState, rejectWithValue }) => {
  const { scope, search } = getState().casesList;
  try {
    return await callBridge('cases.list', {
      scope,
      ...(search ? { personnummer: search.normalized } : {}),
      limit: 200,
    });
  } catch (error) {
    return rejectWithValue(toBridgeError(error));
  }
});

const casesListSlice = createSlice({
  name: 'casesList',
  initialState,
  reducers: {
    scopeSelected(state, action: PayloadAction<CaseListScope>) {
      state.scope = action.payload;
      state.status = 'idle';
      state.items = [];
    },
    searchSet(state, action: PayloadAction<{ normalized: string; display: string } | null>) {
      // The same patient again (typed in another form) keeps the rows on screen.
      if ((state.search?.normalized ?? null) === (action.payload?.normalized ?? null)) return;
      state.search = action.payload;
      state.status = 'idle';
      state.items = [];
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadCases.pending, (state, action) => {
        state.requestId = action.meta.requestId;
        // Keep the rows on screen while refreshing; only the first load shows the loading state.
        if (state.status !== 'ready') state.status = 'loading';
      })
      .addCase(loadCases.fulfilled, (state, action) => {
        if (state.requestId !== action.meta.requestId) return;
        state.status = 'ready';
        state.items = action.payload;
        state.error = null;
      })
      .addCase(loadCases.rejected, (state, action) => {
        if (state.requestId !== action.meta.requestId) return;
        state.status = 'error';
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const { scopeSelected, searchSet } = casesListSlice.actions;
export const casesListReducer = casesListSlice.reducer;
export const selectCasesList = (state: WithCasesList) => state.casesList;
