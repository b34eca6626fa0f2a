// `app.backend.events`: publish a live event to a region (or all), and the WebSocket clients connected to this instance.
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import {
  EVENT_CLOSE_CODES,
  POKE_EVENT,
  READY_EVENT,
  type LiveEvent,
  type ReadyEvent,
} from '../../../core/backend-api/events';
import { CALL_EVENT_TYPES } from '../../../core/backend-api/calls';
import type { AuthenticatedStaff } from '../auth/tokens';
import type { Clock } from '../clock';
import type { EventBus } from './eventBus';

export interface PublishInput {
  /** The region whose clients get the event; null for every client of this backend. */
  regionId: string | null;
  type: string;
  /** Small and free of patient data: ids, counts, states. At most a few kilobytes once serialised. */
  payload: unknown;
}

/**
 * Events about one nurse (payload.hsaId): a call ringing at her, her presence. They go to her own
 * workstations and the region's team leads, not to every nurse of the region: at 200 nurses that is
 * 200 socket writes saved on every offer and every accept.
 */
const PERSONAL_EVENT_TYPES: ReadonlySet<string> = new Set([
  CALL_EVENT_TYPES.callOffered,
  CALL_EVENT_TYPES.presenceChanged,
]);

/** The nurse a personal event is about, or null when the event is for the whole audience. */
function personalRecipient(event: LiveEvent): string | null {
  if (!PERSONAL_EVENT_TYPES.has(event.type)) return null;
  const payload = event.payload as { hsaId?: unknown } | null;
  return typeof payload?.hsaId === 'string' ? payload.hsaId : null;
}

function oversees(staff: AuthenticatedStaff): boolean {
  return staff.roles.includes('team_lead') || staff.roles.includes('admin');
}

interface Client {
  socket: WebSocket;
  staff: AuthenticatedStaff;
  expiryTimer: NodeJS.Timeout | null;
  alive: boolean;
}

export interface LiveEventsOptions {
  bus: EventBus;
  logger: Logger;
  clock: Clock;
  /** How often sockets are pinged; a socket that has not answered the previous ping is dropped. */
  heartbeatMs?: number;
}

/** Default heartbeat: well inside the idle timeouts of common proxies and load balancers. */
export const DEFAULT_HEARTBEAT_MS = 25_000;

export class LiveEvents {
  private readonly clients = new Set<Client>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly options: LiveEventsOptions) {
    this.unsubscribe = options.bus.subscribe((event) => this.deliverLocally(event));
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Delivers the event to the region's connected clients on every backend instance. */
  publish(input: PublishInput): Promise<void> {
    return this.options.bus.publish({ type: input.type, regionId: input.regionId, payload: input.payload });
  }

  /** Tells the region's workstations that something was committed for them to pull. */
  pokeSync(regionId: string): Promise<void> {
    return this.publish({ regionId, type: POKE_EVENT, payload: { scope: 'sync' } });
  }

  /** Clients connected to this instance right now (for tests and health figures). */
  get connectedCount(): number {
    return this.clients.size;
  }

  /**
   * Takes an authenticated socket into the region's audience and confirms with `channel.ready`. The
   * socket is closed when its access token expires, so a revoked session cannot listen for long.
   */
  attach(socket: WebSocket, staff: AuthenticatedStaff, token: string): void {
    const client: Client = { socket, staff, expiryTimer: null, alive: true };
    const expiresAtMs = tokenExpiry(token);
    const remaining = expiresAtMs - this.options.clock().getTime();
    if (remaining <= 0) {
      socket.close(EVENT_CLOSE_CODES.tokenExpired, 'access token expired');
      return;
    }
    client.expiryTimer = setTimeout(
      () => socket.close(EVENT_CLOSE_CODES.tokenExpired, 'access token expired'),
      // setTimeout holds at most ~24.8 days; tokens live minutes.
      Math.min(remaining, 2 ** 31 - 1),
    );
    client.expiryTimer.unref();
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('close', () => this.detach(client));
    socket.on('error', () => this.detach(client));
    this.clients.add(client);
    const ready: ReadyEvent = {
      type: READY_EVENT,
      regionId: staff.regionId,
      payload: { hsaId: staff.hsaId, expiresAt: new Date(expiresAtMs).toISOString() },
    };
    socket.send(JSON.stringify(ready));
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const client of this.clients) {
      client.socket.close(EVENT_CLOSE_CODES.goingAway, 'backend stopping');
      this.detach(client);
    }
    await this.options.bus.close();
  }

  private deliverLocally(event: LiveEvent): void {
    const text = JSON.stringify(event);
    const recipient = personalRecipient(event);
    for (const client of this.clients) {
      if (event.regionId !== null && event.regionId !== client.staff.regionId) continue;
      if (recipient !== null && client.staff.hsaId !== recipient && !oversees(client.staff)) continue;
      if (client.socket.readyState !== client.socket.OPEN) continue;
      client.socket.send(text, (error) => {
        if (error) this.options.logger.debug({ err: error }, 'live event not delivered to a closing socket');
      });
    }
  }

  private beat(): void {
    for (const client of this.clients) {
      if (!client.alive) {
        // No pong since the last ping: the connection is dead or stalled; the client will reconnect.
        client.socket.terminate();
        this.detach(client);
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }

  private detach(client: Client): void {
    if (client.expiryTimer) clearTimeout(client.expiryTimer);
    client.expiryTimer = null;
    this.clients.delete(client);
  }
}

/** The token's expiry (already verified by the caller), in milliseconds since the epoch. */
function tokenExpiry(token: string): number {
  const { exp } = decodeJwt(token);
  if (typeof exp !== 'number') throw new Error('A verified access token has no expiry');
  return exp * 1000;
}
