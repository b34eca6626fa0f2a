// Call handling on the workstation: the backend client, the bridge handlers and the live-event forwarding, composed once.
import type { EventHub } from '../bridge/eventHub';
import type { SessionService } from '../session/sessionService';
import { forwardCallEvents, type LiveEventSource } from './callEvents';
import { createCallHandlers, type CallHandlers } from './callHandlers';
import { CallsBackend } from './callsBackend';

export { CallsBackend } from './callsBackend';
export { createCallHandlers, type CallHandlers } from './callHandlers';
export { forwardCallEvents, type LiveEventSource } from './callEvents';

export interface CallServiceDeps {
  backendUrl: string;
  session: Pick<SessionService, 'accessToken' | 'current'>;
  events: EventHub;
  /** The signed-in session's live event channel. */
  liveEvents: LiveEventSource;
  onReachability?: (reachable: boolean) => void;
  onEventDropped?: (type: string, reason: string) => void;
  fetch?: typeof fetch;
}

export interface CallService {
  handlers: CallHandlers;
  /**
   * Before the nurse signs out: a nurse who is available or on break goes offline, so calls are not
   * offered to a workstation nobody is signed in to. Best effort: an offline backend never blocks
   * signing out. During a call or after-call work the presence is left as it is.
   */
  signingOut(): Promise<void>;
  stop(): void;
}

export function createCallService(deps: CallServiceDeps): CallService {
  const backend = new CallsBackend({
    baseUrl: deps.backendUrl,
    accessToken: () => deps.session.accessToken(),
    onReachability: deps.onReachability,
    fetch: deps.fetch,
  });
  const stopForwarding = forwardCallEvents({
    channel: deps.liveEvents,
    events: deps.events,
    signedInHsaId: () =>
      deps.session.current.status === 'signed-in' ? deps.session.current.staff.hsaId : null,
    watchesRegion: () =>
      deps.session.current.status === 'signed-in' &&
      deps.session.current.staff.roles.some((role) => role === 'team_lead' || role === 'admin'),
    onDropped: deps.onEventDropped,
  });
  return {
    handlers: createCallHandlers({ backend }),
    async signingOut() {
      if (deps.session.current.status !== 'signed-in') return;
      try {
        const presence = await backend.presence();
        if (presence.state === 'available' || presence.state === 'break') {
          await backend.updatePresence({ state: 'offline' });
        }
      } catch {
        // Unreachable or refused: signing out goes ahead regardless.
      }
    },
    stop: stopForwarding,
  };
}
