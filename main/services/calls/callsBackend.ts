// The backend's call-distribution routes, over the one backend HTTP client with the session's access token.
//
// The token is read per request from the session and put in the Authorization header only; answers are
// checked against the contract and returned without any header or token, so nothing secret can reach
// the renderer through them.
import type { z } from 'zod';
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
import { asBridgeCall } from '../backend/bridgeErrors';
import { BackendHttpClient, type HttpMethod } from '../backend/httpClient';

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

export class CallsBackend {
  private readonly http: BackendHttpClient;

  constructor(options: CallsBackendOptions) {
    this.http = new BackendHttpClient({ ...options, timeoutMs: options.timeoutMs ?? 8_000 });
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

  private request<T>(method: HttpMethod, route: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    return asBridgeCall(this.http.request(method, { route, body, schema }), CALLS_UNREACHABLE);
  }
}

const CALLS_UNREACHABLE =
  'The regional backend could not be reached: calls cannot be taken right now. Cases and notes keep working on this workstation.';
