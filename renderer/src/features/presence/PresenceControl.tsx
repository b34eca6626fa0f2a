// The nurse's status in the top bar: state with its colour, the after-call-work countdown, one key back to work, and the status menu.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Box,
  Button,
  Chip,
  CircularProgress,
  Divider,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  Menu,
  MenuItem,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import CheckIcon from '@mui/icons-material/Check';
import CircleIcon from '@mui/icons-material/Circle';
import {
  type NextStatus,
  type Presence,
  type PresenceUpdateRequest,
} from '../../../../core/backend-api/calls';
import { NURSE_BREAK_REASONS } from '../../../../core/queue/presence';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectConnection } from '../connection/connectionSlice';
import { Kbd } from '../calls/Kbd';
import { CALL_KEYS, PRESENCE_MENU_KEY } from '../calls/keys';
import { useCallErrorText } from '../calls/useCallErrorText';
import { actionErrorDismissed, selectPresenceState } from './presenceSlice';
import { endAfterCallWork, loadPresence, setPresence } from './presenceThunks';
import { usePresenceLabel } from './presenceLabel';

/** Green when calls can come, blue on a call, amber while documenting, grey when away. */
const STATE_COLOR: Record<Presence['state'], 'success' | 'primary' | 'warning' | 'inherit'> = {
  available: 'success',
  'on-call': 'primary',
  'after-call-work': 'warning',
  break: 'inherit',
  offline: 'inherit',
};

export function PresenceControl() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { presence, status, pending, actionError } = useAppSelector(selectPresenceState);
  const offline = useAppSelector(selectConnection)?.backend === 'offline';
  const label = usePresenceLabel();
  const errorText = useCallErrorText();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);

  // Alt+S opens the menu from anywhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && event.code === PRESENCE_MENU_KEY.code) {
        event.preventDefault();
        setAnchor(document.getElementById('presence-button'));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!presence) {
    return status === 'error' ? (
      <Button size="small" color="inherit" onClick={() => void dispatch(loadPresence())}>
        {t('presence.error')} {t('presence.retry')}
      </Button>
    ) : (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 2 }}>
        <CircularProgress size={16} aria-label={t('presence.loading')} />
        <Typography variant="body2">{t('presence.loading')}</Typography>
      </Stack>
    );
  }

  const busy = presence.state === 'on-call' || presence.state === 'after-call-work';
  const change = (request: PresenceUpdateRequest) => {
    setAnchor(null);
    void dispatch(setPresence(request));
  };
  const sameNext = (next: NextStatus | null) =>
    JSON.stringify(next) === JSON.stringify(presence.nextStatus ?? null);

  const choices: { key: string; text: string; request: PresenceUpdateRequest; current: boolean }[] = busy
    ? [
        { key: 'available', text: t('presence.menu.afterCallDefault'), next: null },
        ...NURSE_BREAK_REASONS.map((reason) => ({
          key: reason,
          text: t('presence.breakWithReason', { reason: t(`presence.breakReason.${reason}`) }),
          next: { state: 'break', breakReason: reason } as NextStatus,
        })),
        { key: 'offline', text: t('presence.menu.offline'), next: { state: 'offline' } as NextStatus },
      ].map(({ key, text, next }) => ({ key, text, request: { nextStatus: next }, current: sameNext(next) }))
    : [
        {
          key: 'available',
          text: t('presence.state.available'),
          request: { state: 'available' },
          current: presence.state === 'available',
        },
        ...NURSE_BREAK_REASONS.map((reason) => ({
          key: reason,
          text: t('presence.breakWithReason', { reason: t(`presence.breakReason.${reason}`) }),
          request: { state: 'break', breakReason: reason } as PresenceUpdateRequest,
          current: presence.state === 'break' && presence.breakReason === reason,
        })),
        {
          key: 'offline',
          text: t('presence.menu.offline'),
          request: { state: 'offline' },
          current: presence.state === 'offline',
        },
      ];

  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ alignItems: 'center', px: 2, flexShrink: 0 }}
      role="group"
      aria-label={t('presence.label')}
    >
      <Tooltip
        title={offline ? t('presence.offline') : `${t('presence.menu.open')} (${PRESENCE_MENU_KEY.label})`}
      >
        <span>
          <Button
            id="presence-button"
            variant="contained"
            color={STATE_COLOR[presence.state]}
            onClick={(event) => setAnchor(event.currentTarget)}
            disabled={offline}
            endIcon={
              pending ? <CircularProgress aria-hidden size={14} color="inherit" /> : <ArrowDropDownIcon />
            }
            startIcon={<CircleIcon sx={{ fontSize: 12 }} />}
            aria-haspopup="menu"
            aria-keyshortcuts="Alt+S"
            data-testid="presence-status"
            data-state={presence.state}
            sx={{ minWidth: 150, justifyContent: 'space-between' }}
          >
            {label.of(presence)}
          </Button>
        </span>
      </Tooltip>
      {presence.nextStatus && (
        <Chip
          size="small"
          variant="outlined"
          label={t('presence.next', { status: label.ofNext(presence.nextStatus) })}
        />
      )}
      {presence.state === 'after-call-work' && (
        <Button
          size="small"
          variant="outlined"
          color="warning"
          disabled={pending || offline}
          onClick={() => void dispatch(endAfterCallWork())}
          aria-keyshortcuts={CALL_KEYS.available}
          data-testid="end-after-call-work"
        >
          {t('presence.endAfterCallWork')}
          <Kbd>{CALL_KEYS.available}</Kbd>
        </Button>
      )}
      {(presence.state === 'break' || presence.state === 'offline') && (
        <Button
          size="small"
          variant="outlined"
          color="success"
          disabled={pending || offline}
          onClick={() => void dispatch(setPresence({ state: 'available' }))}
          aria-keyshortcuts={CALL_KEYS.available}
          data-testid="become-available"
        >
          {t('presence.becomeAvailable')}
          <Kbd>{CALL_KEYS.available}</Kbd>
        </Button>
      )}
      {actionError && (
        <Chip
          color="error"
          size="small"
          label={errorText(actionError)}
          onDelete={() => dispatch(actionErrorDismissed())}
          role="alert"
          sx={{ maxWidth: 420 }}
        />
      )}
      <Menu
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { dense: true, 'aria-label': t('presence.menu.open') } }}
      >
        {busy ? (
          <ListSubheader>
            {t('presence.menu.afterCall')}
            <Typography variant="caption" component="div">
              {t('presence.menu.busyHelp')}
            </Typography>
          </ListSubheader>
        ) : (
          <ListSubheader>{t('presence.menu.now')}</ListSubheader>
        )}
        {choices.map((choice, index) => [
          index === 1 || index === choices.length - 1 ? <Divider key={`${choice.key}-divider`} /> : null,
          <MenuItem
            key={choice.key}
            selected={choice.current}
            onClick={() => change(choice.request)}
            data-testid={`presence-choice-${choice.key}`}
          >
            <ListItemIcon>{choice.current ? <CheckIcon fontSize="small" /> : null}</ListItemIcon>
            <ListItemText>{choice.text}</ListItemText>
          </MenuItem>,
        ])}
      </Menu>
      {/* Read out by screen readers when the status changes (the ACD changes it too). */}
      <Box
        aria-live="polite"
        sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
      >
        {label.of(presence)}
      </Box>
    </Stack>
  );
}
