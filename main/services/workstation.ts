// Composes the workstation's main-side services and their bridge handlers; both transports serve this.
import path from 'node:path';
import type { AppInfo } from '../../core/api/bridge';
import { createDispatcher, type BridgeHandlers, type Dispatch } from './bridge/dispatcher';
import { EventHub } from './bridge/eventHub';
import { BackendClient } from './backend/backendClient';
import {
  createCaseHandlers,
  createKeyFileStoreKeyProvider,
  NurseStore,
  type StoreKeyProvider,
} from './cases';
import { ConnectionMonitor } from './connection/connectionMonitor';
import { openPreferencesStore } from './preferences/preferences';
import { createProtocolHandlers, createProtocolLibrary } from './protocols/protocolHandlers';
import { SessionService } from './session/sessionService';
import type { TokenVault } from './session/tokenVault';

export interface WorkstationOptions {
  backendUrl: string;
  /** The workstation profile folder (preferences, later the encrypted store); null keeps nothing on disk. */
  profileDir: string | null;
  tokenVault: TokenVault;
  /** The triage protocol folder; a packaged app passes its resources folder. Defaults to resources/protocols. */
  protocolDir?: string;
  /** Key of each nurse's encrypted store: safeStorage in Electron; a 0600 key file by default (browser host). */
  storeKeyProvider?: StoreKeyProvider;
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
  /** The signed-in nurse's encrypted local store (open while signed in). */
  nurseStore: NurseStore;
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
  const nurseStore = new NurseStore({
    profileDir: options.profileDir,
    keyProvider: options.storeKeyProvider ?? createKeyFileStoreKeyProvider(),
    now: options.now,
    onOpenFailed: (error) => options.logError?.('cases.openStore', error),
  });
  const session = new SessionService({
    backend,
    vault: options.tokenVault,
    now: options.now,
    onChange: (state) => {
      // Sign-in opens the nurse's own store and sign-out closes it; calls wait until it is open.
      void nurseStore.sessionChanged(state);
      events.emit('session.changed', state);
    },
  });

  const protocols = createProtocolLibrary({ dir: options.protocolDir, now: options.now });

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
    ...createCaseHandlers({ stores: nurseStore, events, now: options.now }),
    ...createProtocolHandlers({ library: protocols }),
  };

  connection.start();
  await session.resume();

  return {
    dispatch: createDispatcher(handlers, { onUnexpectedError: options.logError }),
    events,
    session,
    connection,
    nurseStore,
    async stop() {
      connection.stop();
      await nurseStore.close();
    },
  };
}
