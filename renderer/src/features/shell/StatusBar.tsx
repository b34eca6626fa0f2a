// Status bar: who is signed in, in which role and region, the backend connection, and the settings menu (language, theme, ring).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Box, Button, Divider, ListItemIcon, Menu, MenuItem, Stack, Typography } from '@mui/material';
import SettingsIcon from '@mui/icons-material/Settings';
import LogoutIcon from '@mui/icons-material/Logout';
import TranslateIcon from '@mui/icons-material/Translate';
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectSignedInStaff, signOut } from '../session/sessionSlice';
import { selectPreferences, updatePreferences } from '../preferences/preferencesSlice';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SyncIndicator } from '../sync/SyncIndicator';
import { useEffectiveThemeMode } from '../preferences/useEffectiveThemeMode';
import { roleText } from './staffTitle';
import { RingSettingsDialog, RingSettingsMenuItem } from '../offerAlerts/RingSettings';

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const staff = useAppSelector(selectSignedInStaff);
  const preferences = useAppSelector(selectPreferences);
  const themeMode = useEffectiveThemeMode();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [ringSettingsOpen, setRingSettingsOpen] = useState(false);
  if (!staff) return null;
  const mainRole = staff.roles.includes('team_lead')
    ? 'team_lead'
    : staff.roles.includes('admin')
      ? 'admin'
      : 'nurse';

  return (
    <Box
      component="footer"
      aria-label={t('status.label')}
      sx={{ borderTop: 1, borderColor: 'divider', bgcolor: 'background.paper', px: 2, py: 0.5 }}
    >
      <Stack
        direction="row"
        spacing={2}
        sx={{ alignItems: 'center' }}
        divider={<Divider orientation="vertical" flexItem />}
      >
        <Typography variant="body2" data-testid="status-user">
          <strong>{staff.name}</strong> · {staff.hsaId}
        </Typography>
        <Typography variant="body2" data-testid="status-role">
          {roleText(staff.title, mainRole, t(`roles.${mainRole}`), i18n.language)}
        </Typography>
        <Typography variant="body2" data-testid="status-region">
          {staff.region.name}
        </Typography>
        <ConnectionIndicator />
        <SyncIndicator />
        <Box sx={{ flex: 1 }} />
        <Button size="small" startIcon={<SettingsIcon />} onClick={(e) => setAnchor(e.currentTarget)}>
          {t('menu.settings')}
        </Button>
      </Stack>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem
          // The choice is made: the menu closes, as after signing out, instead of staying over the screen.
          onClick={() => {
            setAnchor(null);
            void dispatch(updatePreferences({ language: preferences.language === 'sv' ? 'en' : 'sv' }));
          }}
        >
          <ListItemIcon>
            <TranslateIcon fontSize="small" />
          </ListItemIcon>
          {preferences.language === 'sv' ? 'English' : 'Svenska'}
        </MenuItem>
        <MenuItem
          onClick={() => {
            setAnchor(null);
            void dispatch(updatePreferences({ themeMode: themeMode === 'dark' ? 'light' : 'dark' }));
          }}
        >
          <ListItemIcon>
            {themeMode === 'dark' ? <LightModeIcon fontSize="small" /> : <DarkModeIcon fontSize="small" />}
          </ListItemIcon>
          {themeMode === 'dark' ? t('menu.lightMode') : t('menu.darkMode')}
        </MenuItem>
        <RingSettingsMenuItem
          onOpen={() => {
            setAnchor(null);
            setRingSettingsOpen(true);
          }}
        />
        <Divider />
        <MenuItem
          onClick={() => {
            setAnchor(null);
            void dispatch(signOut());
          }}
        >
          <ListItemIcon>
            <LogoutIcon fontSize="small" />
          </ListItemIcon>
          {t('menu.signOut')}
        </MenuItem>
      </Menu>
      <RingSettingsDialog open={ringSettingsOpen} onClose={() => setRingSettingsOpen(false)} />
    </Box>
  );
}
