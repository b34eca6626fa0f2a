// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, one file) into dist/.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['main/app/main.ts'],
  outfile: 'dist/main/main.mjs',
  format: 'esm',
  // Native and Electron modules load at run time; the rest is bundled.
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});

await build({
  ...common,
  entryPoints: ['preload/preload.ts'],
  outfile: 'dist/preload/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});

console.log('Built dist/main/main.mjs and dist/preload/preload.cjs');
