// A crashed or hung renderer is reloaded (and logged), a clean exit is left alone, and a crash loop stops reloading.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { watchRendererHealth } from '../../../main/app/rendererRecovery';

function fakeWindow() {
  const contents = Object.assign(new EventEmitter(), {
    reloads: 0,
    crashedOnPurpose: 0,
    destroyed: false,
    reload() {
      this.reloads += 1;
    },
    forcefullyCrashRenderer() {
      this.crashedOnPurpose += 1;
      (this as unknown as EventEmitter).emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    },
    isDestroyed() {
      return this.destroyed;
    },
  });
  const window = Object.assign(new EventEmitter(), { webContents: contents });
  return { window, contents };
}

function harness(options: { maxCrashes?: number } = {}) {
  const { window, contents } = fakeWindow();
  const logs: string[] = [];
  let clock = 0;
  const timers = new Map<number, { run: () => void; at: number }>();
  let nextTimer = 1;
  watchRendererHealth(window, {
    log: (message) => logs.push(message),
    unresponsiveMs: 15_000,
    crashWindowMs: 60_000,
    ...options,
    now: () => clock,
    setTimer: (run, ms) => {
      const id = nextTimer++;
      timers.set(id, { run, at: clock + ms });
      return id;
    },
    clearTimer: (id) => timers.delete(id as number),
  });
  const advance = (ms: number) => {
    clock += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at <= clock) {
        timers.delete(id);
        timer.run();
      }
    }
  };
  return { window, contents, logs, advance };
}

describe('watchRendererHealth', () => {
  it('reloads a crashed renderer and logs the reason, never page content', () => {
    const { contents, logs } = harness();
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(contents.reloads).toBe(1);
    expect(logs).toEqual(['renderer gone (crashed, exit 139); reloading']);
  });

  it('leaves a clean exit and a destroyed window alone', () => {
    const { contents } = harness();
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    contents.destroyed = true;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(contents.reloads).toBe(0);
  });

  it('restarts a renderer that stays unresponsive, and not one that recovers in time', () => {
    const { window, contents, logs, advance } = harness();
    window.emit('unresponsive');
    advance(10_000);
    window.emit('responsive');
    advance(10_000);
    expect(contents.crashedOnPurpose).toBe(0);
    expect(logs.at(-1)).toBe('renderer responsive again');

    window.emit('unresponsive');
    window.emit('unresponsive');
    advance(15_000);
    expect(contents.crashedOnPurpose).toBe(1);
    expect(contents.reloads).toBe(1);
  });

  it('stops reloading after more crashes than allowed within the window, and reloads again later', () => {
    const { contents, logs, advance } = harness({ maxCrashes: 3 });
    for (let i = 0; i < 4; i += 1) {
      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
      advance(1_000);
    }
    expect(contents.reloads).toBe(3);
    expect(logs.at(-1)).toMatch(/4 times within 60 s; not reloading again/);
    advance(61_000);
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(contents.reloads).toBe(4);
  });
});
