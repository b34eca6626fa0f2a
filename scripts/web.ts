// `npm run web`: the workstation in the browser host with an embedded demo backend (PGlite, demo data).
//
//   --backend-url URL   use a running regional backend instead of the embedded one
//   --backend-only      run only the embedded demo backend (used by `npm start` for Electron)
//   --backend-port N    port of the embedded backend (default: any free port)
//   --port N            port of the workstation (default: any free port)
//   --data-dir D        where the demo keeps its data (default ~/.firstline/demo); "memory" keeps nothing
//   --json              print the addresses (and the telephony key) as one JSON line (for tests)
//   --no-simulator      no simulated callers (end-to-end tests inject their own through the telephony API)
//   --simulator-rate R  simulated calls per demo region (default 20/h)
//
// The telephony API key is FIRSTLINE_TELEPHONY_KEY, or one made up for this run.
import { parseArgs } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { startBackend } from '../backend/src/server';
import { DEMO_REGIONS } from '../backend/src/seed/demoStaff';
import { parseRate } from '../backend/src/simulator/arrivals';
import { startDemoSimulator } from '../backend/src/simulator/demo';
import { installHostProcessGuard } from '../main/host/processGuard';
import { runHost } from '../main/host/runHost';

// Before anything listens: one stray error must not end the demo backend and every workstation page.
installHostProcessGuard();

const { values } = parseArgs({
  options: {
    'backend-url': { type: 'string' },
    'backend-only': { type: 'boolean', default: false },
    'backend-port': { type: 'string', default: '0' },
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string', default: path.join(os.homedir(), '.firstline', 'demo') },
    json: { type: 'boolean', default: false },
    'no-simulator': { type: 'boolean', default: false },
    'simulator-rate': { type: 'string', default: '20/h' },
  },
});

const dataDir = values['data-dir'];
const inMemory = dataDir === 'memory';
const rendererDir = path.resolve(import.meta.dirname, '../dist/renderer');
if (!values['backend-only'] && !existsSync(path.join(rendererDir, 'index.html'))) {
  console.error(
    'The workstation has not been built yet: run `npm run build:renderer` (or simply `npm run web`).',
  );
  process.exit(1);
}

let simulatorRate: number;
try {
  simulatorRate = parseRate(values['simulator-rate']);
} catch (error) {
  console.error(`--simulator-rate: ${(error as Error).message}`);
  process.exit(1);
}
const telephonyKey = process.env.FIRSTLINE_TELEPHONY_KEY || randomBytes(24).toString('base64url');

const backend = values['backend-url']
  ? null
  : await startBackend({
      port: Number(values['backend-port']),
      dataDir: inMemory ? 'memory' : path.join(dataDir, 'backend'),
      seedDemo: true,
      logLevel: 'warn',
      telephonyKey,
    });
const backendUrl = values['backend-url'] ?? backend!.url;

// Simulated callers in every demo region, so a nurse who signs in sees calls arrive.
const simulator =
  backend === null || values['no-simulator']
    ? null
    : await startDemoSimulator(backend, {
        regionIds: DEMO_REGIONS.map((region) => region.id),
        ratePerHour: simulatorRate,
      });

const workstation = values['backend-only']
  ? null
  : await runHost({
      backendUrl,
      profileDir: inMemory
        ? path.join(os.tmpdir(), `firstline-profile-${process.pid}`)
        : path.join(dataDir, 'workstation'),
      rendererDir,
      port: Number(values.port),
      version: process.env.npm_package_version ?? '0.0.0',
    });

if (values.json) {
  console.log(
    JSON.stringify({
      backendUrl,
      workstationUrl: workstation?.host.url ?? null,
      telephonyKey: backend === null ? null : telephonyKey,
    }),
  );
} else {
  console.log(`Regional backend (demo): ${backendUrl}`);
  if (simulator) {
    console.log(
      `Simulated callers:       ${values['simulator-rate']} per demo region (--no-simulator turns them off)`,
    );
  }
  if (workstation) {
    console.log(`Open the workstation:    ${workstation.host.url}`);
    console.log('Demo sign-in: see "Demo accounts" in README.md (e.g. SE2321000016-SKAN1 / firstline-demo).');
  }
}

const shutdown = async () => {
  await simulator?.stop();
  await workstation?.close();
  await backend?.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
