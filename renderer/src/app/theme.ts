// The one MUI theme module: a light day theme and a dark night-shift theme with readable contrast.
import { createTheme, type Theme } from '@mui/material/styles';
import { enUS, svSE } from '@mui/material/locale';

export function createFirstlineTheme(mode: 'light' | 'dark', language: 'sv' | 'en' = 'sv'): Theme {
  const dark = mode === 'dark';
  return createTheme(
    {
      palette: {
        mode,
        primary: { main: dark ? '#7cb8ff' : '#0b5cad' },
        secondary: { main: dark ? '#c3a6ff' : '#6a3fb5' },
        error: { main: dark ? '#ff8a80' : '#c62828' },
        // Dark enough by day to stay readable (4.5:1) as text on a tinted (selected, hovered) row too.
        warning: { main: dark ? '#ffcc80' : '#9a4706' },
        success: { main: dark ? '#8fd694' : '#2e7d32' },
        background: dark
          ? { default: '#0e1217', paper: '#161b22' }
          : { default: '#f4f6f9', paper: '#ffffff' },
        text: dark
          ? { primary: '#e8edf3', secondary: '#b4bfcc' }
          : { primary: '#14202e', secondary: '#4a5a6b' },
      },
      shape: { borderRadius: 8 },
      typography: {
        fontFamily: 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
        button: { textTransform: 'none', fontWeight: 600 },
      },
      components: {
        MuiButtonBase: { defaultProps: { disableRipple: false } },
        MuiTextField: { defaultProps: { fullWidth: true } },
        // MUI's default grey for an unchosen toggle is too faint (under 4.5:1) on a tinted row.
        MuiToggleButton: {
          styleOverrides: { root: ({ theme }) => ({ color: theme.palette.text.secondary }) },
        },
      },
    },
    // MUI's own texts (close buttons, pagination) in the nurse's language too.
    language === 'sv' ? svSE : enUS,
  );
}
