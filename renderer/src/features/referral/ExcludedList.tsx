// The units left out, nearest first, each with the first criterion it failed and why (shown on demand).
import { useTranslation } from 'react-i18next';
import { Box, Chip, Stack, Typography } from '@mui/material';
import type { ExclusionView } from '../../../../core/api/referral';
import { useReferralFormat } from './format';

export function ExcludedList({ excluded }: { excluded: readonly ExclusionView[] }) {
  const { t } = useTranslation();
  const format = useReferralFormat();
  if (excluded.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {t('referral.excluded.none')}
      </Typography>
    );
  }
  return (
    <Box
      component="ul"
      aria-label={t('referral.excluded.label')}
      data-testid="referral-excluded"
      sx={{ listStyle: 'none', m: 0, p: 0 }}
    >
      {excluded.map((entry) => (
        <Box
          component="li"
          key={entry.unit.hsaId}
          data-testid="referral-excluded-unit"
          sx={{ py: 0.75, borderBottom: 1, borderColor: 'divider', '&:last-child': { borderBottom: 0 } }}
        >
          <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {entry.unit.name}
            </Typography>
            <Chip
              size="small"
              color="warning"
              variant="outlined"
              label={format.text(entry.criterionLabel)}
              data-criterion={entry.criterion}
            />
          </Stack>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {format.text(entry.unit.careTypeLabel)} · {entry.unit.locality} · {format.km(entry.distanceKm)}
          </Typography>
          <Typography variant="body2">{format.text(entry.reason)}</Typography>
        </Box>
      ))}
    </Box>
  );
}
