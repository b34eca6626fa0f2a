// How the sync engine reaches the backend: push and pull over the one backend HTTP client, with failures sorted into what the engine does next.
import {
  PullResponseSchema,
  PushResponseSchema,
  SYNC_ROUTES,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../../core/backend-api/sync';
import type { z } from 'zod';
import type { ApiErrorIssue } from '../../../core/backend-api/auth';
import { BackendRequestError, BackendHttpClient, type HttpMethod } from '../backend/httpClient';
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
 * - `offline`: the backend is unreachable (no answer, no answer in time, or a proxy's 5xx page; see
 *   backend/httpClient.ts): wait and retry.
 * - `server`: a 5xx in the API's error shape (the backend answered but cannot do it now): retry later.
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
  const http = new BackendHttpClient({
    ...options,
    timeoutMs: options.timeoutMs ?? 30_000,
    accessToken: async () => {
      try {
        return await options.accessToken();
      } catch (error) {
        if (error instanceof BridgeFailure && error.code === 'backend_unreachable') {
          throw new SyncTransportError('offline', 'The backend could not be reached to renew the session.');
        }
        throw new SyncTransportError('unauthorised', 'Not signed in: sync waits for a sign-in.');
      }
    },
  });

  async function call<T>(method: HttpMethod, route: string | URL, schema: z.ZodType<T>, body?: unknown) {
    try {
      return await http.request(method, { route, body, schema });
    } catch (error) {
      throw error instanceof BackendRequestError ? syncFailureOf(error) : error;
    }
  }

  return {
    push(request) {
      return call('POST', SYNC_ROUTES.push, PushResponseSchema, request);
    },
    pull(request) {
      const url = new URL(SYNC_ROUTES.pull, options.baseUrl);
      url.searchParams.set('deviceId', request.deviceId);
      url.searchParams.set('limit', String(request.limit));
      if (request.cursor !== undefined) url.searchParams.set('cursor', request.cursor);
      if (request.careUnitHsaId !== undefined) url.searchParams.set('careUnitHsaId', request.careUnitHsaId);
      return call('GET', url, PullResponseSchema);
    },
  };
}

/** Sorts a failed request into what the engine does next (see SyncFailureKind). */
function syncFailureOf(error: BackendRequestError): SyncTransportError {
  const { status, apiError, retryAfterSeconds } = error.details;
  if (error.kind === 'unreachable') return new SyncTransportError('offline', error.message, { status });
  if (error.kind === 'contract') return new SyncTransportError('contract', error.message, { status });
  const message = error.message;
  if (status === undefined || status >= 500) return new SyncTransportError('server', message, { status });
  if (status === 401) return new SyncTransportError('unauthorised', message, { status });
  if (status === 403) return new SyncTransportError('forbidden', message, { status });
  if (status === 413) return new SyncTransportError('too-large', message, { status });
  if (status === 409 && apiError?.code === 'out_of_order')
    return new SyncTransportError('out-of-order', message, { status });
  if (status === 429) {
    return new SyncTransportError('rate-limited', message, {
      status,
      retryAfterMs: retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : undefined,
    });
  }
  return new SyncTransportError('rejected', message, { status, issues: apiError?.issues ?? [] });
}
