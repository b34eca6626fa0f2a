// Call handling through the workstation's bridge against a real backend on PGlite: presence, offer, accept, end, callbacks, errors, offline.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../../core/case';
import type {
  Call,
  CallActionResponse,
  Callback,
  CallOfferedPayload,
  Presence,
  PresenceChangedPayload,
  QueueOverview,
  QueueSnapshot,
} from '../../../core/backend-api/calls';
import { generatePersonnummer, seededRng } from '../../../core/identity/testNumbers';
import {
  addNurse,
  injectCall,
  PASSWORD,
  REGION,
  startCallsBackend,
  startTestWorkstation,
  type CallsTestBackend,
  type TestWorkstation,
} from './support';

const rng = seededRng(9001);

let target: CallsTestBackend;
beforeAll(async () => {
  target = await startCallsBackend();
}, 60_000);
afterAll(() => target.close());

const open: TestWorkstation[] = [];
afterEach(async () => {
  // Signing out sets an available nurse offline, so a later test's call is never offered to her.
  await Promise.all(
    open.splice(0).map(async (station) => {
      await station.call('session.signOut');
      await station.stop();
    }),
  );
  // Callers left waiting hang up, so each test starts with an empty queue.
  const waiting = await target.backend.db
    .selectFrom('queue_call')
    .select('external_ref')
    .where('state', 'in', ['waiting', 'offered'])
    .execute();
  for (const row of waiting) {
    if (row.external_ref) await target.backend.context.acd.callerHungUp(row.external_ref);
  }
});

/** A workstation with a nurse (or a team lead) signed in and its live channel open. */
async function signedInNurse(
  roles: Array<'nurse' | 'team_lead'> = ['nurse'],
): Promise<TestWorkstation & { hsaId: string }> {
  const { hsaId } = await addNurse(target.backend, REGION, roles);
  const station = await startTestWorkstation(target.url);
  open.push(station);
  const channelOpen = station.nextEvent<{ state: string }>('calls.liveChannel', (p) => p.state === 'open');
  await station.value('session.signIn', { hsaId, password: PASSWORD });
  await channelOpen;
  return Object.assign(station, { hsaId });
}

