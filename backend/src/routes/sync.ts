// POST /api/v1/sync/push and GET /api/v1/sync/pull: workstations send their outbox and fetch what others committed.
import type { FastifyInstance } from 'fastify';
import {
  MAX_PUSH_BYTES,
  PullQuerySchema,
  PushRequestSchema,
  SYNC_ROUTES,
  SYNC_SCHEMA_VERSION,
  type PullResponse,
  type PushResponse,
} from '../../../core/backend-api/sync';
import { requireRole, signedInStaff } from '../auth/requireRole';
import { badRequest } from '../http/errors';
import { parseBody, parseQuery } from '../http/validation';
import { pullPage } from '../sync/pull';
import { commitPush } from '../sync/push';

/**
 * A clearer answer than the schema's for the one mistake a newer workstation makes against an older
 * backend: it names the version and says what to do, before any other field is looked at.
 */
function refuseUnknownSchemaVersions(body: unknown): void {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { items?: unknown }).items))
    return;
  const issues = ((body as { items: unknown[] }).items ?? []).flatMap((item, index) => {
    const version =
      typeof item === 'object' && item !== null
        ? (item as { schemaVersion?: unknown }).schemaVersion
        : undefined;
    return version === undefined || version === SYNC_SCHEMA_VERSION
      ? []
      : [
          {
            path: `items.${index}.schemaVersion`,
            message: `unknown sync schema version ${JSON.stringify(version)}`,
          },
        ];
  });
  if (issues.length > 0) {
    throw badRequest(
      `This backend understands sync schema version ${SYNC_SCHEMA_VERSION} only; ${issues.length} item(s) use another. ` +
        'Update the backend before these items can be stored. Nothing was stored.',
      issues,
    );
  }
}

export async function syncRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    SYNC_ROUTES.push,
    { preHandler: requireRole('nurse'), bodyLimit: MAX_PUSH_BYTES },
    async (request): Promise<PushResponse> => {
      const staff = signedInStaff(request);
      refuseUnknownSchemaVersions(request.body);
      const body = parseBody(PushRequestSchema, request.body);
      const seen = new Set<number>();
      body.items.forEach((item, index) => {
        if (item.deviceId !== body.deviceId) {
          throw badRequest('Every item must come from the device that pushes it. Nothing was stored.', [
            { path: `items.${index}.deviceId`, message: 'deviceId differs from the push’s deviceId' },
          ]);
        }
        if (seen.has(item.seq)) {
          throw badRequest('A sequence number appears twice in one push. Nothing was stored.', [
            { path: `items.${index}.seq`, message: `seq ${item.seq} appears twice` },
          ]);
        }
        seen.add(item.seq);
      });
      const outcome = await commitPush(app.backend, staff, body);
      if (outcome.pullable > 0) {
        // After commit: the poke only hurries other workstations; a lost poke is caught by their next pull.
        app.backend.events.pokeSync(staff.regionId).catch((error: unknown) => {
          request.log.warn({ err: error }, 'sync poke could not be published');
        });
      }
      return outcome.response;
    },
  );

  app.get(SYNC_ROUTES.pull, { preHandler: requireRole('nurse') }, async (request): Promise<PullResponse> => {
    const query = parseQuery(PullQuerySchema, request.query);
    return pullPage(app.backend, signedInStaff(request), query);
  });
}
