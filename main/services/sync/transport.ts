// How the sync engine reaches the backend: push and pull over HTTPS, with failures sorted into what the engine does next.
import {
  PullResponseSchema,
  PushResponseSchema,
  SYNC_ROUTES,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../../core/backend-api/sync';
import { ApiErrorSchema, type ApiErrorIssue } from '../../../core/backend-api/auth';
import { BridgeFailure } from '../bridge/dispatcher';

export interface PullRequest {
  cursor?: string;
  deviceId: string;
  limit: number;
  careUnitHsaId?: string;
}

export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
}

/**
 * - `offline`: no answer, or the backend says it cannot work now (502/503/504): wait and retry.
 * - `server`: an unexpected 5xx: retry later.
 * - `unauthorised` / `forbidden`: the session or the device is refused: retry later, nothing quarantined.
 * - `rate-limited`: 429: retry after the time asked.
 * - `too-large`: 413: send fewer items at a time.
 * - `out-of-order`: 409 out_of_order: sent behind a push that was not committed; send it again.
 * - `rejected`: another 4xx: the request itself (one of its items) is unacceptable.
 * - `contract`: a 2xx answer that does not match the contract.
 */
export type SyncFailureKind =
  | 'offline'
  | 'server'
  | 'unauthorised'
  | 'forbidden'
  | 'rate-limited'
  | 'too-large'
  | 'out-of-order'
  | 'rejected'
  | 'contract';

export class SyncTransportError extends Error {
  override readonly name = 'SyncTransportError';
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly details: { status?: number; issues?: ApiErrorIssue[]; retryAfterMs?: number } = {},
  ) {
    super(message);
  }
}

export interface HttpSyncTransportOptions {
  baseUrl: string;
  /** A fresh access token from the session (refreshed as needed). */
  accessToken: () => Promise<string>;
  fetch?: typeof fetch;
  /** Longest wait for one request; a stalled connection counts as offline after it. */
  timeoutMs?: number;
  /** Told about every answer (or its absence), so the connection indicator follows sync traffic. */
  onReachability?: (reachable: boolean) => void;
}

export function createHttpSyncTransport(options: HttpSyncTransportOptions): SyncTransport {
  const fetchImpl = options.fetch ?? fetch;

  async function token(): Promise<string> {
    try {
      return await options.accessToken();
    } catch (error) {
      if (error instanceof BridgeFailure && error.code === 'backend_unreachable') {
        throw new SyncTransportError('offline', 'The backend could not be reached to renew the session.');
      }
      throw new SyncTransportError('unauthorised', 'Not signed in: sync waits for a sign-in.');
    }
  }

  async function call<T>(
    url: URL,
    init: RequestInit,
    schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  ) {
    const bearer = await token();
    let response: Response;
    try {
      response = await fetchImpl(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${bearer}` },
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch {
      options.onReachability?.(false);
      throw new SyncTransportError('offline', 'The regional backend could not be reached.');
    }
    const unreachable = [502, 503, 504].includes(response.status);
    options.onReachability?.(!unreachable);
    let json: unknown = null;
    try {
      json = await response.json();
    } catch {
      if (response.ok)
        throw new SyncTransportError('contract', `The backend's answer to ${url.pathname} is not JSON.`);
      if (unreachable) throw new SyncTransportError('offline', `The backend answered ${response.status}.`);
    }
    if (!response.ok) throw failureFor(response, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SyncTransportError(
        'contract',
        `The backend's answer to ${url.pathname} does not match the contract.`,
      );
    }
    return parsed.data as T;
  }

  return {
    push(request) {
      return call<PushResponse>(
        new URL(SYNC_ROUTES.push, options.baseUrl),
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) },
        PushResponseSchema,
      );
    },
    pull(request) {
      const url = new URL(SYNC_ROUTES.pull, options.baseUrl);
      url.searchParams.set('deviceId', request.deviceId);
      url.searchParams.set('limit', String(request.limit));
      if (request.cursor !== undefined) url.searchParams.set('cursor', request.cursor);
      if (request.careUnitHsaId !== undefined) url.searchParams.set('careUnitHsaId', request.careUnitHsaId);
      return call<PullResponse>(url, { method: 'GET' }, PullResponseSchema);
    },
  };
}

function failureFor(response: Response, json: unknown): SyncTransportError {
  const parsed = ApiErrorSchema.safeParse(json);
  const error = parsed.success ? parsed.data.error : null;
  const message = error?.message ?? `The backend answered HTTP ${response.status}.`;
  const status = response.status;
  if (status === 502 || status === 503 || status === 504)
    return new SyncTransportError('offline', message, { status });
  if (status >= 500) return new SyncTransportError('server', message, { status });
  if (status === 401) return new SyncTransportError('unauthorised', message, { status });
  if (status === 403) return new SyncTransportError('forbidden', message, { status });
  if (status === 413) return new SyncTransportError('too-large', message, { status });
  if (status === 409 && error?.code === 'out_of_order')
    return new SyncTransportError('out-of-order', message, { status });
  if (status === 429) {
    const seconds = error?.retryAfterSeconds ?? Number(response.headers.get('retry-after') ?? '');
    return new SyncTransportError('rate-limited', message, {
      status,
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
    });
  }
  return new SyncTransportError('rejected', message, { status, issues: error?.issues ?? [] });
}
