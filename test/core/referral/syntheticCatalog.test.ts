// The synthetic catalog generator: reproducible, valid units, a realistic mix for benchmarks.
import { expect, it } from 'vitest';
import { careUnitSchema } from '../../../core/referral/catalog';
import { generateSyntheticCatalog } from '../../../core/referral/syntheticCatalog';

it('gives the same catalog for the same seed and a different one for another seed', () => {
  const a = generateSyntheticCatalog({ units: 50, seed: 5 });
  expect(generateSyntheticCatalog({ units: 50, seed: 5 })).toEqual(a);
  expect(generateSyntheticCatalog({ units: 50, seed: 6 })).not.toEqual(a);
});

it('produces units that pass the catalog schema, with unique HSA-ids', () => {
  const units = generateSyntheticCatalog({ units: 600, seed: 9 });
  for (const unit of units) expect(careUnitSchema.parse(unit)).toEqual(unit);
  expect(new Set(units.map((u) => u.hsaId)).size).toBe(600);
});

it('mixes care types and opening hours like a real catalog', () => {
  const units = generateSyntheticCatalog({ units: 3000, seed: 1 });
  const share = (type: string): number => units.filter((u) => u.careType === type).length / units.length;
  expect(share('vardcentral')).toBeGreaterThan(0.4);
  expect(share('akutmottagning')).toBeGreaterThan(0.03);
  expect(new Set(units.map((u) => u.openingHours)).size).toBeGreaterThan(100);
  expect(new Set(units.map((u) => u.regionId)).size).toBe(10);
});

it('keeps to the regions asked for', () => {
  const units = generateSyntheticCatalog({ units: 200, seed: 2, regions: ['gotland'] });
  expect(new Set(units.map((u) => u.regionId))).toEqual(new Set(['gotland']));
});

it('refuses a negative size', () => {
  expect(() => generateSyntheticCatalog({ units: -1 })).toThrow(/units must be/);
});
