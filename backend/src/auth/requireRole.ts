// Route guards: a valid access token of a live session (401 otherwise) and, where asked, one of the given roles (403).
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { StaffRole } from '../../../core/backend-api/auth';
import type { BackendContext } from '../context';
import { ApiHttpError } from '../http/errors';
import { isSessionActive } from './sessions';
import { invalidToken } from './tokens';
import type { AuthenticatedStaff } from './tokens';

const BEARER = /^Bearer +([A-Za-z0-9\-_.~+/]+=*)$/i;

/** Verifies the request's bearer token; also usable for WebSocket upgrades that carry the token. */
export async function authenticateRequest(request: FastifyRequest): Promise<AuthenticatedStaff> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') {
    throw invalidToken('Sign in first: send the access token as "Authorization: Bearer <token>".');
  }
  const match = BEARER.exec(header);
  if (match === null) throw invalidToken('The Authorization header must read "Bearer <access token>".');
  return authenticateAccessToken(request.server.backend, match[1] as string);
}

export async function authenticateAccessToken(
  backend: BackendContext,
  token: string,
): Promise<AuthenticatedStaff> {
  const staff = await backend.accessTokens.verify(token);
  // Checked on every request so that signing out, or a stolen refresh token, ends access at once.
  if (!(await isSessionActive(backend.db, staff.sessionId))) {
    throw invalidToken('This session has ended (signed out or revoked); sign in again.');
  }
  return staff;
}

function guard(roles: readonly StaffRole[]): preHandlerAsyncHookHandler {
  return async (request) => {
    const staff = await authenticateRequest(request);
    if (roles.length > 0 && !roles.some((role) => staff.roles.includes(role))) {
      throw new ApiHttpError(
        403,
        'forbidden',
        `This needs the role ${roles.join(' or ')}; you are signed in with ${staff.roles.join(', ')}.`,
      );
    }
    request.authenticatedStaff = staff;
  };
}

/** preHandler: any signed-in staff member. */
export function requireSignedIn(): preHandlerAsyncHookHandler {
  return guard([]);
}

/** preHandler: a signed-in staff member holding at least one of `roles`. */
export function requireRole(...roles: [StaffRole, ...StaffRole[]]): preHandlerAsyncHookHandler {
  return guard(roles);
}

/** The staff member a guarded route runs for; a route without a guard is a programming error. */
export function signedInStaff(request: FastifyRequest): AuthenticatedStaff {
  if (request.authenticatedStaff === null) {
    throw new Error(
      `Route ${request.routeOptions.url ?? '?'} reads the signed-in staff but has no requireRole guard`,
    );
  }
  return request.authenticatedStaff;
}
