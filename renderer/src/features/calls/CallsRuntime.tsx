// Keeps call handling live while signed in: loads presence and queue, follows the pushed events, refreshes, and owns the function keys.
import { useEffect, useRef } from 'react';
import { useStore } from 'react-redux';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import type { AppStore } from '../../app/store';
import { getFirstline } from '../../platform/bridge';
import { loadCallbacks } from '../callbacks/callbackThunks';
import { selectConnection } from '../connection/connectionSlice';
import { presenceChanged } from '../presence/presenceSlice';
import { endAfterCallWork, loadPresence, setPresence } from '../presence/presenceThunks';
import { callOffered } from './activeCallSlice';
import { acceptCall, declineCall, endCall, loadQueue } from './callThunks';
import { CALL_KEYS } from './keys';
import { liveChannelChanged } from './queueSlice';
import { redFlagWaiting } from './redFlagAlertsSlice';
import { protocolSearchOnScreen, protocolSearchRequestedEarly } from '../triage/useProtocolSearchShortcut';

/** Priorities grow while callers wait, so the order can change with no event: refresh this often anyway. */
export const QUEUE_REFRESH_MS = 15_000;
const useTypedStore = useStore.withTypes<AppStore>();

/** A burst of queue changes (a surge, a simulator) is fetched once. */
const QUEUE_DEBOUNCE_MS = 250;

export function CallsRuntime() {
  const dispatch = useAppDispatch();
  const store = useTypedStore();
  const backend = useAppSelector(selectConnection)?.backend;
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // F9 pressed before her presence has arrived (the first second after sign-in), or while her last change is on its way, is kept.
  const availableWanted = useRef(false);
  const presenceState = useAppSelector((state) => state.presence.presence?.state ?? null);
  const presencePending = useAppSelector((state) => Boolean(state.presence.pending));
  useEffect(() => {
    if (!availableWanted.current || presenceState === null || presencePending) return;
    availableWanted.current = false;
    if (presenceState === 'offline' || presenceState === 'break')
      void dispatch(setPresence({ state: 'available' }));
  }, [presenceState, presencePending, dispatch]);

  useEffect(() => {
    const refreshQueue = () => {
      clearTimeout(debounce.current);
      debounce.current = setTimeout(() => void dispatch(loadQueue()), QUEUE_DEBOUNCE_MS);
    };
    const api = getFirstline();
    const unsubscribers = [
      api.on('calls.queueChanged', (change) => {
        refreshQueue();
        // Booked, due or cancelled anywhere in the region: the callbacks list changed too.
        if (change.reason.startsWith('callback-')) void dispatch(loadCallbacks());
      }),
      api.on('calls.offered', (offer) => {
        dispatch(callOffered(offer));
        refreshQueue();
      }),
      api.on('calls.redFlagWaiting', (alert) => dispatch(redFlagWaiting(alert))),
      api.on('presence.changed', (change) => {
        dispatch(presenceChanged(change));
        // The event carries the state; the offer and current call come with the full presence.
        void dispatch(loadPresence());
      }),
      api.on('calls.liveChannel', (channel) => {
        dispatch(liveChannelChanged(channel));
        // Events sent while the channel was down are not replayed: catch up.
        if (channel.state === 'open') {
          void dispatch(loadPresence());
          refreshQueue();
        }
      }),
    ];
    void dispatch(loadPresence());
    void dispatch(loadQueue());
    void dispatch(loadCallbacks());
    const timer = setInterval(() => void dispatch(loadQueue()), QUEUE_REFRESH_MS);
    return () => {
      clearTimeout(debounce.current);
      clearInterval(timer);
      unsubscribers.forEach((unsubscribe) => unsubscribe());
    };
  }, [dispatch]);

  // Back online: fetch at once rather than at the next refresh.
  useEffect(() => {
    if (backend !== 'online') return;
    void dispatch(loadPresence());
    void dispatch(loadQueue());
  }, [backend, dispatch]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { activeCall, presence, queue, navigation } = store.getState();
      // Ctrl+K right after F2, before the call's case is on screen: the case's triage panel takes it.
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      const onCall = activeCall.busy === 'accepting' || activeCall.call !== null;
      if (ctrlK && onCall && navigation.section !== 'protocols' && !protocolSearchOnScreen()) {
        event.preventDefault();
        protocolSearchRequestedEarly();
        return;
      }
      if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      const current = presence.presence;
      // An offer whose time ran out is gone from the screen; answering it would only be refused.
      const offer =
        activeCall.offer && Date.parse(activeCall.offer.expiresAt) > Date.now() + queue.clockSkewMs
          ? activeCall.offer
          : null;
      const handled = (() => {
        switch (event.key) {
          case CALL_KEYS.accept:
            if (!offer || activeCall.busy) return false;
            void dispatch(acceptCall(offer.callId));
            return true;
          case CALL_KEYS.decline:
            if (!offer || activeCall.busy) return false;
            void dispatch(declineCall(offer.callId));
            return true;
          case CALL_KEYS.endCall:
            if (current?.state !== 'on-call' || !current.currentCallId || activeCall.busy) return false;
            void dispatch(endCall(current.currentCallId));
            return true;
          case CALL_KEYS.available:
            // Not known yet, or a change on its way: kept until it has settled.
            if (!current || presence.pending) {
              availableWanted.current = true;
              return true;
            }
            if (current.state === 'after-call-work') void dispatch(endAfterCallWork());
            else if (current.state === 'break' || current.state === 'offline')
              void dispatch(setPresence({ state: 'available' }));
            else return false;
            return true;
          default:
            return false;
        }
      })();
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, store]);

  return null;
}
