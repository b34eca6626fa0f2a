// Shared set-up for the referral tests: the demo catalog as the backend would serve it, a backend the test controls, and the handlers over a nurse's store.
import type { BridgeEvent, SignedInStaff } from '../../../core/api/bridge';
import type {
  CapacityRequest,
  CapacityResponse,
  CatalogChangedResponse,
  CatalogResponse,
} from '../../../core/backend-api/catalog';
import { REGION_NAMES, type RegionId } from '../../../core/referral/catalog';
import type { CareLevel } from '../../../core/triage/dispositionLadder';
import type { TriageRecord } from '../../../core/triage/record';
import { regionsServedTo } from '../../../backend/src/catalog/neighbours';
import { createDispatcher, type BridgeHandlers } from '../../../main/services/bridge/dispatcher';
import { EventHub } from '../../../main/services/bridge/eventHub';
import { BridgeFailure } from '../../../main/services/bridge/dispatcher';
import { createCaseHandlers, createKeyFileStoreKeyProvider, NurseStore } from '../../../main/services/cases';
import { createReferralService, type ReferralBackend } from '../../../main/services/referral';
import type { CatalogEventSource } from '../../../main/services/referral/referralCatalog';
import type { LiveEvent } from '../../../core/backend-api/events';
import { demoCatalog } from '../../core/referral/support/demo';
import { manualClock, patientNumber, signedIn } from '../cases/support';

/** Demo staff of each region, as the backend's demo seed names them. */
export function nurseOf(regionId: RegionId, name = 'Maja Ström', title = 'Sjuksköterska'): SignedInStaff {
  const code: Record<RegionId, string> = {
    dalarna: 'DAL',
    gotland: 'GOT',
    jonkoping: 'JON',
    kalmar: 'KAL',
    kronoberg: 'KRO',
    skane: 'SKA',
    uppsala: 'UPP',
    vasternorrland: 'VNL',
    orebro: 'ORE',
    ostergotland: 'OST',
  };
  return {
    hsaId: `SE2321000016-${code[regionId]}N1`,
    name,
    title,
    roles: ['nurse'],
    region: { id: regionId, name: REGION_NAMES[regionId] },
  };
}

/** The demo catalog of a region and its neighbours as GET /api/v1/catalog answers it. */
export async function demoCatalogResponse(
  regionId: RegionId,
  version = 'v1',
): Promise<CatalogChangedResponse> {
  const loaded = await demoCatalog();
  const served = regionsServedTo(regionId);
  return {
    status: 'changed',
    version: `${regionId}-${version}`,
    regionId,
    generatedAt: '2026-01-01T00:00:00.000Z',
    regions: served.map((id) => ({
      regionId: id,
      name: REGION_NAMES[id],
      version: 1,
      resourceVersion: loaded.catalogs.get(id)!.version,
      neighbour: id !== regionId,
      // Copies, as JSON from the backend would be: tests change them, and the ranking caches per unit object.
      units: structuredClone(loaded.catalogs.get(id)!.units),
    })),
    rules: {
      national: loaded.national,
      regions: served.flatMap((id) => (loaded.regions.has(id) ? [loaded.regions.get(id)!] : [])),
    },
    localities: {
      version: 1,
      localities: loaded.localities.filter((l) => (served as string[]).includes(l.regionId)),
    },
  };
}

/** A backend the test drives: answers the catalog it is given (or fails), records SMS and capacity changes. */
export class FakeReferralBackend implements ReferralBackend {
  catalog: CatalogChangedResponse | null = null;
  offline = false;
  readonly requests: (string | null)[] = [];
  readonly sms: { to: string; text: string }[] = [];
  /** Capacity calls as received: a status with its expiry, or null for a clear. */
  readonly capacityRequests: { hsaId: string; request: CapacityRequest | null }[] = [];
  /** Who the backend takes the caller to be (its HSA-id goes into setBy). */
  caller = 'SE2321000016-GOTTL1';
  /** Answers every capacity call with this failure instead (e.g. the backend's 403). */
  capacityRefusal: BridgeFailure | null = null;

  fetchCatalog(knownVersion: string | null): Promise<CatalogResponse> {
    this.requests.push(knownVersion);
    if (this.offline || !this.catalog) {
      return Promise.reject(
        new BridgeFailure('backend_unreachable', 'The regional backend could not be reached.'),
      );
    }
    if (knownVersion === this.catalog.version) {
      return Promise.resolve({
        status: 'unchanged',
        version: this.catalog.version,
        regionId: this.catalog.regionId,
      });
    }
    return Promise.resolve(this.catalog);
  }

  sendReceiptSms(to: string, text: string) {
    if (this.offline) {
      return Promise.reject(
        new BridgeFailure('backend_unreachable', 'The regional backend could not be reached.'),
      );
    }
    this.sms.push({ to, text });
    return Promise.resolve({
      messageId: `sms-${this.sms.length}`,
      to: '+46 7••••••05',
      sentAt: '2026-06-13T21:31:00.000Z',
    });
  }

  setUnitCapacity(hsaId: string, request: CapacityRequest): Promise<CapacityResponse> {
    return this.changeCapacity(hsaId, request);
  }

  clearUnitCapacity(hsaId: string): Promise<CapacityResponse> {
    return this.changeCapacity(hsaId, null);
  }

