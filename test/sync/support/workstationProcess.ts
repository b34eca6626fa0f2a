// A workstation's services as their own process for the fault tests: opens an encrypted store, signs notes, syncs.
//
// Prints one JSON line per event: {"signedIn":…}, {"signed":id,"hash":…} after each signature is on disk,
// and {"drained":true} once everything is sent and a last pull is applied; then exits 0. Exits 2 when its
// time is up. Usage: workstationProcess.ts --backend <url> --store <file> --key <hex> --hsa-id <id>
//   --password <pw> [--notes N] [--every ms] [--max-retry-ms ms] [--timeout-ms ms] [--silence-ms ms]
//   [--deadline-ms ms] [--hold-file path]
// With --hold-file it waits, after draining, until that file exists, then syncs once more (to see what
// other workstations sent meanwhile) and prints {"final":true} before it exits.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BACKEND_ROUTES, SessionTokensResponseSchema } from '../../../core/backend-api/auth';
import { EventChannel } from '../../../main/services/backend/eventChannel';
import { openWorkstationStore } from '../../../main/services/store';
import { createHttpSyncTransport, SyncEngine } from '../../../main/services/sync';

const { values } = parseArgs({
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
  },
});
const say = (line: object) => console.log(JSON.stringify(line));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();
const deadline = started + Number(values['deadline-ms']);
setTimeout(() => {
  say({ error: 'deadline passed' });
  process.exit(2);
}, Number(values['deadline-ms'])).unref();

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
});
const accessToken = async () => session.accessToken;
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
  pullIntervalMs: 2000,
  batchSize: 20,
});
engine.start();
channel.start();

const notes = Number(values.notes);
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
      kontaktorsak: `Yrsel, samtal ${i}.`,
      bedomning: 'Opåverkad, normal andning.',
      rad: 'Vila, drick vatten. Ring igen vid försämring.',
      hanvisning: 'Vårdcentral vid kvarstående besvär.',
      bradskegrad: 5,
      responsible: staff,
    });
    const signed = store.signNote(draft.id);
    // Printed only after signNote returned: the note is committed (synchronous=FULL) when this line exists.
    say({ signed: signed.id, hash: signed.contentHash });
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
  await engine.syncNow();
  say({ final: true, held: store.signedNoteHashes().size });
}
channel.stop();
await engine.stop();
store.close();
process.exit(0);
