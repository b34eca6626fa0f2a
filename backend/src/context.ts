// What every route of the backend works with: database, clock, token services and policy, hung on the Fastify instance.
import type { DatabaseEngine } from '../../core/backend-api/auth';
import type { AuthServices } from './auth/sessions';
import type { AuthenticatedStaff } from './auth/tokens';

export interface BackendContext extends AuthServices {
  engine: DatabaseEngine;
}

declare module 'fastify' {
  interface FastifyInstance {
    backend: BackendContext;
  }
  interface FastifyRequest {
    /** Set by `requireRole`/`requireSignedIn` before the handler runs. */
    authenticatedStaff: AuthenticatedStaff | null;
  }
}
