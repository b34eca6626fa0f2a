// Notes slice: the draft of each open case as the nurse types it, its save state, signing and prefill from triage.
//
// `notePrefilled({ caseId, bedomning, rad, bradskegrad })` is how the triage panel fills the note: an
// empty field (or one still holding the previous prefill) is replaced, a field the nurse wrote in is
// kept and the suggestion is added below it; brådskegrad is set. The draft is then autosaved.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { BridgeError } from '../../../../core/api/bridge';
import type { Note, NoteTextField, SigningProblem } from '../../../../core/case/note';
import type { DispositionLevel } from '../../../../core/triage/dispositionLadder';
import { openCase } from '../cases/caseThunks';
import { sessionChanged, signOut } from '../session/sessionSlice';
import { caseReleased } from '../../app/caseRelease';
import { amendNote, discardDraft, saveDraft, signDraft } from './noteThunks';

export interface NoteFields {
  kontaktorsak: string;
  bedomning: string;
  rad: string;
  hanvisning: string;
  bradskegrad: DispositionLevel | null;
}

export interface DraftState {
  caseId: string;
  noteId: string;
  amendsNoteId: string | null;
  fields: NoteFields;
  /** Contact time as main stored it; null until the first save. */
  contactAt: string | null;
  /** Text last put in by triage, so a new prefill replaces it while the nurse has not changed it. */
  prefilled: Partial<Record<'bedomning' | 'rad', string>>;
  /** Counts changes; savedRevision is the one main has. */
  revision: number;
  savedRevision: number;
  saving: boolean;
  lastSavedAt: string | null;
  saveError: BridgeError | null;
  signing: boolean;
  actionError: BridgeError | null;
}

export interface NotePrefill {
  caseId: string;
  bedomning?: string;
  rad?: string;
  bradskegrad?: DispositionLevel | null;
}

export interface NotesState {
  /** The draft of each case, by case id. */
  drafts: Record<string, DraftState>;
  /** Prefills that arrived before the case's draft was loaded; applied when it is. */
  pendingPrefills: Record<string, NotePrefill>;
  /** What stopped the last signing attempt, shown as a list in a dialog. */
  missing: { caseId: string; fields: SigningProblem['field'][] } | null;
  /** The case whose note main refused to sign because its triage is provisional (the triage panel asks why). */
  provisionalRefusal: { caseId: string } | null;
  amending: string | null;
}

const initialState: NotesState = {
  drafts: {},
  pendingPrefills: {},
  missing: null,
  provisionalRefusal: null,
  amending: null,
};

const EMPTY_FIELDS: NoteFields = {
  kontaktorsak: '',
  bedomning: '',
  rad: '',
  hanvisning: '',
  bradskegrad: null,
};

function draftFromNote(note: Note): DraftState {
  return {
    caseId: note.caseId,
    noteId: note.id,
    amendsNoteId: note.amendsNoteId ?? null,
    fields: {
      kontaktorsak: note.kontaktorsak,
      bedomning: note.bedomning,
      rad: note.rad,
      hanvisning: note.hanvisning,
      bradskegrad: note.bradskegrad,
    },
    contactAt: note.contactAt,
    prefilled: {},
    revision: 0,
    savedRevision: 0,
    saving: false,
    lastSavedAt: null,
    saveError: null,
    signing: false,
    actionError: null,
  };
}

function emptyDraft(caseId: string, noteId: string): DraftState {
  return {
    caseId,
    noteId,
    amendsNoteId: null,
    fields: { ...EMPTY_FIELDS },
    contactAt: null,
    prefilled: {},
    revision: 0,
    savedRevision: 0,
    saving: false,
    lastSavedAt: null,
    saveError: null,
    signing: false,
    actionError: null,
  };
}

function applyPrefill(draft: DraftState, prefill: NotePrefill): void {
  for (const field of ['bedomning', 'rad'] as const) {
    const suggestion = prefill[field];
    if (suggestion === undefined || suggestion.trim() === '') continue;
    const current = draft.fields[field];
    if (current.trim() === '' || current === draft.prefilled[field]) {
      draft.fields[field] = suggestion;
      draft.prefilled[field] = suggestion;
    } else if (!current.includes(suggestion)) {
      draft.fields[field] = `${current.trimEnd()}\n\n${suggestion}`;
      delete draft.prefilled[field];
    }
  }
  if (prefill.bradskegrad !== undefined) draft.fields.bradskegrad = prefill.bradskegrad;
  draft.revision += 1;
}

