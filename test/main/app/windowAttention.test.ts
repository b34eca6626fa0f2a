// Taskbar attention in Electron: the window flashes while a call rings, stops when told, and comes forward (restored, focused) on a notification click.
import { describe, expect, it } from 'vitest';
import { windowAttention, type AttentionWindow } from '../../../main/app/windowAttention';

function fakeWindow(state: { minimized?: boolean; destroyed?: boolean } = {}) {
  const calls: string[] = [];
  const window: AttentionWindow = {
    flashFrame: (flag: boolean) => void calls.push(`flash:${flag}`),
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized ?? false,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
  return { window, calls };
}

describe('window attention (Electron)', () => {
  it('flashes the taskbar entry while a call rings and stops when it goes', () => {
    const { window, calls } = fakeWindow();
    const attention = windowAttention(() => window);
    attention({ on: true, bringToFront: false });
    attention({ on: false, bringToFront: false });
    expect(calls).toEqual(['flash:true', 'flash:false']);
  });

  it('brings a minimised window forward and stops flashing when the nurse clicks the notification', () => {
    const { window, calls } = fakeWindow({ minimized: true });
    windowAttention(() => window)({ on: true, bringToFront: true });
    expect(calls).toEqual(['restore', 'show', 'focus', 'flash:false']);
  });

  it('does nothing before the window exists or after it closed', () => {
    const closed = fakeWindow({ destroyed: true });
    expect(() => windowAttention(() => null)({ on: true, bringToFront: true })).not.toThrow();
    windowAttention(() => closed.window)({ on: true, bringToFront: true });
    expect(closed.calls).toEqual([]);
  });
});
