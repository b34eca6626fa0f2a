// The catalog on the workstation: cached on disk per region, used offline with its age shown, refreshed periodically and on catalog.changed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogStatus, SuggestResult } from '../../../core/api/referral';
import { CATALOG_CHANGED_EVENT } from '../../../core/backend-api/catalog';
import { CatalogCache } from '../../../main/services/referral';
import { ReferralCatalog } from '../../../main/services/referral/referralCatalog';
import { sweden } from '../../core/referral/support/time';
import { tempProfile } from '../cases/support';
import {
  demoCatalogResponse,
  FakeChannel,
  FakeReferralBackend,
  nurseOf,
  referralStack,
  triagedCase,
  triageRecord,
} from './support';

const VISBY = { lat: 57.6348, lon: 18.2948 };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function profile() {
  const dir = tempProfile();
  cleanups.push(dir.remove);
  return dir.dir;
}

function stackFor(options: Parameters<typeof referralStack>[0]) {
  const stack = referralStack(options);
  cleanups.push(async () => {
    stack.referral.stop();
    await stack.stores.close();
  });
  return stack;
}

describe('the catalog cache on disk', () => {
  it('writes the region’s catalog atomically and reads back exactly what was written', async () => {
    const dir = profile();
    const cache = new CatalogCache(path.join(dir, 'catalog'));
    const catalog = await demoCatalogResponse('gotland');
    await cache.write({ regionId: 'gotland', fetchedAt: '2026-06-13T20:00:00.000Z', catalog });
    expect(readdirSync(path.join(dir, 'catalog'))).toEqual(['gotland.json']);
    const read = await cache.read('gotland');
    expect(read).toEqual({
      kind: 'found',
      cached: { regionId: 'gotland', fetchedAt: '2026-06-13T20:00:00.000Z', catalog },
    });
    expect(await cache.read('uppsala')).toEqual({ kind: 'missing' });
  });

  it('ignores a damaged file (half written, wrong region, invalid unit) rather than ranking with it', async () => {
    const dir = profile();
    const cache = new CatalogCache(path.join(dir, 'catalog'));
    const catalog = await demoCatalogResponse('gotland');
    await cache.write({ regionId: 'gotland', fetchedAt: '2026-06-13T20:00:00.000Z', catalog });
    const file = cache.fileFor('gotland');
    const text = readFileSync(file, 'utf8');

    writeFileSync(file, text.slice(0, text.length / 2));
    expect(await cache.read('gotland')).toEqual({ kind: 'unusable', problem: 'not valid JSON' });

    writeFileSync(file, text.replace('"regionId":"gotland"', '"regionId":"uppsala"'));
    expect((await cache.read('gotland')).kind).toBe('unusable');

    writeFileSync(file, text.replace("'24/7'", '').replace('"24/7"', '"Mo-Fr 25:00-26:00"'));
    const broken = await cache.read('gotland');
    expect(broken.kind).toBe('unusable');
    if (broken.kind === 'unusable') expect(broken.problem).toMatch(/openingHours/);
  });
});

