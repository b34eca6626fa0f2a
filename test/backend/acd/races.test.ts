// Assignment races: fifty nurses at once, offers racing picks, and two backend instances on one PostgreSQL never double-assign.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_ROUTES, callRoute } from '../../../core/backend-api/calls';
import type { CallActionResponse, Presence } from '../../../core/backend-api/calls';
import { createBackend } from '../../../backend/src/server';
import type { Backend } from '../../../backend/src/server';
import { describeEachEngine, isolatedDatabase } from '../support/testBackend';
import type { IsolatedDatabase } from '../support/testBackend';
import {
  TEST_TELEPHONY_KEY,
  addNurse,
  callAction,
  expectStatus,
  getPresence,
  injectCall,
  request,
  startAcdBackend,
  testQueueConfig,
} from './support';
import type { AcdTestBackend, TestNurse } from './support';

/** What the database says about live calls: the checks every race must pass. */
async function assertNoDoubleAssignment(
  backend: Backend,
  callIds: readonly string[],
  nurses: readonly TestNurse[],
) {
  const hsaIds = nurses.map((nurse) => nurse.hsaId);
  const calls = await backend.db
    .selectFrom('queue_call')
    .selectAll()
    .where('id', 'in', [...callIds])
    .execute();
  const live = calls.filter((c) => ['offered', 'connected', 'after-call-work'].includes(c.state));
  // No nurse holds two live calls.
  const holders = live.map((c) => c.assigned_to);
  expect(new Set(holders).size).toBe(holders.length);
  // Every answered call was answered exactly once, by the nurse it is assigned to.
  const answers = await backend.db
    .selectFrom('call_event')
    .select(['call_id', 'nurse_id'])
    .where('type', '=', 'call-answered')
    .where('call_id', 'in', [...callIds])
    .execute();
  const answeredCalls = answers.map((a) => a.call_id);
  expect(new Set(answeredCalls).size).toBe(answeredCalls.length);
  for (const answer of answers) {
    expect(calls.find((c) => c.id === answer.call_id)?.assigned_to).toBe(answer.nurse_id);
  }
  // Presence agrees with the calls: each nurse on a call is on exactly the call assigned to her.
  const onCall = await backend.db
    .selectFrom('nurse_presence')
    .selectAll()
    .where('state', '=', 'on-call')
    .where('hsa_id', 'in', hsaIds)
    .execute();
  const connected = calls.filter((c) => c.state === 'connected');
  expect(onCall.map((p) => p.current_call_id).sort()).toEqual(connected.map((c) => c.id).sort());
  for (const nurse of onCall) {
    expect(connected.find((c) => c.id === nurse.current_call_id)?.assigned_to).toBe(nurse.hsa_id);
  }
  // A ringing nurse is ringing with the call that is offered to her, and only that.
  const ringing = await backend.db
    .selectFrom('nurse_presence')
    .selectAll()
    .where('offered_call_id', 'is not', null)
    .where('hsa_id', 'in', hsaIds)
    .execute();
  for (const nurse of ringing) {
    const offered = calls.find((c) => c.id === nurse.offered_call_id);
    expect(offered?.state).toBe('offered');
    expect(offered?.assigned_to).toBe(nurse.hsa_id);
  }
  return calls;
}

/** Each nurse answers whatever rings at her; returns how many did. */
async function acceptOffers(backends: readonly Backend[], nurses: readonly TestNurse[]): Promise<number> {
  const results = await Promise.all(
    nurses.map(async (nurse, i) => {
      const backend = backends[i % backends.length]!;
      const offer = (await getPresence(backend, nurse)).offer;
      if (offer === null) return 0;
      expectStatus(await callAction(backend, nurse, 'acceptCall', offer.callId), 200);
      return 1;
    }),
  );
  return results.reduce<number>((sum, n) => sum + n, 0);
}

