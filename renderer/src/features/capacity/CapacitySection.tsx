// The "Kapacitet" section of the team lead page: the region's care units by care type with their status, until when and who set it; change or remove a status.
//
// The list is read from the catalog on the workstation, so it stays (with its age) when the region's
// server cannot be reached; changes go to the server and come back to every workstation.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Box,
  Button,
  Chip,
  FormControl,
  FormControlLabel,
  InputLabel,
  LinearProgress,
  MenuItem,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import type { UnitCapacityView } from '../../../../core/api/capacity';
import type { CareType } from '../../../../core/referral/catalog';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { getFirstline } from '../../platform/bridge';
import { selectConnection } from '../connection/connectionSlice';
import { selectSignedInStaff } from '../session/sessionSlice';
import { CapacityDialog } from './CapacityDialog';
import { CapacityStatusChip } from './CapacityStatusChip';
import {
  capacityEditClosed,
  capacityEditOpened,
  careTypeFiltered,
  onlyFlaggedToggled,
  outcomeDismissed,
  selectCapacity,
  selectEditedUnit,
} from './capacitySlice';
import { clearCapacity, loadCapacity, refreshCapacity, setCapacity } from './capacityThunks';
import { useCapacityText } from './useCapacityText';
import { hasExpired, stateAt } from './validity';

