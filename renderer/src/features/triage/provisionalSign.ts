// Signing over a provisional triage: the nurse's reason goes into the triage record and the note first, then the note is signed.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { ProvisionalSignReasonCode } from '../../../../core/triage/record';
import { signDraft } from '../notes/noteThunks';
import { provisionalRefusalDismissed, type NotesState } from '../notes/notesSlice';
import { whenTriageSaved } from './triageListeners';
import { provisionalReasonGiven, selectCaseTriage, type TriageSliceState } from './triageSlice';

type SignState = { triage: TriageSliceState; notes: NotesState };

export type ProvisionalSignOutcome = 'signed' | 'save-failed' | 'refused';

/**
 * Records why the note is signed while provisional and signs it once the record (which main checks) is
 * saved; the listener pre-fills the note with the reason on the way.
 */
export const signWithProvisionalReason = createAsyncThunk<
  ProvisionalSignOutcome,
  { caseId: string; code: ProvisionalSignReasonCode },
  { state: SignState }
>('triage/signWithProvisionalReason', async ({ caseId, code }, { dispatch, getState }) => {
  dispatch(provisionalReasonGiven({ caseId, reason: { code, givenAt: new Date().toISOString() } }));
  await whenTriageSaved(caseId);
  const triage = selectCaseTriage(getState(), caseId);
  if (!triage || triage.saveStatus === 'error' || triage.savedRevision < triage.revision)
    return 'save-failed';
  dispatch(provisionalRefusalDismissed());
  const signed = await dispatch(signDraft(caseId));
  return signDraft.fulfilled.match(signed) ? 'signed' : 'refused';
});

/** Signs again after the questions were answered: the record main holds is no longer provisional once saved. */
export const signWhenTriageSaved = createAsyncThunk<void, string, { state: SignState }>(
  'triage/signWhenTriageSaved',
  async (caseId, { dispatch }) => {
    dispatch(provisionalRefusalDismissed());
    await whenTriageSaved(caseId);
    await dispatch(signDraft(caseId));
  },
);
