// What an offered call should sound and look like: which ring, how loud, whether it still rings, the window title and a notification without patient data.
import type { TFunction } from 'i18next';
import type { Offer } from '../../../../core/backend-api/calls';
import { OVERFLOW_QUEUE_ID, OVERFLOW_QUEUE_NAME } from '../../../../core/backend-api/calls';
import { URGENCY_CLASS_LABELS } from '../../../../core/queue/priority';

export type RingTone = 'call' | 'urgent';
export type AlertOffer = Pick<
  Offer,
  'callId' | 'kind' | 'queueId' | 'urgencyClass' | 'redFlags' | 'expiresAt'
>;

/** A red-flag caller (or one the phone menu put at red) gets the faster, higher ring. */
export function ringToneFor(offer: Pick<Offer, 'urgencyClass' | 'redFlags'>): RingTone {
  return offer.redFlags.length > 0 || offer.urgencyClass === 'red' ? 'urgent' : 'call';
}

/** Loudest gain of the ring; above it two sine tones start to clip on laptop speakers. */
export const MAX_RING_GAIN = 0.5;

/** The volume preference (0–100 %) as a gain, on a square curve so the low steps stay audible apart. */
export function volumeToGain(volume: number): number {
  if (!Number.isFinite(volume) || volume <= 0) return 0;
  const share = Math.min(volume, 100) / 100;
  return MAX_RING_GAIN * share * share;
}

/**
 * The offer that should ring now, or null: it stops as soon as she answers or declines (a failed
 * answer that leaves the offer rings again), when the ACD withdraws it, and when its time is up.
 */
export function ringingOffer<T extends AlertOffer>(
  activeCall: { offer: T | null; busy: 'accepting' | 'declining' | 'ending' | null },
  serverNow: number,
): T | null {
  const { offer, busy } = activeCall;
  if (!offer || busy === 'accepting' || busy === 'declining') return null;
  return serverNow < Date.parse(offer.expiresAt) ? offer : null;
}

export const QUIET_WINDOW_TITLE = 'Firstline';

function alertKind(offer: AlertOffer): 'urgent' | 'callback' | 'call' {
  if (ringToneFor(offer) === 'urgent') return 'urgent';
  return offer.kind === 'callback' ? 'callback' : 'call';
}

/** The window (and taskbar) title: marked while a call rings, plain otherwise. */
export function offerWindowTitle(offer: AlertOffer | null, t: TFunction): string {
  return offer ? t(`offerAlerts.windowTitle.${alertKind(offer)}`) : QUIET_WINDOW_TITLE;
}

export interface OfferNotificationText {
  title: string;
  body: string;
  /** One notification per offer: a repeat replaces it rather than stacking. */
  tag: string;
}

/**
 * The desktop notification. It may show on a locked screen, so it carries only what the queue shows
 * anyone: urgency, queue and red flags. Never the personnummer, name or number of the caller.
 */
export function offerNotificationText(
  offer: AlertOffer,
  t: TFunction,
  language: string,
  region: { id: string; name: string } | null,
): OfferNotificationText {
  const lang = language === 'en' ? 'en' : 'sv';
  const queue =
    offer.queueId === OVERFLOW_QUEUE_ID
      ? OVERFLOW_QUEUE_NAME[lang]
      : region && offer.queueId === region.id
        ? region.name
        : null;
  const lines = [
    [
      t('offerAlerts.notification.urgency', { urgency: URGENCY_CLASS_LABELS[offer.urgencyClass][lang] }),
      queue ? t('offerAlerts.notification.queue', { queue }) : null,
    ]
      .filter(Boolean)
      .join(' · '),
    offer.redFlags.length > 0
      ? t('offerAlerts.notification.flags', {
          flags: offer.redFlags.map((flag) => flag.label[lang]).join(', '),
        })
      : null,
    t('offerAlerts.notification.action'),
  ];
  return {
    title: t(`offerAlerts.notification.${alertKind(offer)}`),
    body: lines.filter(Boolean).join('\n'),
    tag: `firstline-offer-${offer.callId}`,
  };
}
