// Sign-in must not tell which HSA-ids exist: an unknown id gets the same answers, lock-out and timing as a real account.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BACKEND_ROUTES } from '../../../core/backend-api/auth';
import { createTestStaff, describeEachEngine, postJson, startTestBackend } from '../support/testBackend';
import type { TestBackend } from '../support/testBackend';

const MINUTE = 60_000;

describeEachEngine('account enumeration at sign-in', (engine) => {
  let backend: TestBackend;
  let unknownCounter = 0;
  const unknownHsaId = () => `SE2321000016-NOONE${process.pid}X${++unknownCounter}`;

  beforeAll(async () => {
    backend = await startTestBackend(engine, { logLevel: 'silent' });
  });
  afterAll(() => backend?.close());

  const attempt = (hsaId: string, password: string) =>
    postJson(backend, BACKEND_ROUTES.signIn, { hsaId, password }, '10.9.0.1');

  /** Status and body of each of `count` wrong-password attempts, in order. */
  async function answers(hsaId: string, count: number) {
    const seen: { status: number; body: unknown }[] = [];
    for (let index = 0; index < count; index++) {
      const response = await attempt(hsaId, `guess-${index}`);
      seen.push({ status: response.statusCode, body: response.json() });
    }
    return seen;
  }

  it('answers an unknown HSA-id with the same sequence as a real account: 401 four times, then 423 with the same lock-out', async () => {
    const nurse = await createTestStaff(backend);
    const known = await answers(nurse.hsaId, 7);
    const unknown = await answers(unknownHsaId(), 7);
    expect(known.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 423, 423, 423]);
    expect(unknown).toEqual(known);
    const lockedUntil = (unknown[4]?.body as { error: { lockedUntil: string } }).error.lockedUntil;
    expect(Date.parse(lockedUntil) - backend.clock.now().getTime()).toBe(15 * MINUTE);
  });

  it('opens an unknown HSA-id again after the lock-out, exactly like a real account', async () => {
    const nurse = await createTestStaff(backend);
    const ghost = unknownHsaId();
    await answers(nurse.hsaId, 5);
    await answers(ghost, 5);
    backend.clock.advance(15 * MINUTE);
    const known = await answers(nurse.hsaId, 5);
    const unknown = await answers(ghost, 5);
    expect(known.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 423]);
    expect(unknown).toEqual(known);
  });

  it('counts an unknown HSA-id in any letter case as one id, as it does for accounts', async () => {
    const ghost = unknownHsaId();
    const statuses: number[] = [];
    for (const typed of [ghost, ghost.toLowerCase(), ` ${ghost} `, ghost.toLowerCase(), ghost, ghost]) {
      statuses.push((await attempt(typed, 'wrong')).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
  });

  it('creates no staff account for an unknown HSA-id and audits every attempt on it as unknown_user', async () => {
    const ghost = unknownHsaId();
    await answers(ghost, 6);
    const account = await backend.db
      .selectFrom('staff')
      .select('hsa_id')
      .where('hsa_id', '=', ghost.toUpperCase())
      .executeTakeFirst();
    expect(account).toBeUndefined();
    const audit = await backend.db
      .selectFrom('audit_sign_in')
      .select('outcome')
      .where('hsa_id', '=', ghost.toUpperCase())
      .execute();
    expect(audit.map((row) => row.outcome)).toEqual(Array(6).fill('unknown_user'));
  });

  it('locks an unknown HSA-id after 5 failures even when the guesses arrive all at once', async () => {
    const ghost = unknownHsaId();
    const guesses = await Promise.all(Array.from({ length: 7 }, (_, index) => attempt(ghost, `p-${index}`)));
    expect(guesses.map((response) => response.statusCode).sort()).toEqual([
      401, 401, 401, 401, 423, 423, 423,
    ]);
  });
});

describeEachEngine('sign-in timing for known and unknown HSA-ids', (engine) => {
  let backend: TestBackend;
  // Ten wrong passwords before the lock, so each phase has ten samples to take a median of.
  const maxFailedSignIns = 11;

  beforeAll(async () => {
    backend = await startTestBackend(engine, { logLevel: 'silent', authPolicy: { maxFailedSignIns } });
  });
  afterAll(() => backend?.close());

  async function timed(hsaId: string, password: string): Promise<{ ms: number; status: number }> {
    const started = process.hrtime.bigint();
    const response = await postJson(backend, BACKEND_ROUTES.signIn, { hsaId, password }, '10.9.1.1');
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: response.statusCode };
  }

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length / 2;
    return ((sorted[Math.floor(middle - 0.5)] ?? 0) + (sorted[Math.ceil(middle - 0.5)] ?? 0)) / 2;
  };

  /** Ten attempts each, interleaved so a busy moment of the machine hits both alike. */
  async function medians(knownId: string, unknownId: string) {
    const known: number[] = [];
    const unknown: number[] = [];
    const statuses = new Set<string>();
    for (let index = 0; index < 10; index++) {
      const a = await timed(knownId, `wrong-${index}`);
      const b = await timed(unknownId, `wrong-${index}`);
      statuses.add(`${a.status}/${b.status}`);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    return { known: median(known), unknown: median(unknown), statuses: [...statuses] };
  }

  it('takes as long for an unknown HSA-id as for a real account, before and during a lock-out', async () => {
    const nurse = await createTestStaff(backend);
    const ghost = `SE2321000016-NOTIMING${process.pid}`;
    // Warm up the decoy hash and the code paths once, outside the measurement.
    await timed(`SE2321000016-WARMUP${process.pid}`, 'x');

    const beforeLock = await medians(nurse.hsaId, ghost);
    await timed(nurse.hsaId, 'locks-now');
    await timed(ghost, 'locks-now');
    const whileLocked = await medians(nurse.hsaId, ghost);

    console.log(
      `[${engine}] median sign-in ms: before lock known ${beforeLock.known.toFixed(1)}, unknown ${beforeLock.unknown.toFixed(1)}; ` +
        `while locked known ${whileLocked.known.toFixed(1)}, unknown ${whileLocked.unknown.toFixed(1)}`,
    );
    // Generous bounds: a shared machine is noisy, but skipping the password check is a factor of ten or more.
    for (const phase of [beforeLock, whileLocked]) {
      expect(phase.unknown).toBeGreaterThanOrEqual(0.5 * phase.known);
      expect(phase.unknown).toBeLessThanOrEqual(2 * phase.known);
    }
    // Known/unknown answered alike in each phase.
    expect(beforeLock.statuses).toEqual(['401/401']);
    expect(whileLocked.statuses).toEqual(['423/423']);
  }, 60_000);
});
