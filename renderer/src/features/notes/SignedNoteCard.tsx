// A signed note, read-only: its content, who signed it and when, and its place in the amendment chain.
import { useTranslation } from 'react-i18next';
import { Box, Button, Chip, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import LockIcon from '@mui/icons-material/Lock';
import type { Note } from '../../../../core/case';
import { NOTE_TEXT_FIELDS } from '../../../../core/case/note';
import { useCaseFormat } from '../cases/format';
import { LevelChip } from '../triage/LevelChip';

export function SignedNoteCard({
  note,
  version,
  amends,
  superseded,
  onAmend,
  amending,
}: {
  note: Note;
  version: number;
  /** The signed note this one amends, if it is an amendment. */
  amends: Note | null;
  superseded: boolean;
  /** Offered only on the newest version when no draft is open. */
  onAmend: (() => void) | null;
  amending: boolean;
}) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  return (
    <Paper
      variant="outlined"
      component="article"
      data-testid="signed-note"
      data-note-id={note.id}
      data-superseded={superseded ? 'true' : 'false'}
      aria-label={`${t('notes.signed.label')}, ${t('notes.signed.version', { number: version })}`}
      sx={{
        p: 2.5,
        // Told apart by a dashed edge and a tint, not by fading: faded text would no longer be readable.
        borderStyle: superseded ? 'dashed' : 'solid',
        bgcolor: superseded ? 'action.hover' : 'background.paper',
      }}
    >
      <Stack spacing={1.5}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <LockIcon fontSize="small" color="action" aria-hidden />
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t('notes.signed.label')} · {t('notes.signed.version', { number: version })}
          </Typography>
          {amends && amends.signedAt && (
            <Chip
              size="small"
              variant="outlined"
              label={t('notes.signed.amends', { time: format.when(amends.signedAt) })}
            />
          )}
          {superseded && <Chip size="small" color="default" label={t('notes.signed.superseded')} />}
        </Stack>
        <Typography variant="body2" color="text.secondary" data-testid="signed-by">
          {t('notes.signed.by', {
            time: format.when(note.signedAt ?? note.contactAt),
            name: note.responsible.name,
            title: note.responsible.title,
            hsaId: note.responsible.hsaId,
          })}
          {' · '}
          {t('notes.contactAt')} {format.when(note.contactAt)}
        </Typography>
        <Box
          component="dl"
          sx={{
            m: 0,
            display: 'grid',
            gridTemplateColumns: { xs: '1fr', sm: '140px 1fr' },
            columnGap: 2,
            rowGap: 1,
          }}
        >
          {NOTE_TEXT_FIELDS.map((field) => (
            <Box key={field} sx={{ display: 'contents' }}>
              <Typography component="dt" variant="body2" color="text.secondary" sx={{ fontWeight: 600 }}>
                {t(`notes.fields.${field}`)}
              </Typography>
              <Typography
                component="dd"
                variant="body2"
                sx={{ m: 0, whiteSpace: 'pre-wrap' }}
                data-field={field}
              >
                {note[field] || '—'}
              </Typography>
            </Box>
          ))}
          <Typography component="dt" variant="body2" color="text.secondary" sx={{ fontWeight: 600 }}>
            {t('notes.fields.bradskegrad')}
          </Typography>
          <Box component="dd" sx={{ m: 0 }}>
            {note.bradskegrad !== null && (
              <Box component="span" data-field="bradskegrad">
                <LevelChip level={note.bradskegrad} />
              </Box>
            )}
          </Box>
        </Box>
        {onAmend && (
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
            <Typography variant="caption" color="text.secondary">
              {t('notes.signed.readOnly')}
            </Typography>
            <Button
              variant="outlined"
              startIcon={amending ? <CircularProgress aria-hidden size={16} color="inherit" /> : <EditIcon />}
              disabled={amending}
              onClick={onAmend}
            >
              {amending ? t('notes.signed.amending') : t('notes.signed.amend')}
            </Button>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