const notesSlice = createSlice({
  name: 'notes',
  initialState,
  reducers: {
    noteFieldChanged(
      state,
      action: PayloadAction<
        | { caseId: string; field: NoteTextField; value: string }
        | { caseId: string; field: 'bradskegrad'; value: DispositionLevel | null }
      >,
    ) {
      const draft = state.drafts[action.payload.caseId];
      if (!draft) return;
      const { field, value } = action.payload;
      if (field === 'bradskegrad') draft.fields.bradskegrad = value;
      else draft.fields[field] = value;
      draft.revision += 1;
    },
    notePrefilled(state, action: PayloadAction<NotePrefill>) {
      const draft = state.drafts[action.payload.caseId];
      if (draft) applyPrefill(draft, action.payload);
      else
        state.pendingPrefills[action.payload.caseId] = {
          ...state.pendingPrefills[action.payload.caseId],
          ...action.payload,
        };
    },
    missingDismissed(state) {
      state.missing = null;
    },
    provisionalRefusalDismissed(state) {
      state.provisionalRefusal = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(openCase.fulfilled, (state, action) => {
        const { view, newNoteId } = action.payload;
        const caseId = view.case.id;
        const current = state.drafts[caseId];
        // Unsaved typing on screen wins over what the store held a moment ago.
        if (current && current.revision !== current.savedRevision) return;
        const stored = view.notes.find((n) => n.status === 'draft');
        if (stored) state.drafts[caseId] = draftFromNote(stored);
        else if (view.notes.length === 0) state.drafts[caseId] = emptyDraft(caseId, newNoteId);
        else delete state.drafts[caseId];
        const pending = state.pendingPrefills[caseId];
        const draft = state.drafts[caseId];
        if (pending && draft) {
          applyPrefill(draft, pending);
          delete state.pendingPrefills[caseId];
        }
      })
      .addCase(saveDraft.pending, (state, action) => {
        const draft = state.drafts[action.meta.arg];
        if (draft) draft.saving = true;
      })
      .addCase(saveDraft.fulfilled, (state, action) => {
        const draft = state.drafts[action.meta.arg];
        if (!draft || draft.noteId !== action.payload.note.id) return;
        draft.saving = false;
        draft.savedRevision = Math.max(draft.savedRevision, action.payload.revision);
        draft.contactAt = action.payload.note.contactAt;
        draft.lastSavedAt = new Date().toISOString();
        draft.saveError = null;
      })
      .addCase(saveDraft.rejected, (state, action) => {
        const draft = state.drafts[action.meta.arg];
        if (!draft) return;
        draft.saving = false;
        draft.saveError = action.payload ?? { code: 'internal', message: action.error.message ?? '' };
      })
      .addCase(signDraft.pending, (state, action) => {
        const draft = state.drafts[action.meta.arg];
        if (draft) {
          draft.signing = true;
          draft.actionError = null;
        }
      })
      .addCase(signDraft.fulfilled, (state, action) => {
        delete state.drafts[action.meta.arg];
        state.missing = null;
        state.provisionalRefusal = null;
      })
      .addCase(signDraft.rejected, (state, action) => {
        const draft = state.drafts[action.meta.arg];
        if (draft) draft.signing = false;
        const refusal = action.payload;
        if (refusal?.kind === 'missing') state.missing = { caseId: action.meta.arg, fields: refusal.missing };
        else if (refusal?.error.code === 'triage_provisional')
          state.provisionalRefusal = { caseId: action.meta.arg };
        else if (draft) draft.actionError = refusal?.error ?? { code: 'internal', message: '' };
      })
      .addCase(amendNote.pending, (state, action) => {
        state.amending = action.meta.arg.noteId;
      })
      .addCase(amendNote.fulfilled, (state, action) => {
        state.amending = null;
        state.drafts[action.payload.caseId] = draftFromNote(action.payload);
      })
      .addCase(amendNote.rejected, (state) => {
        state.amending = null;
      })
      .addCase(discardDraft.fulfilled, (state, action) => {
        const { caseId, newNoteId } = action.payload;
        const discarded = state.drafts[caseId];
        // Discarding an amendment returns to the signed note; discarding a first draft starts afresh.
        if (discarded?.amendsNoteId) delete state.drafts[caseId];
        else state.drafts[caseId] = emptyDraft(caseId, newNoteId);
      })
      .addCase(discardDraft.rejected, (state, action) => {
        const draft = state.drafts[action.meta.arg];
        if (draft) draft.actionError = action.payload ?? { code: 'internal', message: '' };
      })
      .addCase(caseReleased, (state, action) => {
        delete state.drafts[action.payload.caseId];
        delete state.pendingPrefills[action.payload.caseId];
      })
      .addCase(sessionChanged, (state, action) =>
        action.payload.status === 'signed-out' ? initialState : state,
      )
      .addCase(signOut.fulfilled, () => initialState);
  },
});

export const { noteFieldChanged, notePrefilled, missingDismissed, provisionalRefusalDismissed } =
  notesSlice.actions;
export const notesReducer = notesSlice.reducer;

type WithNotes = { notes: NotesState };
export const selectDraft = (caseId: string) => (state: WithNotes) => state.notes.drafts[caseId] ?? null;
export const selectMissingForSigning = (state: WithNotes) => state.notes.missing;
export const selectAmending = (state: WithNotes) => state.notes.amending;
export const selectProvisionalRefusal = (state: WithNotes) => state.notes.provisionalRefusal;
