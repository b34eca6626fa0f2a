// Colours of the four urgency classes of the queue (röd, orange, gul, grön), for light and dark mode.
//
// A nurse reads a caller's urgency from its colour at a glance, so text on each background keeps a
// contrast of at least 4.5:1 in both modes (the same rule as the disposition levels).
import type { UrgencyClass } from '../../../../core/queue/priority';

export interface UrgencyColors {
  background: string;
  text: string;
  border: string;
}

const LIGHT: Record<UrgencyClass, UrgencyColors> = {
  red: { background: '#b71c1c', text: '#ffffff', border: '#7f0000' },
  orange: { background: '#ef6c00', text: '#111111', border: '#a84a00' },
  yellow: { background: '#ffd54f', text: '#111111', border: '#a67f00' },
  green: { background: '#2e7d32', text: '#ffffff', border: '#1b4d1e' },
};

// Saturated dark tones vanish on a dark page at night; lighter tones with near-black text read better.
const DARK: Record<UrgencyClass, UrgencyColors> = {
  red: { background: '#ff8a80', text: '#111111', border: '#ffb3ad' },
  orange: { background: '#ffab66', text: '#111111', border: '#ffc99e' },
  yellow: { background: '#ffe082', text: '#111111', border: '#fff0b8' },
  green: { background: '#81c784', text: '#111111', border: '#b2dfb4' },
};

export function urgencyColors(urgency: UrgencyClass, mode: 'light' | 'dark'): UrgencyColors {
  return (mode === 'dark' ? DARK : LIGHT)[urgency];
}
