// Telephony routes: the phone platform reports calls entering the queue and callers hanging up (API key, not a staff token).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CALL_ROUTES,
  TelephonyCallEnteredRequestSchema,
  TelephonyHangUpRequestSchema,
} from '../../../core/backend-api/calls';
import type { TelephonyCallEnteredResponse, TelephonyHangUpResponse } from '../../../core/backend-api/calls';
import { parseBody, parseParams } from '../http/validation';
import { requireTelephonyKey } from '../telephony/key';

const RefParamsSchema = z.object({
  ref: TelephonyCallEnteredRequestSchema.shape.externalRef,
});

export async function telephonyRoutes(app: FastifyInstance): Promise<void> {
  const guard = { preHandler: requireTelephonyKey() };

  app.post(
    CALL_ROUTES.telephonyCalls,
    guard,
    async (request, reply): Promise<TelephonyCallEnteredResponse> => {
      const body = parseBody(TelephonyCallEnteredRequestSchema, request.body);
      const entered = await app.backend.acd.callEntered(body);
      void reply.status(201);
      return entered;
    },
  );

  app.post(CALL_ROUTES.telephonyHangUp, guard, async (request): Promise<TelephonyHangUpResponse> => {
    const { ref } = parseParams(RefParamsSchema, request.params);
    // The platform may send no body at all.
    const body = parseBody(TelephonyHangUpRequestSchema, request.body ?? {});
    return app.backend.acd.callerHungUp(ref, body);
  });
}
