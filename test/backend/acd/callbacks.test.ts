// Callbacks: enter the queue at their time with their urgency and keep their place; failed attempts are retried per regional rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_ROUTES, callRoute } from '../../../core/backend-api/calls';
import type { Callback, CallbacksResponse } from '../../../core/backend-api/calls';
import { PushResponseSchema, SYNC_ROUTES } from '../../../core/backend-api/sync';
import { describeEachEngine } from '../support/testBackend';
import { generatedPatient, memoryStore } from '../../sync/support/syncFixtures';
import {
  accept,
  addNurse,
  callAction,
  expectStatus,
  getPresence,
  hangUp,
  injectCall,
  order,
  queueOf,
  request,
  setPresence,
  startAcdBackend,
} from './support';
import type { AcdTestBackend, TestNurse } from './support';

const MINUTE = 60_000;

describeEachEngine('callbacks', (engine) => {
  let backend: AcdTestBackend;
  beforeAll(async () => {
    backend = await startAcdBackend(engine);
  });
  afterAll(() => backend?.close());

  const at = (offsetMs: number) => new Date(backend.clock.now().getTime() + offsetMs).toISOString();

  async function book(nurse: TestNurse, body: Record<string, unknown>): Promise<Callback> {
    const response = expectStatus(
      await request(backend, 'POST', CALL_ROUTES.callbacks, nurse.token, body),
      201,
    );
    return (response.json() as { callback: Callback }).callback;
  }

  async function attempt(nurse: TestNurse, id: string, outcome: string) {
    return request(backend, 'POST', callRoute(CALL_ROUTES.callbackAttempts, id), nurse.token, { outcome });
  }

  it('enters the queue at its time, not before, with its urgency', async () => {
    const regionId = 'cb-time';
    const nurse = await addNurse(backend, { regionId });
    const callback = await book(nurse, {
      phone: '070-174 06 42',
      reason: 'Feber hos barn, kontroll efter febernedsättande',
      urgencyClass: 'yellow',
      windowStart: at(30 * MINUTE),
      windowEnd: at(60 * MINUTE),
    });
    expect(callback).toEqual(
      expect.objectContaining({ state: 'scheduled', phone: '+46701740642', maxAttempts: 3, attempts: [] }),
    );
    // Due within the hour: listed as due, but not yet in the queue.
    let snapshot = await queueOf(backend, nurse);
    expect(snapshot.callbacksDue.map((c) => c.id)).toEqual([callback.id]);
    expect(order(snapshot, regionId)).toEqual([]);
    backend.clock.advance(29 * MINUTE);
    await backend.context.acd.tick();
    expect(order(await queueOf(backend, nurse), regionId)).toEqual([]);
    backend.clock.advance(MINUTE);
    await backend.context.acd.tick();
    snapshot = await queueOf(backend, nurse);
    const queued = snapshot.queues[0]!.calls;
    expect(queued).toHaveLength(1);
    expect(queued[0]).toEqual(
      expect.objectContaining({ kind: 'callback', urgencyClass: 'yellow', callbackId: callback.id }),
    );
    expect(queued[0]!.explanation.sv).toContain('Återuppringning');
    expect(snapshot.callbacksDue).toEqual([]);
    const listed = expectStatus(
      await request(backend, 'GET', CALL_ROUTES.callbacks, nurse.token),
      200,
    ).json() as CallbacksResponse;
    expect(listed.callbacks.find((c) => c.id === callback.id)?.state).toBe('queued');
  });

  it("is never booked on another region's case; a case not synced yet is fine", async () => {
    const nurse = await addNurse(backend, { regionId: 'cb-case' });
    const other = await addNurse(backend, { regionId: 'cb-case-other' });
    const store = memoryStore();
    const foreign = store.createCase({
      regionId: 'cb-case-other',
      patient: generatedPatient(),
      caller: 'self',
      createdBy: { hsaId: other.hsaId, name: 'Annan Sjuksköterska', title: 'Sjuksköterska' },
    });
    const pushed = await request(backend, 'POST', SYNC_ROUTES.push, other.token, {
      deviceId: store.deviceId,
      items: store.outbox.nextBatch(10),
    });
    expect(PushResponseSchema.parse(pushed.json()).rejected).toEqual([]);
    const body = (caseId: string) => ({
      phone: '070-174 06 43',
      reason: 'Återkoppling om provsvar',
      urgencyClass: 'green',
      windowStart: at(20 * MINUTE),
      windowEnd: at(50 * MINUTE),
      caseId,
    });
    const refused = await request(backend, 'POST', CALL_ROUTES.callbacks, nurse.token, body(foreign.id));
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ error: { code: 'not_found' } });
    const notSynced = await book(nurse, body('6f1c2a9e-8b7d-4c3e-9a1f-2b3c4d5e6f70'));
    expect(notSynced.caseId).toBe('6f1c2a9e-8b7d-4c3e-9a1f-2b3c4d5e6f70');
  });

  it('is cancelled before it is due with who, when and why, and then never enters the queue', async () => {
    const regionId = 'cb-cancel';
    const nurse = await addNurse(backend, { regionId });
    const other = await addNurse(backend, { regionId: 'cb-cancel-other' });
    const callback = await book(nurse, {
      phone: '070-174 06 43',
      reason: 'Återkoppling om provsvar',
      urgencyClass: 'green',
      windowStart: at(20 * MINUTE),
      windowEnd: at(50 * MINUTE),
    });
    const cancel = (who: TestNurse, id: string, body: unknown) =>
      request(backend, 'POST', callRoute(CALL_ROUTES.callbackCancel, id), who.token, body);

    // A reason is required, the id must be one, and another region's nurse does not see it.
    for (const body of [{}, { reason: ' ' }, { reason: 'x'.repeat(501) }, { reason: 42 }]) {
      expect((await cancel(nurse, callback.id, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await cancel(nurse, 'not-a-uuid', { reason: 'Fick hjälp' })).statusCode).toBe(400);
    expect((await cancel(other, callback.id, { reason: 'Fick hjälp' })).statusCode).toBe(404);

    const response = expectStatus(
      await cancel(nurse, callback.id, { reason: 'Ringde själv, fick hjälp' }),
      200,
    );
    const cancelled = (response.json() as { callback: Callback }).callback;
    expect(cancelled).toMatchObject({
      state: 'cancelled',
      nextAttemptAt: null,
      cancellation: {
        at: backend.clock.now().toISOString(),
        byHsaId: nurse.hsaId,
        reason: 'Ringde själv, fick hjälp',
      },
    });
    // Not again, and not into the queue when its time comes.
    expect((await cancel(nurse, callback.id, { reason: 'En gång till' })).statusCode).toBe(409);
    backend.clock.advance(30 * MINUTE);
    await backend.context.acd.tick();
    const snapshot = await queueOf(backend, nurse);
    expect(order(snapshot, regionId)).toEqual([]);
    expect(snapshot.callbacksDue).toEqual([]);
    const listed = (
      expectStatus(
        await request(backend, 'GET', `${CALL_ROUTES.callbacks}?state=cancelled`, nurse.token),
        200,
      ).json() as CallbacksResponse
    ).callbacks;
    expect(listed.map((c) => c.id)).toContain(callback.id);
  });

  it('is not cancelled once it waits in the queue: that caller is answered', async () => {
    const regionId = 'cb-cancel-queued';
    const nurse = await addNurse(backend, { regionId });
    const callback = await book(nurse, {
      phone: '070-174 06 44',
      reason: 'Kontroll efter feber',
      urgencyClass: 'yellow',
      windowStart: at(MINUTE),
      windowEnd: at(30 * MINUTE),
    });
    backend.clock.advance(MINUTE);
    await backend.context.acd.tick();
    const refused = await request(
      backend,
      'POST',
      callRoute(CALL_ROUTES.callbackCancel, callback.id),
      nurse.token,
      { reason: 'Behövs inte' },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'callback_state_conflict' } });
    expect(order(await queueOf(backend, nurse), regionId)).toHaveLength(1);
  });

  it('keeps its clinical priority: ahead of callers who rang after its time, behind those who rang before', async () => {
    const regionId = 'cb-place';
    const nurse = await addNurse(backend, { regionId });
    const callback = await book(nurse, {
      phone: '+46701740650',
      reason: 'Uppföljning av buksmärta',
      urgencyClass: 'green',
      windowStart: at(10 * MINUTE),
      windowEnd: at(40 * MINUTE),
    });
    backend.clock.advance(8 * MINUTE);
    const before = await injectCall(backend, { regionId });
    backend.clock.advance(2 * MINUTE);
    await backend.context.acd.tick();
    backend.clock.advance(2 * MINUTE);
    const after = await injectCall(backend, { regionId });
    const redLater = await injectCall(backend, {
      regionId,
      answers: [{ code: 'severe-bleeding', answer: 'yes' }],
    });
    const snapshot = await queueOf(backend, nurse);
    const ids = order(snapshot, regionId);
    const callbackCall = snapshot.queues[0]!.calls.find((c) => c.callbackId === callback.id)!;
    // Neither jumps the queue (a red caller and an earlier green caller stay ahead) nor loses its place.
    expect(ids).toEqual([redLater.callId, before.callId, callbackCall.callId, after.callId]);
    expect(callbackCall.waitingSince).toBe(callback.windowStart);
  });

  it('booked for a caller still in the queue keeps the place that caller had', async () => {
    const regionId = 'cb-virtual-hold';
    const nurse = await addNurse(backend, { regionId });
    const waiting = await injectCall(backend, { regionId });
    backend.clock.advance(5 * MINUTE);
    const later = await injectCall(backend, { regionId });
    const callback = await book(nurse, {
      phone: '+46701740651',
      reason: 'Ville inte vänta kvar i telefon',
      urgencyClass: 'green',
      windowStart: at(0),
      windowEnd: at(60 * MINUTE),
      sourceCallId: waiting.callId,
    });
    expect(callback.waitingSince).toBe(new Date(backend.clock.now().getTime() - 5 * MINUTE).toISOString());
    // The caller hangs up (the phone platform says so); the callback takes their place, ahead of `later`.
    expectStatus(await hangUp(backend, waiting.externalRef), 200);
    await backend.context.acd.tick();
    const calls = (await queueOf(backend, nurse)).queues[0]!.calls;
    expect(calls.map((c) => c.callbackId ?? c.callId)).toEqual([callback.id, later.callId]);
  });

  it('a failed attempt is retried after the regional interval, and gives up after the last attempt', async () => {
    const regionId = 'cb-retry';
    const nurse = await addNurse(backend, { regionId });
    const callback = await book(nurse, {
      phone: '+46701740652',
      reason: 'Svar på fråga om läkemedel',
      urgencyClass: 'orange',
      windowStart: at(0),
      windowEnd: at(120 * MINUTE),
    });
    await setPresence(backend, nurse, { state: 'available' });
    for (let round = 1; round <= 3; round++) {
      const offer = (await getPresence(backend, nurse)).offer;
      expect(offer?.kind).toBe('callback');
      const { call } = await accept(backend, nurse, offer!.callId);
      expect(call.callerNumber).toBe('+46701740652');
      const response = expectStatus(await attempt(nurse, callback.id, 'no-answer'), 200);
      const after = (response.json() as { callback: Callback }).callback;
      expect(after.attempts).toHaveLength(round);
      // The failed attempt ended the call: after-call work, then available.
      expect((await getPresence(backend, nurse)).state).toBe('after-call-work');
      expectStatus(await request(backend, 'POST', CALL_ROUTES.endAfterCallWork, nurse.token), 200);
      if (round < 3) {
        expect(after.state).toBe('scheduled');
        expect(Date.parse(after.nextAttemptAt!) - backend.clock.now().getTime()).toBe(15 * MINUTE);
        // Not back before its time...
        backend.clock.advance(14 * MINUTE);
        await backend.context.acd.tick();
        expect((await getPresence(backend, nurse)).offer).toBeNull();
        // ...and back, with its original priority base, when it is.
        backend.clock.advance(MINUTE);
        await backend.context.acd.tick();
        const view = (await queueOf(backend, nurse)).queues[0]!.calls;
        expect(
          view.every((c) => c.callbackId !== callback.id || c.waitingSince === callback.waitingSince),
        ).toBe(true);
      } else {
        expect(after.state).toBe('failed');
        expect(after.nextAttemptAt).toBeNull();
      }
    }
    backend.clock.advance(60 * MINUTE);
    await backend.context.acd.tick();
    expect((await getPresence(backend, nurse)).offer).toBeNull();
    const failed = expectStatus(
      await request(backend, 'GET', `${CALL_ROUTES.callbacks}?state=failed`, nurse.token),
      200,
    ).json() as CallbacksResponse;
    expect(failed.callbacks.map((c) => c.id)).toContain(callback.id);
    // No more attempts on a finished callback.
    expect((await attempt(nurse, callback.id, 'no-answer')).statusCode).toBe(409);
  });

  it('reaching the patient, or ending the call normally, completes it; a wrong number fails it at once', async () => {
    const regionId = 'cb-outcomes';
    const nurse = await addNurse(backend, { regionId });
    const reached = await book(nurse, {
      phone: '+46701740653',
      reason: 'Provsvar',
      urgencyClass: 'yellow',
      windowStart: at(0),
      windowEnd: at(30 * MINUTE),
    });
    await setPresence(backend, nurse, { state: 'available' });
    const offer = (await getPresence(backend, nurse)).offer!;
    await accept(backend, nurse, offer.callId);
    expectStatus(await callAction(backend, nurse, 'endCall', offer.callId), 200);
    const list = expectStatus(
      await request(backend, 'GET', `${CALL_ROUTES.callbacks}?state=completed`, nurse.token),
      200,
    ).json() as CallbacksResponse;
    const completed = list.callbacks.find((c) => c.id === reached.id)!;
    expect(completed.attempts.map((a) => [a.outcome, a.byHsaId])).toEqual([['reached', nurse.hsaId]]);

    const wrong = await book(nurse, {
      phone: '+46701740654',
      reason: 'Kontroll',
      urgencyClass: 'green',
      windowStart: at(60 * MINUTE),
      windowEnd: at(90 * MINUTE),
    });
    const failed = (
      expectStatus(await attempt(nurse, wrong.id, 'wrong-number'), 200).json() as { callback: Callback }
    ).callback;
    expect(failed.state).toBe('failed');
  });

  describe('refuses bad bookings with a 400 naming the field, and books nothing', () => {
    it.each([
      ['a window that ends before it starts', { windowStart: 30, windowEnd: 10 }, 'windowEnd'],
      ['a window already over', { windowStart: -60, windowEnd: -30 }, 'windowEnd'],
      [
        'a window more than 14 days ahead',
        { windowStart: 15 * 24 * 60, windowEnd: 15 * 24 * 60 + 30 },
        'windowStart',
      ],
      ['a phone number with letters', { phone: '070-ABC' }, 'phone'],
      ['no reason', { reason: '' }, 'reason'],
      ['an unknown urgency', { urgencyClass: 'blue' }, 'urgencyClass'],
      ['an invalid personnummer', { personnummer: '19800101-1234' }, 'personnummer'],
    ])('%s', async (_title, change, field) => {
      const nurse = await addNurse(backend, { regionId: 'cb-bad' });
      const {
        windowStart = 0,
        windowEnd = 30,
        ...rest
      } = change as Record<string, unknown> & {
        windowStart?: number;
        windowEnd?: number;
      };
      const body = {
        phone: '+46701740655',
        reason: 'Kontroll',
        urgencyClass: 'green',
        windowStart: at(windowStart * MINUTE),
        windowEnd: at(windowEnd * MINUTE),
        ...rest,
      };
      const response = await request(backend, 'POST', CALL_ROUTES.callbacks, nurse.token, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.issues.map((i: { path: string }) => i.path)).toContain(field);
      const all = expectStatus(
        await request(
          backend,
          'GET',
          `${CALL_ROUTES.callbacks}?state=scheduled,queued,failed,completed`,
          nurse.token,
        ),
        200,
      ).json() as CallbacksResponse;
      expect(all.callbacks).toEqual([]);
    });
  });
});
