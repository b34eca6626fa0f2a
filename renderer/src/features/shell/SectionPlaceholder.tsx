// A section's heading and its empty state, shown until the section has content of its own.
import { useTranslation } from 'react-i18next';
import { Paper, Stack, Typography } from '@mui/material';
import InboxIcon from '@mui/icons-material/Inbox';
import type { Section } from './navigationSlice';

export function SectionPlaceholder({ section }: { section: Section }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        {t(`pages.${section}.title`)}
      </Typography>
      <Paper variant="outlined" sx={{ p: 4 }}>
        <Stack spacing={1} sx={{ alignItems: 'center', textAlign: 'center' }}>
          <InboxIcon color="disabled" sx={{ fontSize: 48 }} />
          <Typography variant="h6">{t(`pages.${section}.empty`)}</Typography>
          <Typography color="text.secondary">{t(`pages.${section}.emptyHelp`)}</Typography>
        </Stack>
      </Paper>
    </Stack>
  );
}
