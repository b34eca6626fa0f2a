// Bundles the fault tests' workstation process into one .mjs for the soak: it starts in about half a second instead of over one through tsx.
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Builds .tsbuild/soak/workstation.mjs (packages stay external and load from node_modules) and returns its path. */
export async function bundleWorkstation(): Promise<string> {
  const outfile = path.join(ROOT, '.tsbuild/soak/workstation.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'test/sync/support/workstationProcess.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
