// Referral suggestions over the real demo catalog at fixed Swedish times: the disposition read from the case, regional rules, exclusions on demand, locate and search.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocateResult, SuggestResult } from '../../../core/api/referral';
import type { RegionId } from '../../../core/referral/catalog';
import { sweden } from '../../core/referral/support/time';
import {
  demoCatalogResponse,
  FakeReferralBackend,
  nurseOf,
  referralStack,
  triagedCase,
  triageRecord,
} from './support';

const VISBY = { lat: 57.6348, lon: 18.2948 };
const UPPSALA = { lat: 59.8586, lon: 17.6389 };

type Stack = ReturnType<typeof referralStack>;
const stacks: Stack[] = [];

async function signedInStack(regionId: RegionId, at: string): Promise<Stack> {
  const backend = new FakeReferralBackend();
  backend.catalog = await demoCatalogResponse(regionId);
  const stack = referralStack({ staff: nurseOf(regionId), at: sweden(at), backend });
  stacks.push(stack);
  await stack.signIn();
  return stack;
}

afterEach(async () => {
  for (const stack of stacks.splice(0)) {
    stack.referral.stop();
    await stack.stores.close();
  }
});

beforeAll(async () => {
  // Loads and parses the demo resources once for the whole file.
  await demoCatalogResponse('gotland');
});

