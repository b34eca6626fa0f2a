// `npm start`: the Electron workstation with an embedded demo backend, or one clear line when Electron is missing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const pathFile = path.join(path.dirname(require.resolve('electron/package.json')), 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

let binary = electronBinary();
if (!binary) {
  // First run on a user's machine: fetch Electron's binary once (needs internet).
  const install = spawn(process.execPath, [require.resolve('electron/install.js')], { stdio: 'ignore' });
  await new Promise((resolve) => install.on('exit', resolve));
  binary = electronBinary();
}
if (!binary) {
  console.error(
    'Firstline: the Electron runtime could not be downloaded (offline?). Run `npm run web` to use the workstation in your browser instead.',
  );
  process.exit(1);
}

const run = (command, args, env = {}) =>
  spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });

await new Promise((resolve, reject) =>
  run('npm', ['run', 'build']).on('exit', (code) =>
    code === 0 ? resolve() : reject(new Error('build failed')),
  ),
);
// The demo backend runs as its own process, as the real regional backend would.
const backend = run(process.execPath, [
  '--import',
  'tsx',
  'scripts/web.ts',
  '--backend-only',
  '--backend-port',
  '8080',
]);
const electron = run(binary, ['.'], { FIRSTLINE_BACKEND_URL: 'http://127.0.0.1:8080' });
electron.on('exit', (code) => {
  backend.kill('SIGTERM');
  process.exit(code ?? 0);
});
