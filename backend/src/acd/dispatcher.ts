// The ticking part of call distribution: every instance runs one, and row locks keep them from doing the same work twice.
import type { Logger } from 'pino';
import type { CallDistribution } from './distribution';

/** Default tick: offers ring out and timers end within about a second of their time. */
export const DEFAULT_DISPATCH_INTERVAL_MS = 1000;

export class CallDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly acd: CallDistribution,
    private readonly logger: Logger,
    private readonly intervalMs: number = DEFAULT_DISPATCH_INTERVAL_MS,
  ) {
    if (!Number.isFinite(intervalMs) || intervalMs < 10) {
      throw new Error(`The dispatch interval must be at least 10 ms, not ${intervalMs}`);
    }
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => this.tickOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops ticking and waits for a tick in progress, so the database can be closed after it. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tickOnce(): void {
    // A slow tick (a busy database) is never overlapped by the next one.
    if (this.running !== null) return;
    this.running = this.acd
      .tick()
      .then(
        () => {
          if (this.failing) this.logger.info('call dispatcher is working again');
          this.failing = false;
        },
        (error: unknown) => {
          // Logged once per outage, not once a second.
          if (!this.failing) this.logger.error({ err: error }, 'call dispatcher tick failed');
          this.failing = true;
        },
      )
      .finally(() => {
        this.running = null;
      });
  }
}
