// The sign-in audit: who may read it (403 for nurses), what each role sees, query validation, and that rows are immutable.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  ApiErrorSchema,
  BACKEND_ROUTES,
  SessionTokensResponseSchema,
  SignInAuditResponseSchema,
} from '../../../core/backend-api/auth';
import type { StaffRole } from '../../../core/backend-api/auth';
import {
  createTestStaff,
  describeEachEngine,
  getWithToken,
  postJson,
  startTestBackend,
} from '../support/testBackend';
import type { TestBackend } from '../support/testBackend';

describeEachEngine('sign-in audit', (engine) => {
  let backend: TestBackend;
  let teamLeadToken: string;
  let adminToken: string;
  let nurseToken: string;
  let gotlandNurse: string;
  let skaneNurse: string;

  async function tokenFor(roles: StaffRole[], regionId: string): Promise<{ hsaId: string; token: string }> {
    const account = await createTestStaff(backend, { roles, regionId });
    const response = await postJson(backend, BACKEND_ROUTES.signIn, {
      hsaId: account.hsaId,
      password: account.password,
    });
    return { hsaId: account.hsaId, token: SessionTokensResponseSchema.parse(response.json()).accessToken };
  }

  beforeAll(async () => {
    backend = await startTestBackend(engine);
    teamLeadToken = (await tokenFor(['nurse', 'team_lead'], 'gotland')).token;
    adminToken = (await tokenFor(['admin'], 'skane')).token;
    const nurse = await tokenFor(['nurse'], 'gotland');
    nurseToken = nurse.token;
    gotlandNurse = nurse.hsaId;
    skaneNurse = (await createTestStaff(backend, { regionId: 'skane' })).hsaId;
    await postJson(backend, BACKEND_ROUTES.signIn, { hsaId: skaneNurse, password: 'wrong' });
    await postJson(backend, BACKEND_ROUTES.signIn, { hsaId: 'se2321000016-ghost', password: 'wrong' });
  });
  afterAll(() => backend?.close());

  const audit = (token: string, query = '') =>
    getWithToken(backend, `${BACKEND_ROUTES.signInAudit}${query}`, token);

  it('refuses a nurse with 403 forbidden', async () => {
    const response = await audit(nurseToken);
    expect(response.statusCode).toBe(403);
    expect(ApiErrorSchema.parse(response.json()).error.code).toBe('forbidden');
  });

  it("shows a team lead her own region's attempts only, newest first", async () => {
    const response = await audit(teamLeadToken);
    expect(response.statusCode).toBe(200);
    const { entries } = SignInAuditResponseSchema.parse(response.json());
    expect(entries.every((entry) => entry.regionId === 'gotland')).toBe(true);
    expect(entries.map((entry) => entry.hsaIdTyped)).toContain(gotlandNurse);
    expect(entries.map((entry) => entry.hsaIdTyped)).not.toContain(skaneNurse);
    expect(entries.map((entry) => entry.id)).toEqual(
      [...entries.map((entry) => entry.id)].sort((a, b) => b - a),
    );
  });

  it('shows an admin every attempt, including HSA-ids without an account, filterable by HSA-id', async () => {
    const all = SignInAuditResponseSchema.parse((await audit(adminToken)).json()).entries;
    expect(all.map((entry) => entry.outcome)).toEqual(
      expect.arrayContaining(['success', 'wrong_password', 'unknown_user']),
    );

    const ghost = SignInAuditResponseSchema.parse(
      (await audit(adminToken, '?hsaId=SE2321000016-GHOST')).json(),
    ).entries;
    expect(ghost).toEqual([
      expect.objectContaining({
        hsaIdTyped: 'se2321000016-ghost',
        outcome: 'unknown_user',
        regionId: null,
        clientIp: '127.0.0.1',
      }),
    ]);

    const limited = SignInAuditResponseSchema.parse((await audit(adminToken, '?limit=2')).json()).entries;
    expect(limited).toHaveLength(2);
    const older = SignInAuditResponseSchema.parse(
      (await audit(adminToken, `?beforeId=${limited[1]?.id}`)).json(),
    ).entries;
    expect(older[0]?.id).toBeLessThan(limited[1]?.id ?? 0);
  });

  it('answers a bad query with 400 naming the parameter', async () => {
    for (const query of ['?limit=abc', '?limit=0', '?limit=501', '?beforeId=-3']) {
      const response = await audit(adminToken, query);
      expect(response.statusCode, query).toBe(400);
      const error = ApiErrorSchema.parse(response.json()).error;
      expect(error.code).toBe('bad_request');
      expect(error.issues?.[0]?.path).toBe(query.slice(1).split('=')[0]);
    }
  });

  it('cannot be altered: the database refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    const before = await backend.db
      .selectFrom('audit_sign_in')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    await expect(sql`update audit_sign_in set outcome = 'success'`.execute(backend.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_sign_in`.execute(backend.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_sign_in`.execute(backend.db)).rejects.toThrow(/append-only/);
    const after = await backend.db
      .selectFrom('audit_sign_in')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(Number(after.n)).toBeGreaterThan(0);
  });
});
