// A scheduler whose time moves only when a test moves it, for the sync engine's retry and pull timers.
import type { Scheduler } from '../../../main/services/sync';

export class FakeScheduler implements Scheduler {
  private time: number;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  /** Every delay asked for, in order (retries and periodic pulls). */
  readonly delays: number[] = [];

  constructor(start = '2026-03-02T22:00:00.000Z') {
    this.time = Date.parse(start);
  }

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): number => {
    const id = this.nextId++;
    this.delays.push(ms);
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };

  /** Moves time forward, firing due timers in order and letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
      await settle();
    }
    this.time = until;
    await settle();
  }
}

/** Lets pending promise callbacks and I/O turns run. */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
