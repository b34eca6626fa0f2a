// The case's notes: signed versions in amendment order (read-only), then the draft being written; Ctrl+Enter signs.
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Stack,
} from '@mui/material';
import type { Case, Note } from '../../../../core/case';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { NoteEditor, noteFieldId } from './NoteEditor';
import { SignedNoteCard } from './SignedNoteCard';
import { amendNote, signDraft } from './noteThunks';
import { missingDismissed, selectAmending, selectDraft, selectMissingForSigning } from './notesSlice';

/**
 * Signed notes grouped into amendment chains, each oldest first. A chain starts at a note that amends
 * nothing (or whose original is not here) and follows the first signed amendment of each version.
 */
export function amendmentChains(notes: readonly Note[]): Note[][] {
  const signed = notes.filter((n) => n.status === 'signed');
  const bySigning = (a: Note, b: Note) => (a.signedAt ?? '').localeCompare(b.signedAt ?? '');
  const ids = new Set(signed.map((n) => n.id));
  const roots = signed.filter((n) => !n.amendsNoteId || !ids.has(n.amendsNoteId)).sort(bySigning);
  return roots.map((root) => {
    const chain = [root];
    for (let last = root; ;) {
      const next = signed.filter((n) => n.amendsNoteId === last.id).sort(bySigning)[0];
      if (!next || chain.includes(next)) break;
      chain.push(next);
      last = next;
    }
    return chain;
  });
}

export function NotesPanel({ record, notes }: { record: Case; notes: readonly Note[] }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const draft = useAppSelector(selectDraft(record.id));
  const missing = useAppSelector(selectMissingForSigning);
  const amending = useAppSelector(selectAmending);
  const chains = useMemo(() => amendmentChains(notes), [notes]);
  const caseId = record.id;

  // Ctrl+Enter signs from anywhere in the case view while a draft is open.
  useEffect(() => {
    if (!draft) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        void dispatch(signDraft(caseId));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, caseId, draft]);

  const missingHere = missing?.caseId === caseId ? missing.fields : null;
  const backToNote = () => {
    const first = missingHere?.[0];
    dispatch(missingDismissed());
    // After the dialog has given focus back, take the nurse to the first missing field.
    if (first) setTimeout(() => document.getElementById(noteFieldId(caseId, first))?.focus(), 50);
  };

  let amendsVersion: number | null = null;
  if (draft?.amendsNoteId) {
    for (const chain of chains) {
      const index = chain.findIndex((n) => n.id === draft.amendsNoteId);
      if (index >= 0) amendsVersion = index + 1;
    }
  }

  return (
    <Stack spacing={2} data-testid="notes-panel">
      {chains.map((chain) =>
        chain.map((note, index) => {
          const newest = index === chain.length - 1;
          return (
            <SignedNoteCard
              key={note.id}
              note={note}
              version={index + 1}
              amends={index > 0 ? chain[index - 1]! : null}
              superseded={!newest}
              onAmend={newest && !draft ? () => void dispatch(amendNote({ caseId, noteId: note.id })) : null}
              amending={amending === note.id}
            />
          );
        }),
      )}
      {draft && <NoteEditor record={record} draft={draft} amendsVersion={amendsVersion} />}

      <Dialog open={missingHere !== null} onClose={backToNote} aria-labelledby="missing-title">
        <DialogTitle id="missing-title">{t('notes.missing.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('notes.missing.intro')}</DialogContentText>
          <List dense data-testid="missing-for-signing">
            {(missingHere ?? []).map((field) => (
              <ListItem key={field}>
                <ListItemText primary={t(`notes.missing.${field}`)} />
              </ListItem>
            ))}
          </List>
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={backToNote} autoFocus>
            {t('notes.missing.back')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
