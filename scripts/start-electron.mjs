// `npm start`: the Electron workstation with an embedded demo backend, or one clear line when Electron is missing.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
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

/**
 * The encrypted SQLite module is native: npm built it for Node, Electron needs its own ABI. Build a
 * copy for this Electron version once (node-gyp, with Electron's headers) and point the store at it,
 * leaving node_modules untouched for the tests and the browser host.
 */
function electronSqliteBinding() {
  const electronVersion = require('electron/package.json').version;
  const source = path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
  const copy = path.resolve(
    '.firstline-native',
    `electron-${electronVersion}`,
    'better-sqlite3-multiple-ciphers',
  );
  const binding = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  cpSync(source, copy, { recursive: true, filter: (file) => !file.includes(`${path.sep}build${path.sep}`) });
  const nodeGyp = path.join(
    path.dirname(process.env.npm_execpath ?? ''),
    '..',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
  const build = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: copy, stdio: 'inherit' },
  );
  if (build.status !== 0) {
    console.error(
      'Firstline: could not build the encrypted database module for Electron. Run `npm run web` instead.',
    );
    process.exit(1);
  }
  return binding;
}

const run = (command, args, env = {}) =>
  spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });

const sqliteBinding = electronSqliteBinding();
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
const electron = run(binary, ['.'], {
  FIRSTLINE_BACKEND_URL: 'http://127.0.0.1:8080',
  FIRSTLINE_SQLITE_BINDING: sqliteBinding,
});
electron.on('exit', (code) => {
  backend.kill('SIGTERM');
  process.exit(code ?? 0);
});
