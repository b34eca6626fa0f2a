// GET /api/v1/access-log?personnummer=: one patient's access-log extract for team leads (own region) and admins.
import type { FastifyInstance } from 'fastify';
import { AccessLogQuerySchema, SYNC_ROUTES, type AccessLogResponse } from '../../../core/backend-api/sync';
import { listAccessLogForPatient, normalisePatientNumber } from '../accessLog/accessLog';
import { requireRole, signedInStaff } from '../auth/requireRole';
import { parseQuery } from '../http/validation';

export async function accessLogRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    SYNC_ROUTES.accessLog,
    { preHandler: requireRole('team_lead', 'admin') },
    async (request): Promise<AccessLogResponse> => {
      const query = parseQuery(AccessLogQuerySchema, request.query);
      const patientNumber = normalisePatientNumber(query.personnummer, app.backend.clock());
      const entries = await listAccessLogForPatient(
        app.backend.db,
        signedInStaff(request),
        patientNumber,
        query.limit,
      );
      return { patientNumber, entries };
    },
  );
}
