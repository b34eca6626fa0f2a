// The workstation's copy of the regional service catalog: read from the disk cache at sign-in, refreshed from the backend at sign-in, periodically and on catalog.changed.
//
// Referral must work when the backend does not answer: whatever was fetched last stays in use (and on
// disk) with the time it was fetched, so the nurse can see how old it is. Each fetched catalog is
// prepared for ranking once (units indexed, rules parsed) and kept until a newer one arrives.
import type { CatalogStatus } from '../../../core/api/referral';
import {
  CATALOG_CHANGED_EVENT,
  type CatalogChangedResponse,
  type CatalogResponse,
} from '../../../core/backend-api/catalog';
import type { LiveEvent } from '../../../core/backend-api/events';
import { REGION_IDS, type Capacity, type CareUnit, type RegionId } from '../../../core/referral/catalog';
import type { Locality } from '../../../core/referral/localities';
import { indexCareUnits, type CareUnitIndex } from '../../../core/referral/rank';
import type { NationalRules, RegionRules } from '../../../core/referral/regionConfig';
import { BridgeFailure } from '../bridge/dispatcher';
import type { CatalogCache } from './catalogCache';
import type { ReferralBackend } from './catalogClient';

/** Default period between refreshes while signed in; catalog.changed brings changes sooner. */
export const DEFAULT_CATALOG_REFRESH_MS = 10 * 60_000;

/** A catalog ready for ranking. */
export interface PreparedCatalog {
  regionId: RegionId;
  version: string;
  response: CatalogChangedResponse;
  units: readonly CareUnit[];
  index: CareUnitIndex;
  national: NationalRules;
  rulesByRegion: ReadonlyMap<RegionId, RegionRules>;
  localities: readonly Locality[];
  fetchedAt: string;
}

/** What the catalog needs of the live event channel (main/services/backend/eventChannel.ts). */
export interface CatalogEventSource {
  subscribe(type: string, listener: (event: LiveEvent) => void): () => void;
  onStateChange(listener: (state: 'stopped' | 'connecting' | 'open' | 'waiting') => void): () => void;
}

export interface ReferralCatalogOptions {
  backend: ReferralBackend;
  /** Null keeps the catalog in memory only. */
  cache: CatalogCache | null;
  channel?: CatalogEventSource;
  now?: () => Date;
  refreshIntervalMs?: number;
  onChange?: (status: CatalogStatus) => void;
  /** Failures the nurse cannot act on (cache write), for the log; no patient data is involved. */
  onError?: (message: string) => void;
}

function prepare(response: CatalogChangedResponse, fetchedAt: string): PreparedCatalog {
  const units = response.regions.flatMap((region) => region.units);
  return {
    regionId: response.regionId,
    version: response.version,
    response,
    units,
    index: indexCareUnits(units),
    national: response.rules.national,
    rulesByRegion: new Map(response.rules.regions.map((rules) => [rules.regionId, rules])),
    localities: response.localities.localities,
    fetchedAt,
  };
}

