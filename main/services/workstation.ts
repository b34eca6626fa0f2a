// Composes the workstation's main-side services and their bridge handlers; both transports serve this.
import path from 'node:path';
import type { AppInfo } from '../../core/api/bridge';
import { createDispatcher, type BridgeHandlers, type Dispatch } from './bridge/dispatcher';
import { EventHub } from './bridge/eventHub';
import { BackendClient } from './backend/backendClient';
import { ConnectionMonitor } from './connection/connectionMonitor';
import { openPreferencesStore } from './preferences/preferences';
import { SessionService } from './session/sessionService';
import type { TokenVault } from './session/tokenVault';

export interface WorkstationOptions {
  backendUrl: string;
  /** The workstation profile folder (preferences, later the encrypted store); null keeps nothing on disk. */
  profileDir: string | null;
  tokenVault: TokenVault;
  transport: AppInfo['transport'];
  version: string;
  healthIntervalMs?: number;
  now?: () => Date;
  /** Unexpected handler errors; gets the method name and error, never arguments (they may hold patient data). */
  logError?: (method: string, error: unknown) => void;
}

export interface Workstation {
  dispatch: Dispatch;
  events: EventHub;
  session: SessionService;
  connection: ConnectionMonitor;
  stop(): Promise<void>;
}

export async function createWorkstation(options: WorkstationOptions): Promise<Workstation> {
  const events = new EventHub();
  const preferences = await openPreferencesStore(
    options.profileDir ? path.join(options.profileDir, 'preferences.json') : null,
  );
  const connection = new ConnectionMonitor({
    backendUrl: options.backendUrl,
    intervalMs: options.healthIntervalMs,
    now: options.now,
    onChange: (state) => events.emit('connection.changed', state),
  });
  const backend = new BackendClient({
    baseUrl: options.backendUrl,
    onReachability: (reachable) => (reachable ? connection.markOnline() : connection.markOffline()),
  });
  const session = new SessionService({
    backend,
    vault: options.tokenVault,
    now: options.now,
    onChange: (state) => events.emit('session.changed', state),
  });

  // Feature services add their handlers here: `...createCaseHandlers(deps)`, each typed as a
  // Pick<BridgeHandlers, ...> of its own contract file, so a missing handler fails typecheck.
  const handlers: BridgeHandlers = {
    'app.info': () => ({
      version: options.version,
      transport: options.transport,
      platform: process.platform,
    }),
    'session.get': () => session.current,
    'session.signIn': ({ hsaId, password }) => session.signIn(hsaId, password),
    'session.signOut': () => session.signOut(),
    'connection.get': () => connection.current,
    'connection.checkNow': () => connection.checkNow(),
    'preferences.get': () => preferences.get(),
    'preferences.set': async (change) => {
      const next = await preferences.update(change);
      events.emit('preferences.changed', next);
      return next;
    },
  };

  connection.start();
  await session.resume();

  return {
    dispatch: createDispatcher(handlers, { onUnexpectedError: options.logError }),
    events,
    session,
    connection,
    async stop() {
      connection.stop();
    },
  };
}