describeEachEngine('assignment races', (engine) => {
  let backend: AcdTestBackend;
  beforeAll(async () => {
    backend = await startAcdBackend(engine);
  });
  afterAll(() => backend?.close());

  it('50 nurses accepting one call at once: one gets it, 49 are told it is taken and stay as they were', async () => {
    const regionId = 'race-one';
    const nurses = await Promise.all(Array.from({ length: 50 }, () => addNurse(backend, { regionId })));
    for (const nurse of nurses) {
      await request(backend, 'PUT', CALL_ROUTES.presence, nurse.token, { state: 'available' });
    }
    const call = await injectCall(backend, {
      regionId,
      answers: [{ code: 'stroke-signs', answer: 'yes' }],
    });
    const responses = await Promise.all(
      nurses.map((nurse) =>
        request(backend, 'POST', callRoute(CALL_ROUTES.acceptCall, call.callId), nurse.token),
      ),
    );
    const winners = responses.filter((r) => r.statusCode === 200);
    expect(winners).toHaveLength(1);
    const losers = responses.filter((r) => r.statusCode !== 200);
    expect(losers.every((r) => r.statusCode === 409 && r.json().error.code === 'call_taken')).toBe(true);
    const won = winners[0]!.json() as CallActionResponse;
    expect(won.call.state).toBe('connected');
    expect(won.presence.state).toBe('on-call');
    // The winner is the nurse who had waited longest: the call rang at her first.
    expect(won.presence.hsaId).toBe(nurses[0]!.hsaId);
    const others = await Promise.all(nurses.slice(1).map((nurse) => getPresence(backend, nurse)));
    expect(others.every((p: Presence) => p.state === 'available' && p.currentCallId === null)).toBe(true);
    await assertNoDoubleAssignment(backend, [call.callId], nurses);
  });

  it('offers racing picks: 50 nurses becoming available and grabbing calls while the dispatcher assigns', async () => {
    const regionId = 'race-many';
    const nurses = await Promise.all(Array.from({ length: 50 }, () => addNurse(backend, { regionId })));
    const calls = [];
    for (let i = 0; i < 20; i++) calls.push(await injectCall(backend, { regionId }));
    const ids = calls.map((c) => c.callId);
    // Everyone at once: go available (which triggers offers) and grab a call, while ticks run too.
    await Promise.all([
      ...nurses.map(async (nurse, i) => {
        await request(backend, 'PUT', CALL_ROUTES.presence, nurse.token, { state: 'available' });
        await request(
          backend,
          'POST',
          callRoute(CALL_ROUTES.acceptCall, ids[(i * 7) % ids.length]!),
          nurse.token,
        );
      }),
      backend.context.acd.tick(),
      backend.context.acd.tick(),
    ]);
    await assertNoDoubleAssignment(backend, ids, nurses);
    await acceptOffers([backend], nurses);
    const final = await assertNoDoubleAssignment(backend, ids, nurses);
    expect(final.filter((c) => c.state === 'connected')).toHaveLength(20);
    const presences = await Promise.all(nurses.map((nurse) => getPresence(backend, nurse)));
    expect(presences.filter((p) => p.state === 'on-call')).toHaveLength(20);
    expect(presences.filter((p) => p.state === 'available')).toHaveLength(30);
  });

  // Several instances on one database exist only with PostgreSQL (PGlite lives inside one process).
  if (engine === 'postgres') twoInstances();
});

function twoInstances(): void {
  describe('with two backend instances on one PostgreSQL', () => {
    let database: IsolatedDatabase;
    let instances: Backend[] = [];
    beforeAll(async () => {
      database = await isolatedDatabase('postgres');
      const options = {
        ...database.options,
        telephonyKey: TEST_TELEPHONY_KEY,
        queueConfig: testQueueConfig(),
        logLevel: 'warn' as const,
        authPolicy: { accessTokenLifetimeMs: 3600_000 },
        poolSize: 8,
      };
      // One after the other: the second also finds the schema current and the signing key in place.
      instances = [await createBackend(options)];
      instances.push(await createBackend(options));
    });
    afterAll(async () => {
      for (const instance of instances) await instance.close();
      await database?.drop();
    });

    it('never offers a call twice or gives a nurse two calls, whichever instance each request reaches', async () => {
      const [a, b] = instances as [Backend, Backend];
      const nurses = await Promise.all(Array.from({ length: 50 }, () => addNurse(a)));
      const callIds: string[] = [];
      await Promise.all([
        // 40 calls enter through both instances...
        ...Array.from({ length: 40 }, async (_, i) => {
          const entered = await injectCall(i % 2 === 0 ? a : b, {
            answers: i % 5 === 0 ? [{ code: 'chest-pain', answer: 'yes' }] : [],
          });
          callIds.push(entered.callId);
        }),
        // ...while the 50 nurses go available through both instances, and both dispatchers tick.
        ...nurses.map((nurse, i) =>
          request(i % 2 === 0 ? a : b, 'PUT', CALL_ROUTES.presence, nurse.token, { state: 'available' }),
        ),
        a.context.acd.tick(),
        b.context.acd.tick(),
        a.context.acd.tick(),
        b.context.acd.tick(),
      ]);
      await Promise.all([a.context.acd.tick(), b.context.acd.tick()]);
      const offered = await assertNoDoubleAssignment(a, callIds, nurses);
      // Every call rings at someone: 50 nurses, 40 calls.
      expect(offered.filter((c) => c.state === 'offered')).toHaveLength(40);
      // Each call was offered once only (no call rang at two nurses).
      const offers = await a.db
        .selectFrom('call_event')
        .select('call_id')
        .where('type', '=', 'call-offered')
        .where('call_id', 'in', callIds)
        .execute();
      expect(offers).toHaveLength(40);
      // All accept at once through both instances, and a few also grab calls that are not theirs.
      await Promise.all([
        acceptOffers([a, b], nurses),
        ...nurses
          .slice(0, 10)
          .map((nurse, i) =>
            request(i % 2 === 0 ? b : a, 'POST', callRoute(CALL_ROUTES.acceptCall, callIds[i]!), nurse.token),
          ),
      ]);
      const final = await assertNoDoubleAssignment(b, callIds, nurses);
      expect(final.filter((c) => c.state === 'connected')).toHaveLength(40);
    });
  });
}
