// Benchmark of sync: sign latency, draining 10,000 notes, 200 workstations reconnecting, propagation, and the PouchDB reference.
//
// Prints:
//  1. sign-note latency p50/p99 on an encrypted store file (WAL, synchronous=FULL); target p99 < 5 ms;
//  2. draining those 10,000 queued notes (about 1 KB of text each) to the backend; notes per second;
//  3. 200 simulated workstations reconnecting at once, each with 1,000 queued notes; total time, notes/s;
//  4. propagation from signing on one workstation to visible on another (poke, pull, apply), p50/p95;
//  5. the reference offline-first health apps use (PouchDB replication from in-process leveldb databases to
//     express-pouchdb with leveldb on loopback) on the same notes and batch sizes, and Firstline's notes/s as a
//     ratio of it (target ≥ 2× on both workloads); pouchdb-node, express-pouchdb and express are devDependencies
//     (the reference itself is in support/pouchReference.ts).
// The backend runs on PostgreSQL when FIRSTLINE_BENCH_DATABASE_URL (or FIRSTLINE_TEST_DATABASE_URL) is
// set, in a database made for the run and dropped after; otherwise on PGlite with a data directory on
// disk, as the backend keeps it by default, which is said. Both servers (Firstline's backend and
// express-pouchdb) run in a process of their own (support/syncServers.ts); the workstations and the
// PouchDB client databases stay in this one, so neither side shares a thread with its server. Each
// server first takes 2,000 notes untimed (a warm-up), as a server in service is warm.
// Drains (2, 3) push only: a pull by 200 workstations of 200,000 notes would measure something else.
// BENCH_SIGN_NOTES, BENCH_WORKSTATIONS and BENCH_NOTES_PER_WORKSTATION scale the runs down for a quick look;
// BENCH_REFERENCE_WORKSTATIONS lets fewer workstations reconnect in the reference only (printed, compared in notes/s).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withScratchDatabase } from './support/scratchDatabase';
import { keepForReference, pouchReference } from './support/pouchReference';
import { startSyncServer } from './support/syncServerProcess';
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../core/backend-api/auth';
import { canonicalNoteJson, outboxIdempotencyKey, type Note, type StaffMember } from '../core/case';
import { EventChannel } from '../main/services/backend/eventChannel';
import { IN_MEMORY, openWorkstationStore, sha256Hex, type WorkstationStore } from '../main/services/store';
import type { SyncStatus } from '../core/api/sync';
import { createHttpSyncTransport, SyncEngine, type SyncTransport } from '../main/services/sync';

const SIGN_NOTES = Number(process.env.BENCH_SIGN_NOTES ?? 10_000);
const WORKSTATIONS = Number(process.env.BENCH_WORKSTATIONS ?? 200);
const NOTES_PER_WORKSTATION = Number(process.env.BENCH_NOTES_PER_WORKSTATION ?? 1_000);
/** Workstations that reconnect in the PouchDB reference (all of them unless scaled down, which is printed). */
const REFERENCE_WORKSTATIONS = Math.min(
  WORKSTATIONS,
  Number(process.env.BENCH_REFERENCE_WORKSTATIONS ?? WORKSTATIONS),
);
/** Notes per push (Firstline) and per replication batch (PouchDB): the same for both in each workload. */
const DRAIN_BATCH_SIZE = 1000;
const FLEET_BATCH_SIZE = 500;
const PROPAGATION_SAMPLES = 100;
/** Notes each server takes, untimed, before the measurements. */
const WARMUP_NOTES = 2_000;
const PASSWORD = 'bench-password-1';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const ms = (value: number) => `${value.toFixed(2)} ms`;
const rate = (notes: number, millis: number) => Math.round((notes / millis) * 1000);
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/** About 1 KB of note text, varied per note so nothing compresses into sameness. */
function noteText(i: number) {
  const filler = `Samtal ${i}. `.padEnd(60, '·');
  return {
    kontaktorsak: `Feber och hosta sedan ${1 + (i % 6)} dagar, tilltagande trötthet. ${filler}`.padEnd(
      220,
      ' ',
    ),
    bedomning: `Opåverkad i telefon, andas utan besvär, dricker bra, temp 38,${i % 10}. ${filler}`.padEnd(
      300,
      ' ',
    ),
    rad: `Vila, vätska, febernedsättande vid behov. Ring 1177 igen vid andningsbesvär. ${filler}`.padEnd(
      300,
      ' ',
    ),
    hanvisning: `Vårdcentral inom ett dygn om febern kvarstår. ${filler}`.padEnd(200, ' '),
  };
}

