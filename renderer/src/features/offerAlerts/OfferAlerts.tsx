// Makes an offered call impossible to miss while it rings: the ring, the desktop notification (a click answers), the window title and the taskbar flashing; all stop when the offer goes.
import { useEffect, useReducer, useRef } from 'react';
import { useStore } from 'react-redux';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import type { AppStore } from '../../app/store';
import { callBridge } from '../../platform/bridge';
import { selectActiveCall } from '../calls/activeCallSlice';
import { acceptCall } from '../calls/callThunks';
import { selectPreferences } from '../preferences/preferencesSlice';
import { selectSignedInStaff } from '../session/sessionSlice';
import {
  offerNotificationText,
  offerWindowTitle,
  QUIET_WINDOW_TITLE,
  ringingOffer,
  ringToneFor,
} from './offerAlerts';
import { notificationAccess, requestNotificationAccess, showOfferNotification } from './notifications';
import { pageRinger } from './ringer';

const useTypedStore = useStore.withTypes<AppStore>();

function setAttention(on: boolean, bringToFront = false): void {
  // The browser host has no window of its own to flash: the title does it there.
  void callBridge('shell.attention', { on, bringToFront }).catch(() => undefined);
}

export function OfferAlerts() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const store = useTypedStore();
  const activeCall = useAppSelector(selectActiveCall);
  const skewMs = useAppSelector((state) => state.queue.clockSkewMs);
  const volume = useAppSelector(selectPreferences).ringVolume;
  const region = useAppSelector(selectSignedInStaff)?.region ?? null;
  // Re-render when the offer's time is up: nothing else changes in the store at that moment.
  const [, expired] = useReducer((count: number) => count + 1, 0);
  const offer = ringingOffer(activeCall, Date.now() + skewMs);
  const callId = offer?.callId ?? null;
  const tone = offer ? ringToneFor(offer) : null;
  const until = offer ? Date.parse(offer.expiresAt) - skewMs : 0;

  useEffect(() => {
    if (!until) return;
    const timer = window.setTimeout(expired, Math.max(0, until - Date.now()) + 50);
    return () => window.clearTimeout(timer);
  }, [until]);

  // The ring: started, retuned or stopped as the offer and the volume change.
  useEffect(() => {
    if (callId && tone) pageRinger.ring({ tone, volume, until });
    else pageRinger.stop();
  }, [callId, tone, volume, until]);
  useEffect(() => () => pageRinger.stop(), []);

  // The title of the window (and its taskbar entry).
  const title = offerWindowTitle(offer, t);
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(
    () => () => {
      document.title = QUIET_WINDOW_TITLE;
    },
    [],
  );

  // Taskbar flashing (Electron) and the desktop notification, once per offer.
  const latest = useRef({ offer, t, language: i18n.language, region });
  latest.current = { offer, t, language: i18n.language, region };
  useEffect(() => {
    if (!callId) return;
    setAttention(true);
    const { offer: current, t: translate, language, region: ownRegion } = latest.current;
    const notification = current
      ? showOfferNotification(offerNotificationText(current, translate, language, ownRegion), () => {
          window.focus();
          setAttention(false, true);
          // Answer only the offer that still rings here: it may have been answered or withdrawn since.
          const { activeCall: now, queue } = store.getState();
          const still = ringingOffer(now, Date.now() + queue.clockSkewMs);
          if (still?.callId === callId) void dispatch(acceptCall(callId));
        })
      : null;
    return () => {
      notification?.close();
      setAttention(false);
    };
  }, [callId, dispatch, store]);

  // Browsers start audio and ask for notifications only on a gesture: the first key or click after sign-in.
  useEffect(() => {
    const onGesture = () => {
      pageRinger.unlock();
      if (notificationAccess() === 'default') void requestNotificationAccess();
      window.removeEventListener('keydown', onGesture, true);
      window.removeEventListener('pointerdown', onGesture, true);
    };
    window.addEventListener('keydown', onGesture, true);
    window.addEventListener('pointerdown', onGesture, true);
    return () => {
      window.removeEventListener('keydown', onGesture, true);
      window.removeEventListener('pointerdown', onGesture, true);
    };
  }, []);

  return null;
}
