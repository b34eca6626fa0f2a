// Capacity on the workstation: the region's units with their status from the cached catalog, a team lead setting and clearing a status through the backend, refusals, and referral following at once.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInStaff } from '../../../core/api/bridge';
import type { CapacityChange, CapacityOverview } from '../../../core/api/capacity';
import { nextSwedishClockTime } from '../../../core/api/capacity';
import type { SuggestResult } from '../../../core/api/referral';
import type { RegionId } from '../../../core/referral/catalog';
import { BridgeFailure } from '../../../main/services/bridge/dispatcher';
import { createHttpReferralBackend } from '../../../main/services/referral';
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
const AKUTEN_VISBY = 'SE2321000016-DGOT02';
const JOURCENTRALEN_VISBY = 'SE2321000016-DGOT04';
/** Saturday 13 June 2026, 23:30 in Visby: a night shift. */
const NIGHT = sweden('2026-06-13 23:30');
const HOUR_MS = 3_600_000;

function teamLeadOf(regionId: RegionId, hsaId: string, name: string): SignedInStaff {
  return { ...nurseOf(regionId, name, 'Teamledare'), hsaId, roles: ['nurse', 'team_lead'] };
}
const GOTLAND_LEAD = teamLeadOf('gotland', 'SE2321000016-GOTTL1', 'Ingrid Ljunggren');

type Stack = ReturnType<typeof referralStack>;
const stacks: Stack[] = [];

async function signedInStack(staff: SignedInStaff, at = NIGHT, regionId = staff.region.id as RegionId) {
  const backend = new FakeReferralBackend();
  backend.catalog = await demoCatalogResponse(regionId);
  backend.caller = staff.hsaId;
  const stack = referralStack({ staff, at, backend });
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
  await demoCatalogResponse('gotland');
});

describe('the capacity list', () => {
  it('lists the own region’s units only, by care type then name, with the status in force and who set it', async () => {
    const lead = teamLeadOf('skane', 'SE2321000016-SKATL1', 'Eva Lindblom');
    const stack = await signedInStack(lead, sweden('2026-06-15 10:00'));
    const overview = await stack.call<CapacityOverview>('capacity.overview', {});

    expect(overview.regionId).toBe('skane');
    expect(overview.regionName).toBe('Region Skåne');
    expect(overview.canChange).toBe(true);
    expect(overview.maxValidityHours).toBe(72);
    expect(overview.catalog.state).toBe('ready');
    // Skåne is served with Kronoberg's units (a neighbour), but a team lead sets only her own region's.
    expect(overview.units.length).toBeGreaterThan(5);
    expect(overview.units.every((unit) => unit.hsaId.startsWith('SE2321000016-DSKA'))).toBe(true);
    const types = overview.units.map((unit) => unit.careType);
    expect(types[0]).toBe('ambulans');
    expect(types.indexOf('vardcentral')).toBeGreaterThan(types.lastIndexOf('akutmottagning'));
    // The demo seed has Närakuten Malmö amber and Jourcentralen Ystad red, without expiry.
    const malmo = overview.units.find((unit) => unit.name === 'Närakuten Malmö (demo)')!;
    expect(malmo.state).toBe('amber');
    expect(malmo.capacity).toEqual({ status: 'amber', expiresAt: null, setBy: 'SE2321000016-DSKA90' });
    expect(malmo.careTypeLabel.sv).toBe('Närakut');
    expect(malmo.locality).toBe('Malmö');
    expect(overview.units.find((unit) => unit.name === 'Jourcentralen Ystad (demo)')!.state).toBe('red');
    const unset = overview.units.filter((unit) => unit.capacity === null);
    expect(unset.length).toBeGreaterThan(0);
    expect(unset.every((unit) => unit.state === 'unknown')).toBe(true);
  });

  it('is empty, saying why, before any catalog has reached the workstation', async () => {
    const backend = new FakeReferralBackend();
    backend.offline = true;
    const stack = referralStack({ staff: GOTLAND_LEAD, at: NIGHT, backend });
    stacks.push(stack);
    await stack.signIn();
    const overview = await stack.call<CapacityOverview>('capacity.overview', {});
    expect(overview.catalog.state).toBe('missing');
    expect(overview.catalog.offline).toBe(true);
    expect(overview.units).toEqual([]);
    expect(overview.canChange).toBe(true);
  });

  it('tells a nurse she cannot change capacity, and refuses her without asking the backend', async () => {
    const stack = await signedInStack(nurseOf('gotland'));
    const overview = await stack.call<CapacityOverview>('capacity.overview', {});
    expect(overview.canChange).toBe(false);
    expect(overview.units.length).toBeGreaterThan(0);

    const error = await stack.fail('capacity.set', {
      hsaId: AKUTEN_VISBY,
      status: 'red',
      validity: { kind: 'hours', hours: 2 },
    });
    expect(error.code).toBe('forbidden');
    expect(error.details).toMatchObject({
      sv: 'Bara teamledare och administratörer kan ändra en enhets kapacitet.',
    });
    expect((await stack.fail('capacity.clear', { hsaId: AKUTEN_VISBY })).code).toBe('forbidden');
    expect(stack.backend.capacityRequests).toEqual([]);
  });
});

