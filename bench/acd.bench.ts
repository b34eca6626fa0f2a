// Benchmark: call distribution at surge load, printing accept latency, offer latency, live-event fan-out and double assignments.
//
//   npx tsx bench/acd.bench.ts [--nurses 200] [--rate 2000/h] [--minutes 10] [--speed 1] [--clients 200] [--database-url URL]
//
// A listening backend (PGlite in memory, or PostgreSQL with --database-url, in a database made for the
// run) on a hand-moved clock kept in pace with the wall clock: at --speed 1 the calls come at the stated
// rate, as a Poisson stream processed in 5-second steps; --speed 20 compresses 20 minutes into one for a
// stress test. Every nurse accepts what rings at her (over HTTP, one after another as offers come),
// talks about 4 minutes on average and has 60 s of after-call work. Real latencies are measured with
// performance.now(); WebSocket clients of the live event channel, in a worker thread as they would be
// other machines, measure how long a queue change takes to reach every workstation.
// Targets (issue 4): accept p99 < 50 ms, fan-out p95 < 100 ms, zero double assignments.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CALL_EVENT_TYPES, CALL_ROUTES, TELEPHONY_KEY_HEADER, callRoute } from '../core/backend-api/calls';
import type { CallOfferedPayload } from '../core/backend-api/calls';
import { EVENT_ROUTES } from '../core/backend-api/events';
import { seededRng } from '../core/identity/testNumbers';
import { computeQueueMetrics } from '../core/queue/metrics';
import { QueueConfigSet } from '../backend/src/acd/config';
import { ensureRegion } from '../backend/src/auth/staffAccounts';
import type { PublishInput } from '../backend/src/events/liveEvents';
import { startBackend } from '../backend/src/server';
import { FLAT_DAY, arrivalsBetween, parseRate } from '../backend/src/simulator/arrivals';
import { simulatedCaller } from '../backend/src/simulator/callers';
import { withScratchDatabase } from './support/scratchDatabase';

const { values } = parseArgs({
  options: {
    nurses: { type: 'string', default: '200' },
    rate: { type: 'string', default: '2000/h' },
    minutes: { type: 'string', default: '10' },
    speed: { type: 'string', default: '1' },
    clients: { type: 'string', default: '200' },
    'database-url': { type: 'string' },
  },
});
const NURSES = Number(values.nurses);
const RATE = parseRate(values.rate);
const MINUTES = Number(values.minutes);
/** Simulated time per wall-clock time: 1 offers the calls at the stated rate; more compresses the load. */
const SPEED = Number(values.speed);
const CLIENTS = Math.min(Number(values.clients), NURSES);
const STEP_MS = 5_000;
const REGION = 'bench';
const KEY = 'bench-telephony-key-0123456789abcdef';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const summary = (label: string, samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} n=${String(sorted.length).padStart(5)}  p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted.at(-1) ?? NaN)}`,
  );
  return sorted;
};

/** Milliseconds on a clock both threads share (each thread's performance.now() has its own origin). */
function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/** The listening workstations' code, run in a worker thread (plain JavaScript: no TypeScript loader there). */
const LISTENER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.wsPath);
const now = () => performance.timeOrigin + performance.now();
const received = workerData.tokens.map(() => []);
let open = 0;
const sockets = workerData.tokens.map((token, i) => {
  const socket = new WebSocket(workerData.url + '?token=' + token);
  socket.on('message', (data) => {
    const event = JSON.parse(String(data));
    if (event.type === workerData.queueChanged) received[i].push(now());
    if (event.type === 'channel.ready' && ++open === sockets.length) parentPort.postMessage({ ready: true });
  });
  socket.on('error', (error) => parentPort.postMessage({ error: String(error) }));
  return socket;
});
parentPort.on('message', () => {
  for (const socket of sockets) socket.close();
  parentPort.postMessage({ received });
});
`;

/** Starts the listening workstations; finish() closes them and returns each one's receive times. */
function startListeners(url: string, tokens: readonly string[]) {
  const worker = new Worker(LISTENER_SOURCE, {
    eval: true,
    workerData: {
      url,
      tokens,
      queueChanged: CALL_EVENT_TYPES.queueChanged,
      wsPath: createRequire(import.meta.url).resolve('ws'),
    },
  });
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { ready?: true; error?: string }) => {
      if (message.ready) resolve();
      if (message.error) reject(new Error(`a listening workstation failed: ${message.error}`));
    });
    worker.on('error', reject);
  });
  const finish = () =>
    new Promise<number[][]>((resolve) => {
      worker.on('message', (message: { received?: number[][] }) => {
        if (message.received) void worker.terminate().then(() => resolve(message.received!));
      });
      worker.postMessage('finish');
    });
  return { ready, finish };
}

