// Resolves the "system" theme preference to light or dark from the operating system's setting.
import { useMediaQuery } from '@mui/material';
import { useAppSelector } from '../../app/hooks';
import { selectPreferences } from './preferencesSlice';

export function useEffectiveThemeMode(): 'light' | 'dark' {
  const { themeMode } = useAppSelector(selectPreferences);
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  if (themeMode === 'system') return prefersDark ? 'dark' : 'light';
  return themeMode;
}
