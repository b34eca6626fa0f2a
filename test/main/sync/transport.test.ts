// The sync transport over the one backend client: each answer sorted into what the sync engine does next.
import { describe, expect, it } from 'vitest';
import { BridgeFailure } from '../../../main/services/bridge/dispatcher';
import type { SyncTransportError } from '../../../main/services/sync';
import { createHttpSyncTransport } from '../../../main/services/sync';

function transport(answer: () => Response, accessToken = () => Promise.resolve('access-token')) {
  const reachability: boolean[] = [];
  const sync = createHttpSyncTransport({
    baseUrl: 'http://backend.test:8080',
    accessToken,
    fetch: () => Promise.resolve(answer()),
    onReachability: (reachable) => reachability.push(reachable),
  });
  const pull = () =>
    sync.pull({ deviceId: 'device-1', limit: 10 }).then(
      () => null,
      (error: unknown) => error as SyncTransportError,
    );
  return { pull, reachability };
}

const apiError = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ error: { code, message: `${code} happened.`, ...extra } }), { status });

describe('sync transport failures', () => {
  it('waits as offline when a proxy answers 502 with its own page', async () => {
    const { pull, reachability } = transport(() => new Response('<h1>Bad Gateway</h1>', { status: 502 }));
    expect((await pull())?.kind).toBe('offline');
    expect(reachability).toEqual([false]);
  });

  it('retries later as a server problem when the backend itself answers 503 in its error shape', async () => {
    const { pull, reachability } = transport(() => apiError(503, 'database_unavailable'));
    const error = await pull();
    expect(error?.kind).toBe('server');
    expect(error?.message).toBe('database_unavailable happened.');
    expect(reachability).toEqual([true]);
  });

  it('sorts the backend’s refusals', async () => {
    const cases: [Response, SyncTransportError['kind']][] = [
      [apiError(401, 'token_expired'), 'unauthorised'],
      [apiError(403, 'forbidden'), 'forbidden'],
      [new Response('<h1>Request Entity Too Large</h1>', { status: 413 }), 'too-large'],
      [apiError(409, 'out_of_order'), 'out-of-order'],
      [apiError(400, 'bad_request', { issues: [{ path: 'items.0', message: 'bad' }] }), 'rejected'],
    ];
    for (const [answer, kind] of cases) {
      expect((await transport(() => answer.clone()).pull())?.kind, kind).toBe(kind);
    }
    const rejected = await transport(() =>
      apiError(400, 'bad_request', { issues: [{ path: 'items.0', message: 'bad' }] }),
    ).pull();
    expect(rejected?.details.issues).toEqual([{ path: 'items.0', message: 'bad' }]);
  });

  it('waits as long as a 429 asks', async () => {
    const error = await transport(
      () => new Response('slow down', { status: 429, headers: { 'retry-after': '4' } }),
    ).pull();
    expect(error?.kind).toBe('rate-limited');
    expect(error?.details.retryAfterMs).toBe(4000);
  });

  it('reports a contract break, and waits for a sign-in or a connection when the token cannot be had', async () => {
    expect((await transport(() => new Response('{"changes": 1}', { status: 200 })).pull())?.kind).toBe(
      'contract',
    );
    const signedOut = transport(
      () => new Response('{}'),
      () => Promise.reject(new BridgeFailure('not_signed_in', 'Sign in first.')),
    );
    expect((await signedOut.pull())?.kind).toBe('unauthorised');
    const offline = transport(
      () => new Response('{}'),
      () => Promise.reject(new BridgeFailure('backend_unreachable', 'No answer.')),
    );
    expect((await offline.pull())?.kind).toBe('offline');
  });
});
