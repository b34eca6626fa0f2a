// Desktop notifications through the HTML5 Notification API: the browser's in the browser host, native ones in Electron; the permission as a small observable value for Inställningar.
import { useSyncExternalStore } from 'react';
import type { OfferNotificationText } from './offerAlerts';

export type NotificationAccess = NotificationPermission | 'unsupported';

const listeners = new Set<() => void>();
let watching = false;

function supported(): boolean {
  return typeof window !== 'undefined' && typeof window.Notification === 'function';
}

export function notificationAccess(): NotificationAccess {
  return supported() ? window.Notification.permission : 'unsupported';
}

function changed(): void {
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // A choice made later in the browser's own site settings shows here too, where the browser tells.
  if (!watching && typeof navigator !== 'undefined' && navigator.permissions?.query) {
    watching = true;
    void navigator.permissions
      .query({ name: 'notifications' })
      .then((status) => status.addEventListener('change', changed))
      .catch(() => undefined);
  }
  return () => listeners.delete(listener);
}

export function useNotificationAccess(): NotificationAccess {
  return useSyncExternalStore(subscribe, notificationAccess, () => 'unsupported' as const);
}

/** Asks once, on a gesture (the browser ignores a request without one); answers the permission after. */
export async function requestNotificationAccess(): Promise<NotificationAccess> {
  if (!supported()) return 'unsupported';
  if (window.Notification.permission !== 'default') return window.Notification.permission;
  try {
    await window.Notification.requestPermission();
  } catch {
    // An old callback-only API or a refusal to ask: the permission below says what holds.
  }
  changed();
  return notificationAccess();
}

/** Shows the offer's notification when allowed; `onClick` runs when the nurse clicks it. Null when not shown. */
export function showOfferNotification(
  text: OfferNotificationText,
  onClick: () => void,
): { close(): void } | null {
  if (notificationAccess() !== 'granted') return null;
  try {
    const notification = new window.Notification(text.title, {
      body: text.body,
      tag: text.tag,
      // It stays until the offer goes (the page closes it); the ring is the sound, not the system's.
      requireInteraction: true,
      silent: true,
    });
    notification.addEventListener('click', () => {
      notification.close();
      onClick();
    });
    return { close: () => notification.close() };
  } catch {
    // Some platforms allow the permission but refuse page notifications (e.g. only from a service worker).
    return null;
  }
}