  /** As the backend does: the unit's capacity changes and its region's version (so the catalog's) moves on. */
  private changeCapacity(hsaId: string, request: CapacityRequest | null): Promise<CapacityResponse> {
    this.capacityRequests.push({ hsaId, request });
    if (this.offline) {
      return Promise.reject(
        new BridgeFailure('backend_unreachable', 'The regional backend could not be reached.'),
      );
    }
    if (this.capacityRefusal) return Promise.reject(this.capacityRefusal);
    // A new catalog, as the backend's next answer would be: the workstation's copy must not change under it.
    const next = this.catalog ? structuredClone(this.catalog) : null;
    const region = next?.regions.find((r) => r.units.some((unit) => unit.hsaId === hsaId));
    const unit = region?.units.find((candidate) => candidate.hsaId === hsaId);
    if (!next || !region || !unit) {
      return Promise.reject(
        new BridgeFailure('not_found', `No care unit with HSA-id ${hsaId} in the catalog.`),
      );
    }
    unit.capacity = request ? { ...request, setBy: this.caller } : null;
    region.version += 1;
    this.catalog = { ...next, version: `${next.version}+${region.version}` };
    return Promise.resolve({
      hsaId,
      regionId: region.regionId,
      capacity: unit.capacity,
      catalogVersion: region.version,
    });
  }
}

/** A live channel the test fires events on. */
export class FakeChannel implements CatalogEventSource {
  private readonly listeners = new Map<string, ((event: LiveEvent) => void)[]>();
  private readonly stateListeners: ((state: 'stopped' | 'connecting' | 'open' | 'waiting') => void)[] = [];
  subscribe(type: string, listener: (event: LiveEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    return () => undefined;
  }
  onStateChange(listener: (state: 'stopped' | 'connecting' | 'open' | 'waiting') => void) {
    this.stateListeners.push(listener);
    return () => undefined;
  }
  fire(type: string, regionId: string, payload: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ type, regionId, payload });
  }
  open() {
    for (const listener of this.stateListeners) listener('open');
  }
}

export interface ReferralStackOptions {
  staff: SignedInStaff;
  at: Date;
  profileDir?: string | null;
  backend?: FakeReferralBackend;
  channel?: FakeChannel;
}

/** Case and referral handlers behind the real dispatcher, over one nurse's store, with a clock set to `at`. */
export function referralStack(options: ReferralStackOptions) {
  const clock = manualClock(options.at.toISOString());
  const stores = new NurseStore({
    profileDir: options.profileDir ?? null,
    keyProvider: createKeyFileStoreKeyProvider(),
    now: clock.now,
  });
  const events = new EventHub();
  const emitted: { event: BridgeEvent; payload: unknown }[] = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const backend = options.backend ?? new FakeReferralBackend();
  const referral = createReferralService({
    backendUrl: 'http://127.0.0.1:9',
    profileDir: options.profileDir ?? null,
    accessToken: () => Promise.resolve('token'),
    stores,
    events,
    channel: options.channel,
    backend,
    now: clock.now,
  });
  const handlers = { ...createCaseHandlers({ stores, events, now: clock.now }), ...referral.handlers };
  const dispatch = createDispatcher(handlers as BridgeHandlers);
  async function call<T = unknown>(method: string, args: unknown): Promise<T> {
    const result = await dispatch(method, args);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }
  async function fail(method: string, args: unknown) {
    const result = await dispatch(method, args);
    if (result.ok) throw new Error(`${method} succeeded but should have failed`);
    return result.error;
  }
  /** Signs the nurse in and waits until the catalog has loaded from disk and asked the backend once. */
  async function signIn() {
    const asked = backend.requests.length;
    await stores.sessionChanged(signedIn(options.staff));
    // The store opens (and the catalog follows) asynchronously; a busy machine may take seconds.
    const deadline = Date.now() + 20_000;
    while (backend.requests.length === asked && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (backend.requests.length === asked)
      throw new Error('the catalog never asked the backend after sign-in');
    // Wait for that first answer without asking again: a second request here would depend on timing.
    await referral.catalog.settled();
  }
  return { stores, events, emitted, backend, referral, dispatch, call, fail, clock, signIn };
}

/** A triage record whose protocols gave `level` and `careLevel`, optionally overridden. */
export function triageRecord(
  level: 1 | 2 | 3 | 4 | 5 | 6,
  careLevel: CareLevel,
  override: TriageRecord['override'] = null,
): TriageRecord {
  return {
    protocols: [{ id: 'test-protokoll', version: '1.0.0' }],
    answers: [],
    disposition: { level, careLevel, decidedBy: { protocolId: 'test-protokoll', questionId: 'q1' } },
    override,
  };
}

/** Creates a case for a generated patient born on `birthDate`, with the given triage. */
export async function triagedCase(
  stack: ReturnType<typeof referralStack>,
  triage: TriageRecord | null,
  birthDate = '1990-04-17',
): Promise<string> {
  const created = await stack.call<{ id: string }>('cases.create', {
    patient: { kind: 'identified', number: patientNumber(birthDate).display },
    caller: 'self',
  });
  if (triage) await stack.call('cases.saveTriage', { caseId: created.id, triage });
  return created.id;
}
