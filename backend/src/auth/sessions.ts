// Sign-in with lock-out, refresh-token rotation with reuse detection, and sign-out: the staff session life cycle.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { SessionTokensResponse, Staff } from '../../../core/backend-api/auth';
import type { Clock } from '../clock';
import type { BackendDatabase, BackendDb } from '../db/schema';
import { ApiHttpError } from '../http/errors';
import {
  afterFailure,
  isLocked,
  lockStaffCounter,
  lockUnknownIdCounter,
  saveStaffCounter,
  saveUnknownIdCounter,
} from './lockout';
import { spendPasswordCheckTime, verifyPassword } from './passwords';
import { recordSignInAttempt } from './signInAudit';
import { loadStaffProfile, normalizeHsaId } from './staffAccounts';
import { hashRefreshToken, invalidToken, newRefreshToken } from './tokens';
import type { AccessTokens } from './tokens';

export interface AuthPolicy {
  accessTokenLifetimeMs: number;
  /** Each refresh token lives this long from its own issue, so a session lasts as long as it is used. */
  refreshTokenLifetimeMs: number;
  /** Consecutive wrong passwords that lock the account. */
  maxFailedSignIns: number;
  lockoutMs: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  accessTokenLifetimeMs: 10 * 60_000,
  refreshTokenLifetimeMs: 12 * 60 * 60_000,
  maxFailedSignIns: 5,
  lockoutMs: 15 * 60_000,
};

export interface AuthServices {
  db: BackendDb;
  clock: Clock;
  accessTokens: AccessTokens;
  policy: AuthPolicy;
}

const wrongCredentials = () =>
  new ApiHttpError(401, 'invalid_credentials', 'Wrong HSA-id or password. Check both and try again.');

function accountLocked(lockedUntil: Date): ApiHttpError {
  return new ApiHttpError(
    423,
    'account_locked',
    `The account is locked after too many wrong passwords. Try again after ${lockedUntil.toISOString()} or ask a team lead.`,
    { lockedUntil: lockedUntil.toISOString() },
  );
}

type SignInDecision =
  | { kind: 'success'; refreshToken: string; refreshExpiresAt: Date; sessionId: string }
  | { kind: 'wrong_password' }
  | { kind: 'locked'; lockedUntil: Date };

/**
 * Checks the password and records the attempt. An unknown HSA-id is answered exactly like an account
 * with a wrong password: the same 401s, the same lock-out (its counter is kept in the database too) and
 * the same time, since every attempt, locked or not, pays one password check. The check runs outside
 * any transaction (it is slow on purpose); its result is then applied under a row lock, so concurrent
 * guesses on several instances still lock after the limit.
 */
export async function signIn(
  services: AuthServices,
  attempt: { hsaIdTyped: string; password: string; clientIp: string | null },
): Promise<SessionTokensResponse> {
  const { db, clock, policy } = services;
  const hsaId = normalizeHsaId(attempt.hsaIdTyped);
  const audit = { hsaIdTyped: attempt.hsaIdTyped, clientIp: attempt.clientIp };

  const account = await db
    .selectFrom('staff')
    .select(['hsa_id', 'region_id', 'password_hash'])
    .where('hsa_id', '=', hsaId)
    .executeTakeFirst();

  const passwordMatches =
    account === undefined
      ? await spendPasswordCheckTime(attempt.password).then(() => false)
      : await verifyPassword(attempt.password, account.password_hash);

  const decision = await db.transaction().execute(async (trx): Promise<SignInDecision> => {
    const now = clock();
    if (account === undefined) {
      // The audit tells admins the truth; only the answer to the client looks like an account's.
      const unknownAudit = { ...audit, at: now, regionId: null, outcome: 'unknown_user' as const };
      const counter = await lockUnknownIdCounter(trx, hsaId, now);
      await recordSignInAttempt(trx, unknownAudit);
      if (isLocked(counter, now)) return { kind: 'locked', lockedUntil: counter.lockedUntil };
      const next = afterFailure(counter, now, policy);
      await saveUnknownIdCounter(trx, hsaId, next, now);
      return next.lockedUntil !== null
        ? { kind: 'locked', lockedUntil: next.lockedUntil }
        : { kind: 'wrong_password' };
    }

    const regionAudit = { ...audit, at: now, regionId: account.region_id };
    const counter = await lockStaffCounter(trx, hsaId);
    if (isLocked(counter, now)) {
      await recordSignInAttempt(trx, { ...regionAudit, outcome: 'locked' });
      return { kind: 'locked', lockedUntil: counter.lockedUntil };
    }

    if (!passwordMatches) {
      const next = afterFailure(counter, now, policy);
      await saveStaffCounter(trx, hsaId, next);
      await recordSignInAttempt(trx, { ...regionAudit, outcome: 'wrong_password' });
      return next.lockedUntil !== null
        ? { kind: 'locked', lockedUntil: next.lockedUntil }
        : { kind: 'wrong_password' };
    }

    await saveStaffCounter(trx, hsaId, { failedAttempts: 0, lockedUntil: null });
    const sessionId = randomUUID();
    await trx.insertInto('staff_session').values({ id: sessionId, hsa_id: hsaId, created_at: now }).execute();
    const issued = await insertRefreshToken(trx, sessionId, now, policy);
    await recordSignInAttempt(trx, { ...regionAudit, outcome: 'success' });
    return { kind: 'success', sessionId, refreshToken: issued.token, refreshExpiresAt: issued.expiresAt };
  });

  // Refusals are thrown only after the commit, so the audit row and the failure count are kept.
  if (decision.kind === 'wrong_password') throw wrongCredentials();
  if (decision.kind === 'locked') throw accountLocked(decision.lockedUntil);
  const staff = await loadStaffProfile(db, hsaId);
  if (staff === undefined) throw wrongCredentials();
  return sessionTokens(services, staff, decision.sessionId, decision.refreshToken, decision.refreshExpiresAt);
}

