// What every route of the backend works with: database, clock, token services and policy, hung on the Fastify instance.
import type { DatabaseEngine } from '../../core/backend-api/auth';
import type { CallDistribution } from './acd/distribution';
import type { AuthServices } from './auth/sessions';
import type { AuthenticatedStaff } from './auth/tokens';
import type { LiveEvents } from './events/liveEvents';
import type { SmsGateway } from './sms/gateway';

export interface BackendContext extends AuthServices {
  engine: DatabaseEngine;
  /** Live events to connected workstations, across every backend instance on this database. */
  events: LiveEvents;
  /** Call distribution: queues, offers, presence, callbacks (backend/src/acd). */
  acd: CallDistribution;
  /** The phone platform's API key for the telephony routes; null when none is configured. */
  telephonyKey: string | null;
  /** Where referral receipts are sent by SMS (the logging demo gateway unless another is given). */
  sms: SmsGateway;
}

declare module 'fastify' {
  interface FastifyInstance {
    backend: BackendContext;
    /** Every route as registered (method and URL pattern), so tests can be generated from the table. */
    routeTable: readonly { method: string; url: string }[];
  }
  interface FastifyRequest {
    /** Set by `requireRole`/`requireSignedIn` before the handler runs. */
    authenticatedStaff: AuthenticatedStaff | null;
  }
}