describe('presence through the bridge', () => {
  it('starts offline, becomes available, goes on break with a reason and sets a next status only during a call', async () => {
    const nurse = await signedInNurse();
    expect((await nurse.value<Presence>('presence.get')).state).toBe('offline');

    const available = await nurse.value<Presence>('presence.set', { state: 'available' });
    expect(available).toMatchObject({ state: 'available', hsaId: nurse.hsaId, breakReason: null });

    const lunch = await nurse.value<Presence>('presence.set', { state: 'break', breakReason: 'lunch' });
    expect(lunch).toMatchObject({ state: 'break', breakReason: 'lunch' });

    // A break without a reason is refused by the contract before anything reaches the backend.
    const noReason = await nurse.call('presence.set', { state: 'break' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    expect((await nurse.value<Presence>('presence.get')).breakReason).toBe('lunch');

    // "After this call" makes sense only on a call: the backend refuses it, and says so.
    const nextWithoutCall = await nurse.call('presence.set', { nextStatus: { state: 'offline' } });
    expect(nextWithoutCall).toMatchObject({ ok: false, error: { code: 'presence_forbidden' } });
  });

  it('pushes the nurse her own presence changes and none of another nurse', async () => {
    const ida = await signedInNurse();
    const nils = await signedInNurse();
    const seen = ida.nextEvent<PresenceChangedPayload>('presence.changed', (p) => p.state === 'available');
    await ida.value('presence.set', { state: 'available' });
    expect((await seen).hsaId).toBe(ida.hsaId);

    await nils.value('presence.set', { state: 'available' });
    await nils
      .nextEvent('presence.changed', (p: PresenceChangedPayload) => p.hsaId === nils.hsaId)
      .catch(() => undefined);
    const idaSaw = ida.pushed
      .filter((e) => e.event === 'presence.changed')
      .map((e) => (e.payload as PresenceChangedPayload).hsaId);
    expect(idaSaw).not.toContain(nils.hsaId);
    expect(idaSaw).toContain(ida.hsaId);
    await nils.value('presence.set', { state: 'offline' });
  });
});

describe('a call from offer to after-call work', () => {
  it('offers the injected call to the available nurse, who accepts, gets the caller data, ends and finishes after-call work', async () => {
    const nurse = await signedInNurse();
    const personnummer = generatePersonnummer({ birthDate: '1984-02-29', sex: 'male', rng });
    await nurse.value('presence.set', { state: 'available' });

    const offered = nurse.nextEvent<CallOfferedPayload>('calls.offered');
    const queueChanged = nurse.nextEvent('calls.queueChanged');
    const entered = await injectCall(target, {
      personnummer: personnummer.normalized,
      language: 'ar',
      answers: [
        { code: 'chest-pain', answer: 'no' },
        { code: 'high-fever', answer: 'yes' },
      ],
    });
    await target.tick();
    await queueChanged;
    const offer = await offered;
    expect(offer).toMatchObject({ callId: entered.callId, hsaId: nurse.hsaId, urgencyClass: 'yellow' });

    // The queue view shows the ringing call without the caller's number or personnummer.
    const snapshot = await nurse.value<QueueSnapshot>('calls.queue');
    const row = snapshot.queues.flatMap((q) => q.calls).find((c) => c.callId === entered.callId);
    expect(row).toMatchObject({ state: 'offered', offeredTo: nurse.hsaId, language: 'ar' });
    expect(JSON.stringify(snapshot)).not.toContain(personnummer.normalized);
    expect(snapshot.you.offer?.callId).toBe(entered.callId);

    const accepted = await nurse.value<CallActionResponse>('calls.accept', { callId: entered.callId });
    expect(accepted.presence).toMatchObject({ state: 'on-call', currentCallId: entered.callId });
    expect(accepted.call).toMatchObject({
      state: 'connected',
      personnummer: personnummer.normalized,
      callerNumber: '+46701234567',
      language: 'ar',
      assignedTo: nurse.hsaId,
    });
    expect(accepted.call.preAssessment.answers.map((a) => [a.code, a.answer])).toEqual([
      ['chest-pain', 'no'],
      ['high-fever', 'yes'],
    ]);
    expect((await nurse.value<Call>('calls.get', { callId: entered.callId })).state).toBe('connected');

    // "Take a break after this call", then end the call: after-call work with the regional timer.
    await nurse.value('presence.set', { nextStatus: { state: 'break', breakReason: 'short-break' } });
    const ended = await nurse.value<CallActionResponse>('calls.end', { callId: entered.callId });
    expect(ended.presence.state).toBe('after-call-work');
    expect(ended.presence.nextStatus).toEqual({ state: 'break', breakReason: 'short-break' });
    const endsIn = Date.parse(ended.presence.afterCallWorkEndsAt!) - Date.parse(ended.presence.since);
    expect(endsIn).toBe(30_000);

    const after = await nurse.value<Presence>('presence.endAfterCallWork');
    expect(after).toMatchObject({ state: 'break', breakReason: 'short-break', nextStatus: null });
  });

  it('keeps the access token out of every answer and every pushed event', async () => {
    const nurse = await signedInNurse();
    await nurse.value('presence.set', { state: 'available' });
    const offered = nurse.nextEvent<CallOfferedPayload>('calls.offered');
    const entered = await injectCall(target);
    await target.tick();
    await offered;
    await nurse.value('calls.queue');
    await nurse.value('calls.accept', { callId: entered.callId });
    await nurse.value('calls.end', { callId: entered.callId });
    await nurse.value('presence.endAfterCallWork');
    await nurse.value('callbacks.list', {});
    await nurse.call('calls.get', { callId: '00000000-0000-4000-8000-000000000000' });

    const tokens = await nurse.vault.load();
    expect(tokens).not.toBeNull();
    const everything = JSON.stringify({ answers: nurse.answers, pushed: nurse.pushed });
    expect(nurse.answers.length).toBeGreaterThan(6);
    expect(everything).not.toContain(tokens!.accessToken);
    expect(everything).not.toContain(tokens!.refreshToken);
    expect(everything).not.toMatch(/bearer/i);
    await nurse.value('presence.set', { state: 'offline' });
  });

  it('answers a call that rang out with offer_expired, and the nurse hears why she is unavailable', async () => {
    const nurse = await signedInNurse();
    await nurse.value('presence.set', { state: 'available' });
    const offered = nurse.nextEvent<CallOfferedPayload>('calls.offered');
    const entered = await injectCall(target);
    await target.tick();
    await offered;

    const toldWhy = nurse.nextEvent<PresenceChangedPayload>(
      'presence.changed',
      (p) => p.reason === 'offer-timeout',
    );
    // The accept arrives after the offer's time ran out (before the ACD's own tick noticed).
    target.clock.advance(6_000);
    const late = await nurse.call('calls.accept', { callId: entered.callId });
    expect(late).toMatchObject({ ok: false, error: { code: 'offer_expired' } });
    const change = await toldWhy;
    expect(change).toMatchObject({ state: 'break', breakReason: 'offer-timeout' });
    expect(change.message?.sv).toMatch(/\S/);

    // Unavailable now: the call went back to the queue and cannot be taken from a break.
    const onBreak = await nurse.call('calls.accept', { callId: entered.callId });
    expect(onBreak).toMatchObject({ ok: false, error: { code: 'presence_forbidden' } });
    // Back to available with one action.
    expect((await nurse.value<Presence>('presence.set', { state: 'available' })).state).toBe('available');
  });
});

describe('errors the nurse can act on', () => {
  it('maps the backend refusals to their own codes and refuses bad ids before sending', async () => {
    const nurse = await signedInNurse();
    const unknown = await nurse.call('calls.accept', { callId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const notRinging = await nurse.call('calls.decline', { callId: (await injectCall(target)).callId });
    expect(notRinging).toMatchObject({ ok: false, error: { code: 'call_state_conflict' } });

    const notUuid = await nurse.call('calls.accept', { callId: 'call-1' });
    expect(notUuid).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });

    // On break a waiting call cannot be taken.
    await nurse.value('presence.set', { state: 'break', breakReason: 'meeting' });
    const waiting = await injectCall(target);
    const onBreak = await nurse.call('calls.accept', { callId: waiting.callId });
    expect(onBreak).toMatchObject({ ok: false, error: { code: 'presence_forbidden' } });
    await nurse.value('presence.set', { state: 'offline' });
  });

  it('answers not_signed_in while signed out', async () => {
    const station = await startTestWorkstation(target.url);
    open.push(station);
    expect(await station.call('calls.queue')).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await station.call('presence.get')).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });
});

describe("the team lead's queue overview through the bridge", () => {
  it("shows a team lead the waiting red-flag caller and today's figures, and refuses a nurse", async () => {
    const lead = await signedInNurse(['team_lead', 'nurse']);
    const entered = await injectCall(target, { answers: [{ code: 'breathing-difficulty', answer: 'yes' }] });
    const view = await lead.value<QueueOverview>('queue.overview', {});
    expect(view.regionId).toBe(REGION);
    const regional = view.queues.find((queue) => queue.queueId === REGION);
    expect(regional?.waitingCount).toBe(1);
    expect(regional?.redFlagCallsWaiting.map((call) => call.callId)).toEqual([entered.callId]);
    expect(regional?.redFlagCallsWaiting[0]?.redFlags[0]?.code).toBe('breathing-difficulty');
    expect(view.today.callsOffered).toBeGreaterThanOrEqual(1);

    const nurse = await signedInNurse();
    expect(await nurse.call('queue.overview', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await lead.call('queue.overview', { regionId: 'another-region' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('callbacks through the bridge', () => {
  it('books a callback, lists it as due, and records a failed attempt that is retried later', async () => {
    const nurse = await signedInNurse();
    const start = new Date(Date.now() + 10 * 60_000);
    const booked = await nurse.value<Callback>('callbacks.book', {
      phone: '070-123 45 67',
      reason: 'Återkoppling om feber hos barn',
      urgencyClass: 'yellow',
      windowStart: start.toISOString(),
      windowEnd: new Date(start.getTime() + 60 * 60_000).toISOString(),
    });
    expect(booked).toMatchObject({ state: 'scheduled', phone: '+46701234567', urgencyClass: 'yellow' });

    const listed = await nurse.value<Callback[]>('callbacks.list', {});
    expect(listed.map((c) => c.id)).toContain(booked.id);
    const snapshot = await nurse.value<QueueSnapshot>('calls.queue');
    expect(snapshot.callbacksDue.map((c) => c.id)).toContain(booked.id);

    const attempt = await nurse.value<Callback>('callbacks.recordAttempt', {
      callbackId: booked.id,
      outcome: 'no-answer',
    });
    expect(attempt.state).toBe('scheduled');
    expect(attempt.attempts).toHaveLength(1);
    expect(Date.parse(attempt.nextAttemptAt!)).toBeGreaterThan(Date.now() + 14 * 60_000);

    const wrong = await nurse.value<Callback>('callbacks.recordAttempt', {
      callbackId: booked.id,
      outcome: 'wrong-number',
    });
    expect(wrong.state).toBe('failed');
    const again = await nurse.call('callbacks.recordAttempt', { callbackId: booked.id, outcome: 'busy' });
    expect(again).toMatchObject({ ok: false, error: { code: 'callback_state_conflict' } });
  });

  it('cancels a callback not yet due with the reason, and refuses one without a reason before the backend', async () => {
    const nurse = await signedInNurse();
    const start = new Date(Date.now() + 45 * 60_000);
    const booked = await nurse.value<Callback>('callbacks.book', {
      phone: '070-123 45 68',
      reason: 'Återkoppling om provsvar',
      urgencyClass: 'green',
      windowStart: start.toISOString(),
      windowEnd: new Date(start.getTime() + 30 * 60_000).toISOString(),
    });
    const missing = await nurse.call('callbacks.cancel', { callbackId: booked.id, reason: ' ' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    expect(JSON.stringify(missing)).toContain('Skriv varför återuppringningen avbokas');

    const cancelled = await nurse.value<Callback>('callbacks.cancel', {
      callbackId: booked.id,
      reason: 'Ringde själv och fick hjälp',
    });
    expect(cancelled).toMatchObject({
      state: 'cancelled',
      cancellation: { reason: 'Ringde själv och fick hjälp' },
    });
    const open = await nurse.value<Callback[]>('callbacks.list', {});
    expect(open.map((c) => c.id)).not.toContain(booked.id);
    const again = await nurse.call('callbacks.cancel', { callbackId: booked.id, reason: 'En gång till' });
    expect(again).toMatchObject({ ok: false, error: { code: 'callback_state_conflict' } });
  });

  it('refuses a callback with a malformed phone number before it reaches the backend', async () => {
    const nurse = await signedInNurse();
    const start = new Date(Date.now() + 60_000);
    const refused = await nurse.call('callbacks.book', {
      phone: '12ab',
      reason: 'Återkoppling',
      urgencyClass: 'green',
      windowStart: start.toISOString(),
      windowEnd: new Date(start.getTime() + 3600_000).toISOString(),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/phone/);
  });
});

describe('offline', () => {
  it('says the backend cannot be reached and keeps case work going on the workstation', async () => {
    // A stand-in backend that only signs the nurse in, then goes away.
    const standIn = createServer((request, response) => {
      const later = (ms: number) => new Date(Date.now() + ms).toISOString();
      response.writeHead(request.url === '/api/v1/auth/sign-in' ? 200 : 404, {
        'content-type': 'application/json',
      });
      response.end(
        JSON.stringify({
          accessToken: 'access-offline-test',
          accessTokenExpiresAt: later(600_000),
          refreshToken: 'refresh-offline-test',
          refreshTokenExpiresAt: later(3_600_000),
          staff: {
            hsaId: 'SE2321000016-OFFN1',
            name: 'Sköterska Offline',
            title: 'Sjuksköterska',
            roles: ['nurse'],
            region: { id: REGION, name: 'Testregionen' },
          },
        }),
      );
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    const port = (standIn.address() as AddressInfo).port;
    const station = await startTestWorkstation(`http://127.0.0.1:${port}`);
    open.push(station);
    await station.value('session.signIn', { hsaId: 'SE2321000016-OFFN1', password: PASSWORD });
    standIn.closeAllConnections();
    await new Promise<void>((resolve) => standIn.close(() => resolve()));

    const queue = await station.call('calls.queue');
    expect(queue).toMatchObject({ ok: false, error: { code: 'backend_unreachable' } });
    const presence = await station.call('presence.set', { state: 'available' });
    expect(presence).toMatchObject({ ok: false, error: { code: 'backend_unreachable' } });
    expect(station.workstation.connection.current.backend).toBe('offline');

    const created = await station.value<Case>('cases.create', {
      patient: { kind: 'unidentified', description: 'Kvinna ca 50 år' },
      caller: 'self',
      kontaktorsak: 'Yrsel sedan i morse',
    });
    expect(created.status).toBe('open');
  });
});
