// Service catalog on the backend: seeded from resources, served per region with neighbours, "unchanged" answers, capacity with expiry and roles.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiErrorSchema, BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import {
  CATALOG_CHANGED_EVENT,
  CATALOG_ROUTES,
  CapacityResponseSchema,
  CatalogResponseSchema,
  unitCapacityPath,
  type CatalogChangedResponse,
} from '../../../core/backend-api/catalog';
import type { StaffRole } from '../../../core/backend-api/auth';
import { readCatalogResources } from '../../../backend/src/catalog/resources';
import { seedCatalog } from '../../../backend/src/catalog/seed';
import {
  createTestStaff,
  describeEachEngine,
  getWithToken,
  postJson,
  startTestBackend,
  type TestBackend,
} from '../support/testBackend';

const HOUR = 3_600_000;

async function signIn(backend: TestBackend, regionId: string, roles: StaffRole[] = ['nurse']) {
  const account = await createTestStaff(backend, { regionId, roles });
  const response = await postJson(backend, BACKEND_ROUTES.signIn, {
    hsaId: account.hsaId,
    password: account.password,
  });
  const session = SessionTokensResponseSchema.parse(response.json());
  return { hsaId: session.staff.hsaId, token: session.accessToken };
}

async function fetchCatalog(backend: TestBackend, token: string, knownVersion?: string) {
  const query = knownVersion === undefined ? '' : `?knownVersion=${encodeURIComponent(knownVersion)}`;
  const response = await getWithToken(backend, `${CATALOG_ROUTES.catalog}${query}`, token);
  expect(response.statusCode, response.body).toBe(200);
  return CatalogResponseSchema.parse(response.json());
}

async function changedCatalog(backend: TestBackend, token: string): Promise<CatalogChangedResponse> {
  const catalog = await fetchCatalog(backend, token);
  if (catalog.status !== 'changed') throw new Error('expected a full catalog');
  return catalog;
}

function putCapacity(backend: TestBackend, token: string, hsaId: string, body: unknown) {
  return backend.app.inject({
    method: 'PUT',
    url: unitCapacityPath(hsaId),
    headers: { authorization: `Bearer ${token}` },
    payload: body as object,
  });
}

// Skånes universitetssjukhus Lund's akutmottagning in the demo catalog, and a Kronoberg unit.
const SKANE_UNIT = 'SE2321000016-DSKA02';

