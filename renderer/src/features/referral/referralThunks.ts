// Referral side effects over the bridge: place the patient, get suggestions (and exclusions on demand), search, choose, receipt PDF and SMS.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type {
  CatalogStatus,
  LocateResult,
  ReceiptPdf,
  SearchArgs,
  SentSms,
  SuggestArgs,
  SuggestResult,
  UnitMatch,
} from '../../../../core/api/referral';
import type { Case, ReferralChoice } from '../../../../core/case/case';
import { callBridge } from '../../platform/bridge';
import { caseUpdated } from '../cases/caseViewSlice';
import { toBridgeError } from '../cases/casesListSlice';
import { adviceForChoice } from '../../../../core/referral/unitAdvice';
import { noteFieldChanged, notePrefilled, type NotesState } from '../notes/notesSlice';
import type { ReferralState } from './referralSlice';

type WithReferral = { referral: ReferralState; notes: NotesState };

export const loadCatalogStatus = createAsyncThunk<CatalogStatus, void, { rejectValue: BridgeError }>(
  'referral/catalogStatus',
  async (_, { rejectWithValue }) => {
    try {
      return await callBridge('referral.catalogStatus', {});
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

export const refreshCatalog = createAsyncThunk<CatalogStatus, void, { rejectValue: BridgeError }>(
  'referral/refreshCatalog',
  async (_, { rejectWithValue }) => {
    try {
      return await callBridge('referral.refreshCatalog', {});
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

export const locatePatient = createAsyncThunk<
  LocateResult,
  { caseId: string; query: string },
  { rejectValue: BridgeError }
>('referral/locate', async ({ query }, { rejectWithValue }) => {
  try {
    return await callBridge('referral.locate', { query });
  } catch (error) {
    return rejectWithValue(toBridgeError(error));
  }
});

export const suggestUnits = createAsyncThunk<SuggestResult, SuggestArgs, { rejectValue: BridgeError }>(
  'referral/suggest',
  async (args, { rejectWithValue }) => {
    try {
      return await callBridge('referral.suggest', args);
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

export const searchCatalog = createAsyncThunk<
  UnitMatch[],
  SearchArgs & { caseId: string },
  { rejectValue: BridgeError }
>('referral/search', async ({ caseId: _caseId, ...args }, { rejectWithValue }) => {
  try {
    return (await callBridge('referral.search', args)).units;
  } catch (error) {
    return rejectWithValue(toBridgeError(error));
  }
});

/** The note's hänvisning as the nurse would write it: the unit, where it is and how to reach it. */
export function hanvisningText(unit: {
  name: string;
  careTypeSv: string;
  street: string;
  locality: string;
  phone: string;
}) {
  return `${unit.name} (${unit.careTypeSv.toLowerCase()}), ${unit.street}, ${unit.locality}. Tel ${unit.phone}.`;
}

/**
 * Records the chosen unit in the case and fills the note's hänvisning with it. A hänvisning the nurse
 * wrote herself is kept; one this panel filled in before is replaced.
 */
export const chooseUnit = createAsyncThunk<
  { record: Case; hanvisning: string },
  { caseId: string; choice: ReferralChoice; hanvisning: string },
  { state: WithReferral; rejectValue: BridgeError }
>('referral/choose', async ({ caseId, choice, hanvisning }, { dispatch, getState, rejectWithValue }) => {
  let record: Case;
  try {
    record = await callBridge('cases.saveReferral', { caseId, referral: choice });
  } catch (error) {
    return rejectWithValue(toBridgeError(error));
  }
  dispatch(caseUpdated(record));
  const state = getState();
  const draft = state.notes.drafts[caseId];
  const previous = state.referral.byCase[caseId]?.prefilledHanvisning ?? null;
  if (draft) {
    const current = draft.fields.hanvisning;
    if (current.trim() === '' || current === previous) {
      dispatch(noteFieldChanged({ caseId, field: 'hanvisning', value: hanvisning }));
    }
    // The triage's advice, while the nurse has not rewritten it, names the unit chosen rather than a generic place.
    const rad = draft.fields.rad;
    if (rad.trim() !== '' && rad === draft.prefilled.rad) {
      const fitted = adviceForChoice(rad, choice);
      if (fitted !== rad) dispatch(notePrefilled({ caseId, rad: fitted }));
    }
  }
  return { record, hanvisning };
});

/** Fetches the receipt PDF and hands it to the browser as a download. */
export const downloadReceipt = createAsyncThunk<ReceiptPdf, string, { rejectValue: BridgeError }>(
  'referral/receiptPdf',
  async (caseId, { rejectWithValue }) => {
    let pdf: ReceiptPdf;
    try {
      pdf = await callBridge('referral.receiptPdf', { caseId });
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
    const bytes = Uint8Array.from(atob(pdf.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: pdf.mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = pdf.fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    // The bytes are not kept in the store: only that the download happened.
    return { ...pdf, base64: '' };
  },
);

export const sendReceiptSms = createAsyncThunk<
  SentSms,
  { caseId: string; phone: string },
  { rejectValue: BridgeError }
>('referral/sendSms', async ({ caseId, phone }, { rejectWithValue }) => {
  try {
    return await callBridge('referral.sendReceiptSms', { caseId, phone });
  } catch (error) {
    return rejectWithValue(toBridgeError(error));
  }
});
