// A phone platform's side of the telephony routes over HTTP: used by the simulator CLI and by end-to-end tests to inject calls.
import {
  CALL_ROUTES,
  TELEPHONY_KEY_HEADER,
  TelephonyCallEnteredResponseSchema,
  TelephonyHangUpResponseSchema,
  callRoute,
} from '../../../core/backend-api/calls';
import type {
  TelephonyCallEnteredRequest,
  TelephonyCallEnteredResponse,
  TelephonyHangUpRequest,
  TelephonyHangUpResponse,
} from '../../../core/backend-api/calls';
import type { TelephonyIngress } from './adapter';

export class TelephonyHttpError extends Error {
  override name = 'TelephonyHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class TelephonyHttpClient implements TelephonyIngress {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly key: string,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async callEntered(call: TelephonyCallEnteredRequest): Promise<TelephonyCallEnteredResponse> {
    return TelephonyCallEnteredResponseSchema.parse(await this.post(CALL_ROUTES.telephonyCalls, call));
  }

  async callerHungUp(
    externalRef: string,
    request: TelephonyHangUpRequest = {},
  ): Promise<TelephonyHangUpResponse> {
    return TelephonyHangUpResponseSchema.parse(
      await this.post(callRoute(CALL_ROUTES.telephonyHangUp, externalRef), request),
    );
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TELEPHONY_KEY_HEADER]: this.key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new TelephonyHttpError(
        0,
        'unreachable',
        `The backend at ${this.baseUrl} did not answer: ${(error as Error).message}`,
      );
    }
    const payload = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    if (!response.ok) {
      throw new TelephonyHttpError(
        response.status,
        payload?.error?.code ?? 'http_error',
        payload?.error?.message ?? `HTTP ${response.status} from ${path}`,
      );
    }
    return payload;
  }
}