describe('a Saturday night in Visby (Region Gotland)', () => {
  // Saturday 13 June 2026, 23:30: night rules; Gotland sends level 3 to the akutmottagning at night.
  const AT = '2026-06-13 23:30';

  it('suggests the akutmottagning at Visby lasarett for level 3, by Gotland’s own rule, open around the clock', async () => {
    const stack = await signedInStack('gotland', AT);
    const caseId = await triagedCase(stack, triageRecord(3, 'narakut'));
    const result = await stack.call<SuggestResult>('referral.suggest', {
      caseId,
      location: VISBY,
      ageYears: 35,
    });

    expect(result.disposition).toEqual({ level: 3, careLevel: null, overridden: false });
    expect(result.period).toBe('night');
    expect(result.rulesRegionId).toBe('gotland');
    const first = result.suggestions[0]!;
    expect(first.unit.name).toBe('Akutmottagningen Visby lasarett (demo)');
    expect(first.ruleSource).toMatchObject({
      layer: 'region',
      id: 'gotland',
      path: 'levels.3.night',
      label: { sv: 'Regional regel Gotland v1' },
    });
    expect(first.openNow).toBe(true);
    expect(first.closesAt).toBeNull();
    expect(first.unit.todayHours.sv).toBe('dygnet runt');
    expect(first.distanceKm).toBeLessThan(2);
    expect(first.reasons.map((r) => r.sv)).toContain('Öppen dygnet runt');
    // At night on Gotland nothing but the akutmottagning fits level 3.
    expect(result.suggestions.every((s) => s.unit.careType === 'akutmottagning')).toBe(true);
    expect(result.fallback).toBeNull();
  });

  it('lists the exclusions only when asked, each with the first criterion it failed, nearest first', async () => {
    const stack = await signedInStack('gotland', AT);
    const caseId = await triagedCase(stack, triageRecord(3, 'narakut'));
    const plain = await stack.call<SuggestResult>('referral.suggest', { caseId, location: VISBY });
    expect(plain.excluded).toBeNull();
    expect(plain.excludedCount).toBeGreaterThan(0);

    const full = await stack.call<SuggestResult>('referral.suggest', {
      caseId,
      location: VISBY,
      includeExcluded: true,
    });
    expect(full.excluded).toHaveLength(full.excludedCount);
    const jourcentral = full.excluded!.find((e) => e.unit.name === 'Jourcentralen Visby (demo)')!;
    expect(jourcentral.criterion).toBe('care-type');
    expect(jourcentral.criterionLabel.sv).toBe('Vårdnivå');
    expect(jourcentral.reason.sv).toMatch(/Jourcentral används inte för Skyndsamt \(3\) under natt/);
    const distances = full.excluded!.map((e) => e.distanceKm);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('follows the nurse’s override: 3 raised to 2 suggests by the level-2 rules', async () => {
    const stack = await signedInStack('gotland', AT);
    const caseId = await triagedCase(
      stack,
      triageRecord(3, 'narakut', {
        fromLevel: 3,
        toLevel: 2,
        reasonCode: 'risk-factors',
        reasonText: 'Blodförtunnande läkemedel.',
        overriddenAt: sweden(AT).toISOString(),
      }),
    );
    const result = await stack.call<SuggestResult>('referral.suggest', {
      caseId,
      location: VISBY,
      ageYears: 70,
    });
    expect(result.disposition).toEqual({ level: 2, careLevel: null, overridden: true });
    expect(result.suggestions[0]!.unit.name).toBe('Akutmottagningen Visby lasarett (demo)');
    expect(result.suggestions[0]!.ruleSource?.label.sv).toBe('Nationell standard v1');
  });

  it('keeps a care level the protocol named (tandvårdsjour) instead of the region’s list, and offers the fallback when it is closed', async () => {
    const stack = await signedInStack('gotland', AT);
    const caseId = await triagedCase(stack, triageRecord(3, 'tandvardsjour'));
    const result = await stack.call<SuggestResult>('referral.suggest', { caseId, location: VISBY });
    expect(result.disposition.careLevel).toBe('tandvardsjour');
    // Tandvårdsjouren Gotland opens Sunday 10:00, beyond the few hours of level 3.
    expect(result.suggestions).toEqual([]);
    expect(result.fallback?.unit.name).toBe('Akutmottagningen Visby lasarett (demo)');
    expect(result.fallback?.reason.sv).toMatch(/Närmaste öppna akutmottagning .* föreslås som reserv/);
  });
});

describe('midsommarafton in Uppsala', () => {
  // Friday 19 June 2026, 11:00: midsommarafton is kept like a holiday (weekend rules, vårdcentraler closed).
  const AT = '2026-06-19 11:00';

  it('leaves every vårdcentral out for level 4, closed until Monday, and suggests what is open today', async () => {
    const stack = await signedInStack('uppsala', AT);
    const caseId = await triagedCase(stack, triageRecord(4, 'vardcentral'));
    const result = await stack.call<SuggestResult>('referral.suggest', {
      caseId,
      location: UPPSALA,
      ageYears: 40,
      includeExcluded: true,
      limit: 10,
    });
    expect(result.period).toBe('weekend');
    expect(result.suggestions.length).toBeGreaterThan(0);
    expect(result.suggestions.some((s) => s.unit.careType === 'vardcentral')).toBe(false);
    const vardcentraler = result.excluded!.filter((e) => e.unit.careType === 'vardcentral');
    expect(vardcentraler.length).toBeGreaterThan(0);
    expect(new Set(vardcentraler.map((e) => e.criterion))).toEqual(new Set(['open']));

    const narakut = result.suggestions.find((s) => s.unit.name === 'Närakuten Uppsala (demo)')!;
    expect(narakut.openNow).toBe(true);
    expect(narakut.unit.todayHours.sv).toBe('10:00–22:00');
    expect(narakut.closesAt).toBe(sweden('2026-06-19 22:00').toISOString());
  });

  it('sends level 3 to Närakuten Uppsala by the national weekend rule (Uppsala changes office hours only)', async () => {
    const stack = await signedInStack('uppsala', AT);
    const caseId = await triagedCase(stack, triageRecord(3, 'narakut'));
    const result = await stack.call<SuggestResult>('referral.suggest', {
      caseId,
      location: UPPSALA,
      ageYears: 40,
    });
    expect(result.suggestions[0]!.unit.name).toBe('Närakuten Uppsala (demo)');
    expect(result.suggestions[0]!.ruleSource).toMatchObject({ layer: 'national', path: 'levels.3.weekend' });
  });

  it('a week earlier, in office hours, Uppsala’s own rule puts the närakut first', async () => {
    const stack = await signedInStack('uppsala', '2026-06-12 10:00');
    const caseId = await triagedCase(stack, triageRecord(3, 'narakut'));
    const result = await stack.call<SuggestResult>('referral.suggest', {
      caseId,
      location: UPPSALA,
      ageYears: 40,
    });
    expect(result.period).toBe('office');
    expect(result.suggestions[0]!.unit.name).toBe('Närakuten Uppsala (demo)');
    expect(result.suggestions[0]!.ruleSource?.label.sv).toBe('Regional regel Uppsala v1');
  });
});

describe('what the nurse is told when a suggestion cannot be made', () => {
  it('refuses a case without a disposition, and a level-6 case gets the self-care notice', async () => {
    const stack = await signedInStack('gotland', '2026-06-13 23:30');
    const untriaged = await triagedCase(stack, null);
    const refused = await stack.fail('referral.suggest', { caseId: untriaged, location: VISBY });
    expect(refused.code).toBe('no_disposition');
    const selfCare = await triagedCase(stack, triageRecord(6, 'egenvard'));
    const result = await stack.call<SuggestResult>('referral.suggest', { caseId: selfCare, location: VISBY });
    expect(result.suggestions).toEqual([]);
    expect(result.notice?.code).toBe('self-care');
    expect(result.excludedCount).toBe(0);
  });

  it('refuses bad arguments with the field named, and an unknown case', async () => {
    const stack = await signedInStack('gotland', '2026-06-13 23:30');
    const caseId = await triagedCase(stack, triageRecord(3, 'narakut'));
    const badAge = await stack.fail('referral.suggest', { caseId, location: VISBY, ageYears: -1 });
    expect(badAge.code).toBe('invalid_arguments');
    expect(badAge.message).toMatch(/ageYears/);
    const badPlace = await stack.fail('referral.suggest', { caseId, location: { lat: 95, lon: 18 } });
    expect(badPlace.message).toMatch(/location.lat: latitude must be between -90 and 90/);
    const unknown = await stack.fail('referral.suggest', {
      caseId: '6f1c1a52-0000-4000-8000-000000000000',
      location: VISBY,
    });
    expect(unknown.code).toBe('not_found');
  });
});

describe('placing the patient and searching the catalog', () => {
  it('finds a locality by postcode or name (also without å, ä, ö), and says clearly when it is not there', async () => {
    const stack = await signedInStack('skane', '2026-06-12 10:00');
    const byPostcode = await stack.call<LocateResult>('referral.locate', { query: '222 21' });
    expect(byPostcode).toMatchObject({
      found: true,
      matchedBy: 'postcode',
      locality: { name: 'Lund', regionId: 'skane' },
    });
    const folded = await stack.call<LocateResult>('referral.locate', { query: 'vaxjo' });
    expect(folded).toMatchObject({
      found: true,
      locality: { name: 'Växjö', regionName: 'Region Kronoberg' },
    });
    const elsewhere = await stack.call<LocateResult>('referral.locate', { query: 'Visby' });
    expect(elsewhere).toEqual({
      found: false,
      reason: expect.objectContaining({
        sv: expect.stringMatching(/Orten "Visby" finns inte i ortstabellen/),
      }),
    });
    const empty = await stack.fail('referral.locate', { query: '  ' });
    expect(empty.code).toBe('invalid_arguments');
  });

  it('searches by name, town and care type in Swedish, without diacritics, nearest first', async () => {
    const stack = await signedInStack('skane', '2026-06-12 10:00');
    const { units } = await stack.call<{
      units: { unit: { name: string; careType: string }; distanceKm: number }[];
    }>('referral.search', { query: 'narakut', location: { lat: 55.7047, lon: 13.191 } });
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((u) => u.unit.careType === 'narakut')).toBe(true);
    const distances = units.map((u) => u.distanceKm);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    const malmo = await stack.call<{ units: { unit: { address: { locality: string } } }[] }>(
      'referral.search',
      {
        query: 'malmo',
      },
    );
    expect(malmo.units.length).toBeGreaterThan(0);
    expect(malmo.units.every((u) => JSON.stringify(u).includes('Malmö'))).toBe(true);
    const nothing = await stack.call<{ units: unknown[] }>('referral.search', { query: 'zzzz' });
    expect(nothing.units).toEqual([]);
  });
});
