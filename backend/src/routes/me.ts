// GET /api/v1/me: the signed-in staff member's profile (name, title, roles, region) for the status bar and notes.
import type { FastifyInstance } from 'fastify';
import { BACKEND_ROUTES } from '../../../core/backend-api/auth';
import type { MeResponse } from '../../../core/backend-api/auth';
import { requireSignedIn, signedInStaff } from '../auth/requireRole';
import { loadStaffProfile } from '../auth/staffAccounts';
import { invalidToken } from '../auth/tokens';

export async function meRoutes(app: FastifyInstance): Promise<void> {
  app.get(BACKEND_ROUTES.me, { preHandler: requireSignedIn() }, async (request): Promise<MeResponse> => {
    const staff = await loadStaffProfile(app.backend.db, signedInStaff(request).hsaId);
    if (staff === undefined) throw invalidToken('The account of this session no longer exists.');
    return { staff };
  });
}
