// Disposition level colours, one table in the ladder: every level readable (text contrast at least 4.5:1) in light and dark mode, and each level its own colour.
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../../core/color/contrast';
import { DISPOSITION_LADDER, DISPOSITION_LEVELS, levelColors } from '../../../core/triage/dispositionLadder';

const PAGE = { light: '#ffffff', dark: '#161b22' } as const;

describe('level colours', () => {
  it('computes WCAG contrast the standard way', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(() => contrastRatio('red', '#ffffff')).toThrow(/#rrggbb/);
  });

  for (const mode of ['light', 'dark'] as const) {
    it(`keeps text on every level at 4.5:1 or more in ${mode} mode`, () => {
      for (const level of DISPOSITION_LEVELS) {
        const { background, text } = levelColors(level, mode);
        expect(contrastRatio(background, text), `level ${level} in ${mode} mode`).toBeGreaterThanOrEqual(4.5);
      }
    });

    it(`gives each level its own background in ${mode} mode, with an edge visible on the page`, () => {
      const backgrounds = DISPOSITION_LEVELS.map((level) => levelColors(level, mode).background);
      expect(new Set(backgrounds).size).toBe(DISPOSITION_LEVELS.length);
      for (const level of DISPOSITION_LEVELS) {
        const { background, border } = levelColors(level, mode);
        const edge = Math.max(contrastRatio(background, PAGE[mode]), contrastRatio(border, PAGE[mode]));
        expect(edge, `level ${level} on a ${mode} page`).toBeGreaterThanOrEqual(1.5);
      }
    });
  }

  it("keeps each level's colours in its step of the ladder table", () => {
    for (const level of DISPOSITION_LEVELS) {
      expect(levelColors(level, 'light')).toBe(DISPOSITION_LADDER[level].colors.light);
      expect(levelColors(level, 'dark')).toBe(DISPOSITION_LADDER[level].colors.dark);
    }
  });

  it('runs from red (most urgent) to green (self-care)', () => {
    const hue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [
        number,
        number,
        number,
      ];
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      if (max === min) return 0;
      const h =
        max === r
          ? ((g - b) / (max - min)) % 6
          : max === g
            ? (b - r) / (max - min) + 2
            : (r - g) / (max - min) + 4;
      return (h * 60 + 360) % 360;
    };
    for (const mode of ['light', 'dark'] as const) {
      const hues = DISPOSITION_LEVELS.map((level) => hue(levelColors(level, mode).background));
      expect(hues[0]! < 15 || hues[0]! > 345, `level 1 is red in ${mode} mode`).toBe(true);
      expect(hues[1]).toBeGreaterThan(15); // orange
      expect(hues[1]).toBeLessThan(40);
      expect(hues[2]).toBeGreaterThan(40); // amber
      expect(hues[2]).toBeLessThan(55);
      expect(hues[3]).toBeGreaterThan(65); // yellow-green
      expect(hues[3]).toBeLessThan(100);
      expect(hues[4]).toBeGreaterThan(190); // blue
      expect(hues[4]).toBeLessThan(240);
      expect(hues[5]).toBeGreaterThan(100); // green
      expect(hues[5]).toBeLessThan(150);
    }
  });
});
