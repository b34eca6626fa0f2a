// The one backend HTTP client: its reachability rule, the token header, contract checks and the error table.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BridgeFailure } from '../../../main/services/bridge/dispatcher';
import { backendFailureToBridge } from '../../../main/services/backend/bridgeErrors';
import {
  BackendHttpClient,
  BackendRequestError,
  type BackendHttpClientOptions,
} from '../../../main/services/backend/httpClient';

const QueueSchema = z.object({ waiting: z.number().int() });

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function client(answer: BackendHttpClientOptions['fetch'], extra: Partial<BackendHttpClientOptions> = {}) {
  const reachability: boolean[] = [];
  const http = new BackendHttpClient({
    baseUrl: 'http://backend.test:8080',
    accessToken: () => Promise.resolve('access-token-1'),
    fetch: answer,
    onReachability: (reachable) => reachability.push(reachable),
    ...extra,
  });
  const queue = () =>
    http.request('GET', { route: '/api/v1/queue', schema: QueueSchema }).then(
      (value) => ({ value, error: null }),
      (error: unknown) => ({ value: null, error: error as BackendRequestError }),
    );
  return { http, queue, reachability };
}

/** A loopback port nothing listens on, so a connection to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('whether the backend is reachable', () => {
  it('is reachable when it answers a 4xx in the API error shape, and the error keeps the backend code', async () => {
    const { queue, reachability } = client(async () =>
      json(409, { error: { code: 'call_taken', message: 'Another nurse took the call.' } }),
    );
    const { error } = await queue();
    expect(error).toBeInstanceOf(BackendRequestError);
    expect(error!.kind).toBe('refused');
    expect(error!.message).toBe('Another nurse took the call.');
    expect(error!.details).toMatchObject({ status: 409, apiError: { code: 'call_taken' } });
    expect(reachability).toEqual([true]);
  });

  it('is reachable when it answers a 5xx in the API error shape: the backend itself said it cannot now', async () => {
    const { queue, reachability } = client(async () =>
      json(503, { error: { code: 'database_unavailable', message: 'Try again.' } }),
    );
    const { error } = await queue();
    expect(error!.kind).toBe('refused');
    expect(error!.details.status).toBe(503);
    expect(reachability).toEqual([true]);
  });

  it('is unreachable when a proxy answers 502 with its own HTML page', async () => {
    const { queue, reachability } = client(
      async () =>
        new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const { error } = await queue();
    expect(error!.kind).toBe('unreachable');
    expect(error!.details.status).toBe(502);
    expect(reachability).toEqual([false]);
  });

  it('is unreachable when no answer comes in time, and says how long it waited', async () => {
    const { queue, reachability } = client(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          const signal = init!.signal!;
          signal.addEventListener('abort', () => reject(signal.reason as Error));
        }),
      { timeoutMs: 50 },
    );
    const { error } = await queue();
    expect(error!.kind).toBe('unreachable');
    expect(error!.message).toMatch(/did not answer GET \/api\/v1\/queue within/);
    expect(reachability).toEqual([false]);
  });

  it('is unreachable when the connection is refused', async () => {
    const port = await closedPort();
    const { queue, reachability } = client(undefined, { baseUrl: `http://127.0.0.1:${port}` });
    const { error } = await queue();
    expect(error!.kind).toBe('unreachable');
    expect(error!.message).toBe('The regional backend could not be reached.');
    expect(reachability).toEqual([false]);
  });

  it('is reachable when it answers with success', async () => {
    const { queue, reachability } = client(async () => json(200, { waiting: 3 }));
    await expect(queue()).resolves.toEqual({ value: { waiting: 3 }, error: null });
    expect(reachability).toEqual([true]);
  });
});

describe('requests', () => {
  it('sends the access token as a bearer header, fetched fresh for each request', async () => {
    const seen: Array<Record<string, string>> = [];
    let n = 0;
    const http = new BackendHttpClient({
      baseUrl: 'http://backend.test:8080',
      accessToken: () => Promise.resolve(`token-${++n}`),
      fetch: async (_url, init) => {
        seen.push(init!.headers as Record<string, string>);
        return json(200, { waiting: 0 });
      },
    });
    await http.request('GET', { route: '/api/v1/queue', schema: QueueSchema });
    await http.request('POST', { route: '/api/v1/queue', body: { x: 1 }, schema: QueueSchema });
    expect(seen[0]).toEqual({ authorization: 'Bearer token-1' });
    expect(seen[1]).toEqual({ authorization: 'Bearer token-2', 'content-type': 'application/json' });
  });

  it('sends no token where the route does not take one (sign-in), and does not ask for one', async () => {
    let asked = false;
    let headers: Record<string, string> = {};
    const http = new BackendHttpClient({
      baseUrl: 'http://backend.test:8080',
      accessToken: () => ((asked = true), Promise.resolve('secret')),
      fetch: async (_url, init) => (
        (headers = init!.headers as Record<string, string>),
        json(200, { waiting: 0 })
      ),
    });
    await http.request('POST', { route: '/x', body: {}, schema: QueueSchema, authenticated: false });
    expect(asked).toBe(false);
    expect(headers.authorization).toBeUndefined();
  });

  it('sends nothing when the token cannot be had (signed out), passing the session error on', async () => {
    let sent = 0;
    const http = new BackendHttpClient({
      baseUrl: 'http://backend.test:8080',
      accessToken: () => Promise.reject(new BridgeFailure('not_signed_in', 'Sign in first.')),
      fetch: async () => (sent++, json(200, { waiting: 0 })),
    });
    await expect(http.request('GET', { route: '/x', schema: QueueSchema })).rejects.toMatchObject({
      code: 'not_signed_in',
    });
    expect(sent).toBe(0);
  });

  it('answers a success that breaks the contract with a clear error naming the field', async () => {
    const { queue, reachability } = client(async () => json(200, { waiting: 'many' }));
    const { error } = await queue();
    expect(error!.kind).toBe('contract');
    expect(error!.message).toMatch(/answer to GET \/api\/v1\/queue did not match the contract \(waiting: /);
    expect(reachability).toEqual([true]);
    const notJson = await client(async () => new Response('<html>ok</html>', { status: 200 })).queue();
    expect(notJson.error!.kind).toBe('contract');
    expect(notJson.error!.message).toMatch(/is not JSON/);
  });

  it('takes the wait before a retry from the error body, else from the Retry-After header', async () => {
    const fromBody = await client(async () =>
      json(429, { error: { code: 'rate_limited', message: 'Slow down.', retryAfterSeconds: 7 } }),
    ).queue();
    expect(fromBody.error!.details.retryAfterSeconds).toBe(7);
    const fromHeader = await client(
      async () => new Response('Too many', { status: 429, headers: { 'retry-after': '12' } }),
    ).queue();
    expect(fromHeader.error!.details.retryAfterSeconds).toBe(12);
  });
});

describe('backend errors as bridge errors', () => {
  const refused = (status: number, error?: Record<string, unknown>) =>
    new BackendRequestError('refused', String(error?.message ?? `HTTP ${status}`), {
      status,
      ...(error ? { apiError: error as never } : {}),
    });

  it('maps the backend codes of every feature through one table, keeping the backend’s words', () => {
    const cases: [BackendRequestError, string][] = [
      [refused(401, { code: 'invalid_credentials', message: 'Wrong.' }), 'invalid_credentials'],
      [refused(401, { code: 'token_expired', message: 'Expired.' }), 'not_signed_in'],
      [refused(400, { code: 'bad_request', message: 'Bad.' }), 'invalid_arguments'],
      [refused(409, { code: 'call_taken', message: 'Taken.' }), 'call_taken'],
      [refused(409, { code: 'presence_transition_forbidden', message: 'No.' }), 'presence_forbidden'],
      [refused(404, { code: 'callback_not_found', message: 'Gone.' }), 'not_found'],
      [refused(502, { code: 'sms_failed', message: 'SMS down.' }), 'sms_failed'],
      [refused(403), 'forbidden'],
      [refused(500, { code: 'internal', message: 'Oops.' }), 'backend_error'],
      [new BackendRequestError('unreachable', 'x', { status: 502 }), 'backend_unreachable'],
      [new BackendRequestError('contract', 'did not match the contract'), 'backend_error'],
    ];
    for (const [error, code] of cases) {
      const failure = backendFailureToBridge(error) as BridgeFailure;
      expect(failure, code).toBeInstanceOf(BridgeFailure);
      expect(failure.code).toBe(code);
    }
    const locked = backendFailureToBridge(
      refused(423, { code: 'account_locked', message: 'Locked.', lockedUntil: '2026-11-25T20:00:00.000Z' }),
    ) as BridgeFailure;
    expect(locked.details).toMatchObject({ lockedUntil: '2026-11-25T20:00:00.000Z' });
    expect(locked.message).toBe('Locked.');
  });

  it('lets a feature say what no connection means, and passes other errors through', () => {
    const unreachable = backendFailureToBridge(
      new BackendRequestError('unreachable', 'x'),
      'Calls cannot be taken right now.',
    ) as BridgeFailure;
    expect(unreachable.message).toBe('Calls cannot be taken right now.');
    const other = new BridgeFailure('not_signed_in', 'Sign in first.');
    expect(backendFailureToBridge(other)).toBe(other);
  });
});
