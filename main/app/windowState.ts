// Remembers the workstation window's position and size between launches, kept on a visible display.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { z } from 'zod';

const BoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof BoundsSchema>;
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: WindowBounds = { x: 80, y: 60, width: 1400, height: 900, maximized: false };

export function loadWindowBounds(file: string): WindowBounds | null {
  try {
    const parsed = BoundsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveWindowBounds(file: string, bounds: WindowBounds): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(bounds));
  renameSync(`${file}.tmp`, file);
}

/**
 * Restores saved bounds only if their title bar is on a display that still exists (a laptop that
 * left its docking station must not open the window off-screen); otherwise centres the default.
 */
export function fitBoundsToDisplays(saved: WindowBounds | null, workAreas: readonly Rect[]): WindowBounds {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: 1920, height: 1080 };
  if (saved) {
    const titleBar = { x: saved.x + 40, y: saved.y + 10 };
    const visible = workAreas.some(
      (area) =>
        titleBar.x >= area.x &&
        titleBar.x < area.x + area.width &&
        titleBar.y >= area.y &&
        titleBar.y < area.y + area.height,
    );
    if (visible) return saved;
  }
  const width = Math.min(DEFAULT_BOUNDS.width, primary.width);
  const height = Math.min(DEFAULT_BOUNDS.height, primary.height);
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
    maximized: false,
  };
}
