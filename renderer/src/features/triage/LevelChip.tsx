// A disposition level as a coloured chip: number and label in the level's one colour from the ladder (core), readable in light and dark mode.
import { Box } from '@mui/material';
import { useTheme, type SxProps, type Theme } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';
import {
  DISPOSITION_LADDER,
  levelColors,
  type DispositionLevel,
} from '../../../../core/triage/dispositionLadder';

export function LevelChip({
  level,
  size = 'small',
  sx,
}: {
  level: DispositionLevel;
  size?: 'small' | 'medium';
  sx?: SxProps<Theme>;
}) {
  const theme = useTheme();
  const { i18n } = useTranslation();
  const colors = levelColors(level, theme.palette.mode);
  const label = DISPOSITION_LADDER[level].label[i18n.language === 'en' ? 'en' : 'sv'];
  return (
    <Box
      component="span"
      data-level={level}
      sx={[
        {
          display: 'inline-flex',
          alignItems: 'center',
          gap: 0.75,
          px: size === 'small' ? 1 : 1.5,
          py: size === 'small' ? 0.25 : 0.5,
          borderRadius: 1,
          border: 1,
          borderColor: colors.border,
          bgcolor: colors.background,
          color: colors.text,
          fontWeight: 700,
          fontSize: size === 'small' ? '0.8125rem' : '1rem',
          lineHeight: 1.4,
          whiteSpace: 'nowrap',
        },
        ...(Array.isArray(sx) ? sx : [sx]),
      ]}
    >
      <span aria-hidden>{level}</span>
      <span>{label}</span>
    </Box>
  );
}
