// Watches whether the regional backend is reachable, so the status bar and sync know when to wait.
import type { ConnectionState } from '../../../core/api/bridge';

export interface ConnectionMonitorOptions {
  backendUrl: string;
  /** How often to check the backend's /health while nothing else talks to it. */
  intervalMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  onChange?: (state: ConnectionState) => void;
}

export class ConnectionMonitor {
  private state: ConnectionState;
  private timer: NodeJS.Timeout | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => Date;

  constructor(private readonly options: ConnectionMonitorOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? (() => new Date());
    this.state = {
      backend: 'checking',
      backendUrl: options.backendUrl,
      offlineSince: null,
      lastCheckedAt: null,
    };
  }

  get current(): ConnectionState {
    return this.state;
  }

  start(): void {
    if (this.timer) return;
    void this.checkNow();
    this.timer = setInterval(() => void this.checkNow(), this.options.intervalMs ?? 10_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async checkNow(): Promise<ConnectionState> {
    try {
      const response = await this.fetchImpl(new URL('/health', this.options.backendUrl), {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 3000),
      });
      if (response.ok) this.markOnline();
      else this.markOffline();
    } catch {
      this.markOffline();
    }
    return this.state;
  }

  /** Any successful backend answer proves the connection, without waiting for the next health check. */
  markOnline(): void {
    this.set({ backend: 'online', offlineSince: null });
  }

  markOffline(): void {
    this.set({
      backend: 'offline',
      offlineSince: this.state.backend === 'offline' ? this.state.offlineSince : this.now().toISOString(),
    });
  }

  private set(change: Pick<ConnectionState, 'backend' | 'offlineSince'>): void {
    const changed = change.backend !== this.state.backend;
    this.state = { ...this.state, ...change, lastCheckedAt: this.now().toISOString() };
    if (changed) this.options.onChange?.(this.state);
  }
}