describe('refreshing', () => {
  it('fetches at sign-in, writes the cache, then sends its version and hears "unchanged"', async () => {
    const dir = profile();
    const backend = new FakeReferralBackend();
    backend.catalog = await demoCatalogResponse('gotland');
    const stack = stackFor({
      staff: nurseOf('gotland'),
      at: sweden('2026-06-13 22:00'),
      profileDir: dir,
      backend,
    });
    await stack.signIn();
    expect(backend.requests).toEqual([null]);
    stack.clock.advance(60_000);
    await stack.call('referral.refreshCatalog', {});
    expect(backend.requests).toEqual([null, backend.catalog.version]);
    const status = await stack.call<CatalogStatus>('referral.catalogStatus', {});
    expect(status).toMatchObject({
      state: 'ready',
      regionId: 'gotland',
      source: 'backend',
      offline: false,
      fetchedAt: sweden('2026-06-13 22:00').toISOString(),
      confirmedAt: sweden('2026-06-13 22:01').toISOString(),
      unitCount: backend.catalog.regions[0]!.units.length,
      regions: [{ regionId: 'gotland', name: 'Region Gotland', neighbour: false }],
    });
    const onDisk = await new CatalogCache(path.join(dir, 'catalog')).read('gotland');
    expect(onDisk.kind).toBe('found');
    expect(stack.emitted.some((e) => e.event === 'referral.catalogChanged')).toBe(true);
  });

  it('refreshes on catalog.changed and when the live channel opens again, and tells the screen', async () => {
    const backend = new FakeReferralBackend();
    backend.catalog = await demoCatalogResponse('gotland', 'v1');
    const channel = new FakeChannel();
    const stack = stackFor({ staff: nurseOf('gotland'), at: sweden('2026-06-13 22:00'), backend, channel });
    await stack.signIn();
    const asked = backend.requests.length;

    // A team lead turns the akutmottagning red: the backend says so, the workstation fetches the new version.
    const next = await demoCatalogResponse('gotland', 'v2');
    const unit = next.regions[0]!.units.find((u) => u.name === 'Akutmottagningen Visby lasarett (demo)')!;
    unit.capacity = { status: 'red', expiresAt: '2026-06-14T06:00:00.000Z', setBy: 'SE2321000016-GOTTL1' };
    backend.catalog = next;
    stack.emitted.length = 0;
    channel.fire(CATALOG_CHANGED_EVENT, 'gotland', { regionId: 'gotland', version: 2, hsaId: unit.hsaId });
    await stack.referral.catalog.refresh();
    expect(backend.requests.length).toBe(asked + 1);
    expect(stack.referral.catalog.status.version).toBe('gotland-v2');
    const changed = stack.emitted.filter((e) => e.event === 'referral.catalogChanged');
    expect(changed.at(-1)?.payload).toMatchObject({ version: 'gotland-v2' });

    // The red status is in force for the ranking at once: level 2 now falls back, with the red noted.
    const caseId = await triagedCase(stack, triageRecord(2, 'akutmottagning'));
    const result = await stack.call<SuggestResult>('referral.suggest', {
      caseId,
      location: VISBY,
      ageYears: 50,
    });
    expect(result.suggestions).toEqual([]);
    expect(result.fallback?.reason.sv).toMatch(/röd kapacitet, ring före/);

    channel.open();
    await stack.referral.catalog.refresh();
    expect(backend.requests.length).toBe(asked + 2);
  });

  it('refreshes periodically while signed in, and stops at sign-out', async () => {
    const backend = new FakeReferralBackend();
    backend.catalog = await demoCatalogResponse('gotland');
    const catalog = new ReferralCatalog({ backend, cache: null, refreshIntervalMs: 20 });
    cleanups.push(() => catalog.stop());
    await catalog.signedIn('gotland');
    const before = backend.requests.length;
    // Two more requests with no one asking: the timer keeps going (a busy machine may delay it).
    const deadline = Date.now() + 10_000;
    while (backend.requests.length <= before + 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(backend.requests.length).toBeGreaterThan(before + 1);
    catalog.signedOut();
    expect(catalog.status.state).toBe('missing');
    const after = backend.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(backend.requests.length).toBe(after);
  });
});

describe('offline', () => {
  it('works from the cached catalog when the backend is down, saying from when it is', async () => {
    const dir = profile();
    const online = new FakeReferralBackend();
    online.catalog = await demoCatalogResponse('gotland');
    const first = stackFor({
      staff: nurseOf('gotland'),
      at: sweden('2026-06-13 18:05'),
      profileDir: dir,
      backend: online,
    });
    await first.signIn();
    first.referral.stop();
    await first.stores.close();

    // Later that night the workstation restarts while the regional backend is unreachable.
    const down = new FakeReferralBackend();
    down.offline = true;
    const second = stackFor({
      staff: nurseOf('gotland'),
      at: sweden('2026-06-13 23:30'),
      profileDir: dir,
      backend: down,
    });
    await second.signIn();
    const status = await second.call<CatalogStatus>('referral.catalogStatus', {});
    expect(status).toMatchObject({
      state: 'ready',
      source: 'cache',
      offline: true,
      fetchedAt: sweden('2026-06-13 18:05').toISOString(),
      problem: 'The regional backend could not be reached.',
    });
    const caseId = await triagedCase(second, triageRecord(3, 'narakut'));
    const result = await second.call<SuggestResult>('referral.suggest', { caseId, location: VISBY });
    expect(result.suggestions[0]!.unit.name).toBe('Akutmottagningen Visby lasarett (demo)');
    expect(result.catalog.offline).toBe(true);

    // Back online: the next refresh confirms the cached version and clears the offline mark.
    down.offline = false;
    down.catalog = online.catalog;
    const back = await second.call<CatalogStatus>('referral.refreshCatalog', {});
    expect(back).toMatchObject({ offline: false, source: 'backend', problem: null });
    expect(down.requests.at(-1)).toBe(online.catalog.version);
  });

  it('says clearly that referral cannot work yet when nothing was ever fetched and the backend is down', async () => {
    const down = new FakeReferralBackend();
    down.offline = true;
    const stack = stackFor({ staff: nurseOf('gotland'), at: sweden('2026-06-13 23:30'), backend: down });
    await stack.signIn();
    const caseId = await triagedCase(stack, triageRecord(3, 'narakut'));
    const refused = await stack.fail('referral.suggest', { caseId, location: VISBY });
    expect(refused.code).toBe('catalog_unavailable');
    expect(refused.message).toMatch(/No service catalog on this workstation yet.*could not be reached/);
    expect((await stack.fail('referral.locate', { query: 'Visby' })).code).toBe('catalog_unavailable');
  });

  it('a nurse of another region after sign-out gets her own region, never the previous one', async () => {
    const dir = profile();
    const backend = new FakeReferralBackend();
    backend.catalog = await demoCatalogResponse('gotland');
    const catalog = new ReferralCatalog({ backend, cache: new CatalogCache(path.join(dir, 'catalog')) });
    cleanups.push(() => catalog.stop());
    await catalog.signedIn('gotland');
    catalog.signedOut();
    backend.offline = true;
    await catalog.signedIn('uppsala');
    expect(catalog.status).toMatchObject({ state: 'missing', regionId: 'uppsala', offline: true });
  });
});
