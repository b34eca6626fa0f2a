// Autosave of note drafts: a short pause after the last change (typing or a triage prefill) saves the draft.
import { isAnyOf, type ListenerMiddlewareInstance } from '@reduxjs/toolkit';
import { saveDraft } from './noteThunks';
import { noteFieldChanged, notePrefilled, type NotesState } from './notesSlice';

/** Long enough not to save on every key, short enough that a crash loses at most a sentence. */
export const AUTOSAVE_DELAY_MS = 700;

type StartListening = ListenerMiddlewareInstance['startListening'];

export function setupNoteListeners(startListening: StartListening): () => void {
  return startListening({
    matcher: isAnyOf(noteFieldChanged, notePrefilled),
    effect: async (action, api) => {
      const { caseId } = (action as ReturnType<typeof noteFieldChanged | typeof notePrefilled>).payload;
      const notes = () => (api.getState() as { notes: NotesState }).notes;
      const revision = notes().drafts[caseId]?.revision;
      if (revision === undefined) return;
      await api.delay(AUTOSAVE_DELAY_MS);
      // Debounced per case: a newer change of the same draft has its own save coming.
      if (notes().drafts[caseId]?.revision !== revision) return;
      await api.dispatch(saveDraft(caseId) as never);
    },
  });
}
