// A keyboard key as shown on buttons ("F2"), so every shortcut is visible where it is used.
import { Box } from '@mui/material';

export function Kbd({ children }: { children: string }) {
  return (
    <Box
      component="kbd"
      sx={{
        ml: 1,
        px: 0.75,
        py: 0.125,
        border: 1,
        borderColor: 'currentColor',
        borderRadius: 0.75,
        fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, monospace',
        fontSize: '0.75rem',
        fontWeight: 700,
        lineHeight: 1.4,
      }}
    >
      {children}
    </Box>
  );
}
