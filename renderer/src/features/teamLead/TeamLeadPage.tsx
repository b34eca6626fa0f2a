// The team lead page (Teamledare, Alt+4): one section per task, capacity of the region's care units first; queue monitoring is still to come.
import { useTranslation } from 'react-i18next';
import { Link, Paper, Stack, Typography } from '@mui/material';
import InboxIcon from '@mui/icons-material/Inbox';
import { CapacitySection } from '../capacity/CapacitySection';

/** The page's sections in order; a new team lead view adds its entry here. */
const SECTIONS = [
  { id: 'capacity', titleKey: 'capacity.title', render: () => <CapacitySection /> },
  { id: 'queues', titleKey: 'teamLead.queues.title', render: () => <QueueMonitoringSection /> },
] as const;

export function TeamLeadPage() {
  const { t } = useTranslation();
  return (
    <Stack spacing={2.5} data-testid="team-lead-page">
      <Stack direction="row" spacing={3} sx={{ alignItems: 'baseline', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
          {t('pages.teamLead.title')}
        </Typography>
        <Stack component="nav" aria-label={t('teamLead.sections')} direction="row" spacing={2}>
          {SECTIONS.map((section) => (
            <Link
              key={section.id}
              component="button"
              type="button"
              underline="hover"
              // Scrolls in the page rather than changing the address (the app has no routes).
              onClick={() => {
                const target = document.getElementById(`team-lead-${section.id}`);
                target?.scrollIntoView({ block: 'start' });
                target?.querySelector<HTMLElement>('h2')?.focus();
              }}
            >
              {t(section.titleKey)}
            </Link>
          ))}
        </Stack>
      </Stack>
      {SECTIONS.map((section) => (
        <div key={section.id} id={`team-lead-${section.id}`}>
          {section.render()}
        </div>
      ))}
    </Stack>
  );
}

/** Until the live queue view for team leads exists, its place on the page says so. */
function QueueMonitoringSection() {
  const { t } = useTranslation();
  return (
    <Paper component="section" variant="outlined" aria-labelledby="team-lead-queues-title" sx={{ p: 3 }}>
      <Typography
        id="team-lead-queues-title"
        variant="h6"
        component="h2"
        tabIndex={-1}
        sx={{ fontWeight: 700, mb: 1 }}
      >
        {t('teamLead.queues.title')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <InboxIcon color="disabled" sx={{ fontSize: 36 }} />
        <Stack>
          <Typography>{t('pages.teamLead.empty')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('pages.teamLead.emptyHelp')}
          </Typography>
        </Stack>
      </Stack>
    </Paper>
  );
}
