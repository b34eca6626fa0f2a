// Colours of the six disposition levels, for light and dark mode: red, orange, amber, yellow-green, blue, green.
//
// A nurse reads the level from its colour at a glance, so every pair must stay readable: text on the
// coloured background has a contrast of at least 4.5:1 (WCAG AA) in both modes, checked by a test.
import type { DispositionLevel } from '../../../../core/triage/dispositionLadder';

export interface LevelColors {
  background: string;
  text: string;
  /** A darker edge, so light backgrounds (amber, yellow-green) still have a visible shape on a white page. */
  border: string;
}

const LIGHT: Record<DispositionLevel, LevelColors> = {
  1: { background: '#b71c1c', text: '#ffffff', border: '#7f0000' },
  2: { background: '#ef6c00', text: '#111111', border: '#a84a00' },
  3: { background: '#ffc400', text: '#111111', border: '#a67f00' },
  4: { background: '#8bc34a', text: '#111111', border: '#557a2b' },
  5: { background: '#1565c0', text: '#ffffff', border: '#0d3f7a' },
  6: { background: '#2e7d32', text: '#ffffff', border: '#1b4d1e' },
};

// On a dark page saturated dark colours disappear; lighter tones with near-black text read better at night.
const DARK: Record<DispositionLevel, LevelColors> = {
  1: { background: '#ff8a80', text: '#111111', border: '#ffb3ad' },
  2: { background: '#ff9e40', text: '#111111', border: '#ffc285' },
  3: { background: '#ffd54f', text: '#111111', border: '#ffe58a' },
  4: { background: '#c5e17a', text: '#111111', border: '#dcedaa' },
  5: { background: '#8cb8ff', text: '#111111', border: '#b8d3ff' },
  6: { background: '#7fd18b', text: '#111111', border: '#acdfb3' },
};

export function levelColors(level: DispositionLevel, mode: 'light' | 'dark'): LevelColors {
  return (mode === 'dark' ? DARK : LIGHT)[level];
}

/** Relative luminance of an sRGB colour written #rrggbb (WCAG 2 definition). */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`Expected a colour as #rrggbb, not '${hex}'.`);
  const [r, g, b] = match.slice(1).map((part) => {
    const value = parseInt(part, 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (lighter + 0.05) / (darker + 0.05);
}
