// Window bounds come back where the nurse left them, unless that place is no longer on any display.
import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { fitBoundsToDisplays, loadWindowBounds, saveWindowBounds } from '../../../main/app/windowState';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const external = { x: 1920, y: 0, width: 2560, height: 1440 };

describe('window state', () => {
  it('restores saved bounds on a display that still exists', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    expect(fitBoundsToDisplays(saved, [laptop, external])).toEqual(saved);
  });

  it('centres the window on the primary display when the saved one is gone', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    const fitted = fitBoundsToDisplays(saved, [laptop]);
    expect(fitted.x).toBeGreaterThanOrEqual(0);
    expect(fitted.x + fitted.width).toBeLessThanOrEqual(1920);
  });

  it('round-trips through its file and ignores a damaged one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-window-'));
    const file = path.join(dir, 'window-state.json');
    expect(loadWindowBounds(file)).toBeNull();
    saveWindowBounds(file, { x: 10, y: 20, width: 1200, height: 800, maximized: false });
    expect(loadWindowBounds(file)).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: false });
    writeFileSync(file, '{"x": "left"}');
    expect(loadWindowBounds(file)).toBeNull();
  });
});
