// Malformed requests at the HTTP boundary: each gets a 4xx saying what is wrong, and nothing is written.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiErrorSchema, BACKEND_ROUTES } from '../../../core/backend-api/auth';
import { createTestStaff, describeEachEngine, startTestBackend } from '../support/testBackend';
import type { TestBackend } from '../support/testBackend';

describeEachEngine('malformed requests', (engine) => {
  let backend: TestBackend;
  let nurse: { hsaId: string; password: string };

  beforeAll(async () => {
    backend = await startTestBackend(engine);
    nurse = await createTestStaff(backend);
  });
  afterAll(() => backend?.close());

  /** Everything a sign-in attempt could have written. */
  async function writtenState() {
    const audit = await backend.db
      .selectFrom('audit_sign_in')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const sessions = await backend.db
      .selectFrom('staff_session')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const account = await backend.db
      .selectFrom('staff')
      .select(['failed_attempts', 'locked_until'])
      .where('hsa_id', '=', nurse.hsaId)
      .executeTakeFirstOrThrow();
    return { audit: audit.n, sessions: sessions.n, account };
  }

  function send(payload: string, contentType = 'application/json', url: string = BACKEND_ROUTES.signIn) {
    return backend.app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
  }

  function errorOf(response: { json(): unknown }) {
    return ApiErrorSchema.parse(response.json()).error;
  }

  it('names each missing or mistyped field', async () => {
    const before = await writtenState();

    const missing = errorOf(await send(JSON.stringify({ hsaId: nurse.hsaId })));
    expect(missing.code).toBe('bad_request');
    expect(missing.message).toBe('Invalid request body: password is required.');
    expect(missing.issues).toEqual([{ path: 'password', message: 'password is required' }]);

    const wrongTypes = await send(JSON.stringify({ hsaId: 4711, password: ['a'] }));
    expect(wrongTypes.statusCode).toBe(400);
    expect(errorOf(wrongTypes).issues).toEqual([
      { path: 'hsaId', message: 'hsaId must be a string' },
      { path: 'password', message: 'password must be a string' },
    ]);

    const blank = errorOf(await send(JSON.stringify({ hsaId: '   ', password: '' })));
    expect(blank.issues?.map((issue) => issue.message)).toEqual([
      'hsaId must not be empty',
      'password must not be empty',
    ]);

    const tooLong = errorOf(await send(JSON.stringify({ hsaId: 'S'.repeat(65), password: 'x' })));
    expect(tooLong.issues).toEqual([{ path: 'hsaId', message: 'hsaId is too long (at most 64 characters)' }]);

    expect(await writtenState()).toEqual(before);
  });

  it('refuses control characters in the HSA-id instead of failing in the database', async () => {
    const before = await writtenState();
    const response = await send(JSON.stringify({ hsaId: 'SE2321000016-\u0000X', password: 'x' }));
    expect(response.statusCode).toBe(400);
    // The backend-wide text rule (core/text/textRule.ts) refuses the NUL before the schema sees it.
    expect(errorOf(response).issues).toEqual([
      { path: 'hsaId', message: expect.stringMatching(/^hsaId contains a NUL character/) },
    ]);
    expect(await writtenState()).toEqual(before);
  });

  it('refuses bodies that are not a JSON object', async () => {
    const before = await writtenState();
    for (const payload of ['[]', '"SE2321000016-X"', 'null', '42']) {
      const response = await send(payload);
      expect(response.statusCode, payload).toBe(400);
      expect(errorOf(response).message, payload).toMatch(/must be a JSON object/);
    }
    expect(await writtenState()).toEqual(before);
  });

  it('refuses text that is not JSON, an empty body and a foreign content type, without echoing the input', async () => {
    const before = await writtenState();
    const broken = await send(`{"hsaId":"${nurse.hsaId}","password":"Hemligt-123"`);
    expect(broken.statusCode).toBe(400);
    expect(errorOf(broken)).toEqual({ code: 'bad_request', message: 'The request body is not valid JSON.' });
    expect(broken.body).not.toContain('Hemligt-123');

    const empty = await send('');
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).message).toMatch(/empty/);

    const form = await send(`hsaId=${nurse.hsaId}&password=x`, 'application/x-www-form-urlencoded');
    expect(form.statusCode).toBe(415);
    expect(errorOf(form)).toMatchObject({
      code: 'unsupported_media_type',
      message: expect.stringMatching(/JSON/),
    });
    expect(await writtenState()).toEqual(before);
  });

  it('refuses an oversized body with 413 before reading it as a sign-in', async () => {
    const before = await writtenState();
    const huge = JSON.stringify({ hsaId: nurse.hsaId, password: 'x'.repeat(20_000) });
    const response = await send(huge);
    expect(response.statusCode).toBe(413);
    expect(errorOf(response)).toMatchObject({
      code: 'body_too_large',
      message: expect.stringMatching(/8192 bytes/),
    });

    const hugeRefresh = await send(
      JSON.stringify({ refreshToken: 'r'.repeat(1_000_000) }),
      undefined,
      BACKEND_ROUTES.refresh,
    );
    expect(hugeRefresh.statusCode).toBe(413);
    expect(await writtenState()).toEqual(before);
  });

  it('answers unknown routes with 404 in the same error shape, without repeating the address', async () => {
    const response = await backend.app.inject({ method: 'GET', url: '/api/v1/nothing-here?q=1' });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response)).toEqual({
      code: 'not_found',
      message: 'There is no GET route at this address; check the path.',
    });
    expect(response.body).not.toContain('nothing-here');
  });

  it('still signs the nurse in afterwards: bad requests did not count as failed attempts', async () => {
    const response = await backend.app.inject({
      method: 'POST',
      url: BACKEND_ROUTES.signIn,
      payload: { hsaId: nurse.hsaId, password: nurse.password },
    });
    expect(response.statusCode).toBe(200);
  });
});
