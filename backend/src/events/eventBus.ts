// Carries live events between backend instances: PostgreSQL LISTEN/NOTIFY on PostgreSQL, in-process on PGlite.
//
// Every instance on one PostgreSQL database listens on one channel, so an event published by any
// instance reaches the connected clients of all of them. The publishing instance hears its own NOTIFY
// too and delivers only from there, so a client never gets an event twice. NOTIFY is transactional
// and delivered after commit, which is what a "pull now" poke needs.
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import {
  LiveEventSchema,
  MAX_EVENT_BYTES,
  POKE_EVENT,
  type LiveEvent,
} from '../../../core/backend-api/events';
import type { BackendDb } from '../db/schema';

/** The one NOTIFY channel of Firstline events (fixed forever: instances of different versions share it). */
export const EVENT_CHANNEL = 'firstline_events';

export type EventListener = (event: LiveEvent) => void;

export interface EventBus {
  /** Sends the event to every instance's listeners (including this one's). */
  publish(event: LiveEvent): Promise<void>;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

/** Checks an event before it travels: the envelope, and a size NOTIFY can carry. */
export function serialiseEvent(event: LiveEvent): string {
  const parsed = LiveEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new Error(`Not a valid live event: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const text = JSON.stringify({
    type: parsed.data.type,
    regionId: parsed.data.regionId,
    payload: event.payload,
  });
  if (Buffer.byteLength(text) > MAX_EVENT_BYTES) {
    throw new Error(
      `Live event "${event.type}" is ${Buffer.byteLength(text)} bytes; at most ${MAX_EVENT_BYTES} are allowed. Send ids, not data.`,
    );
  }
  return text;
}

class Listeners {
  private readonly listeners = new Set<EventListener>();

  add(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  deliver(event: LiveEvent, logger: Logger): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        logger.error({ err: error, type: event.type }, 'live event listener failed');
      }
    }
  }
}

/** One process, one database (PGlite): events go straight to this process's listeners. */
export class InProcessEventBus implements EventBus {
  private readonly listeners = new Listeners();

  constructor(private readonly logger: Logger) {}

  async publish(event: LiveEvent): Promise<void> {
    const copy = JSON.parse(serialiseEvent(event)) as LiveEvent;
    // Delivered after the publisher's turn, as NOTIFY would be, so a publisher never re-enters itself.
    setImmediate(() => this.listeners.deliver(copy, this.logger));
  }

  subscribe(listener: EventListener): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {}
}

export interface PostgresEventBusOptions {
  databaseUrl: string;
  db: BackendDb;
  logger: Logger;
  /** Longest wait between attempts to listen again after the listening connection is lost. */
  maxReconnectDelayMs?: number;
}

/**
 * LISTEN on a dedicated connection (a pooled one would be handed to other queries), NOTIFY through the
 * pool. When the listening connection drops it is re-established with backoff; events sent meanwhile
 * are lost, so on reconnect every local client gets a poke and catches up over HTTPS.
 */
export class PostgresEventBus implements EventBus {
  private readonly listeners = new Listeners();
  private client: pg.Client | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private failures = 0;

  private constructor(private readonly options: PostgresEventBusOptions) {}

  /** Starts listening before it returns, so nothing published after start-up is missed. */
  static async start(options: PostgresEventBusOptions): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(options);
    await bus.listen();
    return bus;
  }

  async publish(event: LiveEvent): Promise<void> {
    await sql`select pg_notify(${EVENT_CHANNEL}, ${serialiseEvent(event)})`.execute(this.options.db);
  }

  subscribe(listener: EventListener): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel !== EVENT_CHANNEL || message.payload === undefined) return;
      this.receive(message.payload);
    });
    // Without an error listener a dropped connection would crash the process.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    await client.connect();
    await client.query(`LISTEN ${EVENT_CHANNEL}`);
    this.client = client;
    this.failures = 0;
  }

  private receive(text: string): void {
    let parsed: ReturnType<typeof LiveEventSchema.safeParse>;
    try {
      parsed = LiveEventSchema.safeParse(JSON.parse(text));
    } catch {
      this.options.logger.warn('live event on the channel is not JSON; ignored');
      return;
    }
    if (!parsed.success) {
      this.options.logger.warn('live event on the channel has the wrong shape; ignored');
      return;
    }
    this.listeners.deliver(parsed.data, this.options.logger);
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.options.logger.warn({ err: error ?? undefined }, 'live event listener lost its database connection');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.failures += 1;
    const cap = this.options.maxReconnectDelayMs ?? 5000;
    const delay = Math.min(cap, 100 * 2 ** Math.min(this.failures, 10));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen().then(
        () => {
          this.options.logger.info('live event listener is listening again');
          // Whatever was published while we were deaf: tell every client here to catch up.
          this.listeners.deliver(
            { type: POKE_EVENT, regionId: null, payload: { scope: 'sync' } },
            this.options.logger,
          );
        },
        (error: unknown) => {
          this.options.logger.warn({ err: error }, 'live event listener could not reconnect yet');
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }
}

/** The bus for this backend's database engine. */
export async function createEventBus(options: {
  databaseUrl: string | undefined;
  db: BackendDb;
  logger: Logger;
}): Promise<EventBus> {
  if (options.databaseUrl === undefined || options.databaseUrl === '') {
    return new InProcessEventBus(options.logger);
  }
  return PostgresEventBus.start({ databaseUrl: options.databaseUrl, db: options.db, logger: options.logger });
}
