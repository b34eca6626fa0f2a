// The one HTTP client of the workstation for the regional backend: token header, timeout, reachability and contract checks.
//
// Every feature (session, calls, catalog and capacity, sync) sends its requests through this client, so
// they all agree on one rule for "the backend is reachable":
// - reachable: the backend answered with success, or with an error in the API's error shape (any status);
// - unreachable: no answer (network error, refused connection), no answer in time, or a 5xx that is not
//   in the API's error shape (a proxy's or load balancer's own page: the backend itself did not answer).
// A 4xx that is not in the API's error shape still came from something that understood the request
// (e.g. a proxy's 413 for a body that is too large), so it counts as an answer.
import type { z } from 'zod';
import { ApiErrorSchema, type ApiError } from '../../../core/backend-api/auth';

export type BackendApiError = ApiError['error'];

/**
 * - `unreachable`: see the rule above; the request may or may not have reached the backend.
 * - `refused`: the backend (or a proxy in front of it) answered with a 4xx, or with a 5xx in the API shape.
 * - `contract`: a success whose body does not match the contract (or is not JSON).
 */
export type BackendFailureKind = 'unreachable' | 'refused' | 'contract';

export class BackendRequestError extends Error {
  override readonly name = 'BackendRequestError';
  constructor(
    readonly kind: BackendFailureKind,
    message: string,
    readonly details: {
      /** The HTTP status, when there was an answer. */
      status?: number;
      /** The backend's error, when the answer was in the API's error shape. */
      apiError?: BackendApiError;
      /** Seconds to wait before trying again (the error body, else the Retry-After header). */
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface BackendHttpClientOptions {
  baseUrl: string;
  /** A fresh access token (the session refreshes it); its own errors (e.g. signed out) propagate as they are. */
  accessToken?: () => Promise<string>;
  fetch?: typeof fetch;
  /** Longest wait for one answer; a stalled connection counts as unreachable after it. */
  timeoutMs?: number;
  /** Told about every answer (or its absence), so the connection state follows real traffic. */
  onReachability?: (reachable: boolean) => void;
}

export interface BackendRequest<T> {
  /** A route relative to the base URL (may carry a query string), or a full URL built on it. */
  route: string | URL;
  /** JSON body; none for undefined. */
  body?: unknown;
  /** The contract of a successful answer; null when the answer's body is not used. */
  schema: z.ZodType<T> | null;
  /** Sends the access token (default true); sign-in and refresh go without one. */
  authenticated?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** The reachability rule, for an answer that arrived: only a 5xx outside the API's error shape is "unreachable". */
export function answerIsReachable(status: number, inApiErrorShape: boolean): boolean {
  return status < 500 || inApiErrorShape;
}

export class BackendHttpClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: BackendHttpClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** Sends one request and returns the answer checked against its contract; throws BackendRequestError. */
  async request<T>(method: HttpMethod, request: BackendRequest<T>): Promise<T> {
    const url = request.route instanceof URL ? request.route : new URL(request.route, this.options.baseUrl);
    const what = `${method} ${url.pathname}`;
    const headers: Record<string, string> = {};
    if (request.authenticated ?? true) {
      if (!this.options.accessToken) throw new Error(`${what} needs an access token, but none is provided.`);
      // Signed out (or a refresh the backend refused) fails here, before anything is sent.
      headers.authorization = `Bearer ${await this.options.accessToken()}`;
    }
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      this.options.onReachability?.(false);
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new BackendRequestError(
        'unreachable',
        timedOut
          ? `The regional backend did not answer ${what} within ${Math.round(timeoutMs / 1000)} s.`
          : 'The regional backend could not be reached.',
      );
    }

    const text = await response.text().catch(() => '');
    const json = parseJson(text);
    if (!response.ok) throw this.refusal(what, response, json);

    this.options.onReachability?.(true);
    if (request.schema === null) return undefined as T;
    if (json === NOT_JSON) {
      throw new BackendRequestError('contract', `The backend's answer to ${what} is not JSON.`, {
        status: response.status,
      });
    }
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) {
      const fields = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
        .join('; ');
      throw new BackendRequestError(
        'contract',
        `The backend's answer to ${what} did not match the contract (${fields}).`,
        { status: response.status },
      );
    }
    return parsed.data;
  }

  private refusal(what: string, response: Response, json: unknown): BackendRequestError {
    const status = response.status;
    const parsed = json === NOT_JSON ? null : ApiErrorSchema.safeParse(json);
    const apiError = parsed?.success ? parsed.data.error : undefined;
    const reachable = answerIsReachable(status, apiError !== undefined);
    this.options.onReachability?.(reachable);
    if (!reachable) {
      return new BackendRequestError(
        'unreachable',
        `The regional backend could not be reached (HTTP ${status} from in between for ${what}).`,
        { status },
      );
    }
    const header = Number(response.headers.get('retry-after') ?? '');
    const retryAfterSeconds =
      apiError?.retryAfterSeconds ?? (Number.isFinite(header) && header > 0 ? header : undefined);
    return new BackendRequestError('refused', apiError?.message ?? `The backend answered HTTP ${status}.`, {
      status,
      ...(apiError ? { apiError } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}
