// HTTP calls of the referral service to the regional backend: fetch the catalog (or hear it is unchanged), set or clear a unit's capacity, send a receipt SMS.
import type { z } from 'zod';
import { ApiErrorSchema } from '../../../core/backend-api/auth';
import {
  CATALOG_ROUTES,
  CapacityResponseSchema,
  CatalogResponseSchema,
  ReferralReceiptSmsResponseSchema,
  unitCapacityPath,
  type CapacityRequest,
  type CapacityResponse,
  type CatalogResponse,
  type ReferralReceiptSmsResponse,
} from '../../../core/backend-api/catalog';
import { BridgeFailure } from '../bridge/dispatcher';

/** What the referral service needs of the backend; tests give their own. */
export interface ReferralBackend {
  fetchCatalog(knownVersion: string | null): Promise<CatalogResponse>;
  sendReceiptSms(to: string, text: string): Promise<ReferralReceiptSmsResponse>;
  /** PUT of a unit's capacity (team lead of its region, or admin). */
  setUnitCapacity(hsaId: string, request: CapacityRequest): Promise<CapacityResponse>;
  /** DELETE of a unit's capacity. */
  clearUnitCapacity(hsaId: string): Promise<CapacityResponse>;
}

export interface HttpReferralBackendOptions {
  baseUrl: string;
  /** A fresh access token from the session (throws BridgeFailure when signed out or unreachable). */
  accessToken: () => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  onReachability?: (reachable: boolean) => void;
}

export function createHttpReferralBackend(options: HttpReferralBackendOptions): ReferralBackend {
  const fetchImpl = options.fetch ?? fetch;

  async function call<T>(url: URL, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
    const token = await options.accessToken();
    let response: Response;
    try {
      response = await fetchImpl(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch {
      options.onReachability?.(false);
      throw new BridgeFailure('backend_unreachable', 'The regional backend could not be reached.');
    }
    options.onReachability?.(response.status < 500 || response.status === 502);
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = ApiErrorSchema.safeParse(json);
      const message = error.success
        ? error.data.error.message
        : `The backend answered HTTP ${response.status}.`;
      const code = error.success ? error.data.error.code : '';
      if (code === 'token_expired' || code === 'token_invalid')
        throw new BridgeFailure('not_signed_in', message);
      if (code === 'sms_failed') throw new BridgeFailure('sms_failed', message);
      if (code === 'bad_request') throw new BridgeFailure('invalid_arguments', message);
      // The backend's own words say why (e.g. which region's team lead may change a unit's capacity).
      if (code === 'forbidden' || response.status === 403) throw new BridgeFailure('forbidden', message);
      if (code === 'not_found') throw new BridgeFailure('not_found', message);
      throw new BridgeFailure(response.status >= 500 ? 'backend_unreachable' : 'backend_error', message, {
        status: response.status,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new BridgeFailure(
        'backend_error',
        `The backend's answer to ${url.pathname} did not match the contract.`,
      );
    }
    return parsed.data;
  }

  return {
    fetchCatalog(knownVersion) {
      const url = new URL(CATALOG_ROUTES.catalog, options.baseUrl);
      if (knownVersion !== null) url.searchParams.set('knownVersion', knownVersion);
      return call(url, { method: 'GET' }, CatalogResponseSchema);
    },
    sendReceiptSms(to, text) {
      return call(
        new URL(CATALOG_ROUTES.referralReceiptSms, options.baseUrl),
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ to, text }),
        },
        ReferralReceiptSmsResponseSchema,
      );
    },
    setUnitCapacity(hsaId, request) {
      return call(
        new URL(unitCapacityPath(hsaId), options.baseUrl),
        {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
        },
        CapacityResponseSchema,
      );
    },
    clearUnitCapacity(hsaId) {
      return call(
        new URL(unitCapacityPath(hsaId), options.baseUrl),
        { method: 'DELETE' },
        CapacityResponseSchema,
      );
    },
  };
}
