// Property: under any interleaving of writes, pushes, pulls and a network that drops, duplicates, delays and reorders, no signed note is lost, duplicated or altered.
//
// Two real sync engines on real stores talk to the real backend (in-process, PGlite) through a transport
// that injects faults chosen by fast-check: requests lost before or after the backend committed them,
// requests delivered twice, old requests delivered late (after newer ones), and 503 answers. When the
// network heals, every workstation and the backend must hold exactly the notes that were signed, each
// with the content and hash it was signed with, and nothing may have been quarantined.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Note } from '../../../core/case';
import { noteContentHash, StoreError, type WorkstationStore } from '../../../main/services/store';
import { createHttpSyncTransport, SyncEngine } from '../../../main/services/sync';
import { startTestBackend, type TestBackend } from '../../backend/support/testBackend';
import { FakeScheduler, settle } from '../../sync/support/fakeScheduler';
import {
  memoryStore,
  newCase,
  signNote,
  signedInNurse,
  type TestNurse,
} from '../../sync/support/syncFixtures';

const FAULTS = ['ok', 'ok', 'ok', 'lost-request', 'lost-answer', 'twice', 'late', 'unavailable'] as const;
type Fault = (typeof FAULTS)[number];

type Op =
  | { kind: 'newCase'; ws: number }
  | { kind: 'sign'; ws: number; pick: number }
  | { kind: 'amend'; ws: number; pick: number }
  | { kind: 'close'; ws: number; pick: number }
  | { kind: 'poke'; ws: number }
  | { kind: 'syncNow'; ws: number }
  | { kind: 'settle' }
  | { kind: 'tick'; ms: number }
  | { kind: 'deliverLate' };

const wsIndex = fc.integer({ min: 0, max: 1 });
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('newCase' as const), ws: wsIndex }),
  { arbitrary: fc.record({ kind: fc.constant('sign' as const), ws: wsIndex, pick: fc.nat() }), weight: 4 },
  fc.record({ kind: fc.constant('amend' as const), ws: wsIndex, pick: fc.nat() }),
  fc.record({ kind: fc.constant('close' as const), ws: wsIndex, pick: fc.nat() }),
  fc.record({ kind: fc.constant('poke' as const), ws: wsIndex }),
  fc.record({ kind: fc.constant('syncNow' as const), ws: wsIndex }),
  fc.record({ kind: fc.constant('settle' as const) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 100, max: 70_000 }) }),
  fc.record({ kind: fc.constant('deliverLate' as const) }),
);

/**
 * fetch over `app.inject`, with faults: a fault script is consumed one entry per request. "late" keeps
 * a copy of the request to deliver after later ones, and loses the answer, as a slow network path would.
 */
class FaultyNetwork {
  faults: Fault[] = [];
  healed = false;
  private late: (() => Promise<unknown>)[] = [];
  constructor(private readonly backend: TestBackend) {}

  fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const deliver = async () => {
      const answer = await this.backend.app.inject({
        method: (init.method ?? 'GET') as 'GET' | 'POST',
        url: `${url.pathname}${url.search}`,
        headers: init.headers as Record<string, string>,
        ...(init.body === undefined ? {} : { payload: init.body as string }),
      });
      return new Response(answer.body, {
        status: answer.statusCode,
        headers: { 'content-type': 'application/json' },
      });
    };
    const fault: Fault = this.healed ? 'ok' : (this.faults.shift() ?? 'ok');
    switch (fault) {
      case 'lost-request':
        throw new TypeError('fetch failed (request lost)');
      case 'lost-answer':
        await deliver();
        throw new TypeError('fetch failed (answer lost)');
      case 'twice':
        await deliver();
        return deliver();
      case 'late':
        this.late.push(deliver);
        throw new TypeError('fetch failed (timed out; the request is still on its way)');
      case 'unavailable':
        return new Response(
          JSON.stringify({ error: { code: 'database_unavailable', message: 'Try again.' } }),
          {
            status: 503,
          },
        );
      default:
        return deliver();
    }
  };

  /** Delivers every delayed request, newest first: the most reordered they can be. */
  async deliverLate(): Promise<void> {
    const pending = this.late.splice(0).reverse();
    for (const deliver of pending) await deliver();
  }
}

interface Station {
  nurse: TestNurse;
  store: WorkstationStore;
  engine: SyncEngine;
  poke: () => void;
  /** Every note this station signed, as signed. */
  signed: Map<string, Note>;
}

function station(nurse: TestNurse, network: FaultyNetwork, scheduler: FakeScheduler): Station {
  const store = memoryStore();
  const listeners = new Set<() => void>();
  const engine = new SyncEngine({
    store,
    transport: createHttpSyncTransport({
      baseUrl: 'http://backend.invalid',
      accessToken: async () => nurse.token,
      fetch: network.fetch as typeof fetch,
    }),
    channel: {
      subscribe: (_type, listener) => {
        const wrapped = () =>
          listener({ type: 'poke', regionId: nurse.regionId, payload: { scope: 'sync' } });
        listeners.add(wrapped);
        return () => listeners.delete(wrapped);
      },
      onStateChange: () => () => undefined,
    },
    scheduler,
    random: () => 0.5,
    batchSize: 3,
    pullLimit: 4,
    pullIntervalMs: 45_000,
  });
  engine.start();
  return { nurse, store, engine, poke: () => listeners.forEach((l) => l()), signed: new Map() };
}

