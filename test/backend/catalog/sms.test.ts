// Referral-receipt SMS: Swedish mobile numbers read in every usual form, the logging gateway masks the number and never logs the text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import type { StaffRole } from '../../../core/backend-api/auth';
import {
  CATALOG_ROUTES,
  maskPhoneNumber,
  normaliseSwedishMobile,
  ReferralReceiptSmsResponseSchema,
  SMS_MAX_LENGTH,
} from '../../../core/backend-api/catalog';
import {
  LoggingSmsGateway,
  SmsGatewayError,
  smsParts,
  type SmsGateway,
} from '../../../backend/src/sms/gateway';
import {
  createTestStaff,
  describeEachEngine,
  postJson,
  startTestBackend,
  type TestBackend,
} from '../support/testBackend';

// Numbers from the range PTS reserves for fiction (070-174 06 05 … 070-174 06 99): never a real person.
const FICTION = '070-174 06 05';
const FICTION_E164 = '+46701740605';

describe('Swedish mobile numbers', () => {
  it.each([
    ['070-174 06 05', FICTION_E164],
    ['0701740605', FICTION_E164],
    ['+46 70 174 06 05', FICTION_E164],
    ['+46701740605', FICTION_E164],
    ['0046 70-174 06 05', FICTION_E164],
    [' 073-123 45 67 ', '+46731234567'],
    ['(076) 123 45 67', '+46761234567'],
  ])('reads %j as %s', (typed, e164) => {
    expect(normaliseSwedishMobile(typed)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', /Skriv ett mobilnummer/],
    ['08-123 456 78', /tio siffror och börjar med 07/],
    ['070-174 06', /tio siffror/],
    ['070-174 06 05 1', /tio siffror/],
    ['074-123 45 67', /074 är inte ett mobilnummer/],
    ['+47 412 34 567', /Bara svenska mobilnummer/],
    ['070-ABC', /bara innehålla siffror/],
  ])('refuses %j saying why', (typed, reason) => {
    const checked = normaliseSwedishMobile(typed);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason.sv).toMatch(reason);
  });

  it('masks all but the country code, the first digit and the last two', () => {
    expect(maskPhoneNumber(FICTION_E164)).toBe('+46 7••••••05');
    expect(maskPhoneNumber(FICTION_E164)).not.toContain('174');
  });

  it('counts SMS parts as operators do (160 alone, 153 each when joined)', () => {
    expect(smsParts('a'.repeat(160))).toBe(1);
    expect(smsParts('a'.repeat(161))).toBe(2);
    expect(smsParts('a'.repeat(SMS_MAX_LENGTH))).toBe(6);
  });
});

async function signIn(backend: TestBackend, roles: StaffRole[]) {
  const account = await createTestStaff(backend, { regionId: 'skane', roles });
  const response = await postJson(backend, BACKEND_ROUTES.signIn, {
    hsaId: account.hsaId,
    password: account.password,
  });
  return SessionTokensResponseSchema.parse(response.json()).accessToken;
}

function sendSms(backend: TestBackend, token: string, body: unknown) {
  return backend.app.inject({
    method: 'POST',
    url: CATALOG_ROUTES.referralReceiptSms,
    headers: { authorization: `Bearer ${token}` },
    payload: body as object,
  });
}

const RECEIPT =
  'Hänvisning: Närakuten Lund (demo), öppet till 22:00. Brådskegrad: Skyndsamt. Råd: vila och drick.';

describeEachEngine('referral receipt SMS', (engine) => {
  let backend: TestBackend;
  let gateway: LoggingSmsGateway;
  let nurse: string;

  beforeAll(async () => {
    backend = await startTestBackend(engine, { catalogResourcesDir: null });
    gateway = backend.context.sms as LoggingSmsGateway;
    nurse = await signIn(backend, ['nurse']);
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('hands the receipt to the gateway, answers the number masked, and logs neither the text nor the number', async () => {
    const response = await sendSms(backend, nurse, { to: FICTION, text: RECEIPT });
    expect(response.statusCode, response.body).toBe(200);
    const body = ReferralReceiptSmsResponseSchema.parse(response.json());
    expect(body.to).toBe('+46 7••••••05');
    expect(body.sentAt).toBe(backend.clock.now().toISOString());
    const sent = gateway.sent.at(-1)!;
    expect(sent).toMatchObject({ messageId: body.messageId, to: FICTION_E164, text: RECEIPT });

    const logs = backend.logs.text;
    expect(logs).toContain(body.messageId);
    expect(logs).toContain('+46 7••••••05');
    expect(logs).not.toContain('1740605');
    expect(logs).not.toContain('174 06 05');
    expect(logs).not.toContain('Närakuten Lund');
    expect(logs).not.toContain('vila och drick');
  });

  it.each([
    ['a landline', { to: '08-123 456 78', text: RECEIPT }, 'to', /starts with 07/],
    ['a blank text', { to: FICTION, text: '   ' }, 'text', /must not be empty/],
    [
      'seven SMS parts',
      { to: FICTION, text: 'x'.repeat(SMS_MAX_LENGTH + 1) },
      'text',
      /at most 918 characters/,
    ],
    ['no number', { text: RECEIPT }, 'to', /phone number as text/],
    ['an unknown field', { to: FICTION, text: RECEIPT, from: 'x' }, '', /unknown field from/],
  ])('refuses %s naming the field, and sends nothing', async (_case, body, field, message) => {
    const before = gateway.sent.length;
    const response = await sendSms(backend, nurse, body);
    expect(response.statusCode).toBe(400);
    const error = ApiErrorSchema.parse(response.json()).error;
    expect(error.issues?.[0]?.path).toBe(field);
    expect(error.message).toMatch(message);
    expect(gateway.sent.length).toBe(before);
  });

  it('is for nurses: refused without a token and for an account without the nurse role', async () => {
    const anonymous = await backend.app.inject({
      method: 'POST',
      url: CATALOG_ROUTES.referralReceiptSms,
      payload: { to: FICTION, text: RECEIPT },
    });
    expect(anonymous.statusCode).toBe(401);
    const admin = await signIn(backend, ['admin']);
    expect((await sendSms(backend, admin, { to: FICTION, text: RECEIPT })).statusCode).toBe(403);
  });

  it('keeps only the last messages in memory', async () => {
    const small = new LoggingSmsGateway({
      logger: backend.app.log as never,
      clock: backend.clock.now,
      keep: 2,
    });
    for (const text of ['ett', 'två', 'tre']) await small.send({ to: FICTION_E164, text });
    expect(small.sent.map((m) => m.text)).toEqual(['två', 'tre']);
  });
});

describeEachEngine('referral receipt SMS with a failing gateway', (engine) => {
  let backend: TestBackend;
  beforeAll(async () => {
    const failing: SmsGateway = {
      send: () => Promise.reject(new SmsGatewayError('operator answered 503')),
    };
    backend = await startTestBackend(engine, { catalogResourcesDir: null, smsGateway: failing });
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('answers 502 sms_failed so the nurse knows nothing was sent', async () => {
    const nurse = await signIn(backend, ['nurse']);
    const response = await sendSms(backend, nurse, { to: FICTION, text: RECEIPT });
    expect(response.statusCode).toBe(502);
    expect(ApiErrorSchema.parse(response.json()).error.code).toBe('sms_failed');
    expect(backend.logs.text).not.toContain('vila och drick');
  });
});
