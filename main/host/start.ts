// Command-line entry of the browser host: `tsx main/host/start.ts --backend-url http://… [--port N] [--profile-dir D] [--json]`.
import { parseArgs } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { installHostProcessGuard } from './processGuard';
import { runHost } from './runHost';

// Before anything listens: one stray error must not sign every nurse in this host out.
installHostProcessGuard();

const { values } = parseArgs({
  options: {
    'backend-url': { type: 'string' },
    port: { type: 'string', default: '0' },
    'profile-dir': { type: 'string', default: path.join(os.homedir(), '.firstline', 'workstation') },
    'renderer-dir': { type: 'string', default: path.resolve(import.meta.dirname, '../../dist/renderer') },
    json: { type: 'boolean', default: false },
  },
});

if (!values['backend-url']) {
  console.error('Missing --backend-url: the address of the regional backend, e.g. http://127.0.0.1:8080');
  process.exit(2);
}

const running = await runHost({
  backendUrl: values['backend-url'],
  profileDir: values['profile-dir'],
  rendererDir: values['renderer-dir'],
  port: Number(values.port),
  version: process.env.npm_package_version ?? '0.0.0',
});

console.log(
  values.json
    ? JSON.stringify({ workstationUrl: running.host.url })
    : `Firstline workstation: ${running.host.url}`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void running.close().then(() => process.exit(0)));
}
