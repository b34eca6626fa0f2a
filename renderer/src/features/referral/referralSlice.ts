// Referral slice: per case, where the patient is, the suggestions and exclusions shown, the manual search, the choice and the receipt.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type {
  LocalityView,
  LocateResult,
  SentSms,
  SuggestResult,
  UnitMatch,
} from '../../../../core/api/referral';
import type { Competence } from '../../../../core/referral/catalog';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { caseReleased } from '../../app/caseRelease';
import {
  chooseUnit,
  downloadReceipt,
  locatePatient,
  searchCatalog,
  sendReceiptSms,
  suggestUnits,
} from './referralThunks';

type Status = 'idle' | 'loading' | 'done' | 'error';

export interface CaseReferralState {
  locationQuery: string;
  locateStatus: Status;
  located: LocateResult | null;
  locateError: BridgeError | null;
  /** The locality the suggestions are for (the first match, or an alternative the nurse picked). */
  locality: LocalityView | null;
  needs: Competence[];
  showExcluded: boolean;
  suggestStatus: Status;
  /** The request whose answer is on screen; older answers arriving late are dropped. */
  suggestRequestId: string | null;
  result: SuggestResult | null;
  suggestError: BridgeError | null;
  searchQuery: string;
  searchStatus: Status;
  searchRequestId: string | null;
  searchResults: UnitMatch[];
  searchError: BridgeError | null;
  choosing: string | null;
  chooseError: BridgeError | null;
  /** The hänvisning text this panel last put in the note, so a new choice replaces it (and nothing the nurse wrote). */
  prefilledHanvisning: string | null;
  receiptStatus: Status;
  receiptError: BridgeError | null;
  smsPhone: string;
  smsStatus: Status;
  smsSent: SentSms | null;
  smsError: BridgeError | null;
}

export interface ReferralState {
  byCase: Record<string, CaseReferralState>;
}

const initialState: ReferralState = { byCase: {} };

export function emptyCaseReferral(): CaseReferralState {
  return {
    locationQuery: '',
    locateStatus: 'idle',
    located: null,
    locateError: null,
    locality: null,
    needs: [],
    showExcluded: false,
    suggestStatus: 'idle',
    suggestRequestId: null,
    result: null,
    suggestError: null,
    searchQuery: '',
    searchStatus: 'idle',
    searchRequestId: null,
    searchResults: [],
    searchError: null,
    choosing: null,
    chooseError: null,
    prefilledHanvisning: null,
    receiptStatus: 'idle',
    receiptError: null,
    smsPhone: '',
    smsStatus: 'idle',
    smsSent: null,
    smsError: null,
  };
}

function forCase(state: ReferralState, caseId: string): CaseReferralState {
  state.byCase[caseId] ??= emptyCaseReferral();
  return state.byCase[caseId];
}

type ForCase<T = object> = PayloadAction<{ caseId: string } & T>;

