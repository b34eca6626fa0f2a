// Forwards the backend's live call events from the event channel to the renderer as bridge events.
//
// Each payload is checked against the contract before it is forwarded (a malformed event is dropped and
// reported by type only). An offer or a presence change names one nurse: only the signed-in nurse's own
// reach her screen, so one workstation never rings for another nurse's call. A team lead's workstation
// also hears that a colleague changed state (without the message meant for her), for the queue overview.
import {
  CALL_EVENT_TYPES,
  CallOfferedPayloadSchema,
  PresenceChangedPayloadSchema,
  QueueChangedPayloadSchema,
  RedFlagWaitingPayloadSchema,
} from '../../../core/backend-api/calls';
import type { LiveEvent } from '../../../core/backend-api/events';
import type { EventHub } from '../bridge/eventHub';
import type { ChannelStateListener, EventChannelState, EventTypeListener } from '../backend/eventChannel';

/** What forwarding needs of the event channel (main/services/backend/eventChannel.ts). */
export interface LiveEventSource {
  readonly state: EventChannelState;
  subscribe(type: string, listener: EventTypeListener): () => void;
  onStateChange(listener: ChannelStateListener): () => void;
}

export interface CallEventForwardingDeps {
  channel: LiveEventSource;
  events: EventHub;
  /** HSA-id of the signed-in nurse, or null when signed out (then nothing is forwarded). */
  signedInHsaId: () => string | null;
  /** Whether the signed-in user watches the region's nurses (team lead or admin). */
  watchesRegion?: () => boolean;
  /** Told when an event is dropped; gets the event type and a reason, never the payload. */
  onDropped?: (type: string, reason: string) => void;
}

/** Starts forwarding; returns the function that stops it. */
export function forwardCallEvents(deps: CallEventForwardingDeps): () => void {
  const { channel, events } = deps;
  const dropped = (event: LiveEvent, reason: string) => deps.onDropped?.(event.type, reason);
  const signedIn = () => deps.signedInHsaId() !== null;
  const isMine = (hsaId: string) => {
    const mine = deps.signedInHsaId();
    return mine !== null && mine.toUpperCase() === hsaId.toUpperCase();
  };

  const unsubscribers = [
    channel.subscribe(CALL_EVENT_TYPES.queueChanged, (event) => {
      const parsed = QueueChangedPayloadSchema.safeParse(event.payload);
      if (!parsed.success) return dropped(event, 'payload does not match the contract');
      if (signedIn()) events.emit('calls.queueChanged', parsed.data);
    }),
    channel.subscribe(CALL_EVENT_TYPES.callOffered, (event) => {
      const parsed = CallOfferedPayloadSchema.safeParse(event.payload);
      if (!parsed.success) return dropped(event, 'payload does not match the contract');
      if (isMine(parsed.data.hsaId)) events.emit('calls.offered', parsed.data);
    }),
    channel.subscribe(CALL_EVENT_TYPES.redFlagWaiting, (event) => {
      const parsed = RedFlagWaitingPayloadSchema.safeParse(event.payload);
      if (!parsed.success) return dropped(event, 'payload does not match the contract');
      if (signedIn()) events.emit('calls.redFlagWaiting', parsed.data);
    }),
    channel.subscribe(CALL_EVENT_TYPES.presenceChanged, (event) => {
      const parsed = PresenceChangedPayloadSchema.safeParse(event.payload);
      if (!parsed.success) return dropped(event, 'payload does not match the contract');
      if (isMine(parsed.data.hsaId)) events.emit('presence.changed', parsed.data);
      if (signedIn() && deps.watchesRegion?.()) {
        const { hsaId, state, since } = parsed.data;
        events.emit('queue.staffPresenceChanged', { hsaId, state, since });
      }
    }),
    channel.onStateChange((state) => events.emit('calls.liveChannel', { state })),
  ];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
