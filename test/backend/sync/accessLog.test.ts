// Backend access log: workstation entries arrive through sync, pulls are logged, team leads list their region, admins all; append-only.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../../core/backend-api/auth';
import {
  AccessLogResponseSchema,
  PushResponseSchema,
  SYNC_ROUTES,
  type AccessLogResponse,
} from '../../../core/backend-api/sync';
import { describeEachEngine, getWithToken, startTestBackend, type TestBackend } from '../support/testBackend';
import {
  caseWithNotes,
  memoryStore,
  newCase,
  signedInNurse,
  type TestNurse,
} from '../../sync/support/syncFixtures';

describeEachEngine('access log', (engine) => {
  let backend: TestBackend;
  let anna: TestNurse;
  let bo: TestNurse;
  let patientNumber: string;
  let caseId: string;

  async function extract(viewer: TestNurse, personnummer: string) {
    return getWithToken(
      backend,
      `${SYNC_ROUTES.accessLog}?personnummer=${encodeURIComponent(personnummer)}`,
      viewer.token,
    );
  }

  beforeAll(async () => {
    backend = await startTestBackend(engine, { logLevel: 'silent' });
    anna = await signedInNurse(backend, { regionId: 'skane' });
    bo = await signedInNurse(backend, { regionId: 'skane' });
    // Anna documents a case and opens it (logged on her workstation), then syncs.
    const store = memoryStore(backend.clock.now);
    const written = caseWithNotes(store, anna, 1);
    caseId = written.case.id;
    patientNumber = written.case.patient.normalized as string;
    store.openCase(caseId, { actor: anna.staff, careUnitHsaId: 'SE2321000016-1177SKANE' });
    const items = store.outbox.nextBatch(2000);
    expect(items.some((item) => item.entity === 'access-log')).toBe(true);
    const pushed = await backend.app.inject({
      method: 'POST',
      url: SYNC_ROUTES.push,
      headers: { authorization: `Bearer ${anna.token}` },
      payload: { deviceId: store.deviceId, items },
    });
    expect(PushResponseSchema.parse(pushed.json()).rejected).toEqual([]);
    // Bo's workstation pulls the case a second later: a read on the backend, logged there.
    backend.clock.advance(1000);
    const pulled = await getWithToken(backend, SYNC_ROUTES.pull, bo.token);
    expect(pulled.statusCode).toBe(200);
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('lists one patient’s extract for a team lead of the region: the workstation open and the backend pull', async () => {
    const lead = await signedInNurse(backend, { regionId: 'skane', roles: ['nurse', 'team_lead'] });
    // Typed with a hyphen, as a team lead reads it off a letter.
    const typed = `${patientNumber.slice(0, 8)}-${patientNumber.slice(8)}`;
    const response = await extract(lead, typed);
    expect(response.statusCode, response.body).toBe(200);
    const body: AccessLogResponse = AccessLogResponseSchema.parse(response.json());
    expect(body.patientNumber).toBe(patientNumber);
    expect(body.entries.map((e) => [e.source, e.action, e.actor.hsaId])).toEqual([
      ['workstation', 'open-case', anna.staff.hsaId],
      ['backend', 'sync-pull', bo.staff.hsaId],
    ]);
    expect(body.entries[1]).toMatchObject({
      caseId,
      patientKind: 'personnummer',
      patientNumber,
      careUnitHsaId: expect.stringMatching(/^SE2321000016-1177SKANE$/),
      actor: { name: expect.any(String), title: 'Sjuksköterska' },
      regionId: 'skane',
    });
  });

  it("keeps the call id of a call's case, so a team lead follows a call to who saw its case", async () => {
    const store = memoryStore(backend.clock.now);
    const created = store.createCase({ ...newCase(anna), callId: '6f1c0d8e-aaaa-4bbb-8ccc-123456789abc' });
    store.openCase(created.id, { actor: anna.staff, careUnitHsaId: 'SE2321000016-1177SKANE' });
    const pushed = await backend.app.inject({
      method: 'POST',
      url: SYNC_ROUTES.push,
      headers: { authorization: `Bearer ${anna.token}` },
      payload: { deviceId: store.deviceId, items: store.outbox.nextBatch(2000) },
    });
    expect(PushResponseSchema.parse(pushed.json()).rejected).toEqual([]);
    const lead = await signedInNurse(backend, { regionId: 'skane', roles: ['nurse', 'team_lead'] });
    const response = await extract(lead, created.patient.normalized as string);
    const body = AccessLogResponseSchema.parse(response.json());
    expect(body.entries.map((e) => [e.action, e.callId])).toEqual([
      ['open-case', '6f1c0d8e-aaaa-4bbb-8ccc-123456789abc'],
    ]);
    store.close();
  });

  it('shows a team lead of another region nothing, an admin everything, and refuses a nurse', async () => {
    const otherLead = await signedInNurse(backend, { regionId: 'gotland', roles: ['team_lead'] });
    expect(AccessLogResponseSchema.parse((await extract(otherLead, patientNumber)).json()).entries).toEqual(
      [],
    );
    const admin = await signedInNurse(backend, { regionId: 'gotland', roles: ['admin'] });
    expect(AccessLogResponseSchema.parse((await extract(admin, patientNumber)).json()).entries).toHaveLength(
      2,
    );
    const refused = await extract(bo, patientNumber);
    expect(refused.statusCode).toBe(403);
  });

  it('answers a number that is not a personnummer with 400 saying what is wrong', async () => {
    const lead = await signedInNurse(backend, { regionId: 'skane', roles: ['team_lead'] });
    const wrongDigit = `${patientNumber.slice(0, 11)}${(Number(patientNumber[11]) + 1) % 10}`;
    const response = await extract(lead, wrongDigit);
    expect(response.statusCode).toBe(400);
    expect(ApiErrorSchema.parse(response.json()).error.message).toMatch(/check digit/i);
    const missing = await getWithToken(backend, SYNC_ROUTES.accessLog, lead.token);
    expect(ApiErrorSchema.parse(missing.json()).error.message).toMatch(/personnummer is required/);
  });

  it('is append-only in the database itself', async () => {
    await expect(sql`update access_log set action = 'open-case'`.execute(backend.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from access_log`.execute(backend.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate access_log`.execute(backend.db)).rejects.toThrow(/append-only/);
  });
});
