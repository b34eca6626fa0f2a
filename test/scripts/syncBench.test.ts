// `npm run bench:sync` still runs end to end at tiny sizes: its servers start in their own processes, every workload is measured, the reference too.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('sync benchmark', () => {
  it('measures signing, the drain, many workstations, propagation and the PouchDB reference', async () => {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BENCH_SIGN_NOTES: '300',
      BENCH_WORKSTATIONS: '3',
      BENCH_NOTES_PER_WORKSTATION: '40',
    };
    // The PGlite run: a fresh machine has no PostgreSQL.
    delete env.FIRSTLINE_BENCH_DATABASE_URL;
    delete env.FIRSTLINE_TEST_DATABASE_URL;
    const { stdout } = await promisify(execFile)(tsx, ['bench/sync.bench.ts'], {
      cwd: ROOT,
      env,
      timeout: 240_000,
    });
    expect(stdout).toContain('backend on PGlite (data directory on disk');
    expect(stdout).toMatch(/sign note .*: p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms over 300 notes/);
    expect(stdout).toMatch(/drain 301 queued items \(300 notes\): [\d.]+ ms, \d+ items\/s/);
    expect(stdout).toMatch(/3 workstations reconnecting with 40 queued notes each: [\d.]+ ms for 120 notes/);
    expect(stdout).toMatch(/propagation .*: p50 [\d.]+ ms, p95 [\d.]+ ms over 100\/100 notes/);
    expect(stdout).toMatch(
      /PouchDB reference .*: drain 300 notes [\d.]+ ms, \d+ notes\/s; 3 workstations × 40 notes/,
    );
    expect(stdout).toMatch(
      /Firstline ÷ PouchDB: drain \d+ vs \d+ notes\/s = [\d.]+× \((met|missed)\); reconnect .*this run used PGlite\)$/m,
    );
  }, 300_000);
});