async function main(databaseUrl: string | undefined): Promise<void> {
  const start = Date.parse('2026-03-02T08:00:00+01:00');
  let now = start;
  const backend = await startBackend({
    dataDir: 'memory',
    databaseUrl,
    now: () => new Date(now),
    logLevel: 'warn',
    telephonyKey: KEY,
    queueConfig: new QueueConfigSet({
      layer: 'national',
      version: 1,
      afterCallWorkSeconds: 60,
      offerTimeoutSeconds: 20,
    }),
    authPolicy: { accessTokenLifetimeMs: 24 * 3600_000 },
    // Ticks are driven by the simulation below, not by a timer.
    dispatchIntervalMs: undefined,
    poolSize: 20,
  });
  const { db, context } = backend;

  // Nurses with sessions and tokens, made directly (no password hashing for 200 accounts).
  await ensureRegion(db, { id: REGION, name: 'Region Bench' });
  const nurses: Array<{ hsaId: string; token: string }> = [];
  for (let i = 0; i < NURSES; i++) {
    const hsaId = `SE2321000016-BENCH${i}`;
    await db
      .insertInto('staff')
      .values({
        hsa_id: hsaId,
        name: `Bänk ${i}`,
        title: 'Sjuksköterska',
        roles: ['nurse'],
        region_id: REGION,
        password_hash: 'x',
      })
      .execute();
    const sessionId = randomUUID();
    await db
      .insertInto('staff_session')
      .values({
        id: sessionId,
        hsa_id: hsaId,
        created_at: new Date(now),
        revoked_at: null,
        revoked_reason: null,
      })
      .execute();
    const { token } = await context.accessTokens.issue({
      hsaId,
      roles: ['nurse'],
      regionId: REGION,
      sessionId,
    });
    nurses.push({ hsaId, token });
  }
  const tokenOf = new Map(nurses.map((n) => [n.hsaId, n.token]));

  // Watch what the ACD publishes: offers to act on, and queue changes to time the fan-out.
  const offers: CallOfferedPayload[] = [];
  const queueChangedAt: number[] = [];
  const publish = context.events.publish.bind(context.events);
  context.events.publish = (input: PublishInput) => {
    if (input.type === CALL_EVENT_TYPES.callOffered) offers.push(input.payload as CallOfferedPayload);
    if (input.type === CALL_EVENT_TYPES.queueChanged) queueChangedAt.push(wallClockMs());
    return publish(input);
  };

  // Workstations listening on the live event channel, in a worker thread of their own: in a region they
  // are other machines, and parsing 200 copies of every event here would be billed to the backend.
  const listeners = startListeners(
    `${backend.url.replace('http', 'ws')}${EVENT_ROUTES.events}`,
    nurses.slice(0, CLIENTS).map((n) => n.token),
  );
  await listeners.ready;

  const http = async (method: string, path: string, token: string | null, body?: unknown) => {
    const response = await fetch(`${backend.url}${path}`, {
      method,
      headers: {
        ...(token !== null ? { authorization: `Bearer ${token}` } : { [TELEPHONY_KEY_HEADER]: KEY }),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  for (const nurse of nurses) await http('PUT', CALL_ROUTES.presence, nurse.token, { state: 'available' });

  const rng = seededRng(2026);
  const arrivals = arrivalsBetween(start, start + MINUTES * 60_000, {
    ratePerHour: RATE,
    curve: FLAT_DAY,
    rng,
  });
  const callers = arrivals.map((at, i) => ({
    at,
    ref: `bench-${i}`,
    ...simulatedCaller({ rng, today: new Date(at) }),
  }));
  const talkingUntil = new Map<string, { callId: string; until: number }>();
  const acceptLatency: number[] = [];
  const enterLatency: number[] = [];
  const tickLatency: number[] = [];
  let refusedAccepts = 0;
  let next = 0;
  const wallStart = performance.now();

  for (now = start; now < start + MINUTES * 60_000; now += STEP_MS) {
    // Keep pace with the wall clock, so the load is the stated rate times SPEED and no more.
    const due = wallStart + (now - start) / SPEED;
    if (performance.now() < due) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    // Callers arriving in this step, one after the other as they ring (each entry runs an assignment pass).
    while (next < callers.length && callers[next]!.at <= now) {
      const caller = callers[next++]!;
      const t = performance.now();
      await http('POST', CALL_ROUTES.telephonyCalls, null, {
        ...caller.call,
        externalRef: caller.ref,
        regionId: REGION,
      });
      enterLatency.push(performance.now() - t);
    }
    // Callers whose patience ran out.
    await Promise.all(
      callers
        .slice(0, next)
        .filter(
          (c) => c.at + c.patienceSeconds * 1000 > now - STEP_MS && c.at + c.patienceSeconds * 1000 <= now,
        )
        .map((c) =>
          http('POST', callRoute(CALL_ROUTES.telephonyHangUp, c.ref), null, { ifStillWaiting: true }),
        ),
    );
    // Nurses whose conversation is over.
    await Promise.all(
      [...talkingUntil]
        .filter(([, talk]) => talk.until <= now)
        .map(async ([hsaId, talk]) => {
          talkingUntil.delete(hsaId);
          await http('POST', callRoute(CALL_ROUTES.endCall, talk.callId), tokenOf.get(hsaId)!);
        }),
    );
    const t = performance.now();
    await context.acd.tick();
    tickLatency.push(performance.now() - t);
    // Every offer made so far is answered, one nurse after another as they press the key.
    for (const offer of offers.splice(0)) {
      const t0 = performance.now();
      const { status } = await http(
        'POST',
        callRoute(CALL_ROUTES.acceptCall, offer.callId),
        tokenOf.get(offer.hsaId)!,
      );
      acceptLatency.push(performance.now() - t0);
      if (status !== 200) {
        refusedAccepts++;
        continue;
      }
      talkingUntil.set(offer.hsaId, {
        callId: offer.callId,
        until: now + Math.round(-Math.log(1 - rng()) * 240_000),
      });
    }
  }
  const wallSeconds = (performance.now() - wallStart) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 200));
  const received = await listeners.finish();

  // Fan-out: the n-th queue change published against the n-th received by each client.
  const fanOut: number[] = [];
  for (let n = 0; n < queueChangedAt.length; n++) {
    let latest = 0;
    for (const times of received) latest = Math.max(latest, (times[n] ?? Infinity) - queueChangedAt[n]!);
    fanOut.push(latest);
  }

  // Double assignments, read back from the event log: a call answered twice, or a nurse answering
  // while still on (or in after-call work for) another call.
  const events = await context.acd.queueEvents(REGION, new Date(start), new Date(now + 1));
  const answeredCount = new Map<string, number>();
  const busyWith = new Map<string, string>();
  let doubleAssignments = 0;
  for (const event of events) {
    if (event.type === 'call-answered') {
      answeredCount.set(event.callId, (answeredCount.get(event.callId) ?? 0) + 1);
      if ((answeredCount.get(event.callId) ?? 0) > 1) doubleAssignments++;
      if (busyWith.has(event.nurseId)) doubleAssignments++;
      busyWith.set(event.nurseId, event.callId);
    }
    if (event.type === 'after-call-work-ended') busyWith.delete(event.nurseId);
  }
  const metrics = computeQueueMetrics(events, {
    from: start,
    to: now,
    serviceLevelSeconds: 60,
    shortAbandonSeconds: 5,
  });

  console.log(
    `ACD benchmark on ${backend.engine}: ${NURSES} nurses, ${RATE.toFixed(0)} calls/h for ${MINUTES} simulated minutes at ${SPEED}× real time (${callers.length} calls), ${CLIENTS} live-event clients; ${wallSeconds.toFixed(1)} s wall time`,
  );
  const accepts = summary('accept (HTTP round trip)', acceptLatency);
  summary('call entered (incl. assignment pass)', enterLatency);
  summary('dispatcher tick', tickLatency);
  const fan = summary('queue change → every client', fanOut.filter(Number.isFinite));
  console.log(`live events missed by some client     ${fanOut.filter((v) => !Number.isFinite(v)).length}`);
  console.log(`refused accepts                       ${refusedAccepts}`);
  console.log(`double assignments                    ${doubleAssignments}`);
  console.log(
    `queue: answered ${metrics.callsAnswered}, abandoned ${metrics.callsAbandoned}, service level (60 s) ${((metrics.serviceLevel ?? 0) * 100).toFixed(1)} %, ASA ${(metrics.averageSpeedOfAnswerSeconds ?? 0).toFixed(0)} s, occupancy ${((metrics.occupancy ?? 0) * 100).toFixed(0)} %`,
  );
  console.log(
    `targets: accept p99 < 50 ms ${percentile(accepts, 99) < 50 ? 'met' : 'NOT met'}; fan-out p95 < 100 ms ${percentile(fan, 95) < 100 ? 'met' : 'NOT met'}; zero double assignments ${doubleAssignments === 0 ? 'met' : 'NOT met'}`,
  );
  await backend.close();
}

// A database of its own for the run: the bench adds 200 staff accounts and would collide with the last run's.
withScratchDatabase(values['database-url'], main).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
