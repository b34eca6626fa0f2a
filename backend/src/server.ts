// Builds and starts the regional backend: database and migrations, signing key, optional demo seed, Fastify routes.
import { homedir } from 'node:os';
import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { DatabaseEngine } from '../../core/backend-api/auth';
import { DEFAULT_AUTH_POLICY } from './auth/sessions';
import type { AuthPolicy } from './auth/sessions';
import { AccessTokens, resolveSigningKey } from './auth/tokens';
import { systemClock } from './clock';
import type { Clock } from './clock';
import type { BackendContext } from './context';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createEventBus } from './events/eventBus';
import { LiveEvents } from './events/liveEvents';
import type { BackendDb } from './db/schema';
import { ApiHttpError, installErrorHandlers } from './http/errors';
import { FRAMEWORK_ERROR_OPTIONS, installFrameworkErrorHandlers } from './http/frameworkErrors';
import { createLogger } from './logging';
import type { LogLevel } from './logging';
import { accessLogRoutes } from './routes/accessLog';
import { authRoutes } from './routes/auth';
import { eventRoutes } from './routes/events';
import type { AuthRateLimit } from './routes/auth';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { signInAuditRoutes } from './routes/signInAudit';
import { syncRoutes } from './routes/sync';
import { seedDemoData } from './seed/demoStaff';
import { DEFAULT_DISPATCH_INTERVAL_MS, CallDispatcher } from './acd/dispatcher';
import { CallDistribution } from './acd/distribution';
import { loadQueueConfig } from './acd/config';
import type { QueueConfigSet } from './acd/config';
import { callRoutes } from './routes/calls';
import { callbackRoutes } from './routes/callbacks';
import { presenceRoutes } from './routes/presence';
import { telephonyRoutes } from './routes/telephony';
import { checkTelephonyKey } from './telephony/key';
import { readCatalogResources } from './catalog/resources';
import { seedCatalog } from './catalog/seed';
import { catalogRoutes } from './routes/catalog';
import { smsRoutes } from './routes/sms';
import { LoggingSmsGateway } from './sms/gateway';
import type { SmsGateway } from './sms/gateway';

export interface BackendOptions {
  /** Interface to listen on; loopback unless the backend is meant to be reached from other machines. */
  host?: string;
  /** 0 picks a free port (see `url` in the result). */
  port?: number;
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data directory, or 'memory'. Default: `$FIRSTLINE_DATA_DIR/backend` or `~/.firstline/backend`. */
  dataDir?: string;
  /** With dataDir 'memory': start from this PGlite dump instead of running initdb (see openDatabase). */
  pgliteTemplate?: Blob;
  /** Adds the demo regions and staff (idempotent). */
  seedDemo?: boolean;
  logLevel?: LogLevel;
  /** Where log lines go (default stdout); tests capture them here. */
  logStream?: DestinationStream;
  /** Injectable clock for tests. */
  now?: Clock;
  /** HS256 secret, at least 32 characters. Default: FIRSTLINE_JWT_SECRET, else a key kept in the database. */
  jwtSecret?: string;
  /** Sign-in/refresh/sign-out requests per client IP per window. Default 30 per minute. */
  authRateLimit?: AuthRateLimit;
  authPolicy?: Partial<AuthPolicy>;
  /** Largest request body accepted by any route (auth routes accept far less). Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Take the client IP from X-Forwarded-For (only behind a load balancer you control). */
  trustProxy?: boolean;
  /** PostgreSQL pool size per instance. */
  poolSize?: number;
  /** How often live-event sockets are pinged; a socket silent for two pings is dropped. Default 25 s. */
  eventHeartbeatMs?: number;
  /** Call-distribution rules; default: read from `queueConfigDir` (resources/queue). */
  queueConfig?: QueueConfigSet;
  queueConfigDir?: string;
  /**
   * How often this instance expires offers, ends after-call work, releases callbacks and assigns
   * calls. Off unless given (tests tick by hand); `startBackend` defaults to once a second.
   */
  dispatchIntervalMs?: number;
  /** API key of the telephony routes, at least 24 characters. Default FIRSTLINE_TELEPHONY_KEY; none: routes answer 503. */
  telephonyKey?: string;
  /** Folder with catalog/ and regions/ to seed the service catalog from (default: resources/); null: no seeding. */
  catalogResourcesDir?: string | null;
  /** Where referral receipts are sent by SMS; default: the logging demo gateway. */
  smsGateway?: SmsGateway;
}

