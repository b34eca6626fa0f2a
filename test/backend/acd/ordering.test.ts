// Queue order by clinical urgency: red flags first, nobody starved, the view explains why, a team lead re-prioritises.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_ROUTES, callRoute } from '../../../core/backend-api/calls';
import type { CallResponse } from '../../../core/backend-api/calls';
import { generatePersonnummer } from '../../../core/identity/testNumbers';
import { describeEachEngine } from '../support/testBackend';
import {
  TEST_REGION,
  accept,
  addNurse,
  callAction,
  expectStatus,
  getPresence,
  injectCall,
  order,
  queueOf,
  request,
  setPresence,
  startAcdBackend,
  testQueueConfig,
} from './support';
import type { AcdTestBackend } from './support';

describeEachEngine('queue order', (engine) => {
  let backend: AcdTestBackend;
  beforeAll(async () => {
    // Region "overload" lets yellow callers start closer to green ones, so the bound shows within minutes.
    backend = await startAcdBackend(engine, {
      queueConfig: testQueueConfig().withRegion({
        regionId: 'overload',
        priority: {
          urgencyWeight: { red: 10, orange: 4, yellow: 2, green: 1 },
          initialOffset: { red: 7200, orange: 1800, yellow: 120, green: 0 },
        },
      }),
    });
  });
  afterAll(() => backend?.close());

  /** Ends the nurse's current call and its after-call work, leaving her available. */
  async function finishCall(nurse: Awaited<ReturnType<typeof addNurse>>, callId: string) {
    expectStatus(await callAction(backend, nurse, 'endCall', callId), 200);
    expectStatus(await request(backend, 'POST', CALL_ROUTES.endAfterCallWork, nurse.token), 200);
  }

  describe('a red-flag caller', () => {
    it('is offered before callers who rang earlier with lower urgency', async () => {
      const nurse = await addNurse(backend);
      const greens = [];
      for (let i = 0; i < 3; i++) {
        greens.push(await injectCall(backend, { answers: [{ code: 'worsening', answer: 'no' }] }));
        backend.clock.advance(30_000);
      }
      const red = await injectCall(backend, {
        answers: [
          { code: 'chest-pain', answer: 'yes' },
          { code: 'breathing-difficulty', answer: 'no' },
        ],
      });
      expect(red.urgencyClass).toBe('red');
      expect(red.redFlags.map((flag) => flag.code)).toEqual(['chest-pain']);

      const snapshot = await queueOf(backend, nurse);
      expect(order(snapshot)).toEqual([red.callId, ...greens.map((g) => g.callId)]);
      expect(snapshot.redFlagCallsWaiting.map((call) => call.callId)).toEqual([red.callId]);
      const first = snapshot.queues[0]!.calls[0]!;
      expect(first.explanation.sv).toContain('Plats 1 av 4');
      expect(first.explanation.sv).toContain('Röd flagga: bröstsmärta');

      // The nurse becomes available: the red caller rings at her, not the green one who rang first.
      const presence = await setPresence(backend, nurse, { state: 'available' });
      expect(presence.offer?.callId).toBe(red.callId);
      await accept(backend, nurse, red.callId);
      await finishCall(nurse, red.callId);
      // Then the greens in the order they rang.
      expect((await getPresence(backend, nurse)).offer?.callId).toBe(greens[0]!.callId);
      await accept(backend, nurse, greens[0]!.callId);
      await finishCall(nurse, greens[0]!.callId);
      await setPresence(backend, nurse, { state: 'offline' });
      // Leaves the other greens for the next test's nurse: they are the earliest in the queue.
    });
  });

  it('answers a green caller within a bounded time even when yellow callers keep coming faster than they are served', async () => {
    const regionId = 'overload';
    const nurse = await addNurse(backend, { regionId });
    const startedAt = backend.clock.now().getTime();
    const minutes = () => (backend.clock.now().getTime() - startedAt) / 60_000;
    const green = await injectCall(backend, { regionId });
    let greenAnsweredAfter: number | null = null;
    let yellowsAnswered = 0;
    let talkingUntil: number | null = null;
    let current: string | null = null;
    // Every 30 s for 40 minutes: a yellow caller every minute; the nurse (from minute 5) needs 90 s a call.
    for (let step = 1; step <= 80 && greenAnsweredAfter === null; step++) {
      backend.clock.advance(30_000);
      if (step % 2 === 0)
        await injectCall(backend, { regionId, answers: [{ code: 'high-fever', answer: 'yes' }] });
      if (step === 10) await setPresence(backend, nurse, { state: 'available' });
      if (current !== null && talkingUntil !== null && minutes() >= talkingUntil) {
        await finishCall(nurse, current);
        current = null;
      }
      const offer = (await getPresence(backend, nurse)).offer;
      if (current === null && offer !== null) {
        await accept(backend, nurse, offer.callId);
        if (offer.callId === green.callId) greenAnsweredAfter = minutes();
        else yellowsAnswered++;
        current = offer.callId;
        talkingUntil = minutes() + 1.5;
      }
    }
    // Yellow callers went first for a good while (they are more urgent)...
    expect(yellowsAnswered).toBeGreaterThan(5);
    // ...but the green caller's priority kept growing, so she was answered although the queue never emptied.
    // (With strict priority she would wait as long as yellow callers keep coming.)
    expect(greenAnsweredAfter).not.toBeNull();
    expect(greenAnsweredAfter!).toBeGreaterThan(10);
    expect(greenAnsweredAfter!).toBeLessThanOrEqual(25);
    const stillWaiting = (await queueOf(backend, nurse)).queues[0]!.waitingCount;
    expect(stillWaiting).toBeGreaterThan(3);
  });

  it('never shows caller number or personnummer in the queue view', async () => {
    const nurse = await addNurse(backend);
    const personnummer = generatePersonnummer({ birthDate: '1980-01-01', sex: 'male' });
    await injectCall(backend, { callerNumber: '+46701740677', personnummer: personnummer.display });
    const text = JSON.stringify(await queueOf(backend, nurse));
    expect(text).not.toContain('701740677');
    expect(text).not.toContain(personnummer.normalized.slice(8));
  });

  describe('a team lead', () => {
    it('re-prioritises a waiting call with a reason, and it moves up', async () => {
      const lead = await addNurse(backend, { roles: ['nurse', 'team_lead'] });
      const before = order(await queueOf(backend, lead));
      const last = before.at(-1)!;
      const response = expectStatus(
        await request(backend, 'POST', callRoute(CALL_ROUTES.reprioritiseCall, last), lead.token, {
          urgencyClass: 'red',
          reason: 'Anhörig ringde på annan linje: andningsbesvär',
        }),
        200,
      );
      const { call } = response.json() as CallResponse;
      expect(call.urgencyClass).toBe('red');
      expect(call.priorityChanges).toEqual([
        expect.objectContaining({
          to: 'red',
          byHsaId: lead.hsaId,
          reason: 'Anhörig ringde på annan linje: andningsbesvär',
        }),
      ]);
      const after = await queueOf(backend, lead);
      expect(order(after)[0]).toBe(last);
      expect(after.queues[0]!.calls[0]!.lastPriorityChange?.to).toBe('red');
    });

    it('is the only one who may: a nurse gets 403 and the order stays', async () => {
      const nurse = await addNurse(backend);
      const before = order(await queueOf(backend, nurse));
      const response = await request(
        backend,
        'POST',
        callRoute(CALL_ROUTES.reprioritiseCall, before.at(-1)!),
        nurse.token,
        {
          urgencyClass: 'red',
          reason: 'Vill gå före',
        },
      );
      expect(response.statusCode).toBe(403);
      expect(order(await queueOf(backend, nurse))).toEqual(before);
    });

    it('must give a reason', async () => {
      const lead = await addNurse(backend, { roles: ['nurse', 'team_lead'] });
      const target = order(await queueOf(backend, lead)).at(-1)!;
      const response = await request(
        backend,
        'POST',
        callRoute(CALL_ROUTES.reprioritiseCall, target),
        lead.token,
        {
          urgencyClass: 'orange',
        },
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain('reason');
      const { call } = (
        await request(backend, 'GET', callRoute(CALL_ROUTES.call, target), lead.token)
      ).json() as CallResponse;
      expect(call.priorityChanges.filter((c) => c.to === 'orange')).toEqual([]);
    });
  });

  it('answers the regional queue and the overflow queue for the region', async () => {
    const nurse = await addNurse(backend);
    const snapshot = await queueOf(backend, nurse);
    expect(snapshot.queues.map((q) => [q.queueId, q.kind])).toEqual([
      [TEST_REGION, 'regional'],
      ['overflow', 'overflow'],
    ]);
    expect(snapshot.you.state).toBe('offline');
  });

  it('queues a caller who gave no answer to a red-flag question as yellow, ahead of a green who rang first', async () => {
    const nurse = await addNurse(backend);
    const green = await injectCall(backend, { answers: [{ code: 'chest-pain', answer: 'no' }] });
    backend.clock.advance(30_000);
    const unanswered = await injectCall(backend, {
      answers: [
        { code: 'chest-pain', answer: 'no-answer' },
        { code: 'worsening', answer: 'no' },
      ],
    });
    expect(green.urgencyClass).toBe('green');
    expect(unanswered.urgencyClass).toBe('yellow');
    const ids = order(await queueOf(backend, nurse));
    expect(ids.indexOf(unanswered.callId)).toBeLessThan(ids.indexOf(green.callId));
  });
});
