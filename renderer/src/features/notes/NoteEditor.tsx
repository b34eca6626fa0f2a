// The draft advice-contact note: the five fields, contact time and responsible nurse read-only, autosave, Ctrl+Enter signs.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import DrawIcon from '@mui/icons-material/Draw';
import type { NoteTextField } from '../../../../core/case/note';
import type { Case } from '../../../../core/case';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectSignedInStaff } from '../session/sessionSlice';
import { noteFocused } from '../cases/caseViewSlice';
import { useCaseFormat } from '../cases/format';
import { useBridgeErrorText } from '../cases/useBridgeErrorText';
import { BradskegradField } from './BradskegradField';
import { discardDraft, signDraft } from './noteThunks';
import { noteFieldChanged, selectMissingForSigning, type DraftState } from './notesSlice';

const TEXT_FIELDS: { field: NoteTextField; rows: number }[] = [
  { field: 'kontaktorsak', rows: 2 },
  { field: 'bedomning', rows: 3 },
  { field: 'rad', rows: 3 },
  { field: 'hanvisning', rows: 2 },
];

/** Element id of a note field, so "what is missing" can take the nurse straight to it. */
export function noteFieldId(caseId: string, field: string): string {
  return `note-${caseId}-${field}`;
}

export function NoteEditor({
  record,
  draft,
  amendsVersion,
}: {
  record: Case;
  draft: DraftState;
  /** The version number this draft amends, if it is an amendment. */
  amendsVersion: number | null;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const staff = useAppSelector(selectSignedInStaff);
  const missing = useAppSelector(selectMissingForSigning);
  const format = useCaseFormat();
  const errorText = useBridgeErrorText();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const caseId = record.id;
  const missingHere = missing?.caseId === caseId ? missing.fields : [];

  // A case just created (form or screen-pop): put the cursor where writing starts, once. After the
  // current task, so a closing dialog handing focus back cannot take it away again.
  const focusRequested = useAppSelector((state) => state.caseView.focusNoteOf === caseId);
  useEffect(() => {
    if (!focusRequested) return;
    dispatch(noteFocused());
    const first = TEXT_FIELDS.find(({ field }) => draft.fields[field].trim() === '') ?? TEXT_FIELDS[0]!;
    // Not cancelled on re-render: clearing the request re-renders at once.
    setTimeout(() => document.getElementById(noteFieldId(caseId, first.field))?.focus(), 0);
    // Only the request matters; the fields are read once when it comes.
  }, [focusRequested, caseId, dispatch]);

  const saveState = draft.saving
    ? t('notes.save.saving')
    : draft.saveError
      ? t('notes.save.error', { message: errorText(draft.saveError) })
      : draft.revision !== draft.savedRevision
        ? t('notes.save.unsaved')
        : draft.lastSavedAt
          ? t('notes.save.saved', { time: format.clock(draft.lastSavedAt) })
          : draft.contactAt
            ? t('notes.save.stored')
            : t('notes.save.notYet');

  return (
    <Paper
      variant="outlined"
      sx={{ p: 2.5, borderColor: 'primary.main', borderWidth: 2 }}
      data-testid="note-editor"
      aria-labelledby={`note-title-${caseId}`}
      component="section"
    >
      <Stack spacing={2}>
        <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between', gap: 2 }}>
          <Typography id={`note-title-${caseId}`} variant="h6" component="h2">
            {amendsVersion === null
              ? `${t('notes.title')} – ${t('notes.draft')}`
              : t('notes.draftAmendment', { number: amendsVersion })}
          </Typography>
          <Typography
            variant="caption"
            color={draft.saveError ? 'error' : 'text.secondary'}
            data-testid="note-save-state"
            role="status"
          >
            {saveState}
          </Typography>
        </Stack>

        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: 'auto 1fr',
            columnGap: 2,
            rowGap: 0.5,
            typography: 'body2',
          }}
        >
          <Typography variant="body2" color="text.secondary">
            {t('notes.contactAt')}
          </Typography>
          <Typography variant="body2" data-testid="note-contact-at">
            {format.when(draft.contactAt ?? record.createdAt)}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('notes.responsible')}
          </Typography>
          <Typography variant="body2" data-testid="note-responsible">
            {staff
              ? t('notes.responsibleValue', { name: staff.name, title: staff.title, hsaId: staff.hsaId })
              : ''}
          </Typography>
        </Box>

        {TEXT_FIELDS.map(({ field, rows }) => (
          <TextField
            key={field}
            id={noteFieldId(caseId, field)}
            label={t(`notes.fields.${field}`)}
            helperText={t(`notes.help.${field}`)}
            value={draft.fields[field]}
            onChange={(e) => dispatch(noteFieldChanged({ caseId, field, value: e.target.value }))}
            error={missingHere.includes(field)}
            multiline
            minRows={rows}
            slotProps={{ htmlInput: { maxLength: 20_000 } }}
          />
        ))}
        <BradskegradField
          id={noteFieldId(caseId, 'bradskegrad')}
          value={draft.fields.bradskegrad}
          onChange={(value) => dispatch(noteFieldChanged({ caseId, field: 'bradskegrad', value }))}
          error={missingHere.includes('bradskegrad')}
        />

        {draft.actionError && (
          <Alert severity="error" role="alert">
            {t('notes.error', { message: errorText(draft.actionError) })}
          </Alert>
        )}

        <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'flex-end' }}>
          <Button color="inherit" onClick={() => setConfirmDiscard(true)}>
            {draft.amendsNoteId ? t('notes.discardAmendment') : t('notes.discard')}
          </Button>
          <Button
            variant="contained"
            startIcon={
              draft.signing ? <CircularProgress aria-hidden size={18} color="inherit" /> : <DrawIcon />
            }
            disabled={draft.signing}
            onClick={() => void dispatch(signDraft(caseId))}
            aria-keyshortcuts="Control+Enter"
            data-testid="sign-note"
          >
            {draft.signing ? t('notes.signing') : t('notes.sign')}
            <Box
              component="kbd"
              sx={{
                ml: 1,
                px: 0.75,
                borderRadius: 0.5,
                fontFamily: 'inherit',
                fontSize: '0.75rem',
                border: '1px solid currentColor',
                opacity: 0.85,
              }}
            >
              Ctrl+Enter
            </Box>
          </Button>
        </Stack>
      </Stack>

      <Dialog open={confirmDiscard} onClose={() => setConfirmDiscard(false)} aria-labelledby="discard-title">
        <DialogTitle id="discard-title">{t('notes.discardConfirmTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('notes.discardConfirmText')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmDiscard(false)} autoFocus>
            {t('notes.keep')}
          </Button>
          <Button
            color="error"
            onClick={() => {
              setConfirmDiscard(false);
              void dispatch(discardDraft(caseId));
            }}
          >
            {t('notes.discardConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}
