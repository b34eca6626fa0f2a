// The sync engine of one open store: drains the outbox in order, quarantines refusals, retries with backoff, pulls on pokes.
//
// - Push: waiting items go in sequence order, in batches, the next one on its way while the backend commits
//   the one before (the backend stores it only after that one). Acknowledged items leave the outbox; items the
//   backend refuses for good (item-level rejections, a 4xx that names them) are quarantined with the
//   reason and shown to the nurse, never dropped. A 413 halves the batch; a 4xx that names no item is
//   narrowed down by sending one item at a time.
// - Failures (no network, 5xx, session trouble) are retried with exponential backoff and jitter, capped
//   at about a minute, on the engine's own timer: nothing has to be written for a retry to happen.
// - Pull: on start, on every poke from the live channel, whenever the channel (re)opens, and every
//   `pullIntervalMs` as a safety net; pages are applied through the store with their cursor.
// A round is single-flight: triggers during a round are remembered and served right after it.
import type { QuarantinedEntry, SyncProblem, SyncStatus } from '../../../core/api/sync';
import type { LiveEvent } from '../../../core/backend-api/events';
import { POKE_EVENT } from '../../../core/backend-api/events';
import { MAX_PUSH_BATCH, type OutboxItem, type PushResponse } from '../../../core/case';
import type { PullApplyResult, WorkstationStore } from '../store';
import { describeQuarantined } from './quarantine';
import { realScheduler, retryDelayMs, type Scheduler } from './scheduler';
import { SyncTransportError, type SyncTransport } from './transport';

export { describeQuarantined } from './quarantine';
export { realScheduler, retryDelayMs, type Scheduler } from './scheduler';

/** What the engine needs from the live event channel (EventChannel provides it). */
export interface LiveEventSource {
  subscribe(type: string, listener: (event: LiveEvent) => void): () => void;
  onStateChange(listener: (state: 'stopped' | 'connecting' | 'open' | 'waiting') => void): () => void;
}

export interface SyncEngineOptions {
  store: WorkstationStore;
  transport: SyncTransport;
  channel?: LiveEventSource;
  scheduler?: Scheduler;
  random?: () => number;
  /** Most items per push (the backend accepts up to MAX_PUSH_BATCH). */
  batchSize?: number;
  /** Largest push body aimed for; batches are cut below it. */
  maxBatchBytes?: number;
  /** Pushes on the way at once (default 3): the next batches travel while the backend commits one. */
  pipelineDepth?: number;
  pullLimit?: number;
  /** Safety-net pull while the channel is quiet. */
  pullIntervalMs?: number;
  /** First retry wait after a failure; doubles per failure (with jitter) up to maxRetryMs. */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** Care unit named in the backend's access log for pulls. */
  careUnitHsaId?: string;
  onChange?: (status: SyncStatus) => void;
  /** Called after each applied pull page, e.g. to refresh case lists. */
  onPulled?: (result: PullApplyResult, caseIds: string[]) => void;
  /** Failures, described without patient data. */
  onError?: (message: string) => void;
}

export const DEFAULT_MAX_RETRY_MS = 60_000;
const MAX_ROUNDS_PER_DRAIN = 100_000;
const MAX_PULL_PAGES_PER_ROUND = 10_000;

/** A push on its way: its items, the requeue count when they were read, and its answer or failure. */
interface PushInFlight {
  batch: OutboxItem[];
  requeuesBefore: number;
  outcome: Promise<{ ok: true; response: PushResponse } | { ok: false; error: unknown }>;
}

type Connectivity = { kind: 'ok' } | { kind: 'offline' } | { kind: 'error'; problem: SyncProblem };

