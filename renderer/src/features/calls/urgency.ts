// Colours of the four urgency classes of the queue (röd, orange, gul, grön), taken from the disposition ladder's colours.
//
// Red, orange, yellow and green look the same wherever they appear: the queue's classes borrow the
// colours of ladder levels 1, 2, 3 and 6 (core/triage/dispositionLadder.ts), which keep text at 4.5:1
// or more in light and dark mode.
import type { UrgencyClass } from '../../../../core/queue/priority';
import {
  levelColors,
  type ColorMode,
  type DispositionLevel,
  type LevelColors,
} from '../../../../core/triage/dispositionLadder';

export type UrgencyColors = LevelColors;

/** The ladder level whose colour each queue class wears. */
export const URGENCY_CLASS_COLOR_LEVEL: Readonly<Record<UrgencyClass, DispositionLevel>> = {
  red: 1,
  orange: 2,
  yellow: 3,
  green: 6,
};

export function urgencyColors(urgency: UrgencyClass, mode: ColorMode): UrgencyColors {
  return levelColors(URGENCY_CLASS_COLOR_LEVEL[urgency], mode);
}
