// Ring settings in Inställningar: a menu line showing the volume, and a dialog to set it (or "Av"), hear both rings and turn on desktop notifications.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  ListItemIcon,
  ListItemText,
  MenuItem,
  Slider,
  Stack,
  Typography,
} from '@mui/material';
import VolumeUpIcon from '@mui/icons-material/VolumeUp';
import VolumeOffIcon from '@mui/icons-material/VolumeOff';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectPreferences, updatePreferences } from '../preferences/preferencesSlice';
import { requestNotificationAccess, useNotificationAccess } from './notifications';
import { pageRinger } from './ringer';

function useVolumeText() {
  const { t } = useTranslation();
  return (volume: number) =>
    volume <= 0 ? t('offerAlerts.settings.off') : t('offerAlerts.settings.volumeValue', { volume });
}

export function RingSettingsMenuItem({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const volume = useAppSelector(selectPreferences).ringVolume;
  const access = useNotificationAccess();
  const volumeText = useVolumeText();
  return (
    <MenuItem onClick={onOpen} data-testid="ring-settings-open">
      <ListItemIcon>
        {volume > 0 ? <VolumeUpIcon fontSize="small" /> : <VolumeOffIcon fontSize="small" />}
      </ListItemIcon>
      <ListItemText
        primary={t('offerAlerts.settings.menuItem', { value: volumeText(volume) })}
        secondary={access === 'denied' ? t('offerAlerts.settings.notificationsBlockedShort') : undefined}
      />
    </MenuItem>
  );
}

export function RingSettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const saved = useAppSelector(selectPreferences).ringVolume;
  const access = useNotificationAccess();
  const volumeText = useVolumeText();
  // While the thumb is dragged; saved when let go (or at each arrow key).
  const [dragging, setDragging] = useState<number | null>(null);
  const volume = dragging ?? saved;

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="ring-settings-title" data-testid="ring-settings">
      <DialogTitle id="ring-settings-title">{t('offerAlerts.settings.heading')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ minWidth: 360, pt: 1 }}>
          {/* Room below for the slider's "Av" and "100 %" marks. */}
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', pb: 1.5 }}>
            <Typography id="ring-volume-label">{t('offerAlerts.settings.volume')}</Typography>
            <Slider
              value={volume}
              min={0}
              max={100}
              step={10}
              marks={[
                { value: 0, label: t('offerAlerts.settings.off') },
                { value: 100, label: '100 %' },
              ]}
              aria-labelledby="ring-volume-label"
              getAriaValueText={volumeText}
              valueLabelDisplay="auto"
              valueLabelFormat={volumeText}
              onChange={(_event, value) => setDragging(value as number)}
              onChangeCommitted={(_event, value) => {
                setDragging(null);
                void dispatch(updatePreferences({ ringVolume: value as number }));
              }}
              data-testid="ring-volume"
              sx={{ flex: 1, mx: 1 }}
            />
            <Typography
              sx={{ minWidth: 48, fontVariantNumeric: 'tabular-nums' }}
              data-testid="ring-volume-value"
            >
              {volumeText(volume)}
            </Typography>
          </Stack>
          {volume <= 0 && <Typography variant="body2">{t('offerAlerts.settings.offHelp')}</Typography>}
          <Stack direction="row" spacing={1}>
            <Button
              variant="outlined"
              disabled={volume <= 0}
              onClick={() => pageRinger.playOnce('call', volume)}
            >
              {t('offerAlerts.settings.test')}
            </Button>
            <Button
              variant="outlined"
              color="error"
              disabled={volume <= 0}
              onClick={() => pageRinger.playOnce('urgent', volume)}
            >
              {t('offerAlerts.settings.testUrgent')}
            </Button>
          </Stack>
          <NotificationAccessNote access={access} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('offerAlerts.settings.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

function NotificationAccessNote({ access }: { access: ReturnType<typeof useNotificationAccess> }) {
  const { t } = useTranslation();
  switch (access) {
    case 'granted':
      return (
        <Alert severity="success" data-testid="notification-access" data-access={access}>
          {t('offerAlerts.settings.notificationsGranted')}
        </Alert>
      );
    case 'denied':
      return (
        <Alert severity="warning" data-testid="notification-access" data-access={access}>
          {t('offerAlerts.settings.notificationsDenied')}
        </Alert>
      );
    case 'unsupported':
      return (
        <Alert severity="info" data-testid="notification-access" data-access={access}>
          {t('offerAlerts.settings.notificationsUnsupported')}
        </Alert>
      );
    default:
      return (
        <Alert
          severity="info"
          data-testid="notification-access"
          data-access={access}
          action={
            <Button color="inherit" size="small" onClick={() => void requestNotificationAccess()}>
              {t('offerAlerts.settings.notificationsAllow')}
            </Button>
          }
        >
          {t('offerAlerts.settings.notificationsDefault')}
        </Alert>
      );
  }
}
