// Composes the workstation's main-side services and their bridge handlers; both transports serve this.
import path from 'node:path';
import type { AppInfo } from '../../core/api/bridge';
import { createDispatcher, type BridgeHandlers, type Dispatch } from './bridge/dispatcher';
import { EventHub } from './bridge/eventHub';
import { BackendClient } from './backend/backendClient';
import { EventChannel } from './backend/eventChannel';
import { createCallService } from './calls';
import {
  adviceCareUnitHsaId,
  createCaseHandlers,
  createKeyFileStoreKeyProvider,
  NurseStore,
  type StoreKeyProvider,
} from './cases';
import { ConnectionMonitor } from './connection/connectionMonitor';
import { openPreferencesStore } from './preferences/preferences';
import { createAttentionHandlers, type WindowAttentionHook } from './shell/attentionHandlers';
import { createProtocolHandlers, createProtocolLibrary } from './protocols/protocolHandlers';
import { createReferralService } from './referral';
import { SessionService } from './session/sessionService';
import { createSyncHandlers, SyncService } from './sync';
import { clearWorkspaceOnSignOut, createWorkspaceHandlers } from './workspace/workspaceHandlers';
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
  /** Taskbar flashing and bringing the window forward while a call rings (Electron); absent in the browser host. */
  onAttention?: WindowAttentionHook;
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
      // The live channel (queue, offers, presence) lives as long as the session.
      if (state.status === 'signed-in') liveEvents.start();
      else liveEvents.stop();
      events.emit('session.changed', state);
    },
  });

  const liveEvents = new EventChannel({
    backendUrl: options.backendUrl,
    accessToken: () => session.accessToken(),
    onError: (message) => options.logError?.('events', new Error(message)),
  });
  const calls = createCallService({
    backendUrl: options.backendUrl,
    session,
    events,
    liveEvents,
    onReachability: (reachable) => (reachable ? connection.markOnline() : connection.markOffline()),
    onEventDropped: (type, reason) => options.logError?.('events', new Error(`${type}: ${reason}`)),
  });

  // Sync follows the nurse's store: it starts when her store opens (draining what waits) and stops before it closes.
  const sync = new SyncService({
    backendUrl: options.backendUrl,
    accessToken: () => session.accessToken(),
    // Pokes arrive on the session's one live channel, shared with the call queue.
    channel: liveEvents,
    onStatus: (status) => events.emit('sync.changed', status),
    onCasesPulled: (caseIds) =>
      caseIds.slice(0, 100).forEach((caseId) => events.emit('cases.changed', { caseId })),
    onReachability: (reachable) => (reachable ? connection.markOnline() : connection.markOffline()),
    careUnitFor: adviceCareUnitHsaId,
    onError: (message) => options.logError?.('sync', new Error(message)),
  });
  nurseStore.subscribe((open) => (open ? sync.storeOpened(open.store, open.staff) : sync.storeClosed()));

  const protocols = createProtocolLibrary({ dir: options.protocolDir, now: options.now });

  // The service catalog follows the nurse's store too: loaded from the disk cache at sign-in, then refreshed.
  const referral = createReferralService({
    backendUrl: options.backendUrl,
    profileDir: options.profileDir,
    accessToken: () => session.accessToken(),
    stores: nurseStore,
    events,
    channel: liveEvents,
    now: options.now,
    onReachability: (reachable) => (reachable ? connection.markOnline() : connection.markOffline()),
    onError: (message) => options.logError?.('referral', new Error(message)),
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
    'session.signOut': async () => {
      await calls.signingOut();
      clearWorkspaceOnSignOut(nurseStore);
      return session.signOut();
    },
    'connection.get': () => connection.current,
    'connection.checkNow': () => connection.checkNow(),
    'preferences.get': () => preferences.get(),
    'preferences.set': async (change) => {
      const next = await preferences.update(change);
      events.emit('preferences.changed', next);
      return next;
    },
    ...createAttentionHandlers(options.onAttention),
    ...createCaseHandlers({ stores: nurseStore, events, now: options.now }),
    ...createProtocolHandlers({ library: protocols }),
    ...referral.handlers,
    ...calls.handlers,
    ...createSyncHandlers({ sync }),
    ...createWorkspaceHandlers({ stores: nurseStore }),
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
      calls.stop();
      liveEvents.stop();
      referral.stop();
      await sync.stop();
      await nurseStore.close();
    },
  };
}
