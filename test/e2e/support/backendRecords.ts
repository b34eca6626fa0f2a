// What the regional backend holds for a region, read over HTTP as a colleague's workstation pulls it: for tests that check what reached the backend.
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import { SYNC_ROUTES } from '../../../core/backend-api/sync';
import { PullResponseSchema, type PulledRecord } from '../../../core/case/sync';

/** Every case and signed note of the signed-in account's region (first page of 2,000, enough for a test). */
export async function regionRecords(
  backendUrl: string,
  hsaId: string,
  password: string,
): Promise<PulledRecord[]> {
  const signIn = await fetch(new URL(BACKEND_ROUTES.signIn, backendUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hsaId, password }),
  });
  const { accessToken } = SessionTokensResponseSchema.parse(await signIn.json());
  const pull = await fetch(new URL(`${SYNC_ROUTES.pull}?limit=2000`, backendUrl), {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return PullResponseSchema.parse(await pull.json()).records;
}
