// Runs sync for whichever nurse's store is open: one sync engine per store on the session's live channel, and the bridge's view of it.
import type { SyncStatus } from '../../../core/api/sync';
import type { SignedInStaff } from '../../../core/api/bridge';
import type { WorkstationStore } from '../store';
import { SyncEngine, type LiveEventSource, type SyncEngineOptions } from './syncEngine';
import { createHttpSyncTransport, type SyncTransport } from './transport';

/** The status while no store is open (signed out, or the store could not be opened). */
export const IDLE_SYNC_STATUS: SyncStatus = {
  state: 'idle',
  waiting: 0,
  quarantined: 0,
  offlineSince: null,
  lastSyncedAt: null,
  nextRetryAt: null,
  problem: null,
};

export interface SyncServiceOptions {
  backendUrl: string;
  accessToken: () => Promise<string>;
  onStatus: (status: SyncStatus) => void;
  /** Case ids applied from a pull, so case lists and open cases refresh. */
  onCasesPulled?: (caseIds: string[]) => void;
  onReachability?: (reachable: boolean) => void;
  /** The care unit named in the backend's access log for this nurse's pulls. */
  careUnitFor?: (staff: SignedInStaff) => string;
  onError?: (message: string) => void;
  /**
   * The session's live event channel (one WebSocket per signed-in session, shared by every feature and
   * started and stopped with the session): its pokes and re-openings trigger pulls.
   */
  channel: LiveEventSource | null;
  /** Tests and tools replace these. */
  transport?: SyncTransport;
  engine?: Partial<Omit<SyncEngineOptions, 'store' | 'transport' | 'channel' | 'onChange'>>;
}

interface Running {
  store: WorkstationStore;
  engine: SyncEngine;
}

export class SyncService {
  private running: Running | null = null;
  private readonly transport: SyncTransport;

  constructor(private readonly options: SyncServiceOptions) {
    this.transport =
      options.transport ??
      createHttpSyncTransport({
        baseUrl: options.backendUrl,
        accessToken: options.accessToken,
        onReachability: options.onReachability,
      });
  }

  /** Starts syncing the store just opened for `staff`: drains its outbox at once and pulls. */
  storeOpened(store: WorkstationStore, staff: SignedInStaff): void {
    if (this.running?.store === store) return;
    this.storeClosed();
    const { channel } = this.options;
    const engine = new SyncEngine({
      store,
      transport: this.transport,
      ...(channel ? { channel } : {}),
      careUnitHsaId: this.options.careUnitFor?.(staff),
      onChange: (status) => this.options.onStatus(status),
      onPulled: (_result, caseIds) => this.options.onCasesPulled?.(caseIds),
      onError: this.options.onError,
      ...this.options.engine,
    });
    this.running = { store, engine };
    engine.start();
  }

  /** Stops at once (the store is about to close); nothing is lost: the outbox stays in the store. */
  storeClosed(): void {
    const running = this.running;
    if (!running) return;
    this.running = null;
    void running.engine.stop();
    this.options.onStatus(IDLE_SYNC_STATUS);
  }

  status(): SyncStatus {
    return this.running?.engine.status() ?? IDLE_SYNC_STATUS;
  }

  /** The engine of the open store, or null while signed out. */
  get engine(): SyncEngine | null {
    return this.running?.engine ?? null;
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    await running?.engine.stop();
  }
}
