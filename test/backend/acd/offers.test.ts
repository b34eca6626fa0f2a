// Offers and hang-ups: a call that rings out keeps its place and the nurse is told why; callers who hang up are counted; events feed the metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_EVENT_TYPES, CALL_ROUTES } from '../../../core/backend-api/calls';
import type { PresenceChangedPayload } from '../../../core/backend-api/calls';
import { computeQueueMetrics } from '../../../core/queue/metrics';
import { describeEachEngine } from '../support/testBackend';
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
import type { AcdTestBackend } from './support';

describeEachEngine('offers and hang-ups', (engine) => {
  let backend: AcdTestBackend;
  beforeAll(async () => {
    backend = await startAcdBackend(engine);
  });
  afterAll(() => backend?.close());

  describe('an offer that rings out', () => {
    it('sends the call back to its place, sets the nurse unavailable and tells her why', async () => {
      const regionId = 'ring-out';
      const anna = await addNurse(backend, { regionId });
      const first = await injectCall(backend, { regionId, answers: [{ code: 'high-fever', answer: 'yes' }] });
      backend.clock.advance(60_000);
      const second = await injectCall(backend, {
        regionId,
        answers: [{ code: 'high-fever', answer: 'yes' }],
      });
      const placeBefore = (await queueOf(backend, anna)).queues[0]!.calls[0]!;
      expect(placeBefore.callId).toBe(first.callId);

      backend.published.length = 0;
      const ringing = await setPresence(backend, anna, { state: 'available' });
      expect(ringing.offer?.callId).toBe(first.callId);
      expect(Date.parse(ringing.offer!.expiresAt) - Date.parse(ringing.offer!.offeredAt)).toBe(20_000);
      expect(backend.published).toContainEqual(
        expect.objectContaining({
          type: CALL_EVENT_TYPES.callOffered,
          regionId,
          payload: expect.objectContaining({ callId: first.callId, hsaId: anna.hsaId }),
        }),
      );

      // 19 s: still ringing.
      backend.clock.advance(19_000);
      await backend.context.acd.tick();
      expect((await getPresence(backend, anna)).offer?.callId).toBe(first.callId);
      // 20 s: rang out.
      backend.clock.advance(1_000);
      await backend.context.acd.tick();
      const told = await getPresence(backend, anna);
      expect(told.state).toBe('break');
      expect(told.breakReason).toBe('offer-timeout');
      expect(told.reason).toBe('offer-timeout');
      expect(told.offer).toBeNull();
      expect(told.message?.sv).toContain('20 sekunder utan svar');
      expect(told.message?.en).toContain('went back to the queue');
      const changed = backend.published.find(
        (event) =>
          event.type === CALL_EVENT_TYPES.presenceChanged &&
          (event.payload as PresenceChangedPayload).hsaId === anna.hsaId &&
          (event.payload as PresenceChangedPayload).reason === 'offer-timeout',
      );
      expect(changed?.payload).toEqual(
        expect.objectContaining({ state: 'break', breakReason: 'offer-timeout' }),
      );

      // The call is first again with the time it first entered, ahead of the later caller.
      const view = (await queueOf(backend, anna)).queues[0]!;
      expect(view.calls.map((c) => c.callId)).toEqual([first.callId, second.callId]);
      expect(view.calls[0]!.waitingSince).toBe(placeBefore.waitingSince);
      expect(view.calls[0]!.state).toBe('waiting');

      // She is not offered anything until she says she is available again, and then gets that call.
      await backend.context.acd.tick();
      expect((await getPresence(backend, anna)).offer).toBeNull();
      expect((await setPresence(backend, anna, { state: 'available' })).offer?.callId).toBe(first.callId);
    });

    it('goes to the next nurse in line while the first is unavailable', async () => {
      const regionId = 'ring-out-next';
      const [first, second] = [await addNurse(backend, { regionId }), await addNurse(backend, { regionId })];
      await setPresence(backend, first, { state: 'available' });
      backend.clock.advance(5_000);
      await setPresence(backend, second, { state: 'available' });
      const call = await injectCall(backend, { regionId });
      expect((await getPresence(backend, first)).offer?.callId).toBe(call.callId);
      backend.clock.advance(20_000);
      await backend.context.acd.tick();
      expect((await getPresence(backend, first)).state).toBe('break');
      expect((await getPresence(backend, second)).offer?.callId).toBe(call.callId);
    });

    it('cannot be answered late: the nurse is told it expired', async () => {
      const regionId = 'late';
      const nurse = await addNurse(backend, { regionId });
      await setPresence(backend, nurse, { state: 'available' });
      const call = await injectCall(backend, { regionId });
      backend.clock.advance(21_000);
      // No tick yet: the accept itself notices the offer has expired.
      const response = await callAction(backend, nurse, 'acceptCall', call.callId);
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('offer_expired');
      const presence = await getPresence(backend, nurse);
      expect(presence.state).toBe('break');
      expect(presence.breakReason).toBe('offer-timeout');
      expect(order(await queueOf(backend, nurse), regionId)).toEqual([call.callId]);
    });
  });

  it('a declined call goes back to its place and the nurse moves to the back of the line', async () => {
    const regionId = 'decline';
    const [first, second] = [await addNurse(backend, { regionId }), await addNurse(backend, { regionId })];
    await setPresence(backend, first, { state: 'available' });
    backend.clock.advance(1_000);
    await setPresence(backend, second, { state: 'available' });
    const call = await injectCall(backend, { regionId });
    expect((await getPresence(backend, first)).offer?.callId).toBe(call.callId);
    backend.clock.advance(2_000);
    const declined = expectStatus(await callAction(backend, first, 'declineCall', call.callId), 200).json();
    expect(declined.presence.state).toBe('available');
    expect(declined.presence.offer).toBeNull();
    expect((await getPresence(backend, second)).offer?.callId).toBe(call.callId);
    // Declining a call that is not ringing at you changes nothing.
    const again = await callAction(backend, first, 'declineCall', call.callId);
    expect(again.statusCode).toBe(409);
    expect((await getPresence(backend, second)).offer?.callId).toBe(call.callId);
  });

  describe('a caller who hangs up', () => {
    it('while waiting leaves the queue and is counted as abandoned', async () => {
      const regionId = 'abandon';
      const nurse = await addNurse(backend, { regionId });
      const staying = await injectCall(backend, { regionId });
      const leaving = await injectCall(backend, {
        regionId,
        answers: [{ code: 'chest-pain', answer: 'yes' }],
      });
      backend.clock.advance(90_000);
      const response = expectStatus(await hangUp(backend, leaving.externalRef), 200);
      expect(response.json()).toEqual({ outcome: 'abandoned', state: 'abandoned' });
      expect(order(await queueOf(backend, nurse), regionId)).toEqual([staying.callId]);
      expect((await queueOf(backend, nurse)).redFlagCallsWaiting).toEqual([]);
      const events = await backend.context.acd.queueEvents(
        regionId,
        new Date(0),
        new Date(backend.clock.now().getTime() + 1),
      );
      expect(events).toContainEqual({
        type: 'call-abandoned',
        at: backend.clock.now().getTime(),
        callId: leaving.callId,
      });
      // A second hang-up for the same call changes nothing.
      expect(expectStatus(await hangUp(backend, leaving.externalRef), 200).json()).toEqual({
        outcome: 'unchanged',
        state: 'abandoned',
      });
    });

    it('while the call rings at a nurse stops the ringing; she stays available and is told why', async () => {
      const regionId = 'abandon-ringing';
      const nurse = await addNurse(backend, { regionId });
      await setPresence(backend, nurse, { state: 'available' });
      const call = await injectCall(backend, { regionId });
      expect((await getPresence(backend, nurse)).offer?.callId).toBe(call.callId);
      expectStatus(await hangUp(backend, call.externalRef), 200);
      const presence = await getPresence(backend, nurse);
      expect(presence.state).toBe('available');
      expect(presence.offer).toBeNull();
      expect(presence.message?.sv).toContain('lade på');
      const late = await callAction(backend, nurse, 'acceptCall', call.callId);
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toContain('hung up');
    });

    it('during the conversation ends it, and after-call work starts; a patience hang-up does not', async () => {
      const regionId = 'hangup-talking';
      const nurse = await addNurse(backend, { regionId });
      await setPresence(backend, nurse, { state: 'available' });
      const call = await injectCall(backend, { regionId });
      await accept(backend, nurse, call.callId);
      expect(
        expectStatus(await hangUp(backend, call.externalRef, { ifStillWaiting: true }), 200).json(),
      ).toEqual({
        outcome: 'unchanged',
        state: 'connected',
      });
      expect((await getPresence(backend, nurse)).state).toBe('on-call');
      expect(expectStatus(await hangUp(backend, call.externalRef), 200).json().outcome).toBe('ended');
      const presence = await getPresence(backend, nurse);
      expect(presence.state).toBe('after-call-work');
      expect(presence.currentCallId).toBe(call.callId);
    });
  });

  it('records every step as call events that the queue metrics read', async () => {
    const regionId = 'metrics';
    const from = backend.clock.now();
    const [anna, bo] = [await addNurse(backend, { regionId }), await addNurse(backend, { regionId })];
    await setPresence(backend, anna, { state: 'available' });
    const answered = await injectCall(backend, { regionId });
    backend.clock.advance(15_000);
    await accept(backend, anna, answered.callId);
    backend.clock.advance(300_000);
    expectStatus(await callAction(backend, anna, 'endCall', answered.callId), 200);
    backend.clock.advance(45_000);
    expectStatus(await request(backend, 'POST', CALL_ROUTES.endAfterCallWork, anna.token), 200);
    await setPresence(backend, anna, { state: 'offline' });
    // A second caller rings at Bo, who lets it ring out; then the caller hangs up.
    await setPresence(backend, bo, { state: 'available' });
    const abandoned = await injectCall(backend, { regionId });
    backend.clock.advance(20_000);
    await backend.context.acd.tick();
    backend.clock.advance(40_000);
    expectStatus(await hangUp(backend, abandoned.externalRef), 200);

    const events = await backend.context.acd.queueEvents(
      regionId,
      from,
      new Date(backend.clock.now().getTime() + 1),
    );
    const metrics = computeQueueMetrics(events, {
      from: from.getTime(),
      to: backend.clock.now().getTime() + 1,
      serviceLevelSeconds: 60,
      shortAbandonSeconds: 5,
    });
    expect(metrics.ignoredEvents).toBe(0);
    expect(metrics.callsOffered).toBe(2);
    expect(metrics.callsAnswered).toBe(1);
    expect(metrics.callsAbandoned).toBe(1);
    expect(metrics.averageSpeedOfAnswerSeconds).toBe(15);
    expect(metrics.callsHandled).toBe(1);
    expect(metrics.averageTalkSeconds).toBe(300);
    expect(metrics.averageAfterCallWorkSeconds).toBe(45);
    expect(metrics.offersNotAnswered).toBe(1);
    expect(metrics.nursesByPresence.offline).toBe(1);
    expect(metrics.nursesByPresence.break).toBe(1);
    // The log is append-only: a change is refused by the database.
    await expect(
      backend.db.deleteFrom('call_event').where('call_id', '=', answered.callId).execute(),
    ).rejects.toThrow(/append-only/);
  });
});
