// The workstation's live event channel: one WebSocket to the regional backend per signed-in session, reconnecting with backoff.
//
// Features subscribe by event type (`subscribe('poke', …)`) and validate their own payloads. The channel
// reports its state, so listeners can catch up over HTTPS whenever it (re)opens: events sent while the
// socket was down are not replayed.
import WebSocket from 'ws';
import {
  EVENT_CLOSE_CODES,
  EVENT_ROUTES,
  LiveEventSchema,
  READY_EVENT,
  type LiveEvent,
} from '../../../core/backend-api/events';

export type EventChannelState = 'stopped' | 'connecting' | 'open' | 'waiting';

export interface EventChannelOptions {
  backendUrl: string;
  /** A fresh access token (the session refreshes it as needed); throws when signed out or offline. */
  accessToken: () => Promise<string>;
  /** First wait before reconnecting; doubles with every failure up to maxDelayMs, with jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /**
   * A socket that hears nothing (no event, no ping) for this long is considered stalled and replaced.
   * The backend pings every 25 s by default, so the default allows for two missed pings.
   */
  silenceTimeoutMs?: number;
  /** How long opening a socket may take. */
  connectTimeoutMs?: number;
  random?: () => number;
  /** Told of failures, without tokens or payloads. */
  onError?: (message: string) => void;
}

export type EventTypeListener = (event: LiveEvent) => void;
export type ChannelStateListener = (state: EventChannelState) => void;

export class EventChannel {
  private socket: WebSocket | null = null;
  private stateValue: EventChannelState = 'stopped';
  private readonly typeListeners = new Map<string, Set<EventTypeListener>>();
  private readonly stateListeners = new Set<ChannelStateListener>();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private silenceTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** Bumped on every start/stop, so callbacks of an old socket never touch the current one. */
  private generation = 0;

  constructor(private readonly options: EventChannelOptions) {}

  get state(): EventChannelState {
    return this.stateValue;
  }

  /** Opens the channel (and keeps it open) until stop(). */
  start(): void {
    if (this.stateValue !== 'stopped') return;
    this.generation += 1;
    this.failures = 0;
    void this.connect(this.generation);
  }

  stop(): void {
    this.generation += 1;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
    }
    this.setState('stopped');
  }

  /** Calls `listener` for every event of `type`. Returns the unsubscribe function. */
  subscribe(type: string, listener: EventTypeListener): () => void {
    let set = this.typeListeners.get(type);
    if (!set) this.typeListeners.set(type, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onStateChange(listener: ChannelStateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private async connect(generation: number): Promise<void> {
    this.setState('connecting');
    let token: string;
    try {
      token = await this.options.accessToken();
    } catch (error) {
      if (generation !== this.generation) return;
      this.options.onError?.(`no access token for the event channel: ${describe(error)}`);
      this.scheduleReconnect(generation);
      return;
    }
    if (generation !== this.generation) return;
    const url = new URL(EVENT_ROUTES.events, this.options.backendUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    // The token goes in the first message rather than the URL, so it never lands in a proxy's access log.
    const socket = new WebSocket(url, { handshakeTimeout: this.options.connectTimeoutMs ?? 10_000 });
    this.socket = socket;
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'auth', token }));
      this.touch(generation, socket);
    });
    socket.on('ping', () => this.touch(generation, socket));
    socket.on('message', (data) => {
      this.touch(generation, socket);
      this.receive(data.toString());
    });
    socket.on('error', (error) => {
      this.options.onError?.(`event channel: ${describe(error)}`);
    });
    socket.on('close', (code) => {
      if (generation !== this.generation || this.socket !== socket) return;
      this.socket = null;
      if (this.silenceTimer) clearTimeout(this.silenceTimer);
      // Expired token or backend shutting down: reconnect at once with a fresh token, not after a backoff.
      const prompt = code === EVENT_CLOSE_CODES.tokenExpired || code === EVENT_CLOSE_CODES.goingAway;
      if (prompt && this.stateValue === 'open') this.failures = 0;
      this.scheduleReconnect(generation);
    });
  }

  private receive(text: string): void {
    let event: LiveEvent;
    try {
      const parsed = LiveEventSchema.safeParse(JSON.parse(text));
      if (!parsed.success) return;
      event = parsed.data;
    } catch {
      return;
    }
    if (event.type === READY_EVENT) {
      this.failures = 0;
      this.setState('open');
    }
    for (const listener of this.typeListeners.get(event.type) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.options.onError?.(`listener for ${event.type} failed: ${describe(error)}`);
      }
    }
  }

  /** Restarts the silence watchdog: a stalled connection (no data, no pings) is cut and reopened. */
  private touch(generation: number, socket: WebSocket): void {
    if (generation !== this.generation) return;
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => {
      if (this.socket !== socket) return;
      this.options.onError?.('event channel silent for too long; reconnecting');
      socket.terminate();
    }, this.options.silenceTimeoutMs ?? 60_000);
    this.silenceTimer.unref();
  }

  private scheduleReconnect(generation: number): void {
    if (generation !== this.generation) return;
    this.setState('waiting');
    const min = this.options.minDelayMs ?? 500;
    const max = this.options.maxDelayMs ?? 30_000;
    const ceiling = Math.min(max, min * 2 ** this.failures);
    // "Full jitter": hundreds of workstations reconnecting after an outage spread out instead of stampeding.
    const delay = this.failures === 0 ? min : Math.max(min, (this.options.random ?? Math.random)() * ceiling);
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (generation === this.generation) void this.connect(generation);
    }, delay);
    this.reconnectTimer.unref();
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.reconnectTimer = null;
    this.silenceTimer = null;
  }

  private setState(next: EventChannelState): void {
    if (next === this.stateValue) return;
    this.stateValue = next;
    for (const listener of this.stateListeners) {
      try {
        listener(next);
      } catch (error) {
        this.options.onError?.(`channel state listener failed: ${describe(error)}`);
      }
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
