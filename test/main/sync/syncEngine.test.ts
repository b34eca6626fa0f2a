// The sync engine against a scripted backend and a hand-moved clock: backoff timing, quarantine, batch narrowing, status.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../core/api/sync';
import type { PullResponse, PushRequest, PushResponse } from '../../../core/backend-api/sync';
import type { StaffMember } from '../../../core/case';
import {
  retryDelayMs,
  SyncEngine,
  SyncTransportError,
  type SyncTransport,
} from '../../../main/services/sync';
import type { WorkstationStore } from '../../../main/services/store';
import { FakeScheduler, settle } from '../../sync/support/fakeScheduler';
import { memoryStore, newCase, signNote, type TestNurse } from '../../sync/support/syncFixtures';

const staff: StaffMember = { hsaId: 'SE2321000016-N001', name: 'Anna Sjöberg', title: 'Sjuksköterska' };
const nurse: TestNurse = { staff, regionId: 'skane', password: '', token: '' };

type PushScript = (request: PushRequest) => PushResponse | Promise<PushResponse>;

/** A backend stand-in: pushes answered by a script, pulls empty. Records what it was sent. */
class ScriptedTransport implements SyncTransport {
  readonly pushes: PushRequest[] = [];
  pulls = 0;
  constructor(public script: PushScript) {}
  async push(request: PushRequest): Promise<PushResponse> {
    this.pushes.push(request);
    return this.script(request);
  }
  async pull(): Promise<PullResponse> {
    this.pulls += 1;
    return { records: [], cursor: 'v1.0', more: false };
  }
}

const acceptAll: PushScript = (request) => ({ acknowledged: request.items.map((i) => i.seq), rejected: [] });
const offline: PushScript = () => {
  throw new SyncTransportError('offline', 'The regional backend could not be reached.');
};

function writeNotes(store: WorkstationStore, count: number): void {
  const opened = store.createCase(newCase(nurse));
  for (let i = 0; i < count; i += 1) signNote(store, opened.id, staff, `Samtal ${i}`);
}

