// Sessions: refresh rotation and reuse detection, sign-out, expiry, and forged or tampered access tokens.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiErrorSchema, BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import type { SessionTokensResponse } from '../../../core/backend-api/auth';
import {
  createTestStaff,
  describeEachEngine,
  getWithToken,
  postJson,
  startTestBackend,
} from '../support/testBackend';
import type { TestBackend } from '../support/testBackend';

const MINUTE = 60_000;

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describeEachEngine('staff sessions and tokens', (engine) => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend(engine);
  });
  afterAll(() => backend?.close());

  async function signedIn(): Promise<SessionTokensResponse> {
    const nurse = await createTestStaff(backend);
    const response = await postJson(backend, BACKEND_ROUTES.signIn, {
      hsaId: nurse.hsaId,
      password: nurse.password,
    });
    expect(response.statusCode).toBe(200);
    return SessionTokensResponseSchema.parse(response.json());
  }
  const refresh = (refreshToken: string) => postJson(backend, BACKEND_ROUTES.refresh, { refreshToken });
  const me = (accessToken: string) => getWithToken(backend, BACKEND_ROUTES.me, accessToken);
  const errorCode = (response: { json(): unknown }) => ApiErrorSchema.parse(response.json()).error.code;

  it('rotates the refresh token: each refresh gives a new pair and the new access token works', async () => {
    const session = await signedIn();
    backend.clock.advance(9 * MINUTE);
    const first = await refresh(session.refreshToken);
    expect(first.statusCode).toBe(200);
    const rotated = SessionTokensResponseSchema.parse(first.json());
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    expect(rotated.accessToken).not.toBe(session.accessToken);
    expect(rotated.staff).toEqual(session.staff);
    expect(Date.parse(rotated.accessTokenExpiresAt)).toBe(backend.clock.now().getTime() + 10 * MINUTE);

    const second = await refresh(rotated.refreshToken);
    expect(second.statusCode).toBe(200);
    expect((await me(SessionTokensResponseSchema.parse(second.json()).accessToken)).statusCode).toBe(200);
  });

  it('treats reuse of an old refresh token as theft and ends the whole session', async () => {
    const session = await signedIn();
    const rotated = SessionTokensResponseSchema.parse((await refresh(session.refreshToken)).json());

    const replay = await refresh(session.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(errorCode(replay)).toBe('token_invalid');
    expect(replay.json().error.message).toMatch(/already used/);

    // The legitimate holder's newer tokens die with it.
    expect(errorCode(await refresh(rotated.refreshToken))).toBe('token_invalid');
    expect((await me(rotated.accessToken)).statusCode).toBe(401);
    expect((await me(session.accessToken)).statusCode).toBe(401);
  });

  it('signs out: the refresh token and the access token stop working at once', async () => {
    const session = await signedIn();
    expect((await me(session.accessToken)).statusCode).toBe(200);
    const signOut = await postJson(backend, BACKEND_ROUTES.signOut, { refreshToken: session.refreshToken });
    expect(signOut.statusCode).toBe(204);
    expect(signOut.body).toBe('');

    expect(errorCode(await refresh(session.refreshToken))).toBe('token_invalid');
    const after = await me(session.accessToken);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/session has ended/);
    // Signing out twice, or with a token nobody knows, is quietly accepted.
    expect(
      (await postJson(backend, BACKEND_ROUTES.signOut, { refreshToken: session.refreshToken })).statusCode,
    ).toBe(204);
    expect(
      (await postJson(backend, BACKEND_ROUTES.signOut, { refreshToken: 'never-issued' })).statusCode,
    ).toBe(204);
  });

  it('refuses an expired access token with token_expired, and an expired refresh token too', async () => {
    const session = await signedIn();
    backend.clock.advance(10 * MINUTE + 1000);
    const expired = await me(session.accessToken);
    expect(expired.statusCode).toBe(401);
    expect(errorCode(expired)).toBe('token_expired');

    backend.clock.advance(12 * 60 * MINUTE);
    const late = await refresh(session.refreshToken);
    expect(late.statusCode).toBe(401);
    expect(errorCode(late)).toBe('token_expired');
  });

  it('refuses a token signed with another key', async () => {
    const session = await signedIn();
    const [, payload] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode('an-attacker-chosen-secret-of-enough-length'));
    const response = await me(forged);
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('token_invalid');
  });

  it("refuses an unsigned token (alg: none) carrying a valid session's claims", async () => {
    const session = await signedIn();
    const [, payload] = session.accessToken.split('.');
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const response = await me(unsigned);
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('token_invalid');
  });

  it('refuses a token whose payload was changed (a nurse promoting herself to admin)', async () => {
    const session = await signedIn();
    const [header, payload, signature] = session.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${base64url({ ...claims, roles: ['admin'] })}.${signature}`;
    const response = await getWithToken(backend, BACKEND_ROUTES.signInAudit, tampered);
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('token_invalid');
  });

  it('refuses requests without a bearer token, with a message saying what to send', async () => {
    const missing = await backend.app.inject({ method: 'GET', url: BACKEND_ROUTES.me });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error).toMatchObject({
      code: 'token_invalid',
      message: expect.stringMatching(/Bearer/),
    });
    const wrongScheme = await backend.app.inject({
      method: 'GET',
      url: BACKEND_ROUTES.me,
      headers: { authorization: 'Basic bnVyc2U6cHc=' },
    });
    expect(wrongScheme.statusCode).toBe(401);
    expect(errorCode(await me('not.a.jwt'))).toBe('token_invalid');
  });

  it('uses a refresh token as what it is: it does not open routes as an access token', async () => {
    const session = await signedIn();
    expect((await me(session.refreshToken)).statusCode).toBe(401);
    expect(errorCode(await refresh(session.accessToken))).toBe('token_invalid');
  });
});
