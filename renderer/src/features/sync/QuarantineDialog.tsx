// Dialog listing what the regional server refused: what it is, when it was saved, why, and what the nurse should do.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { QUARANTINE_REASON_CODES, type QuarantinedEntry } from '../../../../core/api/sync';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { dateAndTime } from '../../app/swedishTime';
import { loadQuarantined, requeueQuarantined, selectQuarantined } from './syncSlice';

/** Causes that a retry can cure once someone has fixed them (e.g. the server updated); the rest never change. */
const RETRYABLE = new Set(['invalid', 'too_large', 'other']);

function reasonKey(entry: QuarantinedEntry): string {
  return (QUARANTINE_REASON_CODES as readonly string[]).includes(entry.reasonCode)
    ? entry.reasonCode
    : 'other';
}

export function QuarantineDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { items, load, requeueing } = useAppSelector(selectQuarantined);

  useEffect(() => {
    if (open) void dispatch(loadQuarantined());
  }, [open, dispatch]);

  const when = (iso: string) => dateAndTime(iso, i18n.language);

  return (
    <Dialog open={open} onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="sync-quarantine-title">
      <DialogTitle id="sync-quarantine-title">{t('sync.dialog.title')}</DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {t('sync.dialog.intro')}
        </Typography>
        {load === 'loading' && items.length === 0 && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <CircularProgress size={18} aria-label={t('sync.dialog.loading')} />
            <Typography variant="body2">{t('sync.dialog.loading')}</Typography>
          </Stack>
        )}
        {load === 'error' && (
          <Alert
            severity="error"
            action={
              <Button color="inherit" size="small" onClick={() => void dispatch(loadQuarantined())}>
                {t('sync.dialog.retryLoad')}
              </Button>
            }
          >
            {t('sync.dialog.loadError')}
          </Alert>
        )}
        {load === 'ready' && items.length === 0 && <Alert severity="success">{t('sync.dialog.empty')}</Alert>}
        {items.length > 0 && (
          <Table size="small" data-testid="sync-quarantine-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('sync.dialog.columns.what')}</TableCell>
                <TableCell>{t('sync.dialog.columns.saved')}</TableCell>
                <TableCell>{t('sync.dialog.columns.reason')}</TableCell>
                <TableCell>{t('sync.dialog.columns.todo')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((entry) => {
                const key = reasonKey(entry);
                return (
                  <TableRow key={entry.seq} data-testid="sync-quarantined-item" sx={{ verticalAlign: 'top' }}>
                    <TableCell>
                      <Typography variant="body2" sx={{ fontWeight: 600 }}>
                        {t(`sync.entities.${entry.entity}`)}
                      </Typography>
                      {entry.caseId && (
                        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
                          {t('sync.dialog.caseRef', { id: entry.caseId.slice(0, 8) })}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{when(entry.createdAt)}</TableCell>
                    <TableCell>
                      <Typography variant="body2">{t(`sync.reasons.${key}`)}</Typography>
                      <Typography variant="caption" sx={{ color: 'text.secondary', wordBreak: 'break-word' }}>
                        {t('sync.dialog.technical', { reason: entry.reason })}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <Typography variant="body2">{t(`sync.advice.${key}`)}</Typography>
                    </TableCell>
                    <TableCell>
                      {RETRYABLE.has(key) && (
                        <Button
                          size="small"
                          variant="outlined"
                          sx={{ whiteSpace: 'nowrap' }}
                          disabled={requeueing !== null}
                          onClick={() => void dispatch(requeueQuarantined(entry.seq))}
                        >
                          {requeueing === entry.seq ? t('sync.dialog.requeueing') : t('sync.dialog.requeue')}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('sync.dialog.close')}{' '}
          <Typography component="kbd" variant="caption" sx={{ ml: 1 }}>
            {t('sync.dialog.closeHint')}
          </Typography>
        </Button>
      </DialogActions>
    </Dialog>
  );
}
