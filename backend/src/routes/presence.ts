// Presence routes: read and change your own presence, and end after-call work early.
import type { FastifyInstance } from 'fastify';
import { CALL_ROUTES, PresenceUpdateRequestSchema } from '../../../core/backend-api/calls';
import type { PresenceResponse } from '../../../core/backend-api/calls';
import { requireRole, signedInStaff } from '../auth/requireRole';
import { parseBody } from '../http/validation';

export async function presenceRoutes(app: FastifyInstance): Promise<void> {
  const guard = { preHandler: requireRole('nurse', 'team_lead') };

  app.get(CALL_ROUTES.presence, guard, async (request): Promise<PresenceResponse> => {
    return { presence: await app.backend.acd.presence(signedInStaff(request)) };
  });

  app.put(CALL_ROUTES.presence, guard, async (request): Promise<PresenceResponse> => {
    const body = parseBody(PresenceUpdateRequestSchema, request.body);
    return { presence: await app.backend.acd.updatePresenceByNurse(signedInStaff(request), body) };
  });

  app.post(CALL_ROUTES.endAfterCallWork, guard, async (request): Promise<PresenceResponse> => {
    return { presence: await app.backend.acd.endAfterCallWork(signedInStaff(request)) };
  });
}
