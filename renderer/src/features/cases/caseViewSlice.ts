// Case view slice: the case open on screen, its notes as stored, the repeat-contact warning and closing.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { CaseViewData, RepeatContact } from '../../../../core/api/cases';
import type { WorkspaceFocusArea } from '../../../../core/api/workspace';
import type { Case, Note } from '../../../../core/case';
import { amendNote, discardDraft, saveDraft, signDraft } from '../notes/noteThunks';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { closeCase, createCase, loadRepeatContacts, openCase } from './caseThunks';

export interface CaseViewState {
  caseId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  data: CaseViewData | null;
  error: BridgeError | null;
  repeat: { caseId: string; contacts: RepeatContact[] } | null;
  closing: boolean;
  closeError: BridgeError | null;
  /** A case just created: its note takes the keyboard focus once, so the nurse can start writing. */
  focusNoteOf: string | null;
  /** The case whose triage takes the focus once it shows (back after a reload). */
  focusTriageOf: string | null;
  /** Where in the open case the nurse last worked: the triage or the note. */
  focusArea: WorkspaceFocusArea | null;
}

const initialState: CaseViewState = {
  caseId: null,
  status: 'idle',
  data: null,
  error: null,
  repeat: null,
  closing: false,
  closeError: null,
  focusNoteOf: null,
  focusTriageOf: null,
  focusArea: null,
};

function upsertNote(state: CaseViewState, note: Note): void {
  if (!state.data || state.data.case.id !== note.caseId) return;
  const index = state.data.notes.findIndex((n) => n.id === note.id);
  if (index >= 0) state.data.notes[index] = note;
  else state.data.notes.push(note);
}

const caseViewSlice = createSlice({
  name: 'caseView',
  initialState,
  reducers: {
    /** Back to the list. */
    caseViewClosed: () => initialState,
    /** A panel that changed the case (triage, referral) hands the new version to the view. */
    caseUpdated(state, action: PayloadAction<Case>) {
      if (state.data && state.data.case.id === action.payload.id) state.data.case = action.payload;
    },
    closeErrorDismissed(state) {
      state.closeError = null;
    },
    noteFocused(state) {
      state.focusNoteOf = null;
    },
    triageFocused(state) {
      state.focusTriageOf = null;
    },
    caseFocusAreaChanged(state, action: PayloadAction<WorkspaceFocusArea>) {
      state.focusArea = action.payload;
    },
    /** Back in a case after a reload: the focus goes to where she was working. */
    caseFocusRequested(state, action: PayloadAction<{ caseId: string; area: WorkspaceFocusArea }>) {
      const { caseId, area } = action.payload;
      state.focusArea = area;
      if (area === 'note') state.focusNoteOf = caseId;
      else state.focusTriageOf = caseId;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(openCase.pending, (state, action) => {
        if (state.caseId !== action.meta.arg) {
          state.data = null;
          state.repeat = null;
          state.focusArea = null;
        }
        state.caseId = action.meta.arg;
        state.status = state.data ? 'ready' : 'loading';
        state.error = null;
        state.closeError = null;
      })
      .addCase(openCase.fulfilled, (state, action) => {
        if (state.caseId !== action.meta.arg) return;
        state.status = 'ready';
        state.data = action.payload.view;
      })
      .addCase(openCase.rejected, (state, action) => {
        if (state.caseId !== action.meta.arg) return;
        state.status = 'error';
        state.error = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(createCase.fulfilled, (state, action) => {
        state.focusNoteOf = action.payload.id;
      })
      .addCase(loadRepeatContacts.fulfilled, (state, action) => {
        if (state.caseId === action.meta.arg.caseId) {
          state.repeat = { caseId: action.meta.arg.caseId, contacts: action.payload };
        }
      })
      .addCase(closeCase.pending, (state) => {
        state.closing = true;
        state.closeError = null;
      })
      .addCase(closeCase.fulfilled, (state, action) => {
        state.closing = false;
        if (state.data && state.data.case.id === action.payload.id) state.data.case = action.payload;
      })
      .addCase(closeCase.rejected, (state, action) => {
        state.closing = false;
        state.closeError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(saveDraft.fulfilled, (state, action) => upsertNote(state, action.payload.note))
      .addCase(signDraft.fulfilled, (state, action) => upsertNote(state, action.payload))
      .addCase(amendNote.fulfilled, (state, action) => upsertNote(state, action.payload))
      .addCase(discardDraft.fulfilled, (state, action) => {
        if (state.data) state.data.notes = state.data.notes.filter((n) => n.id !== action.payload.noteId);
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const {
  caseViewClosed,
  caseUpdated,
  closeErrorDismissed,
  noteFocused,
  triageFocused,
  caseFocusAreaChanged,
  caseFocusRequested,
} = caseViewSlice.actions;
export const caseViewReducer = caseViewSlice.reducer;

type WithCaseView = { caseView: CaseViewState };
export const selectCaseView = (state: WithCaseView) => state.caseView;
export const selectOpenCase = (state: WithCaseView) => state.caseView.data?.case ?? null;
