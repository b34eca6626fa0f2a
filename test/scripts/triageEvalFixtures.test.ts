// The triage evaluation vignettes (test/fixtures/triage-eval) keep their format, their level rule and the coverage the set was written for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '../fixtures/triage-eval');
const DEMO_MARK = 'Demo content, not clinically validated.';

const RISK_FACTORS = [
  'anticoagulants',
  'immunosuppression',
  'diabetes',
  'pregnancy',
  'heart-disease',
  'lung-disease',
  'kidney-disease',
  'cancer-treatment',
  'recent-surgery',
  'recent-birth',
] as const;

const level = z.number().int().min(1).max(6);
const swedishText = z.string().trim().min(1);

const vignetteSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case ascii'),
  class: z.enum(['emergency', 'care', 'selfcare']),
  story: swedishText,
  complaint: swedishText,
  age: z.string().regex(/^\d+ (år|mån|v|dagar)$/, 'age must read like "28 år", "18 mån", "7 v" or "3 dagar"'),
  sex: z.enum(['female', 'male']),
  findings: z
    .strictObject({
      temperatureC: z.number().min(30).max(43).optional(),
      durationHours: z.number().positive().optional(),
      pregnancyWeek: z.number().int().min(3).max(43).optional(),
      riskFactors: z.array(z.enum(RISK_FACTORS)).min(1).optional(),
    })
    .optional(),
  facts: z.array(swedishText).min(1),
  denies: z.array(swedishText),
  cannotTell: z.array(swedishText).optional(),
  ideal: level,
  acceptable: z.array(level).min(1),
  rationale: swedishText,
  // The nurse's step: which protocols are opened and what the caller answers (every other question is "no").
  protocols: z
    .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/))
    .min(1)
    .max(2)
    .optional(),
  answers: z.record(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), z.enum(['yes', 'unsure'])).optional(),
});

type Vignette = z.infer<typeof vignetteSchema>;

/** Reads one fixture file; a vignette that does not match the format fails with its id and what is wrong. */
function load(file: string): { text: string; vignettes: Vignette[] } {
  const text = readFileSync(path.join(DIR, file), 'utf8');
  const list: unknown = parse(text);
  if (!Array.isArray(list)) throw new Error(`${file}: expected a YAML list of vignettes`);
  const vignettes = list.map((raw: unknown, index) => {
    const result = vignetteSchema.safeParse(raw);
    if (!result.success) {
      const id = (raw as { id?: unknown } | null)?.id ?? `#${index + 1}`;
      throw new Error(`${file}: vignette ${String(id)}: ${z.prettifyError(result.error)}`);
    }
    return result.data;
  });
  return { text, vignettes };
}

const development = load('development.yaml');
const heldOut = load('held-out.yaml');
const all = [...development.vignettes, ...heldOut.vignettes];

/** Acceptable levels per class: emergency within hours, care within a day or days, self-care (or a booked visit where guidance allows either). */
const CLASS_LEVELS = { emergency: [1, 2, 3], care: [4, 5], selfcare: [5, 6] } as const;

function ageInYears(age: string): number {
  const [count, unit] = age.split(' ');
  const n = Number(count);
  if (unit === 'år') return n;
  if (unit === 'mån') return n / 12;
  if (unit === 'v') return (n * 7) / 365.25;
  return n / 365.25;
}

const count = (predicate: (v: Vignette) => boolean, list: Vignette[] = all) => list.filter(predicate).length;
const riskFactors = (v: Vignette) => v.findings?.riskFactors ?? [];

describe('triage evaluation vignettes: format', () => {
  it('has 150 development and 50 held-out vignettes, each file marked as demo content on its first line', () => {
    expect(development.vignettes).toHaveLength(150);
    expect(heldOut.vignettes).toHaveLength(50);
    for (const { text } of [development, heldOut]) {
      const firstLine = text.split('\n')[0];
      expect(firstLine.startsWith('#')).toBe(true);
      expect(firstLine).toContain(DEMO_MARK);
    }
  });

  it('uses every id once across both files', () => {
    const seen = new Map<string, number>();
    for (const v of all) seen.set(v.id, (seen.get(v.id) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([id]) => id)).toEqual([]);
  });

  it('tells each story in two to five sentences, without anything that looks like a personnummer', () => {
    const wrong = all
      .map((v) => ({
        id: v.id,
        sentences: v.story.split(/(?<=[.!?])\s+/).filter(Boolean).length,
        story: v.story,
      }))
      .filter(({ sentences, story }) => sentences < 2 || sentences > 5 || /\d{6,8}[-+]?\d{4}/.test(story));
    expect(wrong).toEqual([]);
  });

  it('gives a pregnancy week only for a pregnant caller, and pregnancy or a recent birth only for women', () => {
    const wrong = all.filter(
      (v) =>
        (v.findings?.pregnancyWeek !== undefined && !riskFactors(v).includes('pregnancy')) ||
        (v.sex === 'male' && riskFactors(v).some((r) => r === 'pregnancy' || r === 'recent-birth')),
    );
    expect(wrong.map((v) => v.id)).toEqual([]);
  });
});

