// Sign-in, refresh and sign-out routes: small bodies, rate-limited per client IP, answers from the contract.
import type { FastifyInstance } from 'fastify';
import {
  BACKEND_ROUTES,
  RefreshRequestSchema,
  SignInRequestSchema,
  SignOutRequestSchema,
} from '../../../core/backend-api/auth';
import type { SessionTokensResponse } from '../../../core/backend-api/auth';
import { refreshSession, signIn, signOut } from '../auth/sessions';
import { parseBody } from '../http/validation';

export interface AuthRateLimit {
  /** Requests per client IP and route within the window. */
  max: number;
  windowMs: number;
}

/** Auth bodies are a few hundred bytes; anything near this is not a sign-in. */
export const AUTH_BODY_LIMIT_BYTES = 8 * 1024;

export function authRoutes(rateLimit: AuthRateLimit) {
  return async function registerAuthRoutes(app: FastifyInstance): Promise<void> {
    const routeOptions = {
      bodyLimit: AUTH_BODY_LIMIT_BYTES,
      config: { rateLimit: { max: rateLimit.max, timeWindow: rateLimit.windowMs } },
    };

    app.post(BACKEND_ROUTES.signIn, routeOptions, async (request): Promise<SessionTokensResponse> => {
      const body = parseBody(SignInRequestSchema, request.body);
      return signIn(app.backend, {
        hsaIdTyped: body.hsaId,
        password: body.password,
        clientIp: request.ip ?? null,
      });
    });

    app.post(BACKEND_ROUTES.refresh, routeOptions, async (request): Promise<SessionTokensResponse> => {
      const body = parseBody(RefreshRequestSchema, request.body);
      return refreshSession(app.backend, body.refreshToken);
    });

    app.post(BACKEND_ROUTES.signOut, routeOptions, async (request, reply) => {
      const body = parseBody(SignOutRequestSchema, request.body);
      const ended = await signOut(app.backend, body.refreshToken);
      if (ended !== null) await app.backend.acd.staffSignedOut(ended.hsaId);
      return reply.status(204).send();
    });
  };
}
