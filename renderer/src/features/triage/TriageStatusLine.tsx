// The triage panel's status line: whether the triage is saved, and the keyboard shortcuts of the checklist.
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { clockTime } from '../../app/swedishTime';
import { kbdSx, SearchKeys } from './ProtocolPicker';

export function SaveStatus({
  status,
  savedAt,
  error,
  onRetry,
}: {
  status: string;
  savedAt: string | null;
  error: string | null;
  onRetry: () => void;
}) {
  const { t, i18n } = useTranslation();
  if (status === 'error' && error) {
    return (
      <Alert
        severity="error"
        role="alert"
        sx={{ py: 0 }}
        action={
          <Button color="inherit" size="small" onClick={onRetry}>
            {t('triage.save.retry')}
          </Button>
        }
      >
        {t('triage.save.error', { message: error })}
      </Alert>
    );
  }
  if (status === 'saving') {
    return (
      <Stack
        direction="row"
        spacing={1}
        sx={{ alignItems: 'center' }}
        data-testid="triage-save-status"
        data-status="saving"
      >
        <CircularProgress aria-hidden size={14} />
        <Typography variant="body2" color="text.secondary">
          {t('triage.save.saving')}
        </Typography>
      </Stack>
    );
  }
  if (status === 'saved' && savedAt) {
    return (
      <Stack
        direction="row"
        spacing={0.5}
        sx={{ alignItems: 'center' }}
        data-testid="triage-save-status"
        data-status="saved"
      >
        <CheckCircleIcon fontSize="small" color="success" />
        <Typography variant="body2" color="text.secondary">
          {t('triage.save.saved', {
            time: clockTime(savedAt, i18n.language),
          })}
        </Typography>
      </Stack>
    );
  }
  return null;
}

export function ShortcutLegend() {
  const { t } = useTranslation();
  const keys: [string, string][] = [
    ['J', t('triage.shortcuts.yes')],
    ['N', t('triage.shortcuts.no')],
    ['?', t('triage.shortcuts.unsure')],
    ['↑ ↓', t('triage.shortcuts.move')],
  ];
  return (
    <Stack
      direction="row"
      spacing={2}
      useFlexGap
      sx={{ flexWrap: 'wrap', alignItems: 'center' }}
      aria-label={t('triage.shortcuts.title')}
      data-testid="triage-shortcuts"
    >
      <Typography variant="body2" color="text.secondary">
        {t('triage.shortcuts.title')}:
      </Typography>
      {keys.map(([key, label]) => (
        <Stack key={key} direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
          <Box component="kbd" sx={kbdSx}>
            {key}
          </Box>
          <Typography variant="body2" color="text.secondary">
            {label}
          </Typography>
        </Stack>
      ))}
      <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
        <SearchKeys />
        <Typography variant="body2" color="text.secondary">
          {t('triage.shortcuts.search')}
        </Typography>
      </Stack>
    </Stack>
  );
}
