// `npm run web`: the workstation in the browser host with an embedded demo backend (PGlite, demo data).
//
//   --backend-url URL   use a running regional backend instead of the embedded one
//   --backend-only      run only the embedded demo backend (used by `npm start` for Electron)
//   --backend-port N    port of the embedded backend (default: any free port)
//   --port N            port of the workstation (default: any free port)
//   --data-dir D        where the demo keeps its data (default ~/.firstline/demo); "memory" keeps nothing
//   --json              print the addresses as one JSON line (for tests)
import { parseArgs } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { startBackend } from '../backend/src/server';
import { runHost } from '../main/host/runHost';

const { values } = parseArgs({
  options: {
    'backend-url': { type: 'string' },
    'backend-only': { type: 'boolean', default: false },
    'backend-port': { type: 'string', default: '0' },
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string', default: path.join(os.homedir(), '.firstline', 'demo') },
    json: { type: 'boolean', default: false },
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

const backend = values['backend-url']
  ? null
  : await startBackend({
      port: Number(values['backend-port']),
      dataDir: inMemory ? 'memory' : path.join(dataDir, 'backend'),
      seedDemo: true,
      logLevel: 'warn',
    });
const backendUrl = values['backend-url'] ?? backend!.url;

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
  console.log(JSON.stringify({ backendUrl, workstationUrl: workstation?.host.url ?? null }));
} else {
  console.log(`Regional backend (demo): ${backendUrl}`);
  if (workstation) {
    console.log(`Open the workstation:    ${workstation.host.url}`);
    console.log('Demo sign-in: see "Demo accounts" in README.md (e.g. SE2321000016-SKAN1 / firstline-demo).');
  }
}

const shutdown = async () => {
  await workstation?.close();
  await backend?.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
