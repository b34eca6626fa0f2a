// Demo seed: ten regions with two nurses and a team lead each plus one admin, idempotent, sign-in with the demo password.
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import { hashPassword } from '../../../backend/src/auth/passwords';
import { DEMO_PASSWORD, DEMO_REGIONS, DEMO_STAFF, seedDemoData } from '../../../backend/src/seed/demoStaff';
import { describeEachEngine, postJson, startTestBackend } from '../support/testBackend';
import type { TestBackend } from '../support/testBackend';

describeEachEngine('demo seed', (engine) => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend(engine, { seedDemo: true });
  });
  afterAll(() => backend?.close());

  it('creates the ten demo regions with their Swedish names', async () => {
    const regions = await backend.db.selectFrom('region').selectAll().orderBy('id').execute();
    expect(regions).toHaveLength(10);
    expect(regions).toEqual(
      expect.arrayContaining([
        { id: 'jonkoping', name: 'Region Jönköpings län' },
        { id: 'skane', name: 'Region Skåne' },
        { id: 'orebro', name: 'Region Örebro län' },
        { id: 'ostergotland', name: 'Region Östergötland' },
        { id: 'vasternorrland', name: 'Region Västernorrland' },
      ]),
    );
  });

  it('gives every region two nurses and a team lead with the documented HSA-ids, plus one admin', async () => {
    const staff = await backend.db
      .selectFrom('staff')
      .select(['hsa_id', 'title', 'roles', 'region_id'])
      .execute();
    expect(staff).toHaveLength(DEMO_REGIONS.length * 3 + 1);
    for (const region of DEMO_REGIONS) {
      const inRegion = staff.filter(
        (member) => member.region_id === region.id && !member.roles.includes('admin'),
      );
      expect(inRegion.map((member) => member.hsa_id).sort()).toEqual(
        ['N1', 'N2', 'TL1'].map((suffix) => `SE2321000016-${region.code}${suffix}`),
      );
      expect(
        inRegion.filter((member) => member.roles.includes('team_lead')).map((member) => member.title),
      ).toEqual(['Teamledare, sjuksköterska']);
    }
    expect(staff.filter((member) => member.roles.includes('admin')).map((member) => member.hsa_id)).toEqual([
      'SE2321000016-ADMIN1',
    ]);
  });

  it('lets a demo nurse and the admin sign in with the demo password', async () => {
    for (const hsaId of ['SE2321000016-OSTN2', 'SE2321000016-ADMIN1']) {
      const response = await postJson(backend, BACKEND_ROUTES.signIn, { hsaId, password: DEMO_PASSWORD });
      expect(response.statusCode, hsaId).toBe(200);
      const { staff } = SessionTokensResponseSchema.parse(response.json());
      const listed = DEMO_STAFF.find((member) => member.hsaId === hsaId);
      expect(staff).toMatchObject({ hsaId, name: listed?.name, title: listed?.title, roles: listed?.roles });
    }
  });

  it('is idempotent and never overwrites a password that was changed', async () => {
    const changed = await hashPassword('ett-eget-losenord');
    await backend.db
      .updateTable('staff')
      .set({ password_hash: changed })
      .where('hsa_id', '=', 'SE2321000016-KALN1')
      .execute();
    expect(await seedDemoData(backend.db)).toEqual({ staffCreated: 0 });
    const count = await backend.db
      .selectFrom('staff')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(DEMO_STAFF.length);
    const kept = await backend.db
      .selectFrom('staff')
      .select('password_hash')
      .where('hsa_id', '=', 'SE2321000016-KALN1')
      .executeTakeFirstOrThrow();
    expect(kept.password_hash).toBe(changed);
  });

  it('matches the demo accounts listed in the README', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(DEMO_PASSWORD);
    const lines = readme.split('\n');
    for (const member of DEMO_STAFF) {
      // Each person's line carries their HSA-id (in full or as "…-DALN2").
      const line = lines.find((text) => text.includes(member.name)) ?? '';
      expect(line, member.name).toContain(member.hsaId.split('-')[1]);
    }
  });

  it('writes no demo password or hash to the log', () => {
    expect(backend.logs.text).toContain('demo regions and staff in place');
    expect(backend.logs.text).not.toContain(DEMO_PASSWORD);
    expect(backend.logs.text).not.toContain('scrypt$');
  });
});
