// Bad input at the call-distribution boundary: a clear 4xx saying what is wrong, and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_ROUTES, TELEPHONY_KEY_HEADER, callRoute } from '../../../core/backend-api/calls';
import { generatePersonnummer, withWrongCheckDigit } from '../../../core/identity/testNumbers';
import { describeEachEngine } from '../support/testBackend';
import {
  TEST_REGION,
  TEST_TELEPHONY_KEY,
  addNurse,
  expectStatus,
  injectCall,
  request,
  startAcdBackend,
} from './support';
import type { AcdTestBackend } from './support';

describeEachEngine('bad input to call distribution', (engine) => {
  let backend: AcdTestBackend;
  beforeAll(async () => {
    backend = await startAcdBackend(engine);
  });
  afterAll(() => backend?.close());

  const callCount = async () =>
    Number(
      (
        await backend.db
          .selectFrom('queue_call')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  function telephony(body: unknown, key: string | null = TEST_TELEPHONY_KEY) {
    return backend.app.inject({
      method: 'POST',
      url: CALL_ROUTES.telephonyCalls,
      headers: key === null ? {} : { [TELEPHONY_KEY_HEADER]: key },
      payload: body as object,
    });
  }

  const goodCall = { externalRef: 'bad-input-1', regionId: TEST_REGION, callerNumber: '+46701740660' };

  describe('from the phone platform', () => {
    it('refuses a missing or wrong telephony key (401) and records no call', async () => {
      await addNurse(backend);
      const before = await callCount();
      const missing = await telephony(goodCall, null);
      expect(missing.statusCode).toBe(401);
      expect(missing.json().error.code).toBe('telephony_key_invalid');
      const wrong = await telephony(goodCall, 'not-the-key-not-the-key-not-the-key');
      expect(wrong.statusCode).toBe(401);
      // A staff token is not a telephony key.
      const nurse = await addNurse(backend);
      const asNurse = await backend.app.inject({
        method: 'POST',
        url: CALL_ROUTES.telephonyCalls,
        headers: { authorization: `Bearer ${nurse.token}` },
        payload: goodCall,
      });
      expect(asNurse.statusCode).toBe(401);
      expect(await callCount()).toBe(before);
    });

    it.each([
      ['an unknown region', { regionId: 'atlantis' }, 'regionId'],
      ["another region's queue", { queueId: 'skane' }, 'queueId'],
      ['a caller number with letters', { callerNumber: '07O-1234567' }, 'callerNumber'],
      ['a language that is not a code', { language: 'svenska' }, 'language'],
      [
        'an unknown phone-menu question',
        { answers: [{ code: 'headache', answer: 'yes' }] },
        'answers.0.code',
      ],
      [
        'an answer other than yes/no',
        { answers: [{ code: 'chest-pain', answer: 'maybe' }] },
        'answers.0.answer',
      ],
      ['an unknown urgency', { urgencyClass: 'purple' }, 'urgencyClass'],
      ['an externalRef with spaces', { externalRef: 'a b' }, 'externalRef'],
    ])('refuses %s with 400 naming the field', async (_title, change, field) => {
      const before = await callCount();
      const response = await telephony({ ...goodCall, ...change });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.issues.map((i: { path: string }) => i.path)).toContain(field);
      expect(await callCount()).toBe(before);
    });

    it('refuses a personnummer with a wrong check digit, saying so, without echoing it', async () => {
      const before = await callCount();
      const wrong = withWrongCheckDigit(
        generatePersonnummer({ birthDate: '1975-06-30', sex: 'female' }).normalized,
      );
      const response = await telephony({ ...goodCall, personnummer: wrong });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain('check digit');
      expect(response.body).not.toContain(wrong);
      expect(await callCount()).toBe(before);
      expect(backend.logs.text).not.toContain(wrong);
    });

    it('refuses the same externalRef twice (409), keeping the first call', async () => {
      const first = await injectCall(backend, { externalRef: 'bad-input-dup' });
      const before = await callCount();
      const again = await telephony({ ...goodCall, externalRef: 'bad-input-dup' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('duplicate_call');
      expect(await callCount()).toBe(before);
      expect(first.callId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers 404 for a hang-up of a call it never saw', async () => {
      const response = await backend.app.inject({
        method: 'POST',
        url: callRoute(CALL_ROUTES.telephonyHangUp, 'never-seen'),
        headers: { [TELEPHONY_KEY_HEADER]: TEST_TELEPHONY_KEY },
        payload: {},
      });
      expect(response.statusCode).toBe(404);
    });
  });

  describe('from workstations', () => {
    it('answers 400 for a malformed call id and 404 for an unknown one', async () => {
      const nurse = await addNurse(backend);
      const malformed = await request(
        backend,
        'POST',
        callRoute(CALL_ROUTES.acceptCall, 'not-a-uuid'),
        nurse.token,
      );
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.message).toContain('not a valid id');
      const unknown = await request(
        backend,
        'POST',
        callRoute(CALL_ROUTES.acceptCall, '00000000-0000-4000-8000-000000000000'),
        nurse.token,
      );
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('call_not_found');
    });

    it('hides calls of other regions and other nurses', async () => {
      const own = await addNurse(backend);
      const other = await addNurse(backend, { regionId: 'elsewhere' });
      const call = await injectCall(backend);
      expect(
        (await request(backend, 'GET', callRoute(CALL_ROUTES.call, call.callId), own.token)).statusCode,
      ).toBe(404);
      expect(
        (await request(backend, 'POST', callRoute(CALL_ROUTES.acceptCall, call.callId), other.token))
          .statusCode,
      ).toBe(404);
      expect(
        (await request(backend, 'POST', callRoute(CALL_ROUTES.endCall, call.callId), own.token)).statusCode,
      ).toBe(409);
    });

    it('refuses signed-out requests (401) and an unknown callback attempt outcome (400)', async () => {
      expect((await request(backend, 'GET', CALL_ROUTES.queue, null)).statusCode).toBe(401);
      const nurse = await addNurse(backend);
      const response = await request(
        backend,
        'POST',
        callRoute(CALL_ROUTES.callbackAttempts, '00000000-0000-4000-8000-000000000000'),
        nurse.token,
        { outcome: 'maybe' },
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain('outcome must be one of');
      const query = await request(backend, 'GET', `${CALL_ROUTES.callbacks}?state=soon`, nurse.token);
      expect(query.statusCode).toBe(400);
    });
  });
});

describeEachEngine('telephony without a configured key', (engine) => {
  let backend: AcdTestBackend;
  beforeAll(async () => {
    backend = await startAcdBackend(engine, { telephonyKey: '' });
  });
  afterAll(() => backend?.close());

  it('answers 503 and says how to configure it', async () => {
    const response = await backend.app.inject({
      method: 'POST',
      url: CALL_ROUTES.telephonyCalls,
      headers: { [TELEPHONY_KEY_HEADER]: 'anything-anything-anything' },
      payload: {},
    });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.message).toContain('FIRSTLINE_TELEPHONY_KEY');
    expectStatus(response, 503);
  });
});
