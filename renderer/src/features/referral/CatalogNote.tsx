// How old the catalog is and whether it could be refreshed: "Katalog från 18:05" when working offline from the cache.
import { useTranslation } from 'react-i18next';
import { Button, Chip, Stack } from '@mui/material';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import type { CatalogStatus } from '../../../../core/api/referral';
import { useReferralFormat } from './format';

export function CatalogNote({
  status,
  refreshing,
  connectionOffline,
  onRefresh,
}: {
  status: CatalogStatus | null;
  refreshing: boolean;
  /** The workstation cannot reach the backend now: the catalog in use is as old as it says. */
  connectionOffline: boolean;
  onRefresh: () => void;
}) {
  const { t } = useTranslation();
  const format = useReferralFormat();
  if (!status || status.state !== 'ready' || !status.fetchedAt) return null;
  const stale = status.offline || status.source === 'cache' || connectionOffline;
  const label = t('referral.catalog.from', { time: format.catalogTime(status.fetchedAt) });
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="referral-catalog-note">
      <Chip
        size="small"
        variant="outlined"
        color={stale ? 'warning' : 'default'}
        icon={stale ? <CloudOffIcon /> : undefined}
        label={stale ? `${label} · ${t('referral.catalog.offline')}` : label}
        title={status.problem ?? t('referral.catalog.version', { version: status.version ?? '' })}
      />
      {stale && (
        <Button size="small" onClick={onRefresh} disabled={refreshing}>
          {t('referral.catalog.refresh')}
        </Button>
      )}
    </Stack>
  );
}
