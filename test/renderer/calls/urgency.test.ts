// Queue urgency colours: red, orange, yellow and green are the ladder's own colours, readable in both modes.
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../../core/color/contrast';
import { URGENCY_CLASSES } from '../../../core/queue/priority';
import { levelColors } from '../../../core/triage/dispositionLadder';
import { urgencyColors } from '../../../renderer/src/features/calls/urgency';

describe('queue urgency colours', () => {
  for (const mode of ['light', 'dark'] as const) {
    it(`are the colours of ladder levels 1, 2, 3 and 6 in ${mode} mode`, () => {
      expect(urgencyColors('red', mode)).toEqual(levelColors(1, mode));
      expect(urgencyColors('orange', mode)).toEqual(levelColors(2, mode));
      // "Gul" in the queue is the same yellow as "3 Skyndsamt" in triage, the note and the case list.
      expect(urgencyColors('yellow', mode)).toEqual(levelColors(3, mode));
      expect(urgencyColors('green', mode)).toEqual(levelColors(6, mode));
    });

    it(`keep text at 4.5:1 or more in ${mode} mode`, () => {
      for (const urgency of URGENCY_CLASSES) {
        const { background, text } = urgencyColors(urgency, mode);
        expect(contrastRatio(background, text), urgency).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});