describe('a team lead sets and clears a status', () => {
  it('sets a unit red for some hours: the backend gets it, the list and the suggestions follow at once', async () => {
    const stack = await signedInStack(GOTLAND_LEAD);
    const caseId = await triagedCase(stack, triageRecord(3, 'narakut'));
    const before = await stack.call<SuggestResult>('referral.suggest', { caseId, location: VISBY });
    expect(before.suggestions.map((s) => s.unit.hsaId)).toContain(AKUTEN_VISBY);
    const fetches = stack.backend.requests.length;

    const change = await stack.call<CapacityChange>('capacity.set', {
      hsaId: 'se2321000016-dgot02',
      status: 'red',
      validity: { kind: 'hours', hours: 4 },
    });
    const expiresAt = new Date(NIGHT.getTime() + 4 * HOUR_MS).toISOString();
    expect(stack.backend.capacityRequests).toEqual([
      { hsaId: AKUTEN_VISBY, request: { status: 'red', expiresAt } },
    ]);
    expect(change.unit).toMatchObject({
      hsaId: AKUTEN_VISBY,
      name: 'Akutmottagningen Visby lasarett (demo)',
      state: 'red',
      capacity: { status: 'red', expiresAt, setBy: GOTLAND_LEAD.hsaId },
    });
    // The catalog was fetched again (with the version it held), and the new one announced to the renderer.
    expect(stack.backend.requests.length).toBe(fetches + 1);
    expect(change.catalog.version).toBe(stack.backend.catalog!.version);
    expect(stack.emitted.some((e) => e.event === 'referral.catalogChanged')).toBe(true);

    const overview = await stack.call<CapacityOverview>('capacity.overview', {});
    expect(overview.units.find((unit) => unit.hsaId === AKUTEN_VISBY)!.state).toBe('red');

    // Red: the akutmottagning is left out of the nurses' suggestions, with capacity as the reason.
    const after = await stack.call<SuggestResult>('referral.suggest', {
      caseId,
      location: VISBY,
      includeExcluded: true,
    });
    expect(after.suggestions.map((s) => s.unit.hsaId)).not.toContain(AKUTEN_VISBY);
    const excluded = after.excluded!.find((e) => e.unit.hsaId === AKUTEN_VISBY)!;
    expect(excluded.criterion).toBe('capacity');

    // Cleared: unknown again (counted as green), and suggested again.
    const cleared = await stack.call<CapacityChange>('capacity.clear', { hsaId: AKUTEN_VISBY });
    expect(cleared.unit.state).toBe('unknown');
    expect(cleared.unit.capacity).toBeNull();
    expect(stack.backend.capacityRequests.at(-1)).toEqual({ hsaId: AKUTEN_VISBY, request: null });
    const again = await stack.call<SuggestResult>('referral.suggest', { caseId, location: VISBY });
    expect(again.suggestions.map((s) => s.unit.hsaId)).toContain(AKUTEN_VISBY);
  });

  it('sets a status until a given time, e.g. 07:00 when the night shift ends', async () => {
    const stack = await signedInStack(GOTLAND_LEAD);
    const until = nextSwedishClockTime(NIGHT, 7);
    expect(until.toISOString()).toBe(sweden('2026-06-14 07:00').toISOString());
    const change = await stack.call<CapacityChange>('capacity.set', {
      hsaId: JOURCENTRALEN_VISBY,
      status: 'amber',
      validity: { kind: 'until', until: until.toISOString() },
    });
    expect(change.unit.state).toBe('amber');
    expect(change.unit.capacity?.expiresAt).toBe(until.toISOString());

    // Once that time has passed the status no longer applies, but the list still shows what it was.
    stack.clock.set(sweden('2026-06-14 07:01').toISOString());
    const overview = await stack.call<CapacityOverview>('capacity.overview', {});
    const unit = overview.units.find((u) => u.hsaId === JOURCENTRALEN_VISBY)!;
    expect(unit.state).toBe('unknown');
    expect(unit.capacity?.status).toBe('amber');
  });

  it('refuses an end time in the past, or further ahead than the backend allows, before asking it', async () => {
    const stack = await signedInStack(GOTLAND_LEAD);
    const past = await stack.fail('capacity.set', {
      hsaId: AKUTEN_VISBY,
      status: 'red',
      validity: { kind: 'until', until: new Date(NIGHT.getTime() - 60_000).toISOString() },
    });
    expect(past.code).toBe('invalid_arguments');
    expect(past.details).toMatchObject({ sv: 'Sluttiden har redan passerat. Välj en tid framåt.' });

    const far = await stack.fail('capacity.set', {
      hsaId: AKUTEN_VISBY,
      status: 'red',
      validity: { kind: 'until', until: new Date(NIGHT.getTime() + 73 * HOUR_MS).toISOString() },
    });
    expect(far.code).toBe('invalid_arguments');
    expect(far.details).toMatchObject({ sv: 'En kapacitetsstatus gäller högst 72 timmar.' });

    const hours = await stack.fail('capacity.set', {
      hsaId: AKUTEN_VISBY,
      status: 'red',
      validity: { kind: 'hours', hours: 100 },
    });
    expect(hours.code).toBe('invalid_arguments');
    expect(hours.message).toMatch(/Högst 72 timmar/);

    const status = await stack.fail('capacity.set', {
      hsaId: AKUTEN_VISBY,
      status: 'black',
      validity: { kind: 'hours', hours: 1 },
    });
    expect(status.code).toBe('invalid_arguments');
    expect(status.message).toMatch(/grön, gul eller röd/);
    expect(stack.backend.capacityRequests).toEqual([]);
  });

  it('refuses a neighbouring region’s unit to a team lead, but lets an administrator ask the backend', async () => {
    const lead = teamLeadOf('kronoberg', 'SE2321000016-KROTL1', 'Margareta Engström');
    const stack = await signedInStack(lead, sweden('2026-06-15 10:00'));
    const error = await stack.fail('capacity.set', {
      hsaId: 'SE2321000016-DSKA09',
      status: 'green',
      validity: { kind: 'hours', hours: 1 },
    });
    expect(error.code).toBe('forbidden');
    expect(error.details).toMatchObject({
      sv: 'Närakuten Malmö (demo) hör till Region Skåne. Bara regionens egna teamledare kan ändra dess kapacitet.',
    });
    expect(stack.backend.capacityRequests).toEqual([]);

    const unknown = await stack.fail('capacity.clear', { hsaId: 'SE2321000016-DNOPE1' });
    expect(unknown.code).toBe('not_found');

    const admin: SignedInStaff = { ...lead, hsaId: 'SE2321000016-ADMIN1', roles: ['admin'] };
    const adminStack = await signedInStack(admin, sweden('2026-06-15 10:00'), 'kronoberg');
    const change = await adminStack.call<CapacityChange>('capacity.set', {
      hsaId: 'SE2321000016-DSKA09',
      status: 'green',
      validity: { kind: 'hours', hours: 1 },
    });
    expect(change.unit.state).toBe('green');
    expect(change.unit.capacity?.setBy).toBe('SE2321000016-ADMIN1');
  });

  it('passes on the backend’s own refusal (403) with its words', async () => {
    const stack = await signedInStack(GOTLAND_LEAD);
    const words =
      "Only a team lead of Region Gotland can change this unit's capacity; you are signed in for uppsala.";
    stack.backend.capacityRefusal = new BridgeFailure('forbidden', words);
    const error = await stack.fail('capacity.set', {
      hsaId: AKUTEN_VISBY,
      status: 'red',
      validity: { kind: 'hours', hours: 1 },
    });
    expect(error).toEqual({ code: 'forbidden', message: words });
  });

  it('is refused while the backend cannot be reached; the list keeps the cached states', async () => {
    const stack = await signedInStack(GOTLAND_LEAD);
    await stack.call('capacity.set', {
      hsaId: AKUTEN_VISBY,
      status: 'amber',
      validity: { kind: 'hours', hours: 2 },
    });
    stack.backend.offline = true;
    await stack.call('referral.refreshCatalog', {});

    const error = await stack.fail('capacity.set', {
      hsaId: AKUTEN_VISBY,
      status: 'red',
      validity: { kind: 'hours', hours: 2 },
    });
    expect(error.code).toBe('backend_unreachable');
    expect((await stack.fail('capacity.clear', { hsaId: AKUTEN_VISBY })).code).toBe('backend_unreachable');

    const overview = await stack.call<CapacityOverview>('capacity.overview', {});
    expect(overview.catalog.offline).toBe(true);
    expect(overview.catalog.fetchedAt).not.toBeNull();
    expect(overview.units.find((unit) => unit.hsaId === AKUTEN_VISBY)!.state).toBe('amber');
  });

  it('shows a confirmed change at once even when the refresh right after it fails', async () => {
    const stack = await signedInStack(GOTLAND_LEAD);
    const backend = stack.backend;
    const confirm = backend.setUnitCapacity.bind(backend);
    // The backend takes the change, then goes away before the workstation can fetch the new catalog.
    backend.setUnitCapacity = async (hsaId, request) => {
      const answer = await confirm(hsaId, request);
      backend.offline = true;
      return answer;
    };
    const caseId = await triagedCase(stack, triageRecord(3, 'narakut'));
    const change = await stack.call<CapacityChange>('capacity.set', {
      hsaId: AKUTEN_VISBY,
      status: 'red',
      validity: { kind: 'hours', hours: 1 },
    });
    expect(change.unit.state).toBe('red');
    expect(change.catalog.offline).toBe(true);
    const overview = await stack.call<CapacityOverview>('capacity.overview', {});
    expect(overview.units.find((unit) => unit.hsaId === AKUTEN_VISBY)!.state).toBe('red');
    const suggested = await stack.call<SuggestResult>('referral.suggest', { caseId, location: VISBY });
    expect(suggested.suggestions.map((s) => s.unit.hsaId)).not.toContain(AKUTEN_VISBY);

    // Back online, the next refresh brings the backend's whole catalog (its version moved on).
    backend.offline = false;
    const status = await stack.call<{ version: string }>('referral.refreshCatalog', {});
    expect(status.version).toBe(backend.catalog!.version);
  });
});

