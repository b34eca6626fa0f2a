// The team lead page (Teamledare, Alt+4): one section per task, the live queues first, then capacity of the region's care units.
import { useTranslation } from 'react-i18next';
import { Link, Stack, Typography } from '@mui/material';
import { CapacitySection } from '../capacity/CapacitySection';
import { QueueOverviewSection } from '../queueOverview/QueueOverviewSection';

/** The page's sections in order; a new team lead view adds its entry here. */
const SECTIONS = [
  { id: 'queues', titleKey: 'teamLead.queues.title', render: () => <QueueOverviewSection /> },
  { id: 'capacity', titleKey: 'capacity.title', render: () => <CapacitySection /> },
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
