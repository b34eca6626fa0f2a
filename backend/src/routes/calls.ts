// Call routes: the queue view, the team lead's queue overview, one call in full, accept / decline / end, and a team lead's re-prioritisation.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CALL_ROUTES,
  QueueOverviewQuerySchema,
  ReprioritiseRequestSchema,
} from '../../../core/backend-api/calls';
import type {
  CallActionResponse,
  CallResponse,
  QueueOverview,
  QueueSnapshot,
} from '../../../core/backend-api/calls';
import { requireRole, signedInStaff } from '../auth/requireRole';
import { ApiHttpError } from '../http/errors';
import { parseBody, parseParams, parseQuery } from '../http/validation';

/** `:id` in a call or callback path; checked here so a malformed id is a 400, not a database error. */
export const IdParamsSchema = z.object({
  id: z.uuid({ error: 'The id in the path is not a valid id (a UUID)' }),
});

export async function callRoutes(app: FastifyInstance): Promise<void> {
  const guard = { preHandler: requireRole('nurse', 'team_lead') };
  const callId = (params: unknown) => parseParams(IdParamsSchema, params).id;

  app.get(CALL_ROUTES.queue, guard, async (request): Promise<QueueSnapshot> => {
    return app.backend.acd.queueSnapshot(signedInStaff(request));
  });

  app.get(
    CALL_ROUTES.queueOverview,
    { preHandler: requireRole('team_lead', 'admin') },
    async (request): Promise<QueueOverview> => {
      const staff = signedInStaff(request);
      const regionId = parseQuery(QueueOverviewQuerySchema, request.query).regionId ?? staff.regionId;
      if (regionId !== staff.regionId && !staff.roles.includes('admin')) {
        throw new ApiHttpError(
          403,
          'forbidden',
          `A team lead watches her own region's queues only; you are signed in for ${staff.regionId}.`,
        );
      }
      return app.backend.acd.queueOverview(regionId);
    },
  );

  app.get(CALL_ROUTES.call, guard, async (request): Promise<CallResponse> => {
    return { call: await app.backend.acd.call(signedInStaff(request), callId(request.params)) };
  });

  app.post(CALL_ROUTES.acceptCall, guard, async (request): Promise<CallActionResponse> => {
    return app.backend.acd.accept(signedInStaff(request), callId(request.params));
  });

  app.post(CALL_ROUTES.declineCall, guard, async (request): Promise<CallActionResponse> => {
    return app.backend.acd.decline(signedInStaff(request), callId(request.params));
  });

  app.post(CALL_ROUTES.endCall, guard, async (request): Promise<CallActionResponse> => {
    return app.backend.acd.endCall(signedInStaff(request), callId(request.params));
  });

  app.post(
    CALL_ROUTES.reprioritiseCall,
    { preHandler: requireRole('team_lead') },
    async (request): Promise<CallResponse> => {
      const id = callId(request.params);
      const body = parseBody(ReprioritiseRequestSchema, request.body);
      return { call: await app.backend.acd.reprioritise(signedInStaff(request), id, body) };
    },
  );
}