type RefreshDecision =
  | { kind: 'rotated'; hsaId: string; sessionId: string; refreshToken: string; refreshExpiresAt: Date }
  | { kind: 'refused'; error: ApiHttpError };

/**
 * Exchanges a refresh token for a new pair. A token can be used once: presenting it again means it was
 * copied, so the whole session (every token issued since that sign-in) is revoked.
 */
export async function refreshSession(
  services: AuthServices,
  refreshToken: string,
): Promise<SessionTokensResponse> {
  const { db, clock, policy } = services;
  const decision = await db.transaction().execute(async (trx): Promise<RefreshDecision> => {
    const now = clock();
    const row = await trx
      .selectFrom('refresh_token')
      .innerJoin('staff_session', 'staff_session.id', 'refresh_token.session_id')
      .select([
        'refresh_token.id',
        'refresh_token.session_id',
        'refresh_token.expires_at',
        'refresh_token.rotated_at',
        'staff_session.hsa_id',
        'staff_session.revoked_at',
      ])
      .where('refresh_token.token_hash', '=', hashRefreshToken(refreshToken))
      .forUpdate()
      .executeTakeFirst();

    if (row === undefined) {
      return { kind: 'refused', error: invalidToken('The refresh token is not known; sign in again.') };
    }
    if (row.revoked_at !== null) {
      return {
        kind: 'refused',
        error: invalidToken('This session has ended (signed out or revoked); sign in again.'),
      };
    }
    if (row.rotated_at !== null) {
      await trx
        .updateTable('staff_session')
        .set({ revoked_at: now, revoked_reason: 'refresh_token_reused' })
        .where('id', '=', row.session_id)
        .execute();
      return {
        kind: 'refused',
        error: invalidToken(
          'This refresh token was already used once, so it may have been copied; the whole session is now revoked. Sign in again.',
        ),
      };
    }
    if (row.expires_at <= now) {
      return {
        kind: 'refused',
        error: new ApiHttpError(401, 'token_expired', 'The refresh token has expired; sign in again.'),
      };
    }
    await trx.updateTable('refresh_token').set({ rotated_at: now }).where('id', '=', row.id).execute();
    const issued = await insertRefreshToken(trx, row.session_id, now, policy);
    return {
      kind: 'rotated',
      hsaId: row.hsa_id,
      sessionId: row.session_id,
      refreshToken: issued.token,
      refreshExpiresAt: issued.expiresAt,
    };
  });

  if (decision.kind === 'refused') throw decision.error;
  const staff = await loadStaffProfile(db, decision.hsaId);
  if (staff === undefined) throw invalidToken('The account of this session no longer exists.');
  return sessionTokens(services, staff, decision.sessionId, decision.refreshToken, decision.refreshExpiresAt);
}

/** Who a sign-out ended, so the caller can take the nurse out of the queues. */
export interface SignedOut {
  hsaId: string;
  sessionId: string;
}

/**
 * Ends the session the refresh token belongs to. Unknown or already ended sessions are not an error and
 * return null: nothing was ended, so nothing else should change.
 */
export async function signOut(services: AuthServices, refreshToken: string): Promise<SignedOut | null> {
  const { db, clock } = services;
  const token = await db
    .selectFrom('refresh_token')
    .select('session_id')
    .where('token_hash', '=', hashRefreshToken(refreshToken))
    .executeTakeFirst();
  if (token === undefined) return null;
  const ended = await db
    .updateTable('staff_session')
    .set({ revoked_at: clock(), revoked_reason: 'signed_out' })
    .where('id', '=', token.session_id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'hsa_id'])
    .executeTakeFirst();
  return ended === undefined ? null : { hsaId: ended.hsa_id, sessionId: ended.id };
}

/** True while the sign-in session behind an access token has not been signed out or revoked. */
export async function isSessionActive(db: BackendDb, sessionId: string): Promise<boolean> {
  const session = await db
    .selectFrom('staff_session')
    .select('revoked_at')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return session !== undefined && session.revoked_at === null;
}

async function insertRefreshToken(
  trx: Transaction<BackendDatabase>,
  sessionId: string,
  now: Date,
  policy: AuthPolicy,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newRefreshToken();
  const expiresAt = new Date(now.getTime() + policy.refreshTokenLifetimeMs);
  await trx
    .insertInto('refresh_token')
    .values({
      id: randomUUID(),
      session_id: sessionId,
      token_hash: hashRefreshToken(token),
      issued_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

async function sessionTokens(
  services: AuthServices,
  staff: Staff,
  sessionId: string,
  refreshToken: string,
  refreshExpiresAt: Date,
): Promise<SessionTokensResponse> {
  const access = await services.accessTokens.issue({
    hsaId: staff.hsaId,
    roles: staff.roles,
    regionId: staff.region.id,
    sessionId,
  });
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken,
    refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
    staff,
  };
}
