// Taskbar attention for the workstation window in Electron: flash while a call rings, come forward when the nurse clicks its notification.
import type { BrowserWindow } from 'electron';
import type { WindowAttentionHook } from '../services/shell/attentionHandlers';

/** The parts of a BrowserWindow this needs, so tests can pass a fake. */
export type AttentionWindow = Pick<
  BrowserWindow,
  'flashFrame' | 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'
>;

/** The hook for createWorkstation; `window()` is the current window, or null before it exists or after it closed. */
export function windowAttention(window: () => AttentionWindow | null): WindowAttentionHook {
  return ({ on, bringToFront }) => {
    const target = window();
    if (!target || target.isDestroyed()) return;
    if (bringToFront) {
      if (target.isMinimized()) target.restore();
      target.show();
      target.focus();
    }
    // Focusing ends the flashing on Windows anyway; turning it off keeps it from starting again.
    target.flashFrame(on && !bringToFront);
  };
}
