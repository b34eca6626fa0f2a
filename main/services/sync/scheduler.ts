// The sync engine's clock and timers (injectable, so tests move time by hand) and its retry backoff.

/** Time and timers, injectable so tests can move time by hand. */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    // Sync timers never keep a closing process alive.
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Exponential backoff with "equal jitter": the n-th consecutive failure waits between half and all of
 * min·2^(n−1), capped at max, so hundreds of workstations coming back after an outage spread out while
 * none retries sooner than half its due time.
 */
export function retryDelayMs(failures: number, minMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
