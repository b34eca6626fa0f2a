// `npm run soak:sync` runs end to end inside the test suite: three randomized fault runs, nothing lost, duplicated or stalled.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The number after `label:` in the soak's final block. */
function figure(stdout: string, label: string): number {
  const match = new RegExp(`^${label}: (\\d+)$`, 'm').exec(stdout);
  if (!match) throw new Error(`no '${label}:' line in the soak's output:\n${stdout}`);
  return Number(match[1]);
}

describe('sync soak', () => {
  it('runs three fault plans against real processes and finds every signed note on the backend', async () => {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(tsx, ['scripts/soakSync.ts', '--runs', '3'], {
      cwd: ROOT,
      timeout: 170_000,
    });
    const seed = /^seed: (\d+)$/m.exec(stdout)?.[1];
    expect(seed, 'the seed is printed so a failing soak can be repeated').toBeDefined();
    expect(stdout).toMatch(/^run 3\/3 \(seed \d+\): [23] workstations, \d+ notes; /m);
    expect(figure(stdout, 'runs')).toBe(3);
    expect(
      {
        lost: figure(stdout, 'lost'),
        duplicated: figure(stdout, 'duplicated'),
        altered: figure(stdout, 'altered'),
        diverged: figure(stdout, 'diverged'),
        stalled: figure(stdout, 'stalled'),
        failed: figure(stdout, 'failed'),
      },
      `seed ${seed}:\n${stdout}`,
    ).toEqual({ lost: 0, duplicated: 0, altered: 0, diverged: 0, stalled: 0, failed: 0 });
    expect(stdout).toMatch(/^slowest recovery: \d+ ms$/m);
    expect(stdout).toMatch(/^recovery p50: \d+ ms, p95: \d+ ms/m);
  }, 180_000);
});