describe('the capacity routes over HTTP', () => {
  function httpBackend(answer: (url: URL, init: RequestInit) => Response | Promise<Response>) {
    const calls: { url: URL; init: RequestInit }[] = [];
    const backend = createHttpReferralBackend({
      baseUrl: 'http://backend.test:8080',
      accessToken: () => Promise.resolve('access-token'),
      fetch: (input, init) => {
        const url = new URL(String(input));
        calls.push({ url, init: init! });
        return Promise.resolve(answer(url, init!));
      },
    });
    return { backend, calls };
  }
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const confirmed = {
    hsaId: AKUTEN_VISBY,
    regionId: 'gotland',
    capacity: { status: 'red', expiresAt: '2026-06-14T05:00:00.000Z', setBy: 'SE2321000016-GOTTL1' },
    catalogVersion: 7,
  };

  it('PUTs the status with the session’s token, and DELETEs to clear', async () => {
    const { backend, calls } = httpBackend((_url, init) =>
      json(200, init.method === 'DELETE' ? { ...confirmed, capacity: null, catalogVersion: 8 } : confirmed),
    );
    const answer = await backend.setUnitCapacity(AKUTEN_VISBY, {
      status: 'red',
      expiresAt: '2026-06-14T05:00:00.000Z',
    });
    expect(answer).toEqual(confirmed);
    expect(calls[0]!.url.pathname).toBe(`/api/v1/catalog/units/${AKUTEN_VISBY}/capacity`);
    expect(calls[0]!.init.method).toBe('PUT');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      status: 'red',
      expiresAt: '2026-06-14T05:00:00.000Z',
    });
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer access-token');

    const cleared = await backend.clearUnitCapacity(AKUTEN_VISBY);
    expect(cleared.capacity).toBeNull();
    expect(calls[1]!.init.method).toBe('DELETE');
    expect(calls[1]!.init.body).toBeUndefined();
  });

  it('maps the backend’s refusals: 403 keeps its words, 400 is bad input, 404 not found, no answer is unreachable', async () => {
    const refusal =
      "Only a team lead of Region Gotland can change this unit's capacity; you are signed in for uppsala.";
    const cases: [Response | Error, string, RegExp][] = [
      [
        json(403, { error: { code: 'forbidden', message: refusal } }),
        'forbidden',
        /Only a team lead of Region Gotland/,
      ],
      [
        json(400, {
          error: { code: 'bad_request', message: 'Invalid request body: expiresAt must be in the future.' },
        }),
        'invalid_arguments',
        /expiresAt must be in the future/,
      ],
      [
        json(404, { error: { code: 'not_found', message: 'No care unit with HSA-id X.' } }),
        'not_found',
        /No care unit/,
      ],
      [new TypeError('fetch failed'), 'backend_unreachable', /could not be reached/],
      [json(200, { hsaId: AKUTEN_VISBY }), 'backend_error', /did not match the contract/],
    ];
    for (const [answer, code, message] of cases) {
      const backend = createHttpReferralBackend({
        baseUrl: 'http://backend.test:8080',
        accessToken: () => Promise.resolve('access-token'),
        fetch: () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)),
      });
      const error = await backend
        .setUnitCapacity(AKUTEN_VISBY, { status: 'red', expiresAt: '2026-06-14T05:00:00.000Z' })
        .then(
          () => null,
          (failure: unknown) => failure,
        );
      expect(error).toBeInstanceOf(BridgeFailure);
      expect((error as BridgeFailure).code).toBe(code);
      expect((error as BridgeFailure).message).toMatch(message);
    }
  });
});