/** A server of the benchmark, reached over loopback HTTP. */
interface Server {
  url: string;
}

async function signIn(backend: Server, hsaId: string): Promise<{ token: string; staff: StaffMember }> {
  const response = await fetch(new URL(BACKEND_ROUTES.signIn, backend.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hsaId, password: PASSWORD }),
  });
  const session = SessionTokensResponseSchema.parse(await response.json());
  return {
    token: session.accessToken,
    staff: { hsaId: session.staff.hsaId, name: session.staff.name, title: session.staff.title },
  };
}

/** Push-only transport for the drain measurements (see the header). */
function pushOnly(transport: SyncTransport): SyncTransport {
  return {
    push: (request) => transport.push(request),
    pull: async () => ({ records: [], cursor: 'v1.0', more: false }),
  };
}

/**
 * Starts the engines and waits until every outbox is empty, as each engine reports it (polling the
 * outbox from here would cost the drain the very CPU it measures).
 */
async function drain(
  makeEngines: ((onChange: (status: SyncStatus) => void) => SyncEngine)[],
): Promise<number> {
  let remaining = makeEngines.length;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const engines = makeEngines.map((make) => {
    let drained = false;
    return make((status) => {
      if (drained || status.waiting > 0) return;
      drained = true;
      remaining -= 1;
      if (remaining === 0) done();
    });
  });
  const started = performance.now();
  engines.forEach((engine) => engine.start());
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('drain did not finish in 15 minutes')), 15 * 60_000).unref(),
  );
  await Promise.race([finished, timeout]);
  const elapsed = performance.now() - started;
  await Promise.all(engines.map((engine) => engine.stop()));
  return elapsed;
}

