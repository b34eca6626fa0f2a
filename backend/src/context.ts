// What every route of the backend works with: database, clock, token services and policy, hung on the Fastify instance.
import type { DatabaseEngine } from '../../core/backend-api/auth';
import type { AuthServices } from './auth/sessions';
import type { AuthenticatedStaff } from './auth/tokens';
import type { LiveEvents } from './events/liveEvents';

export interface BackendContext extends AuthServices {
  engine: DatabaseEngine;
  /** Live events to connected workstations, across every backend instance on this database. */
  events: LiveEvents;
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
