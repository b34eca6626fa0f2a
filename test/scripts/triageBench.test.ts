// `npm run bench:triage` still runs: tiny sizes, and it prints the library it indexed, both latency lines and both targets.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('triage benchmark', () => {
  it('measures search as typed and engine steps over the whole demo library', async () => {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(tsx, ['bench/triage.bench.ts'], {
      cwd: ROOT,
      env: { ...process.env, BENCH_SEARCHES: '200', BENCH_STEPS: '500' },
      timeout: 120_000,
    });
    const libraryFiles = readdirSync(path.join(ROOT, 'resources/protocols')).filter((name) =>
      name.endsWith('.yaml'),
    );
    expect(stdout).toContain(`library: ${libraryFiles.length} protocols indexed`);
    expect(stdout).toMatch(/index build: first [\d.]+ ms, then median [\d.]+ ms/);
    const percentiles = 'p50 [\\d.]+ {2}p95 [\\d.]+ {2}p99 [\\d.]+ {2}max [\\d.]+';
    expect(stdout).toMatch(new RegExp(`search latency ms +n= +200 +${percentiles}`));
    expect(stdout).toMatch(new RegExp(`engine step latency ms +n= +500 +${percentiles}`));
    expect(stdout).toMatch(/^search p99 (< 5 ms: target met|[\d.]+ ms: target of 5 ms NOT met)$/m);
    expect(stdout).toMatch(/^engine step p99 (< 1 ms: target met|[\d.]+ ms: target of 1 ms NOT met)$/m);
    // The accuracy targets, each with the figure and a verdict that follows from it.
    const accuracy = [
      ...stdout.matchAll(/^ {2}(.+) ≥ (\d+) %: ([\d.]+) % \(\d+\/\d+\): target (met|NOT met)$/gm),
    ];
    expect(accuracy.map((m) => m[1])).toEqual([
      'appropriate overall',
      'appropriate on held-out',
      'emergency appropriate',
      'care appropriate',
      'selfcare appropriate',
    ]);
    for (const [, , target, measured, verdict] of accuracy)
      expect(verdict).toBe(Number(measured) >= Number(target) ? 'met' : 'NOT met');
    expect(stdout).toMatch(/^ {2}emergencies under-triaged = 0: (0: target met|[1-9]\d*: target NOT met)$/m);
  });
});
