// Reads everything a region's backend holds for pulling (cases, signed notes) as a fresh device would, for fault tests and the soak.
import { randomUUID } from 'node:crypto';
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import { PullResponseSchema, SYNC_ROUTES } from '../../../core/backend-api/sync';
import type { PulledRecord } from '../../../core/case';

/**
 * Signs in as `hsaId` (a nurse of the region) straight at `backendUrl` and pulls every page from the
 * start with a device of its own, so no record is skipped as its own. Records come in pull order.
 */
export async function pullRegion(
  backendUrl: string,
  hsaId: string,
  password: string,
): Promise<PulledRecord[]> {
  const signIn = await fetch(new URL(BACKEND_ROUTES.signIn, backendUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hsaId, password }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!signIn.ok) throw new Error(`the region reader could not sign in (HTTP ${signIn.status})`);
  const { accessToken } = SessionTokensResponseSchema.parse(await signIn.json());
  const records: PulledRecord[] = [];
  const deviceId = randomUUID();
  let cursor: string | undefined;
  for (let page = 0; page < 200; page += 1) {
    const url = new URL(SYNC_ROUTES.pull, backendUrl);
    url.searchParams.set('deviceId', deviceId);
    url.searchParams.set('limit', '2000');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${accessToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`the region reader's pull failed (HTTP ${response.status})`);
    const body = PullResponseSchema.parse(await response.json());
    records.push(...body.records);
    cursor = body.cursor;
    if (!body.more) return records;
  }
  throw new Error('the region reader gave up after 200 pages');
}

/** The signed notes among pulled records, id → content hash. */
export function signedNotesOf(records: readonly PulledRecord[]): Map<string, string> {
  return new Map(records.filter((r) => r.entity === 'note').map((r) => [r.payload.id, r.contentHash]));
}