describeEachEngine('service catalog', (engine) => {
  let backend: TestBackend;
  let nurse: { hsaId: string; token: string };

  beforeAll(async () => {
    backend = await startTestBackend(engine, { logLevel: 'info' });
    nurse = await signIn(backend, 'skane');
  });
  afterAll(async () => {
    await backend?.close();
  });

  describe('seeded from the resource files', () => {
    it('serves a Skåne nurse her region first, then Kronoberg across the border, each as its file lists it', async () => {
      const resources = await readCatalogResources();
      const catalog = await changedCatalog(backend, nurse.token);
      expect(catalog.regionId).toBe('skane');
      expect(catalog.regions.map((r) => [r.regionId, r.neighbour])).toEqual([
        ['skane', false],
        ['kronoberg', true],
      ]);
      const skane = catalog.regions[0]!;
      const file = resources.catalogs.get('skane')!;
      expect(skane.resourceVersion).toBe(file.version);
      expect(skane.units.map((u) => u.hsaId).sort()).toEqual(file.units.map((u) => u.hsaId).sort());
      // Every unit round-trips exactly as the file describes it (capacity from the file included).
      const byId = new Map(skane.units.map((u) => [u.hsaId, u]));
      for (const unit of file.units) expect(byId.get(unit.hsaId)).toEqual(unit);
      expect(
        skane.units
          .filter((u) => u.capacity !== null)
          .map((u) => u.capacity!.status)
          .sort(),
      ).toEqual(['amber', 'red']);
    });

    it('sends the national rules and the rules of each region served, and only their localities', async () => {
      const catalog = await changedCatalog(backend, nurse.token);
      expect(catalog.rules.national.layer).toBe('national');
      expect(catalog.rules.regions.map((r) => r.regionId)).toEqual(['skane', 'kronoberg']);
      const regions = new Set(catalog.localities.localities.map((l) => l.regionId));
      expect(regions).toEqual(new Set(['skane', 'kronoberg']));
      expect(catalog.localities.localities.some((l) => l.name === 'Lund')).toBe(true);
      expect(catalog.localities.localities.some((l) => l.name === 'Visby')).toBe(false);
    });

    it('answers "unchanged" for the version the workstation holds, and the full catalog for any other', async () => {
      const first = await changedCatalog(backend, nurse.token);
      const again = await fetchCatalog(backend, nurse.token, first.version);
      expect(again).toEqual({ status: 'unchanged', version: first.version, regionId: 'skane' });
      const stale = await fetchCatalog(backend, nurse.token, 'for=skane;c=skane:0');
      expect(stale.status).toBe('changed');
    });

    it('gives a Gotland nurse Gotland alone (no land border) and refuses a region without a catalog', async () => {
      const gotland = await signIn(backend, 'gotland');
      const catalog = await changedCatalog(backend, gotland.token);
      expect(catalog.regions.map((r) => r.regionId)).toEqual(['gotland']);
      const elsewhere = await signIn(backend, 'testregion');
      const refused = await getWithToken(backend, CATALOG_ROUTES.catalog, elsewhere.token);
      expect(refused.statusCode).toBe(404);
      expect(ApiErrorSchema.parse(refused.json()).error.message).toMatch(
        /no service catalog for your region/,
      );
    });

    it('needs a signed-in caller and refuses a bad knownVersion with the field named', async () => {
      const anonymous = await backend.app.inject({ method: 'GET', url: CATALOG_ROUTES.catalog });
      expect(anonymous.statusCode).toBe(401);
      const bad = await getWithToken(backend, `${CATALOG_ROUTES.catalog}?knownVersion=`, nurse.token);
      expect(bad.statusCode).toBe(400);
      expect(ApiErrorSchema.parse(bad.json()).error.issues?.[0]?.path).toBe('knownVersion');
    });

    it('seeds again only what is missing or newer: the same files change nothing', async () => {
      const before = await changedCatalog(backend, nurse.token);
      const outcome = await seedCatalog(backend.db, await readCatalogResources(), backend.clock.now());
      expect(outcome).toEqual({
        regionsSeeded: [],
        ruleLayersAdded: [],
        localitiesSeeded: false,
        warnings: [],
      });
      const after = await fetchCatalog(backend, nurse.token, before.version);
      expect(after.status).toBe('unchanged');
    });
  });

  describe('capacity', () => {
    let lead: { hsaId: string; token: string };
    beforeAll(async () => {
      lead = await signIn(backend, 'skane', ['nurse', 'team_lead']);
    });

    it('lets a team lead of the region set red with an expiry; the version moves and both audiences are told', async () => {
      const before = await changedCatalog(backend, nurse.token);
      const publish = vi.spyOn(backend.context.events, 'publish');
      const expiresAt = new Date(backend.clock.now().getTime() + 2 * HOUR).toISOString();
      const response = await putCapacity(backend, lead.token, SKANE_UNIT.toLowerCase(), {
        status: 'red',
        expiresAt,
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = CapacityResponseSchema.parse(response.json());
      expect(body).toMatchObject({
        hsaId: SKANE_UNIT,
        regionId: 'skane',
        capacity: { status: 'red', expiresAt, setBy: lead.hsaId },
      });
      expect(body.catalogVersion).toBe(before.regions[0]!.version + 1);
      // Skåne's and Kronoberg's nurses both see Skåne's units.
      expect(publish.mock.calls.map(([event]) => [event.type, event.regionId]).sort()).toEqual([
        [CATALOG_CHANGED_EVENT, 'kronoberg'],
        [CATALOG_CHANGED_EVENT, 'skane'],
      ]);
      expect(publish.mock.calls[0]![0].payload).toEqual({
        regionId: 'skane',
        version: body.catalogVersion,
        hsaId: SKANE_UNIT,
      });
      publish.mockRestore();

      const changed = await fetchCatalog(backend, nurse.token, before.version);
      if (changed.status !== 'changed') throw new Error('the capacity change must change the catalog');
      const unit = changed.regions[0]!.units.find((u) => u.hsaId === SKANE_UNIT)!;
      expect(unit.capacity).toEqual({ status: 'red', expiresAt, setBy: lead.hsaId });
    });

    it('clears a status on DELETE, back to unknown', async () => {
      const response = await backend.app.inject({
        method: 'DELETE',
        url: unitCapacityPath(SKANE_UNIT),
        headers: { authorization: `Bearer ${lead.token}` },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(CapacityResponseSchema.parse(response.json()).capacity).toBeNull();
      const catalog = await changedCatalog(backend, nurse.token);
      expect(catalog.regions[0]!.units.find((u) => u.hsaId === SKANE_UNIT)!.capacity).toBeNull();
    });

    it('refuses a nurse, a team lead of another region, and lets an admin anywhere', async () => {
      const expiresAt = new Date(backend.clock.now().getTime() + HOUR).toISOString();
      const asNurse = await putCapacity(backend, nurse.token, SKANE_UNIT, { status: 'amber', expiresAt });
      expect(asNurse.statusCode).toBe(403);
      const otherLead = await signIn(backend, 'kronoberg', ['nurse', 'team_lead']);
      const asOther = await putCapacity(backend, otherLead.token, SKANE_UNIT, { status: 'amber', expiresAt });
      expect(asOther.statusCode).toBe(403);
      expect(ApiErrorSchema.parse(asOther.json()).error.message).toMatch(/team lead of Region Skåne/);
      const admin = await signIn(backend, 'dalarna', ['admin']);
      const asAdmin = await putCapacity(backend, admin.token, SKANE_UNIT, { status: 'amber', expiresAt });
      expect(asAdmin.statusCode, asAdmin.body).toBe(200);
    });

    it('keeps a status set by a person when the resource files are seeded again with a newer version', async () => {
      const expiresAt = new Date(backend.clock.now().getTime() + HOUR).toISOString();
      expect(
        (await putCapacity(backend, lead.token, SKANE_UNIT, { status: 'red', expiresAt })).statusCode,
      ).toBe(200);
      const resources = await readCatalogResources();
      const skane = resources.catalogs.get('skane')!;
      const removed = skane.units.at(-1)!;
      const newer = {
        ...resources,
        catalogs: new Map([
          ['skane', { ...skane, version: skane.version + 1, units: skane.units.slice(0, -1) }] as const,
        ]),
      };
      const outcome = await seedCatalog(backend.db, newer, backend.clock.now());
      expect(outcome.regionsSeeded).toEqual(['skane']);
      const catalog = await changedCatalog(backend, nurse.token);
      expect(catalog.regions[0]!.resourceVersion).toBe(skane.version + 1);
      const units = catalog.regions[0]!.units;
      expect(units.some((u) => u.hsaId === removed.hsaId)).toBe(false);
      expect(units.find((u) => u.hsaId === SKANE_UNIT)!.capacity).toMatchObject({ status: 'red', expiresAt });
      // The older file no longer replaces what the database has.
      const older = await seedCatalog(backend.db, resources, backend.clock.now());
      expect(older.regionsSeeded).toEqual([]);
      expect(older.warnings.join()).toMatch(
        /skane catalog in the database \(v2\) is newer than its file \(v1\)/,
      );
    });

    it('warns when a rules file changed without a new version, and keeps the stored version', async () => {
      const resources = await readCatalogResources();
      const changed = { ...resources, national: { ...resources.national, maxDistanceKm: 99 } };
      const outcome = await seedCatalog(backend.db, changed, backend.clock.now());
      expect(outcome.ruleLayersAdded).toEqual([]);
      expect(outcome.warnings.join()).toMatch(/national rules file changed but still says version 1/);
      const catalog = await changedCatalog(backend, nurse.token);
      expect(catalog.rules.national.maxDistanceKm).toBe(resources.national.maxDistanceKm);
    });

    it.each([
      [{ status: 'purple', expiresAt: '2026-03-02T12:00:00Z' }, 'status', /green, amber or red/],
      [{ status: 'red' }, 'expiresAt', /ISO date-time/],
      [{ status: 'red', expiresAt: 'tomorrow' }, 'expiresAt', /ISO date-time/],
      [{ status: 'red', expiresAt: '2026-03-02T07:00:00Z' }, 'expiresAt', /in the future/],
      [{ status: 'red', expiresAt: '2026-03-09T07:00:00Z' }, 'expiresAt', /at most 72 hours/],
      [
        { status: 'red', expiresAt: '2026-03-02T12:00:00Z', note: 'x' },
        '',
        /unknown field note; send only status and expiresAt/,
      ],
    ])('refuses %j naming the field', async (body, field, message) => {
      const response = await putCapacity(backend, lead.token, SKANE_UNIT, body);
      expect(response.statusCode).toBe(400);
      const error = ApiErrorSchema.parse(response.json()).error;
      expect(error.issues?.[0]?.path).toBe(field);
      expect(error.message).toMatch(message);
    });

    it('answers 400 for a malformed HSA-id and 404 for an unknown unit', async () => {
      const expiresAt = new Date(backend.clock.now().getTime() + HOUR).toISOString();
      const malformed = await putCapacity(backend, lead.token, 'not-an-id', { status: 'red', expiresAt });
      expect(malformed.statusCode).toBe(400);
      expect(ApiErrorSchema.parse(malformed.json()).error.issues?.[0]?.path).toBe('hsaId');
      const unknown = await putCapacity(backend, lead.token, 'SE2321000016-DNONE99', {
        status: 'red',
        expiresAt,
      });
      expect(unknown.statusCode).toBe(404);
    });
  });
});