/** Queues `count` signed notes in a store's outbox directly (what signing leaves there), for the many-workstation run. */
function queueSignedNotes(
  store: WorkstationStore,
  author: StaffMember,
  count: number,
  offset: number,
): Note[] {
  const caseId = randomUUID();
  const notes: Note[] = [];
  const insert = store.db.prepare(
    `INSERT INTO outbox (seq, idempotency_key, entity, entity_id, op, payload, content_hash, schema_version, created_at)
     VALUES (?, ?, 'note', ?, 'sign', ?, ?, 1, ?)`,
  );
  const at = new Date().toISOString();
  store.db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const draft: Note = {
        id: randomUUID(),
        caseId,
        ...noteText(offset + i),
        bradskegrad: 4,
        contactAt: at,
        responsible: author,
        status: 'signed',
        signedAt: at,
      };
      const note: Note = { ...draft, contentHash: sha256Hex(canonicalNoteJson(draft)) };
      const seq = i + 1;
      insert.run(
        seq,
        outboxIdempotencyKey(note.id, note.contentHash!),
        note.id,
        JSON.stringify(note),
        note.contentHash,
        at,
      );
      notes.push(note);
    }
    store.db.prepare('UPDATE device SET next_seq = ?').run(count + 1);
  })();
  return notes;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'firstline-bench-sync-'));
  try {
    await withScratchDatabase(
      process.env.FIRSTLINE_BENCH_DATABASE_URL || process.env.FIRSTLINE_TEST_DATABASE_URL,
      async (databaseUrl) => {
        const backend = await startSyncServer({
          kind: 'firstline',
          databaseUrl,
          dataDir: path.join(dir, 'pglite'),
          regions: [
            { id: 'skane', name: 'Region Skåne' },
            { id: 'gotland', name: 'Region Gotland' },
          ],
          staff: [
            { hsaId: 'SE2321000016-BENCH1', regionId: 'skane' },
            { hsaId: 'SE2321000016-BENCH2', regionId: 'skane' },
            { hsaId: 'SE2321000016-BENCHG1', regionId: 'gotland' },
            { hsaId: 'SE2321000016-BENCHG2', regionId: 'gotland' },
          ],
          password: PASSWORD,
        });
        try {
          await run(
            backend,
            databaseUrl === undefined
              ? 'PGlite (data directory on disk; set FIRSTLINE_BENCH_DATABASE_URL for PostgreSQL)'
              : 'PostgreSQL',
            dir,
          );
        } finally {
          await backend.close();
        }
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(backend: Server, engineName: string, dir: string): Promise<void> {
  const writer = await signIn(backend, 'SE2321000016-BENCH1');
  const fleet = await signIn(backend, 'SE2321000016-BENCH2');
  const transportFor = (token: string) =>
    createHttpSyncTransport({ baseUrl: backend.url, accessToken: async () => token, timeoutMs: 120_000 });
  console.log(`Firstline sync benchmark — backend on ${engineName}, in a process of its own, loopback HTTP`);

  // 1. Sign latency, on the notes that are drained next.
  const store = openWorkstationStore({ file: path.join(dir, 'writer.db'), key: randomBytes(32) });
  const opened = store.createCase({
    regionId: 'skane',
    patient: { kind: 'unidentified', unidentifiedDescription: 'Kvinna ca 30 år' },
    caller: 'self',
    createdBy: writer.staff,
  });
  const latencies: number[] = [];
  const signed: Note[] = [];
  for (let i = 0; i < SIGN_NOTES; i += 1) {
    const draft = store.saveDraftNote({
      caseId: opened.id,
      ...noteText(i),
      bradskegrad: 4,
      responsible: writer.staff,
    });
    const t = performance.now();
    signed.push(store.signNote(draft.id));
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const bytes = JSON.stringify(signed[0]).length;
  const drainNotes = keepForReference(signed);
  signed.length = 0;
  console.log(
    `sign note (encrypted, WAL, synchronous=FULL): p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1)!)} over ${SIGN_NOTES} notes of ~${bytes} bytes (target p99 < 5 ms)`,
  );

  // Warm-up, not timed: both servers have served a workload before they are measured (a fresh process
  // compiles its code paths and fills its connections' caches on its first requests).
  const warmupStore = openWorkstationStore({ file: IN_MEMORY });
  const warmupNotes = keepForReference(queueSignedNotes(warmupStore, fleet.staff, WARMUP_NOTES, 10_000_000));
  await drain([
    (onChange) =>
      new SyncEngine({
        store: warmupStore,
        transport: pushOnly(transportFor(fleet.token)),
        batchSize: DRAIN_BATCH_SIZE,
        onChange,
      }),
  ]);
  warmupStore.close();

  // 2. Drain of those notes.
  const queued = store.outbox.status().waiting;
  const drainMs = await drain([
    (onChange) =>
      new SyncEngine({
        store,
        transport: pushOnly(transportFor(writer.token)),
        batchSize: DRAIN_BATCH_SIZE,
        maxBatchBytes: 8 * 1024 * 1024,
        onChange,
      }),
  ]);
  store.close();
  console.log(
    `drain ${queued} queued items (${SIGN_NOTES} notes): ${ms(drainMs)}, ${rate(queued, drainMs)} items/s`,
  );

  // 3. Many workstations reconnecting at once.
  const stores = Array.from({ length: WORKSTATIONS }, () => openWorkstationStore({ file: IN_MEMORY }));
  const workstationNotes = stores.map((s, i) =>
    keepForReference(queueSignedNotes(s, fleet.staff, NOTES_PER_WORKSTATION, i * NOTES_PER_WORKSTATION)),
  );
  const fleetTransport = pushOnly(transportFor(fleet.token));
  const reconnectMs = await drain(
    stores.map(
      (s) => (onChange) =>
        new SyncEngine({ store: s, transport: fleetTransport, batchSize: FLEET_BATCH_SIZE, onChange }),
    ),
  );
  const fleetNotes = WORKSTATIONS * NOTES_PER_WORKSTATION;
  stores.forEach((s) => s.close());
  console.log(
    `${WORKSTATIONS} workstations reconnecting with ${NOTES_PER_WORKSTATION} queued notes each: ${ms(reconnectMs)} for ${fleetNotes} notes, ${rate(fleetNotes, reconnectMs)} notes/s`,
  );

  // 4. Propagation: sign on A, visible on B (poke over the live channel, pull, apply), in another region.
  const [a, b] = await Promise.all([
    signIn(backend, 'SE2321000016-BENCHG1'),
    signIn(backend, 'SE2321000016-BENCHG2'),
  ]);
  const arrivals = new Map<string, number>();
  const makeStation = (who: { token: string }, name: string, onPulled?: (ids: string[]) => void) => {
    const s = openWorkstationStore({ file: path.join(dir, `${name}.db`), key: randomBytes(32) });
    const accessToken = async () => who.token;
    const channel = new EventChannel({ backendUrl: backend.url, accessToken });
    const engine = new SyncEngine({
      store: s,
      transport: createHttpSyncTransport({ baseUrl: backend.url, accessToken }),
      channel,
      pullIntervalMs: 3_600_000,
      onPulled: () => {
        const now = performance.now();
        for (const id of s.signedNoteHashes().keys()) if (!arrivals.has(id)) arrivals.set(id, now);
        onPulled?.([]);
      },
    });
    engine.start();
    channel.start();
    return { store: s, channel, engine };
  };
  const stationA = makeStation(a, 'prop-a');
  const stationB = makeStation(b, 'prop-b');
  const deadline = Date.now() + 20_000;
  while (stationA.channel.state !== 'open' || stationB.channel.state !== 'open') {
    if (Date.now() > deadline) throw new Error('event channels did not open');
    await sleep(10);
  }
  const caseA = stationA.store.createCase({
    regionId: 'gotland',
    patient: { kind: 'unidentified', unidentifiedDescription: 'Man ca 60 år' },
    caller: 'self',
    createdBy: a.staff,
  });
  await sleep(200);
  const signedAt = new Map<string, number>();
  for (let i = 0; i < PROPAGATION_SAMPLES; i += 1) {
    const draft = stationA.store.saveDraftNote({
      caseId: caseA.id,
      ...noteText(i),
      bradskegrad: 5,
      responsible: a.staff,
    });
    const note = stationA.store.signNote(draft.id);
    signedAt.set(note.id, performance.now());
    await sleep(40);
  }
  const propagationDeadline = Date.now() + 30_000;
  while ([...signedAt.keys()].some((id) => !arrivals.has(id)) && Date.now() < propagationDeadline)
    await sleep(5);
  const delays = [...signedAt]
    .filter(([id]) => arrivals.has(id))
    .map(([id, t]) => arrivals.get(id)! - t)
    .sort((x, y) => x - y);
  for (const station of [stationA, stationB]) {
    station.channel.stop();
    await station.engine.stop();
    station.store.close();
  }
  console.log(
    `propagation sign → visible on another workstation: p50 ${ms(percentile(delays, 50))}, p95 ${ms(percentile(delays, 95))} over ${delays.length}/${PROPAGATION_SAMPLES} notes (target p95 < 1 s)`,
  );

  // 5. The reference.
  const reference = await pouchReference(
    {
      drainBatchSize: DRAIN_BATCH_SIZE,
      fleetBatchSize: FLEET_BATCH_SIZE,
      workstations: REFERENCE_WORKSTATIONS,
    },
    dir,
    warmupNotes,
    drainNotes,
    workstationNotes,
  );
  if (typeof reference === 'string') {
    console.log(`PouchDB reference: ${reference}`);
    return;
  }
  const firstlineDrainRate = SIGN_NOTES / drainMs;
  const firstlineFleetRate = fleetNotes / reconnectMs;
  const pouchDrainRate = SIGN_NOTES / reference.drainMs;
  const pouchFleetRate = reference.reconnectNotes / reference.reconnectMs;
  const scaled =
    reference.reconnectWorkstations === WORKSTATIONS
      ? ''
      : ` (scaled by ${(reference.reconnectWorkstations / WORKSTATIONS).toFixed(3)}: ${reference.reconnectWorkstations} of ${WORKSTATIONS} workstations; compared in notes/s)`;
  console.log(
    `PouchDB reference (pouchdb-node leveldb → express-pouchdb leveldb, loopback, batch sizes ${DRAIN_BATCH_SIZE}/${FLEET_BATCH_SIZE}): ` +
      `drain ${SIGN_NOTES} notes ${ms(reference.drainMs)}, ${rate(SIGN_NOTES, reference.drainMs)} notes/s; ` +
      `${reference.reconnectWorkstations} workstations × ${NOTES_PER_WORKSTATION} notes reconnecting ${ms(reference.reconnectMs)}, ` +
      `${rate(reference.reconnectNotes, reference.reconnectMs)} notes/s${scaled}`,
  );
  const versus = (firstline: number, pouch: number) => {
    const ratio = firstline / pouch;
    // Rounded down, so a ratio just short of the target never prints as 2.00×.
    const shown = (Math.floor(ratio * 100) / 100).toFixed(2);
    return `${Math.round(firstline * 1000)} vs ${Math.round(pouch * 1000)} notes/s = ${shown}× (${ratio >= 2 ? 'met' : 'missed'})`;
  };
  console.log(
    `Firstline ÷ PouchDB: drain ${versus(firstlineDrainRate, pouchDrainRate)}; ` +
      `reconnect ${versus(firstlineFleetRate, pouchFleetRate)} (target ≥ 2× on both` +
      (engineName === 'PostgreSQL'
        ? ')'
        : '; the targets are set for the backend on PostgreSQL, and this run used PGlite)'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
