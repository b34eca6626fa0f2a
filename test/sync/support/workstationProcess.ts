// A workstation's services as their own process for the fault tests: opens an encrypted store, signs notes, syncs.
//
// Prints one JSON line per event: {"signedIn":…}, {"signed":id,"hash":…} after each signature is on disk,
// and {"drained":true} once everything is sent and a last pull is applied; then exits 0. Exits 2 when its
// time is up. Usage: workstationProcess.ts --backend <url> --store <file> --key <hex> --hsa-id <id>
//   --password <pw> [--notes N] [--every ms] [--max-retry-ms ms] [--timeout-ms ms] [--silence-ms ms]
//   [--deadline-ms ms] [--hold-file path] [--label text] [--case-update-every N] [--batch-size N]
//   [--clock-offset-ms ms] [--progress]
// With --hold-file it waits, after draining, until that file exists, then syncs again until a round
// succeeds (to see what other workstations sent meanwhile) and prints {"final":true} before it exits.
// --label goes into each note's kontaktorsak ("samtal <label>-<i>"), so one write can be told from another;
// --case-update-every changes the case after every N notes; --clock-offset-ms runs the workstation's
// clock (the store's timestamps, the engine's) that far off the real one, as a badly set PC would;
// --progress prints {"waiting":n} whenever the number of items waiting to be sent changes.
// --args-on-stdin (alone) loads everything, then waits for its arguments as one JSON array on stdin: the
// soak keeps such processes warm, so a workstation starts without paying for module loading.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import { EventChannel } from '../../../main/services/backend/eventChannel';
import { openWorkstationStore } from '../../../main/services/store';
import { createHttpSyncTransport, realScheduler, SyncEngine } from '../../../main/services/sync';

const { values } = parseArgs({
  args: process.argv.includes('--args-on-stdin') ? await argumentsFromStdin() : process.argv.slice(2),
  options: {
    backend: { type: 'string' },
    store: { type: 'string' },
    key: { type: 'string' },
    'hsa-id': { type: 'string' },
    password: { type: 'string' },
    notes: { type: 'string', default: '0' },
    every: { type: 'string', default: '10' },
    'max-retry-ms': { type: 'string', default: '1000' },
    'timeout-ms': { type: 'string', default: '2000' },
    'silence-ms': { type: 'string', default: '2000' },
    'deadline-ms': { type: 'string', default: '45000' },
    'hold-file': { type: 'string' },
    label: { type: 'string', default: '' },
    'case-update-every': { type: 'string', default: '0' },
    'batch-size': { type: 'string', default: '20' },
    'clock-offset-ms': { type: 'string', default: '0' },
    progress: { type: 'boolean', default: false },
  },
});

/** The first line on stdin, a JSON array of strings; exits quietly if stdin closes first (the soak is gone). */
async function argumentsFromStdin(): Promise<string[]> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    const args: unknown = JSON.parse(line);
    if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string'))
      throw new Error('--args-on-stdin expects one JSON array of strings');
    return args as string[];
  }
  process.exit(0);
}
const clockOffsetMs = Number(values['clock-offset-ms']);
if (!Number.isFinite(clockOffsetMs)) throw new Error('--clock-offset-ms must be a number of milliseconds');
const say = (line: object) => console.log(JSON.stringify(line));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();
const deadline = started + Number(values['deadline-ms']);
// Kept referenced (the process ends with process.exit): a fetch whose socket is not yet referenced, guarded
// only by AbortSignal.timeout (whose timer is not), must not let the event loop run dry and exit with 13.
setTimeout(() => {
  say({ error: 'deadline passed' });
  process.exit(2);
}, Number(values['deadline-ms']));

const backendUrl = values.backend as string;

async function signIn() {
  for (;;) {
    try {
      const response = await fetch(new URL(BACKEND_ROUTES.signIn, backendUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hsaId: values['hsa-id'], password: values.password }),
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok) return SessionTokensResponseSchema.parse(await response.json());
    } catch {
      // The backend may be down or the path cut: keep trying until the deadline.
    }
    if (Date.now() > deadline) throw new Error('could not sign in');
    await sleep(200);
  }
}

const session = await signIn();
say({ signedIn: session.staff.hsaId });
const staff = { hsaId: session.staff.hsaId, name: session.staff.name, title: session.staff.title };
const store = openWorkstationStore({
  file: values.store as string,
  key: Buffer.from(values.key as string, 'hex'),
  now: () => new Date(Date.now() + clockOffsetMs),
});
const accessToken = async () => session.accessToken;
let lastWaiting = -1;
const channel = new EventChannel({
  backendUrl,
  accessToken,
  minDelayMs: 100,
  maxDelayMs: 1000,
  silenceTimeoutMs: Number(values['silence-ms']),
  connectTimeoutMs: 2000,
});
const engine = new SyncEngine({
  store,
  transport: createHttpSyncTransport({
    baseUrl: backendUrl,
    accessToken,
    timeoutMs: Number(values['timeout-ms']),
  }),
  channel,
  minRetryMs: 100,
  maxRetryMs: Number(values['max-retry-ms']),
  scheduler: { ...realScheduler, now: () => Date.now() + clockOffsetMs },
  pullIntervalMs: 2000,
  batchSize: Number(values['batch-size']),
  // Failures are described without patient data; with --progress they show why a drain takes long.
  onError: (message) => values.progress && say({ syncError: message }),
  onChange: (status) => {
    if (!values.progress || status.waiting === lastWaiting) return;
    lastWaiting = status.waiting;
    say({ waiting: status.waiting });
  },
});
engine.start();
channel.start();

const notes = Number(values.notes);
const caseUpdateEvery = Number(values['case-update-every']);
const label = values.label === '' ? '' : `${values.label}-`;
if (notes > 0) {
  const opened = store.createCase({
    regionId: session.staff.region.id,
    patient: { kind: 'unidentified', unidentifiedDescription: 'Kvinna ca 50 år' },
    caller: 'self',
    createdBy: staff,
  });
  for (let i = 0; i < notes; i += 1) {
    const draft = store.saveDraftNote({
      id: randomUUID(),
      caseId: opened.id,
      kontaktorsak: `Yrsel, samtal ${label}${i}.`,
      bedomning: 'Opåverkad, normal andning.',
      rad: 'Vila, drick vatten. Ring igen vid försämring.',
      hanvisning: 'Vårdcentral vid kvarstående besvär.',
      bradskegrad: 5,
      responsible: staff,
    });
    const signed = store.signNote(draft.id);
    // Printed only after signNote returned: the note is committed (synchronous=FULL) when this line exists.
    say({ signed: signed.id, hash: signed.contentHash });
    if (caseUpdateEvery > 0 && (i + 1) % caseUpdateEvery === 0) {
      store.updateCase(opened.id, {
        patient: { kind: 'unidentified', unidentifiedDescription: `Kvinna ca 50 år, samtal ${label}${i}` },
      });
    }
    await sleep(Number(values.every));
  }
}

for (;;) {
  const status = await engine.syncNow();
  if (status.state === 'synced' && status.waiting === 0) break;
  await sleep(100);
}
say({ drained: true, held: store.signedNoteHashes().size });
const holdFile = values['hold-file'];
if (holdFile !== undefined) {
  while (!existsSync(holdFile)) await sleep(50);
  for (;;) {
    const status = await engine.syncNow();
    if (status.state === 'synced' && status.waiting === 0) break;
    await sleep(100);
  }
  say({ final: true, held: store.signedNoteHashes().size });
}
channel.stop();
await engine.stop();
store.close();
process.exit(0);