function sameCapacity(a: Capacity | null, b: Capacity | null): boolean {
  if (a === null || b === null) return a === b;
  const expiry = (value: string | null) => (value === null ? null : Date.parse(value));
  return a.status === b.status && a.setBy === b.setBy && expiry(a.expiresAt) === expiry(b.expiresAt);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ReferralCatalog {
  private regionId: RegionId | null = null;
  private current: PreparedCatalog | null = null;
  private confirmedAt: string | null = null;
  private source: 'backend' | 'cache' | null = null;
  private problem: string | null = null;
  private refreshing: Promise<CatalogStatus> | null = null;
  /** The latest sign-in's work (cache read, first fetch), so callers can wait for it to settle. */
  private signingIn: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  /** Bumped at every sign-in and sign-out, so an answer for an earlier session is dropped. */
  private generation = 0;
  private readonly unsubscribers: (() => void)[] = [];
  private readonly now: () => Date;

  constructor(private readonly options: ReferralCatalogOptions) {
    this.now = options.now ?? (() => new Date());
    const channel = options.channel;
    if (channel) {
      this.unsubscribers.push(
        channel.subscribe(CATALOG_CHANGED_EVENT, () => void this.refreshIfSignedIn()),
        // Events sent while the channel was down are not replayed: catch up whenever it opens again.
        channel.onStateChange((state) => {
          if (state === 'open') void this.refreshIfSignedIn();
        }),
      );
    }
  }

  get status(): CatalogStatus {
    const catalog = this.current;
    return {
      state: catalog ? 'ready' : 'missing',
      regionId: this.regionId,
      regions: catalog
        ? catalog.response.regions.map((r) => ({
            regionId: r.regionId,
            name: r.name,
            neighbour: r.neighbour,
          }))
        : [],
      version: catalog?.version ?? null,
      unitCount: catalog?.units.length ?? 0,
      fetchedAt: catalog?.fetchedAt ?? null,
      confirmedAt: this.confirmedAt,
      source: this.source,
      offline: this.problem !== null,
      problem: this.problem,
    };
  }

  /** The catalog to rank over, or a clear refusal when there is none yet. */
  require(): PreparedCatalog {
    if (this.current) return this.current;
    throw new BridgeFailure(
      'catalog_unavailable',
      this.problem
        ? `No service catalog on this workstation yet, and the backend could not be asked: ${this.problem}`
        : 'No service catalog on this workstation yet.',
      { regionId: this.regionId },
    );
  }

  /** At sign-in: the region's cached catalog at once, then the backend's, then a refresh every interval. */
  signedIn(regionId: string): Promise<void> {
    this.signingIn = this.followSignIn(regionId);
    return this.signingIn;
  }

  /** Resolves once the latest sign-in has read the cache and its fetch (and any running refresh) has answered. */
  async settled(): Promise<void> {
    await this.signingIn;
    await this.refreshing;
  }

  private async followSignIn(regionId: string): Promise<void> {
    this.stopTimer();
    this.generation += 1;
    const generation = this.generation;
    if (!(REGION_IDS as readonly string[]).includes(regionId)) {
      this.reset(null, `the region ${regionId} has no service catalog`);
      return;
    }
    const region = regionId as RegionId;
    if (this.regionId !== region) {
      this.reset(region, null);
      await this.loadCache(region, generation);
    }
    if (generation !== this.generation) return;
    this.startTimer();
    await this.refresh();
  }

  /** At sign-out: timers stop; the next nurse may belong to another region. */
  signedOut(): void {
    this.generation += 1;
    this.stopTimer();
    this.reset(null, null);
    this.refreshing = null;
  }

  /** Asks the backend (one request at a time); never throws: failures show in the status as offline. */
  refresh(): Promise<CatalogStatus> {
    if (this.regionId === null) return Promise.resolve(this.status);
    this.refreshing ??= this.fetch(this.generation).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * A capacity change the backend has confirmed: the catalog is refreshed at once. When that refresh does
   * not bring it (the backend went away again, or a refresh already under way answered with the older
   * catalog), the unit is changed in the catalog in memory so the list and the suggestions follow now;
   * its version stays the older one, so the next refresh still fetches the backend's whole catalog.
   */
  async capacityChanged(change: { hsaId: string; capacity: Capacity | null }): Promise<void> {
    const before = this.current;
    await this.refresh();
    const catalog = this.current;
    // A newer catalog arrived (it may hold an even later change by someone else), or the nurse signed out.
    if (!catalog || catalog !== before) return;
    const unit = catalog.units.find((candidate) => candidate.hsaId === change.hsaId);
    if (!unit || sameCapacity(unit.capacity, change.capacity)) return;
    const response: CatalogChangedResponse = {
      ...catalog.response,
      regions: catalog.response.regions.map((region) => ({
        ...region,
        units: region.units.map((candidate) =>
          candidate.hsaId === change.hsaId ? { ...candidate, capacity: change.capacity } : candidate,
        ),
      })),
    };
    this.current = prepare(response, catalog.fetchedAt);
    this.options.onChange?.(this.status);
  }

  stop(): void {
    this.stopTimer();
    this.generation += 1;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  private refreshIfSignedIn(): Promise<CatalogStatus> | undefined {
    return this.regionId === null ? undefined : this.refresh();
  }

  private reset(regionId: RegionId | null, problem: string | null): void {
    const had = this.current !== null || this.regionId !== null;
    this.regionId = regionId;
    this.current = null;
    this.confirmedAt = null;
    this.source = null;
    this.problem = problem;
    if (had || problem) this.options.onChange?.(this.status);
  }

  private async loadCache(regionId: RegionId, generation: number): Promise<void> {
    if (!this.options.cache) return;
    const read = await this.options.cache.read(regionId);
    if (generation !== this.generation) return;
    if (read.kind === 'unusable') {
      this.options.onError?.(`cached catalog of ${regionId} ignored: ${read.problem}`);
      return;
    }
    if (read.kind === 'missing') return;
    this.current = prepare(read.cached.catalog, read.cached.fetchedAt);
    this.source = 'cache';
    this.options.onChange?.(this.status);
  }

  private async fetch(generation: number): Promise<CatalogStatus> {
    let answer: CatalogResponse;
    try {
      answer = await this.options.backend.fetchCatalog(this.current?.version ?? null);
    } catch (error) {
      if (generation !== this.generation) return this.status;
      const problem = describe(error);
      const changed = this.problem !== problem;
      this.problem = problem;
      if (changed) this.options.onChange?.(this.status);
      return this.status;
    }
    if (generation !== this.generation) return this.status;
    const now = this.now().toISOString();
    if (answer.regionId !== this.regionId) {
      // The session's region changed under us (another nurse signed in): a new sign-in refreshes again.
      return this.status;
    }
    if (answer.status === 'unchanged') {
      const wasOffline = this.problem !== null || this.source !== 'backend';
      this.problem = null;
      this.confirmedAt = now;
      this.source = 'backend';
      if (wasOffline) this.options.onChange?.(this.status);
      return this.status;
    }
    this.current = prepare(answer, now);
    this.confirmedAt = now;
    this.source = 'backend';
    this.problem = null;
    this.options.onChange?.(this.status);
    if (this.options.cache) {
      await this.options.cache
        .write({ regionId: answer.regionId, fetchedAt: now, catalog: answer })
        .catch((error: unknown) => this.options.onError?.(`catalog cache not written: ${describe(error)}`));
    }
    return this.status;
  }

  private startTimer(): void {
    const interval = this.options.refreshIntervalMs ?? DEFAULT_CATALOG_REFRESH_MS;
    this.timer = setInterval(() => void this.refresh(), interval);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