export class SyncEngine {
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private readonly batchSize: number;
  private readonly pipelineDepth: number;
  private batchLimit: number;
  private started = false;
  private stopped = false;
  private running: Promise<void> | null = null;
  private pushWanted = false;
  private pullWanted = false;
  private failures = 0;
  private retryTimer: unknown = null;
  private retryAt: number | null = null;
  private pullTimer: unknown = null;
  private offlineSince: number | null = null;
  private lastSyncedAt: number | null = null;
  private connectivity: Connectivity = { kind: 'ok' };
  private lastEmitted = '';
  /** Counts requeued items, so an acknowledgement by range never covers one requeued mid-push. */
  private requeues = 0;
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly options: SyncEngineOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.random = options.random ?? Math.random;
    this.batchSize = Math.min(MAX_PUSH_BATCH, Math.max(1, options.batchSize ?? 500));
    this.batchLimit = this.batchSize;
    this.pipelineDepth = Math.min(8, Math.max(1, Math.floor(options.pipelineDepth ?? 3)));
  }

  /** Drains what is waiting and pulls at once, then keeps going until stop(). */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { store, channel } = this.options;
    this.unsubscribers.push(store.outbox.subscribe(() => this.request({ push: true, urgent: false })));
    if (channel) {
      this.unsubscribers.push(
        channel.subscribe(POKE_EVENT, () => this.request({ pull: true, urgent: true })),
        // The channel (re)opened: the backend is reachable, and pokes sent meanwhile were missed.
        channel.onStateChange(
          (state) => state === 'open' && this.request({ push: true, pull: true, urgent: true }),
        ),
      );
    }
    this.schedulePeriodicPull();
    this.request({ push: true, pull: true, urgent: true });
  }

  /** Stops at once; a round in flight finishes without touching the store again. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
    this.clearRetry();
    if (this.pullTimer !== null) this.scheduler.clearTimeout(this.pullTimer);
    this.pullTimer = null;
    await this.running?.catch(() => undefined);
  }

  /** Sends and fetches now, skipping any backoff wait; resolves when the round is over. */
  async syncNow(): Promise<SyncStatus> {
    this.request({ push: true, pull: true, urgent: true });
    while (this.running) await this.running;
    return this.status();
  }

  requeue(seq: number): void {
    this.options.store.outbox.requeue(seq);
    this.requeues += 1;
    this.request({ push: true, urgent: true });
  }

  quarantined(): QuarantinedEntry[] {
    return this.options.store.outbox.listQuarantined().map(describeQuarantined);
  }

  status(): SyncStatus {
    const outbox = this.options.store.outbox.status();
    const state =
      this.connectivity.kind === 'offline'
        ? 'offline'
        : this.connectivity.kind === 'error'
          ? 'error'
          : outbox.waiting > 0
            ? 'waiting'
            : 'synced';
    return {
      state,
      waiting: outbox.waiting,
      quarantined: outbox.quarantined,
      offlineSince: iso(this.offlineSince),
      lastSyncedAt: iso(this.lastSyncedAt),
      nextRetryAt: iso(this.retryAt),
      problem: this.connectivity.kind === 'error' ? this.connectivity.problem : null,
    };
  }

  private request(what: { push?: boolean; pull?: boolean; urgent: boolean }): void {
    if (this.stopped) return;
    if (what.push) this.pushWanted = true;
    if (what.pull) this.pullWanted = true;
    if (what.urgent) this.clearRetry();
    this.emit();
    // While backing off, new writes wait for the retry timer instead of hammering an absent backend.
    if (this.retryTimer === null) this.kick();
  }

  private kick(): void {
    if (this.stopped || this.running) return;
    this.running = this.round().finally(() => {
      this.running = null;
      if (!this.stopped && this.retryTimer === null && (this.pushWanted || this.pullWanted)) this.kick();
    });
  }

  private async round(): Promise<void> {
    while (!this.stopped && (this.pushWanted || this.pullWanted)) {
      try {
        if (this.pushWanted) {
          this.pushWanted = false;
          await this.drain();
        }
        if (this.pullWanted && !this.stopped) {
          this.pullWanted = false;
          await this.pullAll();
        }
        if (this.stopped) return;
        this.failures = 0;
        this.connectivity = { kind: 'ok' };
        this.offlineSince = null;
        this.lastSyncedAt = this.scheduler.now();
        this.emit();
      } catch (error) {
        if (this.stopped) return;
        this.failed(error);
        return;
      }
    }
  }

  /**
   * Sends what waits, in order, with up to `pipelineDepth` pushes on the way: the next batch travels
   * (marked `afterSeq`) while the backend commits the one before, which the backend stores only after
   * that one. Answers are settled oldest first. When a push fails, the ones sent after it are let
   * settle (any that were committed are acknowledged; the rest are refused as out of order), and the
   * drain starts again from what is still waiting.
   */
  private async drain(): Promise<void> {
    const { store, transport } = this.options;
    const inFlight: PushInFlight[] = [];
    let sentUpTo = 0;
    // Keeps up to pipelineDepth pushes on the way, each after the ones before it.
    const fill = () => {
      while (inFlight.length < this.pipelineDepth) {
        const batch = this.nextBatch(sentUpTo);
        if (batch.length === 0) return;
        const afterSeq = inFlight.length > 0 ? sentUpTo : undefined;
        const outcome = transport
          .push({ deviceId: store.deviceId, items: batch, ...(afterSeq === undefined ? {} : { afterSeq }) })
          .then(
            (response) => ({ ok: true as const, response }),
            (error: unknown) => ({ ok: false as const, error }),
          );
        inFlight.push({ batch, requeuesBefore: this.requeues, outcome });
        sentUpTo = (batch[batch.length - 1] as OutboxItem).seq;
      }
    };
    for (let round = 0; round < MAX_ROUNDS_PER_DRAIN; round += 1) {
      fill();
      const head = inFlight.shift();
      if (!head) {
        if (sentUpTo === 0) return;
        // Everything sent is settled: look once more from the start, for an item an answer left
        // unsettled or one requeued from quarantine meanwhile (both lie below what was sent).
        sentUpTo = 0;
        continue;
      }
      const answer = await head.outcome;
      if (this.stopped) return;
      if (answer.ok) {
        // The next batch goes out before this one's items are removed here: the backend need not wait.
        fill();
        this.settle(head, answer.response);
        continue;
      }
      for (const later of inFlight.splice(0)) {
        const laterAnswer = await later.outcome;
        if (this.stopped) return;
        if (laterAnswer.ok) this.settle(later, laterAnswer.response);
      }
      sentUpTo = 0;
      const error = answer.error;
      if (error instanceof SyncTransportError && error.kind === 'out-of-order') continue;
      if (error instanceof SyncTransportError && error.kind === 'too-large') {
        this.tooLarge(head.batch, error);
        continue;
      }
      if (error instanceof SyncTransportError && error.kind === 'rejected') {
        this.refused(head.batch, error);
        continue;
      }
      throw error;
    }
  }

  /** Applies the backend's answer to one push: acknowledged items leave the outbox, refused ones are quarantined. */
  private settle({ batch, requeuesBefore }: PushInFlight, response: PushResponse): void {
    const { store } = this.options;
    const inBatch = new Set(batch.map((item) => item.seq));
    const acknowledged = response.acknowledged.filter((seq) => inBatch.has(seq));
    const rejected = response.rejected.filter((rejection) => inBatch.has(rejection.seq));
    if (acknowledged.length + rejected.length === 0) {
      throw new SyncTransportError(
        'contract',
        'The backend answered a push without settling any of its items.',
      );
    }
    const first = (batch[0] as OutboxItem).seq;
    const last = (batch[batch.length - 1] as OutboxItem).seq;
    if (acknowledged.length === batch.length && this.requeues === requeuesBefore) {
      // The whole batch, which is every waiting item from its first to its last: one statement.
      store.outbox.acknowledgeRange(first, last);
    } else if (acknowledged.length > 0) {
      store.outbox.acknowledge(acknowledged);
    }
    for (const rejection of rejected) {
      this.quarantine(rejection.seq, rejection.code, rejection.message);
    }
    // A smaller batch was needed once; grow back step by step.
    this.batchLimit = Math.min(this.batchSize, this.batchLimit * 2);
    this.emit();
  }

  /** The next waiting items after `afterSeq`, at most batchLimit and below the byte budget (always at least one). */
  private nextBatch(afterSeq: number): OutboxItem[] {
    return this.options.store.outbox.nextBatch(
      this.batchLimit,
      this.options.maxBatchBytes ?? 4 * 1024 * 1024,
      afterSeq,
    );
  }

  private tooLarge(batch: OutboxItem[], error: SyncTransportError): void {
    if (batch.length > 1) {
      this.batchLimit = Math.max(1, Math.floor(batch.length / 2));
      return;
    }
    this.quarantine((batch[0] as OutboxItem).seq, 'too_large', error.message);
  }

  /** A 4xx for the whole push: quarantine the items it names, or narrow down to one item at a time. */
  private refused(batch: OutboxItem[], error: SyncTransportError): void {
    const named = new Map<number, string[]>();
    for (const issue of error.details.issues ?? []) {
      const index = /^items\.(\d+)(\.|$)/.exec(issue.path)?.[1];
      const item = index === undefined ? undefined : batch[Number(index)];
      if (item) named.set(item.seq, [...(named.get(item.seq) ?? []), `${issue.path}: ${issue.message}`]);
    }
    if (named.size > 0) {
      for (const [seq, problems] of named)
        this.quarantine(seq, 'invalid', `${error.message} (${problems.join('; ')})`);
      return;
    }
    if (batch.length > 1) {
      this.batchLimit = 1;
      return;
    }
    this.quarantine((batch[0] as OutboxItem).seq, 'invalid', error.message);
  }

  private quarantine(seq: number, code: string, message: string): void {
    try {
      this.options.store.outbox.quarantine(seq, code, message.slice(0, 2000));
    } catch (error) {
      // Already settled (acknowledged in an earlier answer): nothing to keep aside.
      this.options.onError?.(`could not quarantine outbox item ${seq}: ${describe(error)}`);
    }
  }

  private async pullAll(): Promise<void> {
    const { store, transport } = this.options;
    for (let page = 0; page < MAX_PULL_PAGES_PER_ROUND; page += 1) {
      const cursor = store.sync.pullCursor() ?? undefined;
      const result = await transport.pull({
        ...(cursor === undefined ? {} : { cursor }),
        deviceId: store.deviceId,
        limit: this.options.pullLimit ?? 500,
        ...(this.options.careUnitHsaId === undefined ? {} : { careUnitHsaId: this.options.careUnitHsaId }),
      });
      if (this.stopped) return;
      const applied = store.sync.applyPulled(result.records, result.cursor);
      if (applied.applied > 0) {
        const caseIds = [
          ...new Set(
            result.records.map((record) =>
              record.entity === 'case' ? record.payload.id : record.payload.caseId,
            ),
          ),
        ];
        this.options.onPulled?.(applied, caseIds);
      }
      if (!result.more) return;
    }
  }

  private failed(error: unknown): void {
    this.failures += 1;
    const kind = error instanceof SyncTransportError ? error.kind : 'server';
    if (kind === 'offline') {
      this.connectivity = { kind: 'offline' };
      this.offlineSince ??= this.scheduler.now();
    } else {
      this.connectivity = { kind: 'error', problem: problemOf(kind) };
    }
    this.options.onError?.(`sync round failed (${kind}): ${describe(error)}`);
    const minMs = this.options.minRetryMs ?? 1000;
    const maxMs = this.options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS;
    let delay = retryDelayMs(this.failures, minMs, maxMs, this.random);
    if (error instanceof SyncTransportError && error.details.retryAfterMs !== undefined) {
      delay = Math.max(delay, Math.min(error.details.retryAfterMs, maxMs));
    }
    // Whatever was asked, a retry does both: it may find the backend after a long absence.
    this.pushWanted = true;
    this.pullWanted = true;
    this.retryAt = this.scheduler.now() + delay;
    this.retryTimer = this.scheduler.setTimeout(() => {
      this.retryTimer = null;
      this.retryAt = null;
      this.kick();
    }, delay);
    this.emit();
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.scheduler.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = null;
  }

  private schedulePeriodicPull(): void {
    const interval = this.options.pullIntervalMs ?? 60_000;
    this.pullTimer = this.scheduler.setTimeout(() => {
      if (this.stopped) return;
      this.request({ pull: true, urgent: false });
      this.schedulePeriodicPull();
    }, interval);
  }

  private emit(): void {
    if (this.stopped || !this.options.onChange) return;
    let status: SyncStatus;
    try {
      status = this.status();
    } catch {
      return; // the store is closing
    }
    const text = JSON.stringify(status);
    if (text === this.lastEmitted) return;
    this.lastEmitted = text;
    this.options.onChange(status);
  }
}

function problemOf(kind: SyncTransportError['kind']): SyncProblem {
  switch (kind) {
    case 'unauthorised':
      return 'not_signed_in';
    case 'forbidden':
      return 'device_refused';
    case 'rate-limited':
      return 'rate_limited';
    case 'contract':
    case 'rejected':
      return 'unexpected_answer';
    default:
      return 'server_error';
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
