// The triage evaluation harness and the one age parser: vignettes scored through real search and engine.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseAge, parseDurationHours } from '../../../core/triage/ageBands';
import { evaluateVignettes, formatShare, parseVignettes } from '../../../core/triage/evaluation';
import { fixtureProtocols, urinProtocol } from './fixtureProtocols';

const { buk, andning, spadbarn } = fixtureProtocols();
const library = [buk, andning, spadbarn, urinProtocol()];
const base = { story: 'Demo.', age: '40 år', sex: 'female', ideal: 6, acceptable: [5, 6] };

describe('parseAge', () => {
  it('reads years, months, weeks and days in Swedish and English', () => {
    expect(parseAge('45')).toEqual({ ok: true, ageYears: 45 });
    expect(parseAge('2 år')).toEqual({ ok: true, ageYears: 2 });
    expect(parseAge('18 mån')).toEqual({ ok: true, ageYears: 1.5 });
    expect(parseAge('18 månader')).toEqual({ ok: true, ageYears: 1.5 });
    expect(parseAge('18 months')).toEqual({ ok: true, ageYears: 1.5 });
    for (const weeks of ['7 v', '7 veckor', '7 weeks'])
      expect(parseAge(weeks)).toEqual({ ok: true, ageYears: (7 * 7) / 365.25 });
    expect(parseAge('3 dagar')).toEqual({ ok: true, ageYears: 3 / 365.25 });
  });

  it('refuses hex, exponents, negatives, empty text and more than 130 years with a Swedish and English reason', () => {
    for (const text of ['0x10', '1e1', '-1', 'tolv', '4 timmar'])
      expect(parseAge(text)).toMatchObject({
        ok: false,
        reason: 'format',
        message: { sv: expect.any(String), en: expect.stringContaining('not an age') },
      });
    expect(parseAge('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseAge('131')).toMatchObject({
      ok: false,
      reason: 'range',
      message: { sv: expect.stringContaining('130') },
    });
  });

  it('reads durations in hours, days and weeks', () => {
    expect(parseDurationHours('3 dagar')).toBe(72);
    expect(parseDurationHours('36 h')).toBe(36);
    expect(parseDurationHours('1 vecka')).toBe(168);
    expect(parseDurationHours('länge')).toBeNull();
  });
});

describe('evaluateVignettes', () => {
  it('scores vignettes per class, names under-triaged emergencies and counts over-triage', () => {
    const vignettes = parseVignettes(
      [
        {
          ...base,
          id: 'man-uvi',
          class: 'care',
          complaint: 'svider när jag kissar',
          sex: 'male',
          findings: { temperatureC: 37, durationHours: 24 },
          ideal: 4,
          acceptable: [4],
          answers: {},
        },
        {
          ...base,
          id: 'kvinna-uvi',
          class: 'selfcare',
          complaint: 'svider när jag kissar',
          findings: { temperatureC: 37, durationHours: 24 },
          answers: {},
        },
        {
          ...base,
          id: 'chock-missad',
          class: 'emergency',
          complaint: 'ont i magen',
          protocols: ['test-buk'],
          ideal: 1,
          acceptable: [1],
          answers: {},
        },
        { ...base, id: 'overtriage', class: 'selfcare', complaint: 'ont i magen', answers: { chock: 'yes' } },
        { ...base, id: 'ej-kartlagd', class: 'care', complaint: 'ont i magen' },
      ],
      'inline',
    );
    const summary = evaluateVignettes(vignettes, library);
    expect(summary).toMatchObject({ scored: 4, unmapped: 1, errors: 0, appropriate: 2 });
    expect(summary.perClass.care).toEqual({ scored: 1, appropriate: 1, share: 1 });
    expect(summary.perClass.selfcare).toEqual({ scored: 2, appropriate: 1, share: 0.5 });
    expect(summary.underTriagedEmergencies).toEqual(['chock-missad']);
    expect(summary.overTriaged).toEqual({ count: 1, share: 0.25 });
    expect(summary.outcomes.find((o) => o.id === 'man-uvi')).toMatchObject({
      protocolIds: ['test-urin'],
      level: 4,
    });
    expect(formatShare(summary.share)).toBe('50.0 %');
  });

  it('says which vignette is wrong and why, and reports answers no protocol asks as not runnable', () => {
    expect(() =>
      parseVignettes([{ ...base, id: 'x', class: 'care', complaint: 'mage', age: '0x10' }], 'f.yaml'),
    ).toThrow(/f\.yaml: vignette 'x': age: '0x10' is not an age/);
    const [outcome] = evaluateVignettes(
      parseVignettes(
        [
          {
            ...base,
            id: 'fel-id',
            class: 'care',
            complaint: 'ont i magen',
            answers: { 'finns-inte': 'yes' },
          },
        ],
        'f',
      ),
      library,
    ).outcomes;
    expect(outcome).toMatchObject({ status: 'error', error: expect.stringMatching(/'finns-inte'/) });
  });

  it('runs the sample vignette file', () => {
    const file = path.resolve(import.meta.dirname, '../../fixtures/triage-eval-sample.yaml');
    const vignettes = parseVignettes(parse(readFileSync(file, 'utf8')) as unknown, file);
    expect(vignettes.length).toBeGreaterThanOrEqual(5);
  });
});