function apply(
  op: Op,
  stations: Station[],
  network: FaultyNetwork,
  scheduler: FakeScheduler,
): Promise<void> | void {
  const at = (i: number) => stations[i % stations.length] as Station;
  switch (op.kind) {
    case 'newCase': {
      const s = at(op.ws);
      s.store.createCase(newCase(s.nurse));
      return;
    }
    case 'sign': {
      const s = at(op.ws);
      const cases = s.store.listCases({ limit: 1000 });
      if (cases.length === 0) return;
      const note = signNote(s.store, cases[op.pick % cases.length]!.id, s.nurse.staff, `Samtal ${op.pick}`);
      s.signed.set(note.id, note);
      return;
    }
    case 'amend': {
      const s = at(op.ws);
      const ids = [...s.store.signedNoteHashes().keys()];
      if (ids.length === 0) return;
      const original = s.store.getNote(ids[op.pick % ids.length]!)!;
      try {
        const draft = s.store.amendNote(original.id, {
          kontaktorsak: original.kontaktorsak,
          bedomning: `${original.bedomning} Tillägg ${op.pick}.`,
          rad: original.rad,
          hanvisning: original.hanvisning,
          bradskegrad: original.bradskegrad,
          responsible: s.nurse.staff,
        });
        const note = s.store.signNote(draft.id);
        s.signed.set(note.id, note);
      } catch (error) {
        // Already amended here: the nurse would amend the newest version instead.
        if (!(error instanceof StoreError && error.code === 'conflict')) throw error;
      }
      return;
    }
    case 'close': {
      const s = at(op.ws);
      const cases = s.store.listCases({ limit: 1000 });
      if (cases.length > 0) s.store.closeCase(cases[op.pick % cases.length]!.id);
      return;
    }
    case 'poke':
      at(op.ws).poke();
      return;
    case 'syncNow':
      return at(op.ws)
        .engine.syncNow()
        .then(() => undefined);
    case 'settle':
      return settle();
    case 'tick':
      return scheduler.advance(op.ms);
    case 'deliverLate':
      return network.deliverLate();
  }
}

let backend: TestBackend;
let nurses: [TestNurse, TestNurse];

beforeAll(async () => {
  backend = await startTestBackend('pglite', { logLevel: 'silent' });
  nurses = [
    await signedInNurse(backend, { regionId: 'skane' }),
    await signedInNurse(backend, { regionId: 'skane' }),
  ];
});
afterAll(async () => {
  await backend?.close();
});

it('loses, duplicates and alters no signed note, whatever the interleaving and the network do', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(opArbitrary, { minLength: 5, maxLength: 40 }),
      fc.array(fc.constantFrom(...FAULTS), { minLength: 1, maxLength: 40 }),
      async (ops, faults) => {
        const network = new FaultyNetwork(backend);
        network.faults = [...faults];
        const scheduler = new FakeScheduler();
        const stations = nurses.map((nurse) => station(nurse, network, scheduler));
        try {
          for (const op of ops) await apply(op, stations, network, scheduler);

          // The network heals; requests still on their way arrive, reordered, and everyone syncs.
          network.healed = true;
          await network.deliverLate();
          for (let round = 0; round < 5; round += 1) {
            for (const s of stations) await s.engine.syncNow();
          }
          await network.deliverLate();

          const backendNotes = new Map(
            (
              await backend.db.selectFrom('signed_note').select(['id', 'content_hash', 'document']).execute()
            ).map((row) => [row.id, row]),
          );
          const signedHere = new Map(stations.flatMap((s) => [...s.signed]));
          for (const [id, note] of signedHere) {
            // Not lost, not altered: on the backend and on every workstation with the hash it was signed with.
            expect(backendNotes.get(id)?.content_hash).toBe(note.contentHash);
            expect(JSON.parse(backendNotes.get(id)!.document)).toEqual(note);
            for (const s of stations) {
              const held = s.store.getNote(id);
              expect(held).toEqual(note);
              expect(noteContentHash(held!)).toBe(note.contentHash);
            }
          }
          // Not duplicated, nothing extra: every workstation holds exactly the backend's notes.
          const backendHashes = new Map([...backendNotes].map(([id, row]) => [id, row.content_hash]));
          for (const s of stations) {
            expect(s.store.signedNoteHashes()).toEqual(backendHashes);
            expect(s.engine.status()).toMatchObject({ waiting: 0, quarantined: 0 });
            expect(s.store.sync.pullConflicts()).toEqual([]);
          }
          // And the cases agree, newest version everywhere.
          const [a, b] = stations as [Station, Station];
          for (const c of a.store.listCases({ limit: 1000 })) expect(b.store.getCase(c.id)).toEqual(c);
        } finally {
          for (const s of stations) {
            await s.engine.stop();
            s.store.close();
          }
        }
      },
    ),
    { numRuns: 25, endOnFailure: true },
  );
}, 120_000);
