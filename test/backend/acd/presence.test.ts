// Presence as a state machine: allowed and forbidden changes, after-call work by timer or early, next status after a call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_ROUTES } from '../../../core/backend-api/calls';
import type { Presence, PresenceUpdateRequest } from '../../../core/backend-api/calls';
import { NURSE_PRESENCE_STATES } from '../../../core/queue/presence';
import { PRESENCE_TRANSITIONS } from '../../../backend/src/acd/presence';
import { SessionTokensResponseSchema, BACKEND_ROUTES } from '../../../core/backend-api/auth';
import { createTestStaff, describeEachEngine, postJson } from '../support/testBackend';
import {
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
} from './support';
import type { AcdTestBackend, TestNurse } from './support';

describe('the presence transition table', () => {
  it('lets a nurse take a call only when available, and leave a call only through after-call work', () => {
    const canReach = (to: string) =>
      NURSE_PRESENCE_STATES.filter((from) => PRESENCE_TRANSITIONS[from].includes(to as never));
    expect(canReach('on-call')).toEqual(['available']);
    expect(PRESENCE_TRANSITIONS['on-call']).toEqual(['after-call-work']);
    expect(canReach('after-call-work')).toEqual(['on-call']);
  });
});

describeEachEngine('presence', (engine) => {
  let backend: AcdTestBackend;
  beforeAll(async () => {
    backend = await startAcdBackend(engine);
  });
  afterAll(() => backend?.close());

  function put(nurse: TestNurse, body: unknown) {
    return request(backend, 'PUT', CALL_ROUTES.presence, nurse.token, body);
  }

  it('starts offline, and a nurse moves freely between available, break (with a reason) and offline', async () => {
    const nurse = await addNurse(backend, { regionId: 'presence-free' });
    expect((await getPresence(backend, nurse)).state).toBe('offline');
    const steps: Array<[PresenceUpdateRequest, Partial<Presence>]> = [
      [{ state: 'available' }, { state: 'available', breakReason: null }],
      [
        { state: 'break', breakReason: 'lunch' },
        { state: 'break', breakReason: 'lunch' },
      ],
      [
        { state: 'break', breakReason: 'meeting' },
        { state: 'break', breakReason: 'meeting' },
      ],
      [{ state: 'offline' }, { state: 'offline', breakReason: null }],
      [
        { state: 'break', breakReason: 'training' },
        { state: 'break', breakReason: 'training' },
      ],
      [{ state: 'available' }, { state: 'available', breakReason: null }],
    ];
    for (const [update, expected] of steps) {
      expect(await setPresence(backend, nurse, update)).toEqual(expect.objectContaining(expected));
    }
    const events = await backend.context.acd.queueEvents(
      'presence-free',
      new Date(0),
      new Date(Date.parse('2100-01-01')),
    );
    expect(
      events
        .filter((e) => e.type === 'nurse-presence-changed')
        .map((e) => e.type === 'nurse-presence-changed' && e.presence),
    ).toEqual(['available', 'break', 'break', 'offline', 'break', 'available']);
  });

  describe('refuses, with a clear reason and nothing changed,', () => {
    it('accepting a call while on break', async () => {
      const regionId = 'presence-break';
      const nurse = await addNurse(backend, { regionId });
      await setPresence(backend, nurse, { state: 'break', breakReason: 'short-break' });
      const call = await injectCall(backend, { regionId });
      const response = await callAction(backend, nurse, 'acceptCall', call.callId);
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toEqual(
        expect.objectContaining({
          code: 'presence_transition_forbidden',
          message: expect.stringContaining('on break'),
        }),
      );
      expect((await getPresence(backend, nurse)).state).toBe('break');
      expect(order(await queueOf(backend, nurse), regionId)).toEqual([call.callId]);
    });

    it('setting a state during a call, or ending after-call work that has not begun', async () => {
      const regionId = 'presence-busy';
      const nurse = await addNurse(backend, { regionId });
      await setPresence(backend, nurse, { state: 'available' });
      const call = await injectCall(backend, { regionId });
      await accept(backend, nurse, call.callId);
      for (const body of [
        { state: 'available' },
        { state: 'offline' },
        { state: 'break', breakReason: 'lunch' },
      ]) {
        const response = await put(nurse, body);
        expect(response.statusCode).toBe(409);
        expect(response.json().error.message).toContain('nextStatus');
      }
      const early = await request(backend, 'POST', CALL_ROUTES.endAfterCallWork, nurse.token);
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toContain('end the call first');
      const presence = await getPresence(backend, nurse);
      expect(presence.state).toBe('on-call');
      expect(presence.currentCallId).toBe(call.callId);
    });

    it('a next status when not on a call, and states that only calls can set', async () => {
      const nurse = await addNurse(backend, { regionId: 'presence-bad' });
      await setPresence(backend, nurse, { state: 'available' });
      const next = await put(nurse, { nextStatus: { state: 'break', breakReason: 'lunch' } });
      expect(next.statusCode).toBe(409);
      expect(next.json().error.message).toContain('not on one');
      for (const body of [
        { state: 'on-call' },
        { state: 'after-call-work' },
        { state: 'break' },
        { state: 'break', breakReason: 'offer-timeout' },
        { state: 'available', breakReason: 'lunch' },
        {},
      ]) {
        const response = await put(nurse, body);
        expect(response.statusCode).toBe(400);
        expect(response.json().error.code).toBe('bad_request');
      }
      expect((await getPresence(backend, nurse)).state).toBe('available');
    });
  });

  it('after-call work ends by the regional timer, and the next status chosen during the call applies then', async () => {
    const regionId = 'presence-next';
    const nurse = await addNurse(backend, { regionId });
    await setPresence(backend, nurse, { state: 'available' });
    const call = await injectCall(backend, { regionId });
    await accept(backend, nurse, call.callId);
    const chosen = await setPresence(backend, nurse, {
      nextStatus: { state: 'break', breakReason: 'lunch' },
    });
    expect(chosen.state).toBe('on-call');
    expect(chosen.nextStatus).toEqual({ state: 'break', breakReason: 'lunch' });
    backend.clock.advance(240_000);
    const ended = expectStatus(await callAction(backend, nurse, 'endCall', call.callId), 200).json();
    expect(ended.call.state).toBe('after-call-work');
    expect(ended.presence.state).toBe('after-call-work');
    expect(Date.parse(ended.presence.afterCallWorkEndsAt) - backend.clock.now().getTime()).toBe(60_000);
    // A new caller meanwhile is not offered to her.
    const next = await injectCall(backend, { regionId });
    backend.clock.advance(59_000);
    await backend.context.acd.tick();
    expect((await getPresence(backend, nurse)).state).toBe('after-call-work');
    backend.clock.advance(1_000);
    await backend.context.acd.tick();
    const after = await getPresence(backend, nurse);
    expect(after.state).toBe('break');
    expect(after.breakReason).toBe('lunch');
    expect(after.nextStatus).toBeNull();
    expect(after.message?.sv).toContain('Efterarbetstiden (60 s) är slut');
    expect(after.offer).toBeNull();
    expect(order(await queueOf(backend, nurse), regionId)).toEqual([next.callId]);
    const { call: finished } = expectStatus(
      await request(backend, 'GET', `/api/v1/calls/${call.callId}`, nurse.token),
      200,
    ).json();
    expect(finished.state).toBe('ended');
  });

  it('after-call work can be ended early; without a next status she is available and gets the next call', async () => {
    const regionId = 'presence-early';
    const nurse = await addNurse(backend, { regionId });
    await setPresence(backend, nurse, { state: 'available' });
    const call = await injectCall(backend, { regionId });
    await accept(backend, nurse, call.callId);
    expectStatus(await callAction(backend, nurse, 'endCall', call.callId), 200);
    const waiting = await injectCall(backend, { regionId });
    backend.clock.advance(10_000);
    const presence = expectStatus(
      await request(backend, 'POST', CALL_ROUTES.endAfterCallWork, nurse.token),
      200,
    ).json().presence as Presence;
    expect(presence.state).toBe('available');
    expect(presence.reason).toBe('after-call-work-ended-early');
    expect(presence.offer?.callId).toBe(waiting.callId);
  });

  it('going on break while a call rings sends the call back to the queue', async () => {
    const regionId = 'presence-leave';
    const nurse = await addNurse(backend, { regionId });
    await setPresence(backend, nurse, { state: 'available' });
    const call = await injectCall(backend, { regionId });
    expect((await getPresence(backend, nurse)).offer?.callId).toBe(call.callId);
    const onBreak = await setPresence(backend, nurse, { state: 'break', breakReason: 'short-break' });
    expect(onBreak.offer).toBeNull();
    const view = (await queueOf(backend, nurse)).queues[0]!;
    expect(view.calls.map((c) => [c.callId, c.state])).toEqual([[call.callId, 'waiting']]);
  });

  describe('signing out', () => {
    /** A nurse signed in through the real sign-in route, so her refresh token can sign her out. */
    async function signedInNurse(regionId: string) {
      const account = await createTestStaff(backend, { regionId });
      const tokens = SessionTokensResponseSchema.parse(
        expectStatus(
          await postJson(backend, BACKEND_ROUTES.signIn, {
            hsaId: account.hsaId,
            password: account.password,
          }),
          200,
        ).json(),
      );
      const nurse: TestNurse = {
        hsaId: account.hsaId,
        regionId,
        token: tokens.accessToken,
        roles: ['nurse'],
      };
      const signOut = async () =>
        expectStatus(
          await postJson(backend, BACKEND_ROUTES.signOut, { refreshToken: tokens.refreshToken }),
          204,
        );
      return { nurse, signOut };
    }
    /** Presence read as the backend holds it: her access token ends with the session. */
    const presenceOf = (nurse: TestNurse) => backend.context.acd.presence(nurse);

    it('takes an available nurse out of the queues, and the call ringing at her goes back to its place', async () => {
      const regionId = 'presence-signout';
      const { nurse, signOut } = await signedInNurse(regionId);
      await setPresence(backend, nurse, { state: 'available' });
      const call = await injectCall(backend, { regionId });
      expect((await getPresence(backend, nurse)).offer?.callId).toBe(call.callId);
      await signOut();
      const after = await presenceOf(nurse);
      expect(after.state).toBe('offline');
      expect(after.offer).toBeNull();
      const colleague = await addNurse(backend, { regionId });
      const view = (await queueOf(backend, colleague)).queues[0]!;
      expect(view.calls.map((c) => [c.callId, c.state])).toEqual([[call.callId, 'waiting']]);
    });

    it('takes a nurse on break offline too, but leaves one on a call where she is', async () => {
      const regionId = 'presence-signout-busy';
      const resting = await signedInNurse(regionId);
      await setPresence(backend, resting.nurse, { state: 'break', breakReason: 'lunch' });
      await resting.signOut();
      expect((await presenceOf(resting.nurse)).state).toBe('offline');

      const talking = await signedInNurse(regionId);
      await setPresence(backend, talking.nurse, { state: 'available' });
      const call = await injectCall(backend, { regionId });
      await accept(backend, talking.nurse, call.callId);
      await talking.signOut();
      expect((await presenceOf(talking.nurse)).state).toBe('on-call');
    });
  });

  it('needs a nurse or team lead: others are refused', async () => {
    const admin = await addNurse(backend, { roles: ['admin'] });
    expect((await put(admin, { state: 'available' })).statusCode).toBe(403);
    expect((await request(backend, 'GET', CALL_ROUTES.presence, null)).statusCode).toBe(401);
  });
});