describe('sync engine', () => {
  const engines: SyncEngine[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
  });

  function engineFor(
    store: WorkstationStore,
    transport: SyncTransport,
    scheduler: FakeScheduler,
    extra = {},
  ) {
    const statuses: SyncStatus[] = [];
    const engine = new SyncEngine({
      store,
      transport,
      scheduler,
      random: () => 0.5,
      pullIntervalMs: 3_600_000,
      onChange: (status) => statuses.push(status),
      ...extra,
    });
    engines.push(engine);
    return { engine, statuses };
  }

  it('computes exponential backoff with jitter, capped at a minute', () => {
    const min = 1000;
    const cap = 60_000;
    for (let failures = 1; failures <= 12; failures += 1) {
      const ceiling = Math.min(cap, min * 2 ** (failures - 1));
      expect(retryDelayMs(failures, min, cap, () => 0)).toBe(ceiling / 2);
      expect(retryDelayMs(failures, min, cap, () => 1)).toBe(ceiling);
    }
    expect(retryDelayMs(50, min, cap, () => 0.999)).toBeLessThanOrEqual(cap);
  });

  it('drains at start, and while the backend is away retries on its own timer with growing waits', async () => {
    const store = memoryStore();
    writeNotes(store, 3);
    const scheduler = new FakeScheduler();
    const transport = new ScriptedTransport(offline);
    const { engine, statuses } = engineFor(store, transport, scheduler);
    engine.start();
    await settle();
    expect(transport.pushes).toHaveLength(1);
    const offlineStatus = engine.status();
    expect(offlineStatus).toMatchObject({
      state: 'offline',
      waiting: 4,
      offlineSince: '2026-03-02T22:00:00.000Z',
    });

    // No new writes: the engine's own timer brings the attempts, each wait about twice the last.
    const attemptsAt: number[] = [];
    transport.script = (request) => {
      attemptsAt.push(scheduler.now());
      return offline(request);
    };
    await scheduler.advance(10 * 60_000);
    const gaps = attemptsAt.map(
      (t, i) => t - (i === 0 ? Date.parse('2026-03-02T22:00:00.000Z') : attemptsAt[i - 1]!),
    );
    // random() = 0.5 → three quarters of each ceiling: 0.75 s, 1.5 s, 3 s, … capped at 45 s.
    expect(gaps.slice(0, 7)).toEqual([750, 1500, 3000, 6000, 12_000, 24_000, 45_000]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60_000);
    expect(engine.status().offlineSince).toBe('2026-03-02T22:00:00.000Z');

    // Writes while offline wait for the timer rather than adding attempts.
    const before = transport.pushes.length;
    writeNotes(store, 2);
    await settle();
    expect(transport.pushes.length).toBe(before);
    expect(engine.status().waiting).toBe(7);

    // The backend returns: the next timed retry drains everything.
    transport.script = acceptAll;
    await scheduler.advance(60_000);
    expect(engine.status()).toMatchObject({
      state: 'synced',
      waiting: 0,
      offlineSince: null,
      nextRetryAt: null,
    });
    expect(statuses.map((s) => s.state)).toContain('offline');
    expect(statuses.at(-1)?.state).toBe('synced');
  });

  it('quarantines items the backend refuses, with the reason, never drops them, and sends the rest', async () => {
    const store = memoryStore();
    writeNotes(store, 4);
    const items = store.outbox.nextBatch(100);
    const refusedSeq = items[2]!.seq;
    const scheduler = new FakeScheduler();
    const transport = new ScriptedTransport((request) => ({
      acknowledged: request.items.filter((i) => i.seq !== refusedSeq).map((i) => i.seq),
      rejected: request.items
        .filter((i) => i.seq === refusedSeq)
        .map((i) => ({
          seq: i.seq,
          code: 'conflict',
          message: `The note ${i.entityId} is already stored with other content.`,
        })),
    }));
    const { engine } = engineFor(store, transport, scheduler);
    engine.start();
    await settle();
    expect(engine.status()).toMatchObject({ state: 'synced', waiting: 0, quarantined: 1 });
    const [entry] = engine.quarantined();
    expect(entry).toMatchObject({
      seq: refusedSeq,
      entity: 'note',
      entityId: items[2]!.entityId,
      caseId: items[0]!.entityId,
      reasonCode: 'conflict',
      reason: expect.stringContaining('already stored with other content'),
    });
    // Never dropped: the item is still in the store, and comes back in line when requeued.
    expect(() => store.db.prepare('DELETE FROM outbox WHERE seq = ?').run(refusedSeq)).toThrow(/kept/);
    transport.script = acceptAll;
    engine.requeue(refusedSeq);
    await settle();
    expect(engine.status()).toMatchObject({ waiting: 0, quarantined: 0 });
    expect(transport.pushes.at(-1)?.items.map((i) => i.seq)).toEqual([refusedSeq]);
  });

  it('narrows a 400 without item paths down to the one item, and halves batches on 413', async () => {
    const store = memoryStore();
    writeNotes(store, 7);
    const bad = store.outbox.nextBatch(100)[5]!.seq;
    const scheduler = new FakeScheduler();
    const transport = new ScriptedTransport((request) => {
      if (request.items.length > 3)
        throw new SyncTransportError('too-large', 'The request body is too large.');
      if (request.items.some((i) => i.seq === bad)) {
        throw new SyncTransportError('rejected', 'Invalid request body: something is wrong.', {
          status: 400,
          issues: [],
        });
      }
      return acceptAll(request);
    });
    const { engine } = engineFor(store, transport, scheduler, { batchSize: 8 });
    engine.start();
    await settle();
    expect(engine.status()).toMatchObject({ state: 'synced', waiting: 0, quarantined: 1 });
    expect(engine.quarantined()[0]).toMatchObject({ seq: bad, reasonCode: 'invalid' });
    const sizes = transport.pushes.map((p) => p.items.length);
    expect(sizes[0]).toBe(8);
    expect(Math.max(...sizes.slice(2))).toBeLessThanOrEqual(4);
  });

  it('quarantines exactly the items a 400 names by path', async () => {
    const store = memoryStore();
    writeNotes(store, 2);
    const scheduler = new FakeScheduler();
    let first = true;
    const transport = new ScriptedTransport((request) => {
      if (first) {
        first = false;
        throw new SyncTransportError('rejected', 'This backend understands sync schema version 1 only.', {
          status: 400,
          issues: [{ path: 'items.1.schemaVersion', message: 'unknown sync schema version 2' }],
        });
      }
      return acceptAll(request);
    });
    const { engine } = engineFor(store, transport, scheduler);
    engine.start();
    await settle();
    const named = transport.pushes[0]!.items[1]!.seq;
    expect(engine.quarantined().map((q) => [q.seq, q.reasonCode])).toEqual([[named, 'invalid']]);
    expect(engine.quarantined()[0]?.reason).toMatch(/items\.1\.schemaVersion: unknown sync schema version 2/);
    expect(engine.status()).toMatchObject({ waiting: 0, quarantined: 1 });
  });

  it('reports a refused session as an error with a problem code, and recovers on retryNow', async () => {
    const store = memoryStore();
    writeNotes(store, 1);
    const scheduler = new FakeScheduler();
    const transport = new ScriptedTransport(() => {
      throw new SyncTransportError('unauthorised', 'Not signed in.');
    });
    const { engine } = engineFor(store, transport, scheduler);
    engine.start();
    await settle();
    expect(engine.status()).toMatchObject({
      state: 'error',
      problem: 'not_signed_in',
      waiting: 2,
      quarantined: 0,
    });
    expect(engine.status().nextRetryAt).not.toBeNull();
    transport.script = acceptAll;
    expect(await engine.syncNow()).toMatchObject({ state: 'synced', waiting: 0, problem: null });
  });

  it('pulls on a poke and when the channel opens, and stops touching the store once stopped', async () => {
    const store = memoryStore();
    const scheduler = new FakeScheduler();
    const transport = new ScriptedTransport(acceptAll);
    const listeners = new Map<string, (event: never) => void>();
    let stateListener: (state: 'open') => void = () => undefined;
    const channel = {
      subscribe: (type: string, listener: (event: never) => void) => {
        listeners.set(type, listener);
        return () => listeners.delete(type);
      },
      onStateChange: (listener: (state: 'open') => void) => {
        stateListener = listener;
        return () => undefined;
      },
    };
    const { engine } = engineFor(store, transport, scheduler, { channel });
    engine.start();
    await settle();
    const afterStart = transport.pulls;
    listeners.get('poke')?.({ type: 'poke', regionId: 'skane', payload: { scope: 'sync' } } as never);
    await settle();
    expect(transport.pulls).toBe(afterStart + 1);
    stateListener('open');
    await settle();
    expect(transport.pulls).toBe(afterStart + 2);
    await engine.stop();
    expect(listeners.size).toBe(0);
    writeNotes(store, 1);
    await scheduler.advance(120_000);
    expect(transport.pushes).toHaveLength(0);
  });
  /** A push held until the test answers it, as a backend still committing. */
  function heldTransport() {
    const held: { request: PushRequest; answer: (script: PushScript) => void }[] = [];
    const transport = new ScriptedTransport(
      (request) =>
        new Promise<PushResponse>((resolve, reject) => {
          held.push({
            request,
            answer: (script) => {
              try {
                resolve(script(request));
              } catch (error) {
                reject(error);
              }
            },
          });
        }),
    );
    return { transport, held };
  }
  const seqs = (request: PushRequest) => request.items.map((item) => item.seq);
  const outOfOrder: PushScript = () => {
    throw new SyncTransportError('out-of-order', 'The push before this one is not committed.');
  };

  /** An engine over `items` waiting items (a case and its notes), batches of 4, pushes held; started. */
  async function startHeld(items: number, extra = {}) {
    const store = memoryStore();
    writeNotes(store, items - 1);
    const scheduler = new FakeScheduler();
    const { transport, held } = heldTransport();
    const { engine } = engineFor(store, transport, scheduler, { batchSize: 4, ...extra });
    engine.start();
    await settle();
    return { store, scheduler, transport, held, engine };
  }

  it('keeps the next batch on its way while the backend commits one, marked to be stored after it', async () => {
    const { held, engine } = await startHeld(10, { pipelineDepth: 2 });
    // Two pushes on the way at once, the second marked to follow the first.
    expect(held.map((h) => seqs(h.request))).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    expect(held[0]!.request.afterSeq).toBeUndefined();
    expect(held[1]!.request.afterSeq).toBe(4);

    held[0]!.answer(acceptAll);
    await settle();
    expect(engine.status().waiting).toBe(6);
    expect(held.map((h) => seqs(h.request))).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
    expect(held[2]!.request.afterSeq).toBe(8);
    held[1]!.answer(acceptAll);
    held[2]!.answer(acceptAll);
    await settle();
    expect(engine.status()).toMatchObject({ state: 'synced', waiting: 0 });
  });

  it('when a push fails, the one sent after it is refused as out of order, and nothing is lost', async () => {
    const { scheduler, transport, held, engine } = await startHeld(8);
    expect(held).toHaveLength(2);
    held[0]!.answer(offline);
    held[1]!.answer(outOfOrder);
    await settle();
    expect(engine.status()).toMatchObject({ state: 'offline', waiting: 8, quarantined: 0 });

    // The backend is back: the retry sends everything again from the first item.
    transport.script = acceptAll;
    await scheduler.advance(2_000);
    expect(seqs(transport.pushes[2]!)).toEqual([1, 2, 3, 4]);
    expect(engine.status()).toMatchObject({ state: 'synced', waiting: 0, quarantined: 0 });
  });

  it('acknowledges a later push the backend did commit although the answer to the one before was lost', async () => {
    const { store, scheduler, transport, held, engine } = await startHeld(8);
    held[0]!.answer(offline); // committed, but the answer never arrived
    held[1]!.answer(acceptAll);
    await settle();
    expect(engine.status()).toMatchObject({ state: 'offline', waiting: 4 });
    expect(store.outbox.nextBatch(100).map((item) => item.seq)).toEqual([1, 2, 3, 4]);
    transport.script = acceptAll;
    await scheduler.advance(2_000);
    expect(engine.status()).toMatchObject({ state: 'synced', waiting: 0 });
  });

  it('sends a push again at once, without a backoff, when the backend took it before the one it follows', async () => {
    const { held, engine } = await startHeld(8);
    held[1]!.answer(outOfOrder);
    held[0]!.answer(acceptAll);
    await settle();
    // The second batch went again straight away (no retry timer), behind nothing.
    expect(held).toHaveLength(3);
    expect(seqs(held[2]!.request)).toEqual([5, 6, 7, 8]);
    expect(held[2]!.request.afterSeq).toBeUndefined();
    expect(engine.status().nextRetryAt).toBeNull();
    held[2]!.answer(acceptAll);
    await settle();
    expect(engine.status()).toMatchObject({ state: 'synced', waiting: 0 });
  });

  it('by default keeps three pushes on the way, each marked to follow the one before', async () => {
    const { held, engine } = await startHeld(16);
    expect(held.map((h) => [h.request.afterSeq, seqs(h.request)])).toEqual([
      [undefined, [1, 2, 3, 4]],
      [4, [5, 6, 7, 8]],
      [8, [9, 10, 11, 12]],
    ]);
    for (let i = 0; i < 4; i += 1) {
      held[i]!.answer(acceptAll);
      await settle();
    }
    expect(engine.status()).toMatchObject({ state: 'synced', waiting: 0 });
  });

  it('with a pipeline depth of 1 sends one push at a time', async () => {
    const { held, engine } = await startHeld(8, { pipelineDepth: 1 });
    expect(held).toHaveLength(1);
    held[0]!.answer(acceptAll);
    await settle();
    expect(held).toHaveLength(2);
    expect(held[1]!.request.afterSeq).toBeUndefined();
    held[1]!.answer(acceptAll);
    await settle();
    expect(engine.status().waiting).toBe(0);
  });
});
