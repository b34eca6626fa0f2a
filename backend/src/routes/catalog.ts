// GET /api/v1/catalog (the nurse's region, its neighbours, rules, localities) and PUT/DELETE of a unit's capacity (team lead of its region, admin).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CATALOG_CHANGED_EVENT,
  CATALOG_ROUTES,
  CapacityRequestSchema,
  CatalogQuerySchema,
  MAX_CAPACITY_VALIDITY_HOURS,
  UnitPathSchema,
  type CapacityResponse,
  type CatalogChangedPayload,
  type CatalogResponse,
} from '../../../core/backend-api/catalog';
import { REGION_NAMES } from '../../../core/referral/catalog';
import { requireRole, requireSignedIn, signedInStaff } from '../auth/requireRole';
import {
  CatalogNotLoadedError,
  changeUnitCapacity,
  readServedCatalog,
  unitRegion,
} from '../catalog/catalogStore';
import { audienceOf, isCatalogRegion } from '../catalog/neighbours';
import { ApiHttpError, badRequest } from '../http/errors';
import { parseBody, parseQuery } from '../http/validation';

const HOUR_MS = 3_600_000;

function unitPath(request: FastifyRequest): string {
  const parsed = UnitPathSchema.safeParse(request.params);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'not an HSA-id';
    throw badRequest(`Invalid path: hsaId: ${message}.`, [{ path: 'hsaId', message }]);
  }
  return parsed.data.hsaId;
}

export async function catalogRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    CATALOG_ROUTES.catalog,
    { preHandler: requireSignedIn() },
    async (request): Promise<CatalogResponse> => {
      const { knownVersion } = parseQuery(CatalogQuerySchema, request.query);
      const staff = signedInStaff(request);
      if (!isCatalogRegion(staff.regionId)) {
        throw new ApiHttpError(
          404,
          'not_found',
          `There is no service catalog for your region (${staff.regionId}).`,
        );
      }
      try {
        return await readServedCatalog(app.backend.db, staff.regionId, knownVersion, app.backend.clock());
      } catch (error) {
        if (!(error instanceof CatalogNotLoadedError)) throw error;
        throw new ApiHttpError(
          404,
          'not_found',
          `${error.message} Ask the administrator to check the catalog resources.`,
        );
      }
    },
  );

  /** The unit's region, refused unless the caller is an admin or a team lead of that region. */
  async function authorisedRegion(request: FastifyRequest, hsaId: string) {
    const staff = signedInStaff(request);
    const regionId = await unitRegion(app.backend.db, hsaId);
    if (regionId === undefined)
      throw new ApiHttpError(404, 'not_found', `No care unit with HSA-id ${hsaId} in the catalog.`);
    if (!staff.roles.includes('admin') && staff.regionId !== regionId) {
      throw new ApiHttpError(
        403,
        'forbidden',
        `Only a team lead of ${REGION_NAMES[regionId]} can change this unit's capacity; you are signed in for ${staff.regionId}.`,
      );
    }
    return staff;
  }

  async function announce(payload: CatalogChangedPayload): Promise<void> {
    // Committed already: a lost event only delays workstations until their next periodic refresh.
    await Promise.all(
      audienceOf(payload.regionId).map((regionId) =>
        app.backend.events
          .publish({ regionId, type: CATALOG_CHANGED_EVENT, payload })
          .catch((error: unknown) => app.log.warn({ err: error }, 'catalog.changed not published')),
      ),
    );
  }

  app.put(
    CATALOG_ROUTES.unitCapacity,
    { preHandler: requireRole('team_lead', 'admin') },
    async (request): Promise<CapacityResponse> => {
      const hsaId = unitPath(request);
      const body = parseBody(CapacityRequestSchema, request.body);
      const now = app.backend.clock();
      const expiresAt = new Date(body.expiresAt);
      if (expiresAt.getTime() <= now.getTime()) {
        const message = 'expiresAt must be in the future';
        throw badRequest(`Invalid request body: ${message}.`, [{ path: 'expiresAt', message }]);
      }
      if (expiresAt.getTime() > now.getTime() + MAX_CAPACITY_VALIDITY_HOURS * HOUR_MS) {
        const message = `expiresAt must be at most ${MAX_CAPACITY_VALIDITY_HOURS} hours ahead`;
        throw badRequest(`Invalid request body: ${message}.`, [{ path: 'expiresAt', message }]);
      }
      const staff = await authorisedRegion(request, hsaId);
      const outcome = await changeUnitCapacity(app.backend.db, {
        hsaId,
        status: body.status,
        expiresAt,
        setBy: staff.hsaId,
        now,
      });
      if (!outcome)
        throw new ApiHttpError(404, 'not_found', `No care unit with HSA-id ${hsaId} in the catalog.`);
      request.log.info(
        { hsaId, status: body.status, catalogVersion: outcome.catalogVersion },
        'unit capacity set',
      );
      await announce({ regionId: outcome.regionId, version: outcome.catalogVersion, hsaId });
      return { hsaId, ...outcome };
    },
  );

  app.delete(
    CATALOG_ROUTES.unitCapacity,
    { preHandler: requireRole('team_lead', 'admin') },
    async (request): Promise<CapacityResponse> => {
      const hsaId = unitPath(request);
      const staff = await authorisedRegion(request, hsaId);
      const outcome = await changeUnitCapacity(app.backend.db, {
        hsaId,
        status: null,
        expiresAt: null,
        setBy: staff.hsaId,
        now: app.backend.clock(),
      });
      if (!outcome)
        throw new ApiHttpError(404, 'not_found', `No care unit with HSA-id ${hsaId} in the catalog.`);
      request.log.info({ hsaId, catalogVersion: outcome.catalogVersion }, 'unit capacity cleared');
      await announce({ regionId: outcome.regionId, version: outcome.catalogVersion, hsaId });
      return { hsaId, ...outcome };
    },
  );
}
