// The team lead's queue overview: waiting calls, red flags, nurses per state and today's metrics after calls, accepts and hang-ups; who may read it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CALL_ROUTES, QueueOverviewSchema } from '../../../core/backend-api/calls';
import type { QueueOverview } from '../../../core/backend-api/calls';
import { describeEachEngine } from '../support/testBackend';
import {
  accept,
  addNurse,
  callAction,
  expectStatus,
  hangUp,
  injectCall,
  request,
  setPresence,
  startAcdBackend,
} from './support';
import type { AcdTestBackend, TestNurse } from './support';

describeEachEngine('queue overview', (engine) => {
  let backend: AcdTestBackend;
  beforeAll(async () => {
    backend = await startAcdBackend(engine);
  });
  afterAll(() => backend?.close());

  async function overview(staff: TestNurse, query = ''): Promise<QueueOverview> {
    const response = expectStatus(
      await request(backend, 'GET', `${CALL_ROUTES.queueOverview}${query}`, staff.token),
      200,
    );
    return QueueOverviewSchema.parse(response.json());
  }
  const tile = (view: QueueOverview, queueId: string) => {
    const found = view.queues.find((queue) => queue.queueId === queueId);
    if (found === undefined) throw new Error(`No queue ${queueId} in the overview`);
    return found;
  };

  it('counts waiting and red-flag callers, nurses per state and today’s metrics as calls come, are answered and hang up', async () => {
    const regionId = 'overview';
    const lead = await addNurse(backend, { regionId, roles: ['team_lead'] });
    const nurse = await addNurse(backend, { regionId });
    await setPresence(backend, nurse, { state: 'break', breakReason: 'lunch' });

    const red = await injectCall(backend, { regionId, answers: [{ code: 'chest-pain', answer: 'yes' }] });
    const green = await injectCall(backend, { regionId });
    const toOverflow = await injectCall(backend, { regionId, queueId: 'overflow' });
    backend.clock.advance(5_000);

    const first = await overview(lead);
    expect(first.regionId).toBe(regionId);
    expect(first.queues.map((queue) => queue.queueId)).toEqual([regionId, 'overflow']);
    const regional = tile(first, regionId);
    expect(regional.waitingCount).toBe(2);
    expect(regional.longestWaitSeconds).toBe(5);
    expect(regional.redFlagCallsWaiting).toHaveLength(1);
    expect(regional.redFlagCallsWaiting[0]).toMatchObject({
      callId: red.callId,
      secondsWaited: 5,
      urgencyClass: 'red',
      redFlags: [{ code: 'chest-pain', label: { sv: 'Bröstsmärta', en: 'Chest pain' } }],
    });
    expect(tile(first, 'overflow').waitingCount).toBe(1);
    expect(tile(first, 'overflow').redFlagCallsWaiting).toEqual([]);
    expect(first.nurses.byState).toMatchObject({ available: 0, break: 1, 'on-call': 0 });
    expect(first.nurses.breaksByReason.lunch).toBe(1);
    expect(first.today).toMatchObject({
      serviceLevelSeconds: 120,
      shortAbandonSeconds: 10,
      callsOffered: 3,
      callsAnswered: 0,
      callsAbandoned: 0,
      serviceLevel: null,
      averageSpeedOfAnswerSeconds: null,
      abandonRate: 0,
      averageHandleTimeSeconds: null,
    });

    // The overflow caller hangs up at once (a short abandon, left out of the service level).
    expectStatus(await hangUp(backend, toOverflow.externalRef), 200);
    backend.clock.advance(55_000);
    await setPresence(backend, nurse, { state: 'available' });
    await accept(backend, nurse, red.callId);
    backend.clock.advance(30_000);
    expectStatus(await hangUp(backend, green.externalRef), 200);

    const second = await overview(lead);
    expect(tile(second, regionId)).toMatchObject({ waitingCount: 0, longestWaitSeconds: 0 });
    expect(tile(second, regionId).redFlagCallsWaiting).toEqual([]);
    expect(tile(second, 'overflow').waitingCount).toBe(0);
    expect(second.nurses.byState).toMatchObject({ available: 0, break: 0, 'on-call': 1 });
    expect(second.nurses.breaksByReason.lunch).toBe(0);
    expect(second.today).toMatchObject({
      callsOffered: 3,
      callsAnswered: 1,
      callsAbandoned: 2,
      shortAbandons: 1,
      answeredWithinServiceLevel: 1,
      serviceLevelBase: 2,
      serviceLevel: 0.5,
      averageSpeedOfAnswerSeconds: 60,
    });
    expect(second.today.abandonRate).toBeCloseTo(2 / 3, 10);

    // 270 s of talk and 30 s of after-call work: AHT 300 s.
    backend.clock.advance(240_000);
    expectStatus(await callAction(backend, nurse, 'endCall', red.callId), 200);
    backend.clock.advance(30_000);
    expectStatus(await request(backend, 'POST', CALL_ROUTES.endAfterCallWork, nurse.token), 200);
    const third = await overview(lead);
    expect(third.today).toMatchObject({ callsHandled: 1, averageHandleTimeSeconds: 300 });
    expect(third.nurses.byState).toMatchObject({ available: 1, 'on-call': 0, 'after-call-work': 0 });

    // Tomorrow starts from nothing; the nurses are still where they were.
    backend.clock.advance(24 * 3600_000);
    const tomorrow = await overview(lead);
    expect(tomorrow.today).toMatchObject({
      callsOffered: 0,
      callsAnswered: 0,
      callsHandled: 0,
      serviceLevel: null,
      abandonRate: null,
      averageHandleTimeSeconds: null,
    });
    expect(Date.parse(tomorrow.at) - tomorrow.today.from).toBeLessThan(24 * 3600_000);
    expect(tomorrow.nurses.byState.available).toBe(1);
  });

  it('is refused to nurses and to team leads of another region; admins may read any region', async () => {
    const regionId = 'overview-guard';
    const nurse = await addNurse(backend, { regionId });
    const otherLead = await addNurse(backend, { regionId: 'overview-elsewhere', roles: ['team_lead'] });
    const admin = await addNurse(backend, { regionId: 'overview-elsewhere', roles: ['admin'] });
    await injectCall(backend, { regionId });

    const byNurse = await request(backend, 'GET', CALL_ROUTES.queueOverview, nurse.token);
    expect(byNurse.statusCode).toBe(403);
    expect(byNurse.json().error.code).toBe('forbidden');

    const byOtherLead = await request(
      backend,
      'GET',
      `${CALL_ROUTES.queueOverview}?regionId=${regionId}`,
      otherLead.token,
    );
    expect(byOtherLead.statusCode).toBe(403);
    expect(byOtherLead.json().error.message).toContain('own region');
    // Her own region she may watch, and it holds nothing of the other region's calls.
    expect(tile(await overview(otherLead), 'overview-elsewhere').waitingCount).toBe(0);

    const byAdmin = await overview(admin, `?regionId=${regionId}`);
    expect(tile(byAdmin, regionId).waitingCount).toBe(1);

    expect(
      (await request(backend, 'GET', `${CALL_ROUTES.queueOverview}?regionId=nowhere`, admin.token))
        .statusCode,
    ).toBe(404);
    const bad = await request(
      backend,
      'GET',
      `${CALL_ROUTES.queueOverview}?regionId=Not%20A%20Region`,
      admin.token,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('regionId');
    expect((await request(backend, 'GET', CALL_ROUTES.queueOverview, null)).statusCode).toBe(401);
  });
});