describe('triage evaluation vignettes: acceptable levels follow the written rule', () => {
  it('accepts the ideal level, only levels of its own class, and nothing further than one step from the ideal', () => {
    const wrong = all.filter((v) => {
      const allowed: readonly number[] = CLASS_LEVELS[v.class];
      const sorted = [...v.acceptable].sort((a, b) => a - b);
      return (
        !v.acceptable.includes(v.ideal) ||
        new Set(v.acceptable).size !== v.acceptable.length ||
        v.acceptable.some((l) => !allowed.includes(l) || Math.abs(l - v.ideal) > 1) ||
        sorted[sorted.length - 1] - sorted[0] !== sorted.length - 1
      );
    });
    expect(wrong.map((v) => `${v.id} ${v.class} ideal ${v.ideal} [${v.acceptable.join(', ')}]`)).toEqual([]);
  });

  it('makes self-care the ideal of every self-care case and never sends one to levels 1–3', () => {
    const selfcare = all.filter((v) => v.class === 'selfcare');
    expect(selfcare.filter((v) => v.ideal !== 6).map((v) => v.id)).toEqual([]);
    expect(selfcare.filter((v) => v.acceptable.some((l) => l <= 3)).map((v) => v.id)).toEqual([]);
  });

  it('rules out red flags explicitly in every self-care case (at least three denied signs)', () => {
    expect(all.filter((v) => v.class === 'selfcare' && v.denies.length < 3).map((v) => v.id)).toEqual([]);
  });
});

describe('triage evaluation vignettes: coverage', () => {
  it('has about one third per class, in both files alike', () => {
    for (const cls of ['emergency', 'care', 'selfcare'] as const) {
      const share = count((v) => v.class === cls) / all.length;
      expect(share, cls).toBeGreaterThanOrEqual(0.3);
      expect(share, cls).toBeLessThanOrEqual(0.37);
      const devShare = count((v) => v.class === cls, development.vignettes) / development.vignettes.length;
      const heldShare = count((v) => v.class === cls, heldOut.vignettes) / heldOut.vignettes.length;
      expect(Math.abs(devShare - heldShare), cls).toBeLessThanOrEqual(0.02);
    }
  });

  it('uses every level 1–6 as the ideal at least 15 times', () => {
    for (const l of [1, 2, 3, 4, 5, 6])
      expect(
        count((v) => v.ideal === l),
        `level ${l}`,
      ).toBeGreaterThanOrEqual(15);
  });

  it('covers every age band with at least 15 vignettes, and some callers over 80', () => {
    const bands: Record<string, (years: number) => boolean> = {
      'under 3 months': (y) => y < 0.25,
      '3 months–2 years': (y) => y >= 0.25 && y < 2,
      '2–12 years': (y) => y >= 2 && y < 12,
      '12–18 years': (y) => y >= 12 && y < 18,
      '18–65 years': (y) => y >= 18 && y <= 65,
      'over 65': (y) => y > 65,
    };
    for (const [band, inBand] of Object.entries(bands)) {
      expect(
        count((v) => inBand(ageInYears(v.age))),
        band,
      ).toBeGreaterThanOrEqual(15);
    }
    expect(count((v) => ageInYears(v.age) > 80)).toBeGreaterThanOrEqual(5);
  });

  it('has both sexes throughout, pregnancies and women after birth', () => {
    for (const sex of ['female', 'male'] as const) {
      expect(count((v) => v.sex === sex) / all.length, sex).toBeGreaterThanOrEqual(0.4);
      for (const cls of ['emergency', 'care', 'selfcare'] as const) {
        expect(
          count((v) => v.sex === sex && v.class === cls),
          `${sex} ${cls}`,
        ).toBeGreaterThanOrEqual(20);
      }
    }
    expect(count((v) => riskFactors(v).includes('pregnancy'))).toBeGreaterThanOrEqual(5);
    expect(count((v) => riskFactors(v).includes('recent-birth'))).toBeGreaterThanOrEqual(5);
  });

  it('keeps the hard cases, each an emergency', () => {
    const hardCases = [
      'hjartinfarkt-atypisk-kvinna-62',
      'hjartinfarkt-diabetiker-71',
      'sepsis-aldre-forvirrad-84',
      'meningit-tonaring-17',
      'utomkvedshavandeskap-27',
      'testikeltorsion-pojke-13',
      'blindtarm-barn-9ar',
      'stroke-yrsel-enbart-63',
      'lungemboli-efter-flyg-44',
      'lungemboli-postpartum-31',
      'feber-petekier-barn-3ar',
      'aortadissektion-68',
      'ketoacidos-tonaring-14',
      'cauda-equina-45',
      'kolmonoxid-stuga-38',
      'knappcellsbatteri-20man',
    ];
    const byId = new Map(all.map((v) => [v.id, v]));
    expect(hardCases.filter((id) => byId.get(id)?.class !== 'emergency')).toEqual([]);
  });
});
