// Note side effects over the bridge: autosave a draft, sign it, amend a signed note, discard a draft.
//
// The renderer never sends who is responsible or when the contact was: main fills both from the session.
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import { missingForSigning, type Note, type SigningProblem } from '../../../../core/case/note';
import { callBridge } from '../../platform/bridge';
import { toBridgeError } from '../cases/casesListSlice';
import type { NotesState } from './notesSlice';

type WithNotes = { notes: NotesState };

/** Why signing did not happen: missing content (shown as a list) or a bridge error. */
export type SignRefusal =
  { kind: 'missing'; missing: SigningProblem['field'][] } | { kind: 'error'; error: BridgeError };

/** Saves the case's draft as it is now; skipped when nothing changed since the last save. */
export const saveDraft = createAsyncThunk<
  { note: Note; revision: number },
  string,
  { state: WithNotes; rejectValue: BridgeError }
>(
  'notes/saveDraft',
  async (caseId, { getState, rejectWithValue }) => {
    const draft = getState().notes.drafts[caseId]!;
    try {
      const note = await callBridge('notes.saveDraft', { caseId, noteId: draft.noteId, ...draft.fields });
      return { note, revision: draft.revision };
    } catch (error) {
      return rejectWithValue(toBridgeError(error));
    }
  },
  {
    condition: (caseId, { getState }) => {
      const draft = getState().notes.drafts[caseId];
      return draft !== undefined && draft.revision !== draft.savedRevision;
    },
  },
);

/**
 * Signs the case's draft: checks locally what is missing (and then does not sign), saves pending
 * changes, and signs in main. A signed note never changes again.
 */
export const signDraft = createAsyncThunk<Note, string, { state: WithNotes; rejectValue: SignRefusal }>(
  'notes/sign',
  async (caseId, { getState, dispatch, rejectWithValue }) => {
    const draft = getState().notes.drafts[caseId];
    if (!draft) return rejectWithValue({ kind: 'error', error: { code: 'not_found', message: caseId } });
    const missing = missingForSigning(draft.fields);
    if (missing.length > 0) return rejectWithValue({ kind: 'missing', missing: missing.map((p) => p.field) });
    const saved = await dispatch(saveDraft(caseId));
    if (saveDraft.rejected.match(saved) && saved.payload) {
      return rejectWithValue({ kind: 'error', error: saved.payload });
    }
    try {
      return await callBridge('notes.sign', { noteId: draft.noteId });
    } catch (error) {
      const bridgeError = toBridgeError(error);
      const reported = bridgeError.details?.missing;
      if (bridgeError.code === 'note_incomplete' && Array.isArray(reported)) {
        return rejectWithValue({ kind: 'missing', missing: reported as SigningProblem['field'][] });
      }
      return rejectWithValue({ kind: 'error', error: bridgeError });
    }
  },
);

/** Opens an amendment of a signed note: a new draft prefilled with its content, pointing at it. */
export const amendNote = createAsyncThunk<
  Note,
  { caseId: string; noteId: string },
  { rejectValue: BridgeError }
>('notes/amend', async ({ noteId }, { rejectWithValue }) => {
  try {
    return await callBridge('notes.amend', { noteId });
  } catch (error) {
    return rejectWithValue(toBridgeError(error));
  }
});

/** Discards the draft in main and on screen. */
export const discardDraft = createAsyncThunk<
  { caseId: string; noteId: string; newNoteId: string },
  string,
  { state: WithNotes; rejectValue: BridgeError }
>('notes/discard', async (caseId, { getState, rejectWithValue }) => {
  const draft = getState().notes.drafts[caseId]!;
  try {
    await callBridge('notes.discardDraft', { noteId: draft.noteId });
  } catch (error) {
    const bridgeError = toBridgeError(error);
    // A draft that never reached the store has nothing to remove there.
    if (bridgeError.code !== 'not_found') return rejectWithValue(bridgeError);
  }
  return { caseId, noteId: draft.noteId, newNoteId: crypto.randomUUID() };
});
