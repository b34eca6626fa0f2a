// The shift soak's processes: the embedded demo backend with the simulator off, and a browser host on a renderer build of its own.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { LineProcess } from '../../test/sync/support/lineProcess';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILT_RENDERER = path.join(ROOT, 'dist/renderer');
/** Starting PGlite and seeding the demo (hashing its passwords) takes most of a minute on a busy machine. */
const START_TIMEOUT_MS = 180_000;

export interface ShiftStack {
  backendUrl: string;
  telephonyKey: string;
  workstationUrl: string;
  hostPid: number;
  close(): Promise<void>;
}

/**
 * A copy of dist/renderer for this soak (built first when missing), so a rebuild of dist/renderer
 * during a long soak cannot change the page under it.
 */
export function rendererSnapshot(dir: string): string {
  if (!existsSync(path.join(BUILT_RENDERER, 'index.html'))) {
    console.log('dist/renderer is missing: building the renderer (vite build)…');
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  const target = path.join(dir, 'renderer');
  cpSync(BUILT_RENDERER, target, { recursive: true });
  if (!existsSync(path.join(target, 'index.html')))
    throw new Error(
      'dist/renderer has no index.html (a rebuild may be running): run `npm run build:renderer`',
    );
  return target;
}

function first(proc: LineProcess, key: string): string {
  const value = proc.lines.find((l) => typeof l[key] === 'string')?.[key];
  if (typeof value !== 'string') throw new Error(`${proc.name} did not report ${key}`);
  return value;
}

async function stop(proc: LineProcess): Promise<void> {
  if (!proc.running) return;
  proc.child.kill('SIGTERM');
  const killed = setTimeout(() => proc.kill(), 10_000);
  await proc.exited;
  clearTimeout(killed);
}

export async function startShiftStack(dir: string, rendererDir: string): Promise<ShiftStack> {
  const backend = LineProcess.start('demo backend', 'scripts/web.ts', [
    '--backend-only',
    '--data-dir',
    'memory',
    '--no-simulator',
    '--json',
  ]);
  let host: LineProcess | null = null;
  try {
    await backend.waitFor(
      (lines) => lines.some((l) => typeof l.backendUrl === 'string'),
      'its address',
      START_TIMEOUT_MS,
    );
    const backendUrl = first(backend, 'backendUrl');
    const telephonyKey = first(backend, 'telephonyKey');
    host = LineProcess.start('browser host', 'main/host/start.ts', [
      '--backend-url',
      backendUrl,
      '--profile-dir',
      path.join(dir, 'profile'),
      '--renderer-dir',
      rendererDir,
      '--json',
    ]);
    await host.waitFor(
      (lines) => lines.some((l) => typeof l.workstationUrl === 'string'),
      'its address',
      START_TIMEOUT_MS,
    );
    const running = host;
    return {
      backendUrl,
      telephonyKey,
      workstationUrl: first(host, 'workstationUrl'),
      hostPid: host.child.pid!,
      close: async () => {
        await stop(running);
        await stop(backend);
      },
    };
  } catch (error) {
    if (host) await stop(host);
    await stop(backend);
    throw error;
  }
}