const referralSlice = createSlice({
  name: 'referral',
  initialState,
  reducers: {
    locationQueryChanged(state, action: ForCase<{ query: string }>) {
      forCase(state, action.payload.caseId).locationQuery = action.payload.query;
    },
    localityChosen(state, action: ForCase<{ locality: LocalityView }>) {
      forCase(state, action.payload.caseId).locality = action.payload.locality;
    },
    needToggled(state, action: ForCase<{ need: Competence }>) {
      const referral = forCase(state, action.payload.caseId);
      const { need } = action.payload;
      referral.needs = referral.needs.includes(need)
        ? referral.needs.filter((n) => n !== need)
        : [...referral.needs, need];
    },
    excludedToggled(state, action: ForCase) {
      const referral = forCase(state, action.payload.caseId);
      referral.showExcluded = !referral.showExcluded;
    },
    searchQueryChanged(state, action: ForCase<{ query: string }>) {
      forCase(state, action.payload.caseId).searchQuery = action.payload.query;
    },
    smsPhoneChanged(state, action: ForCase<{ phone: string }>) {
      const referral = forCase(state, action.payload.caseId);
      referral.smsPhone = action.payload.phone;
      referral.smsError = null;
      if (referral.smsStatus !== 'loading') referral.smsStatus = 'idle';
    },
    receiptErrorDismissed(state, action: ForCase) {
      const referral = forCase(state, action.payload.caseId);
      referral.receiptError = null;
      referral.receiptStatus = 'idle';
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(locatePatient.pending, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        referral.locateStatus = 'loading';
        referral.locateError = null;
      })
      .addCase(locatePatient.fulfilled, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        referral.locateStatus = 'done';
        referral.located = action.payload;
        referral.locality = action.payload.found ? action.payload.locality : null;
        if (!action.payload.found) referral.result = null;
      })
      .addCase(locatePatient.rejected, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        referral.locateStatus = 'error';
        referral.locateError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(suggestUnits.pending, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        referral.suggestStatus = 'loading';
        referral.suggestRequestId = action.meta.requestId;
        referral.suggestError = null;
      })
      .addCase(suggestUnits.fulfilled, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        if (referral.suggestRequestId !== action.meta.requestId) return;
        referral.suggestStatus = 'done';
        referral.result = action.payload;
      })
      .addCase(suggestUnits.rejected, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        if (referral.suggestRequestId !== action.meta.requestId) return;
        referral.suggestStatus = 'error';
        referral.suggestError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(searchCatalog.pending, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        referral.searchStatus = 'loading';
        referral.searchRequestId = action.meta.requestId;
        referral.searchError = null;
      })
      .addCase(searchCatalog.fulfilled, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        if (referral.searchRequestId !== action.meta.requestId) return;
        referral.searchStatus = 'done';
        referral.searchResults = action.payload;
      })
      .addCase(searchCatalog.rejected, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        if (referral.searchRequestId !== action.meta.requestId) return;
        referral.searchStatus = 'error';
        referral.searchError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(chooseUnit.pending, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        referral.choosing = action.meta.arg.choice.unitHsaId;
        referral.chooseError = null;
      })
      .addCase(chooseUnit.fulfilled, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        referral.choosing = null;
        referral.prefilledHanvisning = action.payload.hanvisning;
      })
      .addCase(chooseUnit.rejected, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        referral.choosing = null;
        referral.chooseError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(downloadReceipt.pending, (state, action) => {
        const referral = forCase(state, action.meta.arg);
        referral.receiptStatus = 'loading';
        referral.receiptError = null;
      })
      .addCase(downloadReceipt.fulfilled, (state, action) => {
        forCase(state, action.meta.arg).receiptStatus = 'done';
      })
      .addCase(downloadReceipt.rejected, (state, action) => {
        const referral = forCase(state, action.meta.arg);
        referral.receiptStatus = 'error';
        referral.receiptError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(sendReceiptSms.pending, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        referral.smsStatus = 'loading';
        referral.smsError = null;
      })
      .addCase(sendReceiptSms.fulfilled, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        referral.smsStatus = 'done';
        referral.smsSent = action.payload;
      })
      .addCase(sendReceiptSms.rejected, (state, action) => {
        const referral = forCase(state, action.meta.arg.caseId);
        referral.smsStatus = 'error';
        referral.smsError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(caseReleased, (state, action) => {
        delete state.byCase[action.payload.caseId];
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const {
  locationQueryChanged,
  localityChosen,
  needToggled,
  excludedToggled,
  searchQueryChanged,
  smsPhoneChanged,
  receiptErrorDismissed,
} = referralSlice.actions;
export const referralReducer = referralSlice.reducer;

type WithReferral = { referral: ReferralState };
const EMPTY = emptyCaseReferral();
export const selectCaseReferral = (state: WithReferral, caseId: string): CaseReferralState =>
  state.referral.byCase[caseId] ?? EMPTY;
