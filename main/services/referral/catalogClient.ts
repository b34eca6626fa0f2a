// The referral service's calls to the regional backend, over the one backend HTTP client: fetch the catalog (or hear it is unchanged), set or clear a unit's capacity, send a receipt SMS.
import type { z } from 'zod';
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
import { asBridgeCall } from '../backend/bridgeErrors';
import { BackendHttpClient, type HttpMethod } from '../backend/httpClient';

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
  const http = new BackendHttpClient({ ...options, timeoutMs: options.timeoutMs ?? 15_000 });
  const call = <T>(method: HttpMethod, route: string | URL, schema: z.ZodType<T>, body?: unknown) =>
    asBridgeCall(http.request(method, { route, body, schema }));

  return {
    fetchCatalog(knownVersion) {
      const url = new URL(CATALOG_ROUTES.catalog, options.baseUrl);
      if (knownVersion !== null) url.searchParams.set('knownVersion', knownVersion);
      return call('GET', url, CatalogResponseSchema);
    },
    sendReceiptSms(to, text) {
      return call('POST', CATALOG_ROUTES.referralReceiptSms, ReferralReceiptSmsResponseSchema, { to, text });
    },
    setUnitCapacity(hsaId, request) {
      return call('PUT', unitCapacityPath(hsaId), CapacityResponseSchema, request);
    },
    clearUnitCapacity(hsaId) {
      return call('DELETE', unitCapacityPath(hsaId), CapacityResponseSchema);
    },
  };
}
