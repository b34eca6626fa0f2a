// The workstation shell after sign-in: navigation, the current section, the offline banner and the status bar.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Box, Tab, Tabs } from '@mui/material';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import FolderSharedIcon from '@mui/icons-material/FolderShared';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectHasRole } from '../session/sessionSlice';
import { selectConnection } from '../connection/connectionSlice';
import { sectionSelected, selectSection, type Section } from './navigationSlice';
import { StatusBar } from './StatusBar';
import { ProtocolLibraryPage } from '../protocols/ProtocolLibraryPage';
import { CasesSection } from '../cases/CasesSection';
import { CallsSection } from '../calls/CallsSection';
import { CallHandlingBars } from '../calls/CallHandlingBars';
import { PresenceControl } from '../presence/PresenceControl';
import { TeamLeadPage } from '../teamLead/TeamLeadPage';
import { clockTime } from '../../app/swedishTime';

const NAV_ITEMS: { section: Section; icon: React.ReactElement; shortcut: string }[] = [
  { section: 'calls', icon: <PhoneInTalkIcon />, shortcut: '1' },
  { section: 'cases', icon: <FolderSharedIcon />, shortcut: '2' },
  { section: 'protocols', icon: <MenuBookIcon />, shortcut: '3' },
  { section: 'teamLead', icon: <MonitorHeartIcon />, shortcut: '4' },
];

export function AppShell() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const section = useAppSelector(selectSection);
  const isTeamLead = useAppSelector(selectHasRole('team_lead'));
  const connection = useAppSelector(selectConnection);
  const items = NAV_ITEMS.filter((item) => item.section !== 'teamLead' || isTeamLead);
  const current = items.some((item) => item.section === section) ? section : 'calls';

  // Alt+1…4 moves between sections without the mouse.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey) return;
      const item = items.find((candidate) => candidate.shortcut === event.key);
      if (item) {
        event.preventDefault();
        dispatch(sectionSelected(item.section));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, items]);

  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <Box
        component="nav"
        aria-label={t('nav.label')}
        sx={{
          borderBottom: 1,
          borderColor: 'divider',
          bgcolor: 'background.paper',
          display: 'flex',
          alignItems: 'center',
        }}
      >
        <Tabs
          value={current}
          onChange={(_e, value: Section) => dispatch(sectionSelected(value))}
          variant="scrollable"
          sx={{ flex: 1, minWidth: 0 }}
        >
          {items.map((item) => (
            <Tab
              key={item.section}
              value={item.section}
              icon={item.icon}
              iconPosition="start"
              label={t(`nav.${item.section}`)}
              title={`Alt+${item.shortcut}`}
              data-testid={`nav-${item.section}`}
            />
          ))}
        </Tabs>
        <PresenceControl />
      </Box>
      {connection?.backend === 'offline' && (
        <Alert severity="warning" square role="status" data-testid="offline-banner">
          {t('status.offlineBanner', {
            time: connection.offlineSince ? clockTime(connection.offlineSince, i18n.language) : '',
          })}
        </Alert>
      )}
      <CallHandlingBars />
      <Box component="main" sx={{ flex: 1, overflow: 'auto', p: 3 }}>
        {current === 'calls' ? (
          <CallsSection />
        ) : current === 'protocols' ? (
          <ProtocolLibraryPage />
        ) : current === 'cases' ? (
          <CasesSection />
        ) : (
          <TeamLeadPage />
        )}
      </Box>
      <StatusBar />
    </Box>
  );
}
