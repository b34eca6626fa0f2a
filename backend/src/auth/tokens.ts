// Access tokens (short-lived HS256 JWTs) and refresh tokens (random, stored only as a hash), plus the shared signing key.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { STAFF_ROLES } from '../../../core/backend-api/auth';
import type { StaffRole } from '../../../core/backend-api/auth';
import type { Clock } from '../clock';
import type { BackendDb } from '../db/schema';
import { ApiHttpError } from '../http/errors';

const ISSUER = 'firstline-regional-backend';
const AUDIENCE = 'firstline';
const MIN_SECRET_LENGTH = 32;

/** Who a verified access token speaks for. */
export interface AuthenticatedStaff {
  hsaId: string;
  roles: StaffRole[];
  regionId: string;
  /** The sign-in session; revoking it (sign-out, stolen refresh token) ends the access token too. */
  sessionId: string;
}

const AccessClaimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
  region: z.string().min(1),
  sid: z.uuid(),
});

export class AccessTokens {
  constructor(
    private readonly key: Uint8Array,
    private readonly clock: Clock,
    private readonly lifetimeMs: number,
  ) {}

  async issue(staff: AuthenticatedStaff): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.clock().getTime() / 1000);
    const expiresAt = issuedAt + Math.floor(this.lifetimeMs / 1000);
    const token = await new SignJWT({ roles: staff.roles, region: staff.regionId, sid: staff.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(staff.hsaId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** Checks signature (HS256 only, so `alg: none` and other algorithms fail), issuer, audience and expiry. */
  async verify(token: string): Promise<AuthenticatedStaff> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.clock(),
        requiredClaims: ['sub', 'iat', 'exp'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw new ApiHttpError(
          401,
          'token_expired',
          'The access token has expired; refresh it or sign in again.',
        );
      }
      throw invalidToken();
    }
    const claims = AccessClaimsSchema.safeParse(payload);
    if (!claims.success) throw invalidToken();
    return {
      hsaId: claims.data.sub,
      roles: claims.data.roles,
      regionId: claims.data.region,
      sessionId: claims.data.sid,
    };
  }
}

export function invalidToken(message = 'The access token is not valid; sign in again.'): ApiHttpError {
  return new ApiHttpError(401, 'token_invalid', message);
}

/** A new opaque refresh token: 256 random bits, URL-safe. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored for a refresh token: a database leak then yields nothing that can be replayed. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The HS256 signing key: FIRSTLINE_JWT_SECRET when configured, otherwise one generated on first start
 * and kept in the database, so every backend instance on that database signs and verifies alike.
 */
export async function resolveSigningKey(
  db: BackendDb,
  configured: string | undefined,
  clock: Clock,
): Promise<Uint8Array> {
  if (configured !== undefined && configured !== '') {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `FIRSTLINE_JWT_SECRET is too short (${configured.length} characters); use at least ${MIN_SECRET_LENGTH} random characters.`,
      );
    }
    return new TextEncoder().encode(configured);
  }
  await db
    .insertInto('server_secret')
    .values({ name: 'jwt_signing_key', value: randomBytes(64).toString('base64'), created_at: clock() })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_secret')
    .select('value')
    .where('name', '=', 'jwt_signing_key')
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}