export interface Backend {
  app: FastifyInstance;
  db: BackendDb;
  engine: DatabaseEngine;
  context: BackendContext;
  /** Stops the server, then closes the database. Safe to call twice. */
  close(): Promise<void>;
}

export interface RunningBackend extends Backend {
  /** e.g. "http://127.0.0.1:41234" */
  url: string;
}

export const DEFAULT_AUTH_RATE_LIMIT: AuthRateLimit = { max: 30, windowMs: 60_000 };
const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** The PGlite directory used when none is given. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.FIRSTLINE_DATA_DIR !== undefined && env.FIRSTLINE_DATA_DIR !== ''
      ? env.FIRSTLINE_DATA_DIR
      : join(homedir(), '.firstline');
  return join(base, 'backend');
}

export interface ServerSettings {
  logger: ReturnType<typeof createLogger>;
  authRateLimit: AuthRateLimit;
  bodyLimitBytes: number;
  trustProxy: boolean;
}

/** The Fastify app with every route, not yet listening (use `app.inject` or `listen`). */
export async function buildServer(
  context: BackendContext,
  settings: ServerSettings,
): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the app's type the plain FastifyInstance routes expect.
    loggerInstance: settings.logger as FastifyBaseLogger,
    bodyLimit: settings.bodyLimitBytes,
    trustProxy: settings.trustProxy,
    ...FRAMEWORK_ERROR_OPTIONS,
  });
  app.decorate('backend', context);
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url });
    }
  });
  app.decorateRequest('authenticatedStaff', null);
  installErrorHandlers(app, { bodyLimit: settings.bodyLimitBytes });
  installFrameworkErrorHandlers(app);

  // Only routes that opt in (the auth routes) are limited; limits count per client IP and route.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, limit) => {
      const retryAfterSeconds = Math.max(1, Math.ceil(limit.ttl / 1000));
      return new ApiHttpError(
        429,
        'rate_limited',
        `Too many attempts from this address; wait ${retryAfterSeconds} seconds and try again.`,
        { retryAfterSeconds },
      );
    },
  });

  // WebSocket support for every route plugin that asks for it (`{ websocket: true }`).
  await app.register(websocket, {
    options: { maxPayload: 64 * 1024 },
    // A frame over maxPayload or a text frame that is not UTF-8 is the client's fault: ws has already
    // started closing with 1009/1007, so let that close finish and log the code, never the frame.
    errorHandler: (error, socket, request) => {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('WS_ERR_')) {
        request.log.warn(
          { errorName: error.name, errorCode: code },
          'live-event socket closed after a bad frame',
        );
      } else {
        request.log.error({ err: error }, 'live-event socket failed');
      }
      if (socket.readyState !== socket.CLOSING && socket.readyState !== socket.CLOSED) socket.terminate();
    },
  });
  await app.register(healthRoutes);
  await app.register(authRoutes(settings.authRateLimit));
  await app.register(meRoutes);
  await app.register(signInAuditRoutes);
  await app.register(eventRoutes);
  await app.register(syncRoutes);
  await app.register(accessLogRoutes);
  await app.register(callRoutes);
  await app.register(presenceRoutes);
  await app.register(callbackRoutes);
  await app.register(telephonyRoutes);
  await app.register(catalogRoutes);
  await app.register(smsRoutes);
  return app;
}

