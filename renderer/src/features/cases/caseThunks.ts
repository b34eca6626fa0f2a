// Case side effects over the bridge: create, open (logged by main), close, and the repeat-contact check.
//
// `createCase` is also the entry point for a call's screen-pop: it creates the case in the nurse's store,
// switches to the cases section and opens the case view.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { CaseViewData, CreateCaseArgs, RepeatContact } from '../../../../core/api/cases';
import type { Case } from '../../../../core/case';
import { callBridge } from '../../platform/bridge';
import type { ActiveCallState } from '../calls/activeCallSlice';
import { callFactsOf } from '../calls/callFacts';
import type { QueueState } from '../calls/queueSlice';
import { sectionSelected } from '../shell/navigationSlice';
import { toBridgeError } from './casesListSlice';

export interface OpenedCase {
  view: CaseViewData;
  /** Id for a new draft if the case has no note yet; made here so reducers stay pure. */
  newNoteId: string;
}

export const openCase = createAsyncThunk<OpenedCase, string, { rejectValue: BridgeError }>(
  'caseView/open',
  async (caseId, { dispatch, rejectWithValue }) => {
    try {
      const view = await callBridge('cases.open', { caseId });
      const patient = view.case.patient;
      if (patient.kind !== 'unidentified' && patient.normalized) {
        void dispatch(loadRepeatContacts({ caseId, number: patient.normalized }));
      }
      return { view, newNoteId: crypto.randomUUID() };
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

/** Earlier contacts with the same patient within 72 h, for the repeat-caller warning. */
export const loadRepeatContacts = createAsyncThunk<
  RepeatContact[],
  { caseId: string; number: string },
  { rejectValue: BridgeError }
>('caseView/repeatContacts', async ({ caseId, number }, { rejectWithValue }) => {
  try {
    return await callBridge('cases.repeatContacts', { personnummer: number, excludeCaseId: caseId });
  } catch (error) {
    return rejectWithValue(toBridgeError(error));
  }
});

export const closeCase = createAsyncThunk<Case, string, { rejectValue: BridgeError }>(
  'caseView/close',
  async (caseId, { rejectWithValue }) => {
    try {
      return await callBridge('cases.close', { caseId });
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);

/**
 * Creates a case (from the identification form or a call's screen-pop) and opens it. A case made during
 * the call it names keeps what the call told (time, number, queue, phone-menu answers) as facts.
 */
export const createCase = createAsyncThunk<Case, CreateCaseArgs, { rejectValue: BridgeError }>(
  'caseView/create',
  async (args, { dispatch, getState, rejectWithValue }) => {
    const { activeCall, queue } = getState() as { activeCall?: ActiveCallState; queue?: QueueState };
    const call = activeCall?.call;
    const withFacts: CreateCaseArgs =
      args.callId !== undefined && args.call === undefined && call && call.id === args.callId
        ? { ...args, call: callFactsOf(call, queue?.snapshot?.queues, new Date()) }
        : args;
    try {
      const created = await callBridge('cases.create', withFacts);
      dispatch(sectionSelected('cases'));
      void dispatch(openCase(created.id));
      return created;
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
);
