// HTTP client for the regional backend: the only code in the workstation that talks to it over the network.
import type { z } from 'zod';
import {
  ApiErrorSchema,
  BACKEND_ROUTES,
  SessionTokensResponseSchema,
  type SessionTokensResponse,
} from '../../../core/backend-api/auth';
import { BridgeFailure } from '../bridge/dispatcher';
import type { AuthBackend } from '../session/sessionService';
import type { SessionTokens } from '../session/tokenVault';

export interface BackendClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Told about every answer (or its absence), so the connection state follows real traffic. */
  onReachability?: (reachable: boolean) => void;
}

export class BackendClient implements AuthBackend {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: BackendClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  async signIn(hsaId: string, password: string) {
    return toSession(
      await this.post(BACKEND_ROUTES.signIn, { hsaId, password }, SessionTokensResponseSchema),
    );
  }

  async refresh(refreshToken: string) {
    return toSession(await this.post(BACKEND_ROUTES.refresh, { refreshToken }, SessionTokensResponseSchema));
  }

  async signOut(refreshToken: string): Promise<void> {
    await this.post(BACKEND_ROUTES.signOut, { refreshToken }, null);
  }

  private async post<T>(route: string, body: unknown, schema: z.ZodType<T> | null): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(route, this.options.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch {
      this.options.onReachability?.(false);
      throw new BridgeFailure('backend_unreachable', 'The regional backend could not be reached.');
    }
    this.options.onReachability?.(response.status < 500);
    const json: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw toFailure(response.status, json);
    if (!schema) return undefined as T;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new BridgeFailure(
        'backend_error',
        `The backend's answer to ${route} did not match the contract.`,
      );
    }
    return parsed.data;
  }
}

function toSession(response: SessionTokensResponse): {
  tokens: SessionTokens;
  staff: SessionTokensResponse['staff'];
} {
  const { staff, ...tokens } = response;
  return { tokens, staff };
}

/** Translates the backend's error answer into the bridge's error codes. */
function toFailure(status: number, json: unknown): BridgeFailure {
  const parsed = ApiErrorSchema.safeParse(json);
  const error = parsed.success ? parsed.data.error : null;
  const message = error?.message ?? `The backend answered HTTP ${status}.`;
  switch (error?.code) {
    case 'invalid_credentials':
      return new BridgeFailure('invalid_credentials', message);
    case 'account_locked':
      return new BridgeFailure(
        'account_locked',
        message,
        error.lockedUntil ? { lockedUntil: error.lockedUntil } : {},
      );
    case 'rate_limited':
      return new BridgeFailure('rate_limited', message, {
        retryAfterSeconds: error.retryAfterSeconds ?? null,
      });
    case 'token_expired':
    case 'token_invalid':
      return new BridgeFailure('not_signed_in', message);
    case 'bad_request':
      return new BridgeFailure('invalid_arguments', message);
    default:
      return new BridgeFailure('backend_error', message);
  }
}
