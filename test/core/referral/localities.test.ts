// Placing the caller: postcode or town name (Swedish letters, with or without å/ä/ö) to coordinates.
import { beforeAll, expect, it } from 'vitest';
import { locatePatient, type Locality } from '../../../core/referral/localities';
import { demoCatalog } from './support/demo';

let localities: Locality[];
beforeAll(async () => {
  localities = (await demoCatalog()).localities;
});

const nameOf = (query: string): string | undefined => {
  const result = locatePatient(localities, query);
  return result.found ? result.locality.name : undefined;
};

it('finds a locality by postcode, with or without the space', () => {
  expect(nameOf('791 31')).toBe('Falun');
  expect(nameOf('79131')).toBe('Falun');
  expect(nameOf('214 28')).toBe('Malmö');
  const located = locatePatient(localities, '621 84');
  expect(located).toMatchObject({ found: true, matchedBy: 'postcode', regionId: 'gotland' });
});

it('prefers the longest matching postcode prefix', () => {
  expect(nameOf('790 91')).toBe('Idre'); // 79091 beats Falun's 790
  expect(nameOf('790 21')).toBe('Falun');
});

it('finds a locality by name in any case, with or without Swedish letters', () => {
  expect(nameOf('Örnsköldsvik')).toBe('Örnsköldsvik');
  expect(nameOf('ÖRNSKÖLDSVIK')).toBe('Örnsköldsvik');
  expect(nameOf('ornskoldsvik')).toBe('Örnsköldsvik');
  expect(nameOf('  växjö ')).toBe('Växjö');
  expect(nameOf('Vaxjo')).toBe('Växjö');
});

it('completes the start of a name', () => {
  expect(nameOf('Sunds')).toBe('Sundsvall');
  expect(nameOf('häss')).toBe('Hässleholm');
});

it('says what is wrong when it cannot place the caller', () => {
  expect(locatePatient(localities, '')).toEqual({
    found: false,
    reason: { sv: 'Skriv ett postnummer eller en ort.', en: 'Enter a postcode or a locality.' },
  });
  const short = locatePatient(localities, '7913');
  expect(short.found).toBe(false);
  if (!short.found) expect(short.reason.sv).toMatch(/fem siffror/);
  const outside = locatePatient(localities, '981 31'); // Kiruna: not a demo region
  if (!outside.found) expect(outside.reason.sv).toMatch(/finns inte i ortstabellen/);
  expect(outside.found).toBe(false);
  expect(locatePatient(localities, 'Atlantis').found).toBe(false);
});
