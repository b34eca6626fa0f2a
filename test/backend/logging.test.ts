// Logs: requests are logged, but passwords, tokens and query strings never reach the log stream.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../../core/backend-api/auth';
import {
  createTestStaff,
  describeEachEngine,
  getWithToken,
  postJson,
  startTestBackend,
} from './support/testBackend';
import type { TestBackend } from './support/testBackend';

describeEachEngine('backend logs', (engine) => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend(engine, { logLevel: 'trace' });
  });
  afterAll(() => backend?.close());

  it('keep passwords, tokens and query strings out while recording the requests', async () => {
    const password = 'Kaffe-Och-Kanelbulle-77';
    const nurse = await createTestStaff(backend, { password });
    const teamLead = await createTestStaff(backend, { roles: ['team_lead'], password });

    await postJson(backend, BACKEND_ROUTES.signIn, { hsaId: nurse.hsaId, password: 'Fel-Losenord-88' });
    const session = SessionTokensResponseSchema.parse(
      (await postJson(backend, BACKEND_ROUTES.signIn, { hsaId: nurse.hsaId, password })).json(),
    );
    const rotated = SessionTokensResponseSchema.parse(
      (await postJson(backend, BACKEND_ROUTES.refresh, { refreshToken: session.refreshToken })).json(),
    );
    await getWithToken(backend, BACKEND_ROUTES.me, rotated.accessToken);
    await getWithToken(backend, BACKEND_ROUTES.signInAudit, rotated.accessToken); // 403
    const lead = SessionTokensResponseSchema.parse(
      (await postJson(backend, BACKEND_ROUTES.signIn, { hsaId: teamLead.hsaId, password })).json(),
    );
    await getWithToken(
      backend,
      `${BACKEND_ROUTES.signInAudit}?hsaId=${nurse.hsaId}&limit=5`,
      lead.accessToken,
    );
    await postJson(backend, BACKEND_ROUTES.refresh, { refreshToken: session.refreshToken }); // reuse: 401
    await backend.app.inject({
      method: 'POST',
      url: BACKEND_ROUTES.signIn,
      headers: { 'content-type': 'application/json' },
      payload: `{"hsaId":"${nurse.hsaId}","password":"${password}"`, // broken JSON
    });
    await backend.app.inject({ method: 'GET', url: '/unknown?personnummer=191212121212' });
    await postJson(backend, BACKEND_ROUTES.signOut, { refreshToken: rotated.refreshToken });

    const log = backend.logs.text;
    expect(log).toContain(BACKEND_ROUTES.signIn);
    expect(log).toContain(BACKEND_ROUTES.signInAudit);
    expect(log).toContain('request refused');
    for (const secret of [
      password,
      'Fel-Losenord-88',
      session.accessToken,
      session.refreshToken,
      rotated.accessToken,
      rotated.refreshToken,
      lead.accessToken,
      lead.refreshToken,
      // A token's signature alone must not appear either (e.g. a header logged in parts).
      rotated.accessToken.split('.')[2] as string,
      '191212121212',
      `hsaId=${nurse.hsaId}`,
    ]) {
      expect(log.includes(secret), `log contains ${secret.slice(0, 12)}…`).toBe(false);
    }
  });
});
