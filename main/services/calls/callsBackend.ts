// HTTP client for the backend's call-distribution routes, authenticated with the session's access token.
//
// The token is read per request from the session and put in the Authorization header only; answers are
// checked against the contract and returned without any header or token, so nothing secret can reach
// the renderer through them.
import type { z } from 'zod';
import { ApiErrorSchema } from '../../../core/backend-api/auth';
import {
  CALL_ROUTES,
  CallActionResponseSchema,
  CallbackResponseSchema,
  CallbacksResponseSchema,
  CallResponseSchema,
  callRoute,
  PresenceResponseSchema,
  QueueOverviewSchema,
  QueueSnapshotSchema,
  type Call,
  type CallActionResponse,
  type Callback,
  type CallbackAttemptRequest,
  type CallbackBookingRequest,
  type CallbackState,
  type Presence,
  type PresenceUpdateRequest,
  type QueueOverview,
  type QueueSnapshot,
} from '../../../core/backend-api/calls';
import type { BridgeErrorCode } from '../../../core/api/bridge';
import { BridgeFailure } from '../bridge/dispatcher';

export interface CallsBackendOptions {
  baseUrl: string;
  /** A fresh access token (the session refreshes it); throws not_signed_in when signed out. */
  accessToken: () => Promise<string>;
  fetch?: typeof fetch;
  /** Short: a nurse waiting for a call to connect should hear "no connection" quickly, not after a minute. */
  timeoutMs?: number;
  /** Told about every answer (or its absence), so the connection state follows real traffic. */
  onReachability?: (reachable: boolean) => void;
}

type Method = 'GET' | 'POST' | 'PUT';

export class CallsBackend {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: CallsBackendOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  queue(): Promise<QueueSnapshot> {
    return this.request('GET', CALL_ROUTES.queue, undefined, QueueSnapshotSchema);
  }

  /** The team lead's overview: her own region by default, another one only for admins. */
  queueOverview(regionId?: string): Promise<QueueOverview> {
    const route =
      regionId === undefined
        ? CALL_ROUTES.queueOverview
        : `${CALL_ROUTES.queueOverview}?${new URLSearchParams({ regionId }).toString()}`;
    return this.request('GET', route, undefined, QueueOverviewSchema);
  }

  async presence(): Promise<Presence> {
    return (await this.request('GET', CALL_ROUTES.presence, undefined, PresenceResponseSchema)).presence;
  }

  async updatePresence(change: PresenceUpdateRequest): Promise<Presence> {
    return (await this.request('PUT', CALL_ROUTES.presence, change, PresenceResponseSchema)).presence;
  }

  async endAfterCallWork(): Promise<Presence> {
    return (await this.request('POST', CALL_ROUTES.endAfterCallWork, {}, PresenceResponseSchema)).presence;
  }

  async call(callId: string): Promise<Call> {
    return (await this.request('GET', callRoute(CALL_ROUTES.call, callId), undefined, CallResponseSchema))
      .call;
  }

  accept(callId: string): Promise<CallActionResponse> {
    return this.request('POST', callRoute(CALL_ROUTES.acceptCall, callId), {}, CallActionResponseSchema);
  }

  decline(callId: string): Promise<CallActionResponse> {
    return this.request('POST', callRoute(CALL_ROUTES.declineCall, callId), {}, CallActionResponseSchema);
  }

  end(callId: string): Promise<CallActionResponse> {
    return this.request('POST', callRoute(CALL_ROUTES.endCall, callId), {}, CallActionResponseSchema);
  }

  async callbacks(query: { states?: readonly CallbackState[]; limit?: number }): Promise<Callback[]> {
    const search = new URLSearchParams();
    if (query.states) search.set('state', query.states.join(','));
    if (query.limit !== undefined) search.set('limit', String(query.limit));
    const route = search.size > 0 ? `${CALL_ROUTES.callbacks}?${search.toString()}` : CALL_ROUTES.callbacks;
    return (await this.request('GET', route, undefined, CallbacksResponseSchema)).callbacks;
  }

  async bookCallback(booking: CallbackBookingRequest): Promise<Callback> {
    return (await this.request('POST', CALL_ROUTES.callbacks, booking, CallbackResponseSchema)).callback;
  }

  async recordCallbackAttempt(callbackId: string, attempt: CallbackAttemptRequest): Promise<Callback> {
    const route = callRoute(CALL_ROUTES.callbackAttempts, callbackId);
    return (await this.request('POST', route, attempt, CallbackResponseSchema)).callback;
  }

  async cancelCallback(callbackId: string, reason: string): Promise<Callback> {
    const route = callRoute(CALL_ROUTES.callbackCancel, callbackId);
    return (await this.request('POST', route, { reason }, CallbackResponseSchema)).callback;
  }

  private async request<T>(method: Method, route: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    // Signed out (or a refresh the backend refused) fails here, before anything is sent.
    const token = await this.options.accessToken();
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(route, this.options.baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 8_000),
      });
    } catch {
      this.options.onReachability?.(false);
      throw new BridgeFailure(
        'backend_unreachable',
        'The regional backend could not be reached: calls cannot be taken right now. Cases and notes keep working on this workstation.',
      );
    }
    this.options.onReachability?.(response.status < 500);
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) throw callFailure(response.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new BridgeFailure(
        'backend_error',
        `The backend's answer to ${method} ${route} did not match the contract.`,
      );
    }
    return parsed.data;
  }
}

/** Backend error codes of the call routes, as the bridge's error codes the renderer explains in Swedish. */
const CODE_MAP: Readonly<Record<string, BridgeErrorCode>> = {
  bad_request: 'invalid_arguments',
  token_expired: 'not_signed_in',
  token_invalid: 'not_signed_in',
  forbidden: 'forbidden',
  not_found: 'not_found',
  call_not_found: 'not_found',
  callback_not_found: 'not_found',
  call_taken: 'call_taken',
  offer_expired: 'offer_expired',
  call_state_conflict: 'call_state_conflict',
  presence_transition_forbidden: 'presence_forbidden',
  callback_state_conflict: 'callback_state_conflict',
  rate_limited: 'rate_limited',
};

/** Translates the backend's error answer; its message (English, never patient data) travels along. */
export function callFailure(status: number, json: unknown): BridgeFailure {
  const parsed = ApiErrorSchema.safeParse(json);
  const error = parsed.success ? parsed.data.error : null;
  const message = error?.message ?? `The backend answered HTTP ${status}.`;
  const code = (error && CODE_MAP[error.code]) ?? 'backend_error';
  const details: Record<string, unknown> = { backendCode: error?.code ?? null, status };
  if (error?.issues) details.issues = error.issues;
  return new BridgeFailure(code, message, details);
}
