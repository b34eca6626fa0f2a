// GET /health: liveness for load balancers and the workstation's connection indicator, with a database round trip.
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { BACKEND_API_VERSION, BACKEND_ROUTES } from '../../../core/backend-api/auth';
import type { HealthResponse } from '../../../core/backend-api/auth';
import { ApiHttpError } from '../http/errors';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(BACKEND_ROUTES.health, async (request): Promise<HealthResponse> => {
    try {
      await sql`select 1`.execute(app.backend.db);
    } catch (error) {
      request.log.error({ err: error }, 'health check: database does not answer');
      throw new ApiHttpError(503, 'database_unavailable', 'The regional database does not answer.');
    }
    return { status: 'ok', database: app.backend.engine, version: BACKEND_API_VERSION };
  });
}
