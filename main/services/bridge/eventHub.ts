// Typed fan-out of pushed bridge events to every connected transport (IPC window, browser-host sockets).
import type { BridgeEvent, BridgeEventPayload } from '../../../core/api/bridge';

export type EventListener = (event: BridgeEvent, payload: unknown) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends BridgeEvent>(event: E, payload: BridgeEventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