/** Re-renders every `intervalMs`, so statuses that run out leave the screen on time. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const FLAG_BORDER = { red: 'error.main', amber: 'warning.main' } as const;

export function CapacitySection() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const text = useCapacityText();
  const state = useAppSelector(selectCapacity);
  const edited = useAppSelector(selectEditedUnit);
  const staff = useAppSelector(selectSignedInStaff);
  const connectionOffline = useAppSelector(selectConnection)?.backend === 'offline';
  const now = useNow(30_000);
  const overview = state.overview;

  // The list now, and again whenever main says the catalog changed (a status set anywhere, a refresh, offline).
  useEffect(() => {
    void dispatch(loadCapacity());
    return getFirstline().on('referral.catalogChanged', () => void dispatch(loadCapacity()));
  }, [dispatch]);

  const units = overview?.units ?? [];
  const careTypes = useMemo(() => {
    const seen = new Map<CareType, UnitCapacityView['careTypeLabel']>();
    for (const unit of units) if (!seen.has(unit.careType)) seen.set(unit.careType, unit.careTypeLabel);
    return [...seen.entries()];
  }, [units]);
  const flagged = (unit: UnitCapacityView) => {
    const current = stateAt(unit, now);
    return current === 'red' || current === 'amber';
  };
  const shown = units.filter(
    (unit) =>
      (state.careType === 'all' || unit.careType === state.careType) && (!state.onlyFlagged || flagged(unit)),
  );
  const groups = careTypes
    .map(([careType, label]) => ({
      careType,
      label,
      units: shown.filter((unit) => unit.careType === careType),
    }))
    .filter((group) => group.units.length > 0);
  const redCount = units.filter((unit) => stateAt(unit, now) === 'red').length;
  const amberCount = units.filter((unit) => stateAt(unit, now) === 'amber').length;

  const catalog = overview?.catalog ?? null;
  const offline = connectionOffline || (catalog?.offline ?? false);
  const canChange = overview?.canChange ?? false;
  const catalogTime = catalog?.fetchedAt ? text.time(catalog.fetchedAt, now) : '';
  const catalogAge = catalog?.fetchedAt ? text.age(catalog.fetchedAt, now) : '';
  const outcome = state.lastOutcome;

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="capacity-title"
      sx={{ p: { xs: 2, md: 3 } }}
      data-testid="capacity-section"
    >
      <Stack spacing={2}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', flexWrap: 'wrap', rowGap: 1 }}>
          <Typography id="capacity-title" variant="h6" component="h2" tabIndex={-1} sx={{ fontWeight: 700 }}>
            {t('capacity.title')}
          </Typography>
          {overview?.regionName && (
            <Typography color="text.secondary">
              {t('capacity.region', { region: overview.regionName })}
            </Typography>
          )}
          <Box sx={{ flex: 1 }} />
          {units.length > 0 && (
            <Stack direction="row" spacing={1} data-testid="capacity-summary" aria-live="polite">
              {redCount > 0 && (
                <Chip size="small" color="error" label={t('capacity.summary.red', { count: redCount })} />
              )}
              {amberCount > 0 && (
                <Chip
                  size="small"
                  color="warning"
                  label={t('capacity.summary.amber', { count: amberCount })}
                />
              )}
              {redCount === 0 && amberCount === 0 && (
                <Typography variant="body2" color="text.secondary">
                  {t('capacity.summary.none')}
                </Typography>
              )}
            </Stack>
          )}
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {t('capacity.intro')}
        </Typography>

        {state.status === 'loading' && (
          <Box role="status">
            <LinearProgress />
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {t('capacity.loading')}
            </Typography>
          </Box>
        )}

        {state.error && (
          <Alert
            severity="error"
            data-testid="capacity-error"
            action={
              <Button color="inherit" size="small" onClick={() => void dispatch(loadCapacity())}>
                {t('capacity.catalog.retry')}
              </Button>
            }
          >
            {t('capacity.loadFailed', { message: text.error(state.error).text })}
          </Alert>
        )}

        {catalog?.state === 'ready' && offline && (
          <Alert
            severity="warning"
            icon={<CloudOffIcon />}
            data-testid="capacity-offline"
            action={
              <Button
                color="inherit"
                size="small"
                onClick={() => void dispatch(refreshCapacity())}
                disabled={state.refreshing}
              >
                {t('capacity.catalog.retry')}
              </Button>
            }
          >
            {t('capacity.catalog.offline', { time: catalogTime, age: catalogAge })}
          </Alert>
        )}

        {overview && !canChange && catalog?.state === 'ready' && (
          <Alert severity="info">{t('capacity.readOnly')}</Alert>
        )}

        {outcome && (
          <Alert
            severity="success"
            role="status"
            data-testid="capacity-outcome"
            onClose={() => dispatch(outcomeDismissed())}
          >
            {outcome.kind === 'cleared'
              ? t('capacity.cleared', { name: outcome.unit.name })
              : t('capacity.saved', {
                  name: outcome.unit.name,
                  status: text.status(outcome.unit.state).toLocaleLowerCase(),
                  time: outcome.unit.capacity?.expiresAt
                    ? text.time(outcome.unit.capacity.expiresAt, now)
                    : t('capacity.until.noExpiry'),
                })}
          </Alert>
        )}

        {overview && catalog?.state === 'missing' && (
          <Box sx={{ py: 3, textAlign: 'center' }} data-testid="capacity-empty">
            <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
              {t('capacity.empty.title')}
            </Typography>
            <Typography color="text.secondary">
              {offline ? t('capacity.empty.offline') : t('capacity.empty.help')}
            </Typography>
            <Button
              sx={{ mt: 1 }}
              onClick={() => void dispatch(refreshCapacity())}
              disabled={state.refreshing}
            >
              {t('capacity.catalog.retry')}
            </Button>
          </Box>
        )}

        {overview && catalog?.state === 'ready' && (
          <>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
              <FormControl size="small" sx={{ minWidth: 220 }}>
                <InputLabel id="capacity-care-type-label">{t('capacity.filter.careType')}</InputLabel>
                <Select
                  labelId="capacity-care-type-label"
                  label={t('capacity.filter.careType')}
                  value={state.careType}
                  onChange={(event) => dispatch(careTypeFiltered(event.target.value as CareType | 'all'))}
                  data-testid="capacity-care-type"
                >
                  <MenuItem value="all">{t('capacity.filter.all')}</MenuItem>
                  {careTypes.map(([careType, label]) => (
                    <MenuItem key={careType} value={careType}>
                      {text.text(label)}
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
              <FormControlLabel
                control={
                  <Switch checked={state.onlyFlagged} onChange={() => dispatch(onlyFlaggedToggled())} />
                }
                label={t('capacity.filter.onlyFlagged')}
              />
              <Box sx={{ flex: 1 }} />
              {!offline && catalog.fetchedAt && (
                <Stack
                  direction="row"
                  spacing={1}
                  sx={{ alignItems: 'center' }}
                  data-testid="capacity-catalog-note"
                >
                  <Typography variant="body2" color="text.secondary">
                    {t('capacity.catalog.from', { time: catalogTime, age: catalogAge })}
                  </Typography>
                  <Button
                    size="small"
                    onClick={() => void dispatch(refreshCapacity())}
                    disabled={state.refreshing}
                  >
                    {t('capacity.catalog.refresh')}
                  </Button>
                </Stack>
              )}
            </Stack>

            {units.length === 0 ? (
              <Typography color="text.secondary">{t('capacity.empty.noUnits')}</Typography>
            ) : groups.length === 0 ? (
              <Typography color="text.secondary" data-testid="capacity-filtered-empty">
                {state.onlyFlagged && state.careType === 'all'
                  ? t('capacity.empty.noneFlagged')
                  : t('capacity.empty.filtered')}
              </Typography>
            ) : (
              <Box sx={{ overflowX: 'auto' }}>
                <Table size="small" aria-labelledby="capacity-title" data-testid="capacity-table">
                  <TableHead>
                    <TableRow>
                      <TableCell sx={{ fontWeight: 700 }}>{t('capacity.columns.unit')}</TableCell>
                      <TableCell sx={{ fontWeight: 700 }}>{t('capacity.columns.status')}</TableCell>
                      <TableCell sx={{ fontWeight: 700 }}>{t('capacity.columns.until')}</TableCell>
                      <TableCell sx={{ fontWeight: 700 }}>{t('capacity.columns.setBy')}</TableCell>
                      {canChange && (
                        <TableCell sx={{ fontWeight: 700 }} align="right">
                          {t('capacity.columns.action')}
                        </TableCell>
                      )}
                    </TableRow>
                  </TableHead>
                  {groups.map((group) => (
                    <TableBody
                      key={group.careType}
                      data-testid="capacity-group"
                      data-care-type={group.careType}
                    >
                      <TableRow>
                        <TableCell
                          component="th"
                          scope="rowgroup"
                          colSpan={canChange ? 5 : 4}
                          sx={{ bgcolor: 'action.hover', fontWeight: 700, py: 0.75 }}
                        >
                          {t('capacity.group', { label: text.text(group.label), count: group.units.length })}
                        </TableCell>
                      </TableRow>
                      {group.units.map((unit) => (
                        <CapacityRow
                          key={unit.hsaId}
                          unit={unit}
                          now={now}
                          ownHsaId={staff?.hsaId}
                          canChange={canChange}
                          offline={offline}
                          onChange={() => dispatch(capacityEditOpened(unit.hsaId))}
                        />
                      ))}
                    </TableBody>
                  ))}
                </Table>
              </Box>
            )}
          </>
        )}
      </Stack>

      {edited && overview && (
        <CapacityDialog
          key={edited.hsaId}
          unit={edited}
          now={now}
          ownHsaId={staff?.hsaId}
          maxValidityHours={overview.maxValidityHours}
          offline={offline}
          saving={state.saving}
          error={state.saveError}
          onSave={(status, validity) => void dispatch(setCapacity({ hsaId: edited.hsaId, status, validity }))}
          onClear={() => void dispatch(clearCapacity({ hsaId: edited.hsaId }))}
          onClose={() => dispatch(capacityEditClosed())}
        />
      )}
    </Paper>
  );
}

function CapacityRow(props: {
  unit: UnitCapacityView;
  now: number;
  ownHsaId: string | undefined;
  canChange: boolean;
  /** No connection to the region's server: a change cannot be saved, so it is not offered. */
  offline: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const text = useCapacityText();
  const { unit, now } = props;
  const current = stateAt(unit, now);
  const expired = hasExpired(unit, now);
  const expiresAt = unit.capacity?.expiresAt ?? null;
  const flag = current === 'red' || current === 'amber' ? FLAG_BORDER[current] : 'transparent';
  return (
    <TableRow data-testid="capacity-row" data-hsa-id={unit.hsaId} data-state={current} hover>
      <TableCell sx={{ borderLeft: 4, borderLeftColor: flag, py: 1 }}>
        <Typography variant="body2" sx={{ fontWeight: 700 }}>
          {unit.name}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {unit.locality} ·{' '}
          {t(unit.openNow ? 'capacity.hours.open' : 'capacity.hours.closed', {
            hours: text.text(unit.todayHours),
          })}
        </Typography>
      </TableCell>
      <TableCell>
        <CapacityStatusChip state={current} />
      </TableCell>
      <TableCell data-testid="capacity-until">
        {expired && unit.capacity ? (
          <Typography variant="body2" color="text.secondary">
            {t('capacity.until.expired', { time: text.time(expiresAt!, now) })} (
            {t('capacity.until.expiredStatus', {
              status: text.status(unit.capacity.status).toLocaleLowerCase(),
            })}
            )
          </Typography>
        ) : unit.capacity ? (
          expiresAt ? (
            <>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {text.time(expiresAt, now)}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {text.left(expiresAt, now)}
              </Typography>
            </>
          ) : (
            <Typography variant="body2">{t('capacity.until.noExpiry')}</Typography>
          )
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('capacity.until.none')}
          </Typography>
        )}
      </TableCell>
      <TableCell data-testid="capacity-set-by">
        <Typography
          variant="body2"
          sx={{ fontFamily: unit.capacity?.setBy === props.ownHsaId ? undefined : 'monospace' }}
        >
          {unit.capacity && !expired
            ? text.setBy(unit.capacity.setBy, props.ownHsaId)
            : t('capacity.setBy.none')}
        </Typography>
      </TableCell>
      {props.canChange && (
        <TableCell align="right">
          <Button
            size="small"
            variant="outlined"
            onClick={props.onChange}
            disabled={props.offline}
            aria-label={t('capacity.changeUnit', { name: unit.name })}
            aria-describedby={props.offline ? `capacity-offline-reason-${unit.hsaId}` : undefined}
          >
            {t('capacity.change')}
          </Button>
          {props.offline && (
            <Typography
              variant="caption"
              component="p"
              id={`capacity-offline-reason-${unit.hsaId}`}
              data-testid="capacity-change-offline"
              sx={{ color: 'text.secondary' }}
            >
              {t('capacity.changeOffline')}
            </Typography>
          )}
        </TableCell>
      )}
    </TableRow>
  );
}