/** Opens and migrates the database and builds the app, without listening. */
export async function createBackend(options: BackendOptions = {}): Promise<Backend> {
  const logger = createLogger(options.logLevel ?? 'info', options.logStream);
  const clock = options.now ?? systemClock;
  // Configuration first: a bad rule file or a weak key fails before anything is opened.
  const queueConfig = options.queueConfig ?? (await loadQueueConfig(options.queueConfigDir));
  const telephonyKey = checkTelephonyKey(options.telephonyKey ?? process.env.FIRSTLINE_TELEPHONY_KEY);
  const database = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir ?? defaultDataDir(),
    poolSize: options.poolSize,
    pgliteTemplate: options.pgliteTemplate,
    onPoolError: (error) =>
      logger.warn({ err: error }, 'idle database connection failed; it will be replaced'),
  });
  let app: FastifyInstance | undefined;
  let events: LiveEvents | undefined;
  let dispatcher: CallDispatcher | undefined;
  try {
    const migrations = await migrateToLatest(database.db);
    logger.info(
      { database: database.engine, location: database.location, applied: migrations.applied },
      'database ready',
    );
    const signingKey = await resolveSigningKey(
      database.db,
      options.jwtSecret ?? process.env.FIRSTLINE_JWT_SECRET,
      clock,
    );
    if (options.catalogResourcesDir !== null) {
      const resources = await readCatalogResources(options.catalogResourcesDir);
      const seeded = await seedCatalog(database.db, resources, clock());
      for (const warning of seeded.warnings) logger.warn(`service catalog: ${warning}`);
      if (seeded.regionsSeeded.length > 0 || seeded.ruleLayersAdded.length > 0 || seeded.localitiesSeeded) {
        logger.info(
          {
            regions: seeded.regionsSeeded,
            ruleLayers: seeded.ruleLayersAdded,
            localities: seeded.localitiesSeeded,
          },
          'service catalog seeded from resources',
        );
      }
    }
    if (options.seedDemo === true) {
      const { staffCreated } = await seedDemoData(database.db);
      logger.info({ staffCreated }, 'demo regions and staff in place');
    }
    const policy = { ...DEFAULT_AUTH_POLICY, ...options.authPolicy };
    events = new LiveEvents({
      bus: await createEventBus({ databaseUrl: options.databaseUrl, db: database.db, logger }),
      logger,
      clock,
      heartbeatMs: options.eventHeartbeatMs,
    });
    const context: BackendContext = {
      db: database.db,
      engine: database.engine,
      clock,
      policy,
      accessTokens: new AccessTokens(signingKey, clock, policy.accessTokenLifetimeMs),
      events,
      acd: new CallDistribution({ db: database.db, clock, config: queueConfig, events, logger }),
      telephonyKey,
      sms: options.smsGateway ?? new LoggingSmsGateway({ logger, clock }),
    };
    app = await buildServer(context, {
      logger,
      authRateLimit: options.authRateLimit ?? DEFAULT_AUTH_RATE_LIMIT,
      bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      trustProxy: options.trustProxy ?? false,
    });
    if (options.dispatchIntervalMs !== undefined) {
      dispatcher = new CallDispatcher(context.acd, logger, options.dispatchIntervalMs);
      dispatcher.start();
    }
    const builtApp = app;
    const liveEvents = events;
    const callDispatcher = dispatcher;
    let closing: Promise<void> | undefined;
    return {
      app: builtApp,
      db: database.db,
      engine: database.engine,
      context,
      close: () => {
        closing ??= Promise.resolve(callDispatcher?.stop())
          .then(() => builtApp.close())
          .then(() => liveEvents.close())
          .then(() => database.close());
        return closing;
      },
    };
  } catch (error) {
    await dispatcher?.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await events?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** Starts the backend and listens; `url` says where (port 0 picks a free one). */
export async function startBackend(options: BackendOptions = {}): Promise<RunningBackend> {
  const backend = await createBackend({ dispatchIntervalMs: DEFAULT_DISPATCH_INTERVAL_MS, ...options });
  try {
    await backend.app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  } catch (error) {
    await backend.close();
    throw error;
  }
  const address = backend.app.server.address();
  if (address === null || typeof address === 'string')
    throw new Error('The backend is not listening on a TCP port');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { ...backend, url: `http://${host}:${address.port}` };
}
