// Root component: theme and language from preferences, then sign-in or the workstation shell.
import { useEffect, useMemo } from 'react';
import { CircularProgress, CssBaseline, Stack, ThemeProvider, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from './hooks';
import { createFirstlineTheme } from './theme';
import { selectSession } from '../features/session/sessionSlice';
import { selectPreferences } from '../features/preferences/preferencesSlice';
import { useEffectiveThemeMode } from '../features/preferences/useEffectiveThemeMode';
import { SignInPage } from '../features/session/SignInPage';
import { AppShell } from '../features/shell/AppShell';

export function App() {
  const { t, i18n } = useTranslation();
  const session = useAppSelector(selectSession);
  const { language } = useAppSelector(selectPreferences);
  const mode = useEffectiveThemeMode();
  const theme = useMemo(() => createFirstlineTheme(mode, language), [mode, language]);

  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {session === null ? (
        <Stack spacing={2} sx={{ height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
          <CircularProgress aria-label={t('loading')} />
          <Typography>{t('loading')}</Typography>
        </Stack>
      ) : session.status === 'signed-in' ? (
        <AppShell />
      ) : (
        <SignInPage />
      )}
    </ThemeProvider>
  );
}
