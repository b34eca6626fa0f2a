// The referral service on the workstation: the cached catalog following the nurse's session, and its bridge handlers (referral and unit capacity).
import path from 'node:path';
import type { EventHub } from '../bridge/eventHub';
import type { NurseStore } from '../cases/nurseStore';
import { createCapacityHandlers, type CapacityHandlers } from './capacityHandlers';
import { CatalogCache } from './catalogCache';
import { createHttpReferralBackend, type ReferralBackend } from './catalogClient';
import { createReferralHandlers, type ReferralHandlers } from './referralHandlers';
import { ReferralCatalog, type CatalogEventSource } from './referralCatalog';

export { createCapacityHandlers, type CapacityHandlers } from './capacityHandlers';
export { CatalogCache, CATALOG_CACHE_FORMAT } from './catalogCache';
export { createHttpReferralBackend, type ReferralBackend } from './catalogClient';
export { buildReceipt, receiptPdf, receiptSmsText, type ReferralReceipt } from './receipt';
export { createReferralHandlers, type ReferralHandlerDeps, type ReferralHandlers } from './referralHandlers';
export { DEFAULT_CATALOG_REFRESH_MS, ReferralCatalog, type PreparedCatalog } from './referralCatalog';

export interface ReferralServiceOptions {
  backendUrl: string;
  /** The workstation profile; the catalog cache lives in <profile>/catalog. Null keeps it in memory. */
  profileDir: string | null;
  accessToken: () => Promise<string>;
  stores: NurseStore;
  events: EventHub;
  /** The session's live event channel, for catalog.changed. */
  channel?: CatalogEventSource;
  /** Replaces the HTTP backend (tests). */
  backend?: ReferralBackend;
  now?: () => Date;
  refreshIntervalMs?: number;
  onReachability?: (reachable: boolean) => void;
  onError?: (message: string) => void;
}

export interface ReferralService {
  catalog: ReferralCatalog;
  /** Referral and capacity: both work over the same cached catalog. */
  handlers: ReferralHandlers & CapacityHandlers;
  stop(): void;
}

/**
 * The catalog follows the nurse's store (opened at sign-in, closed at sign-out): it is loaded from disk at
 * once and refreshed from the backend, periodically and whenever the backend says it changed.
 */
export function createReferralService(options: ReferralServiceOptions): ReferralService {
  const backend =
    options.backend ??
    createHttpReferralBackend({
      baseUrl: options.backendUrl,
      accessToken: options.accessToken,
      onReachability: options.onReachability,
    });
  const catalog = new ReferralCatalog({
    backend,
    cache: options.profileDir ? new CatalogCache(path.join(options.profileDir, 'catalog')) : null,
    channel: options.channel,
    now: options.now,
    refreshIntervalMs: options.refreshIntervalMs,
    onChange: (status) => options.events.emit('referral.catalogChanged', status),
    onError: options.onError,
  });
  const unsubscribe = options.stores.subscribe((open) => {
    if (open) void catalog.signedIn(open.staff.region.id);
    else catalog.signedOut();
  });
  return {
    catalog,
    handlers: {
      ...createReferralHandlers({ catalog, stores: options.stores, backend, now: options.now }),
      ...createCapacityHandlers({ catalog, stores: options.stores, backend, now: options.now }),
    },
    stop() {
      unsubscribe();
      catalog.stop();
    },
  };
}
