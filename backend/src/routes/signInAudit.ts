// GET /api/v1/audit/sign-ins: the sign-in audit for team leads (own region) and admins (everything).
import type { FastifyInstance } from 'fastify';
import { BACKEND_ROUTES, SignInAuditQuerySchema } from '../../../core/backend-api/auth';
import type { SignInAuditResponse } from '../../../core/backend-api/auth';
import { requireRole, signedInStaff } from '../auth/requireRole';
import { listSignInAttempts } from '../auth/signInAudit';
import { parseQuery } from '../http/validation';

export async function signInAuditRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    BACKEND_ROUTES.signInAudit,
    { preHandler: requireRole('team_lead', 'admin') },
    async (request): Promise<SignInAuditResponse> => {
      const query = parseQuery(SignInAuditQuerySchema, request.query);
      return { entries: await listSignInAttempts(app.backend.db, signedInStaff(request), query) };
    },
  );
}
