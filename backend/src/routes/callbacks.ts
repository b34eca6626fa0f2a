// Callback routes: list the region's callbacks, book one, record an attempt's outcome, cancel one not yet due.
import type { FastifyInstance } from 'fastify';
import {
  CALL_ROUTES,
  CallbackAttemptRequestSchema,
  CallbackBookingRequestSchema,
  CallbackCancelRequestSchema,
  CallbacksQuerySchema,
} from '../../../core/backend-api/calls';
import type { CallbackResponse, CallbacksResponse } from '../../../core/backend-api/calls';
import { requireRole, signedInStaff } from '../auth/requireRole';
import { parseBody, parseParams, parseQuery } from '../http/validation';
import { IdParamsSchema } from './calls';

export async function callbackRoutes(app: FastifyInstance): Promise<void> {
  const guard = { preHandler: requireRole('nurse', 'team_lead') };

  app.get(CALL_ROUTES.callbacks, guard, async (request): Promise<CallbacksResponse> => {
    const query = parseQuery(CallbacksQuerySchema, request.query);
    return { callbacks: await app.backend.acd.listCallbacks(signedInStaff(request), query) };
  });

  app.post(CALL_ROUTES.callbacks, guard, async (request, reply): Promise<CallbackResponse> => {
    const body = parseBody(CallbackBookingRequestSchema, request.body);
    const callback = await app.backend.acd.bookCallback(signedInStaff(request), body);
    void reply.status(201);
    return { callback };
  });

  app.post(CALL_ROUTES.callbackAttempts, guard, async (request): Promise<CallbackResponse> => {
    const { id } = parseParams(IdParamsSchema, request.params);
    const body = parseBody(CallbackAttemptRequestSchema, request.body);
    return { callback: await app.backend.acd.recordCallbackAttempt(signedInStaff(request), id, body) };
  });

  app.post(CALL_ROUTES.callbackCancel, guard, async (request): Promise<CallbackResponse> => {
    const { id } = parseParams(IdParamsSchema, request.params);
    const body = parseBody(CallbackCancelRequestSchema, request.body);
    return { callback: await app.backend.acd.cancelCallback(signedInStaff(request), id, body.reason) };
  });
}
