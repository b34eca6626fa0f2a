// `npm run soak:sync`: randomized fault runs of sync against real processes, counting lost, duplicated and stalled notes.
//
// Each run gets a region of its own on one regional backend (kept across runs unless a plan crashes it), 2–3
// workstation processes that write and sign notes and change their cases through a loopback TCP proxy, and
// a random plan of faults: kill -9 of a workstation mid-write (started again on the same store), kill -9 of
// the backend mid-push (restarted on the same database), cut and stalled connections, reordered pushes, and
// workstation clocks off by minutes to hours. Then everything heals, every workstation drains, and the run is
// judged (scripts/soak/verdict.ts). Prints one line per run and one block at the end; exit code 1 when any
// run lost, duplicated, altered, diverged, stalled or failed. Patient data is never printed (there is none:
// the notes are made up, and only counts and ids of runs are shown).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { withScratchDatabase } from '../bench/support/scratchDatabase';
import { LoopbackProxy } from '../test/sync/support/tcpProxy';
import { SoakBackend } from './soak/backend';
import { bundleWorkstation } from './soak/bundle';
import { describePlan, drawPlan, type RunPlan } from './soak/plan';
import { soakRun, type RunContext } from './soak/run';
import { WarmWorkstations } from './soak/warmPool';
import { emptyTotals, formatTotals, soakFailed, type SoakTotals } from './soak/verdict';

const HELP = `Usage: npm run soak:sync -- [options]

Randomized fault runs of Firstline's sync with real processes; proves that no signed note is lost,
duplicated or altered and that every workstation converges with the backend.

Options:
  --runs N              number of runs (default 20)
  --seed S              seed of the fault plans, an integer 0…4294967295 (default: random, printed);
                        run i uses seed S + i, so --seed <S + i> --runs 1 draws that run's plan again
  --database-url URL    run the backend on PostgreSQL, in a database created for the soak and dropped
                        after it (URL of a database to connect to for that); default: PGlite on disk
  --stall-ms MS         a run with no progress for this long while work remains is stalled (default 60000)
  --help                print this help`;

/** Warm workstation processes kept ready: one run's three and a restart. */
const WARM_WORKSTATIONS = 4;

function fail(message: string): never {
  console.error(`soak:sync: ${message}\n\n${HELP}`);
  process.exit(2);
}

function parseOptions() {
  let values;
  try {
    values = parseArgs({
      options: {
        runs: { type: 'string', default: '20' },
        seed: { type: 'string' },
        'database-url': { type: 'string' },
        'stall-ms': { type: 'string', default: '60000' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a whole number ≥ 1, not '${values.runs}'`);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
    fail(`--seed must be an integer from 0 to 4294967295, not '${values.seed}'`);
  const stallMs = Number(values['stall-ms']);
  if (!Number.isInteger(stallMs) || stallMs < 1000)
    fail(`--stall-ms must be at least 1000, not '${values['stall-ms']}'`);
  const databaseUrl = values['database-url'];
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl))
    fail(`--database-url must be a postgres:// URL`);
  return { runs, seed, stallMs, databaseUrl };
}

/** How often each fault struck over the soak. */
class FaultTally {
  private readonly counts = new Map<string, number>();

  add(plan: RunPlan, overtaken: number): void {
    for (const fault of plan.faults) this.bump(fault.kind);
    for (const station of plan.stations) if (station.clockOffsetMs !== 0) this.bump('clock-skew');
    if (overtaken > 0) this.bump('overtaken', overtaken);
  }

  private bump(kind: string, by = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + by);
  }

  toString(): string {
    const n = (kind: string) => this.counts.get(kind) ?? 0;
    return (
      `kill -9 workstation ${n('kill-workstation')}, backend crash ${n('crash-backend')}, cut ${n('cut')}, ` +
      `stall ${n('stall')}, reorder ${n('reorder')} (a later push overtook the held one ${n('overtaken')} times), ` +
      `clock skew ${n('clock-skew')} workstations`
    );
  }
}

async function soak(options: ReturnType<typeof parseOptions>, databaseUrl: string | undefined) {
  const dir = mkdtempSync(path.join(tmpdir(), 'firstline-soak-'));
  const backend = new SoakBackend({ databaseUrl, dataDir: dir });
  let proxy: LoopbackProxy | null = null;
  let workstations: WarmWorkstations | null = null;
  const totals: SoakTotals = emptyTotals();
  const tally = new FaultTally();
  try {
    const [workstationEntry] = await Promise.all([bundleWorkstation(), backend.start()]);
    proxy = new LoopbackProxy(backend.port);
    await proxy.listen();
    workstations = new WarmWorkstations(workstationEntry, WARM_WORKSTATIONS);
    workstations.refill();
    const ctx: RunContext = { backend, proxy, dir, workstations, stallMs: options.stallMs };
    for (let i = 0; i < options.runs; i += 1) {
      const plan = drawPlan((options.seed + i) >>> 0);
      const started = Date.now();
      const outcome = await soakRun(ctx, plan, i + 1);
      totals.runs += 1;
      const head = `run ${i + 1}/${options.runs} (seed ${plan.seed}): ${describePlan(plan)}`;
      const took = `${Date.now() - started} ms`;
      if (outcome.kind === 'judged') {
        const { verdict } = outcome;
        totals.lost += verdict.lost;
        totals.duplicated += verdict.duplicated;
        totals.altered += verdict.altered;
        totals.diverged += verdict.diverged;
        totals.recoveriesMs.push(outcome.recoveryMs);
        tally.add(plan, outcome.overtaken);
        const bad = Object.entries(verdict).filter(([, count]) => count > 0);
        const overtaken = outcome.overtaken > 0 ? `, overtaken ${outcome.overtaken}` : '';
        console.log(
          `${head} → recovery ${outcome.recoveryMs} ms${overtaken}, run ${took}, ` +
            (bad.length === 0
              ? 'ok'
              : bad.map(([what, count]) => `${what.toUpperCase()} ${count}`).join(', ')),
        );
      } else {
        tally.add(plan, 0);
        if (outcome.kind === 'stalled') totals.stalled += 1;
        else totals.failed += 1;
        const why = outcome.kind === 'stalled' ? `STALLED ${outcome.what}` : `FAILED: ${outcome.reason}`;
        console.log(`${head} → ${why} (run ${took}); repeat its plan with --seed ${plan.seed} --runs 1`);
      }
    }
  } finally {
    await workstations?.close();
    await proxy?.close();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { totals, tally, crashes: backend.crashes };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const engine = options.databaseUrl ? 'PostgreSQL' : 'PGlite';
  console.log(`Sync soak: ${options.runs} runs, seed ${options.seed}, backend on ${engine}`);
  const { totals, tally } = await withScratchDatabase(options.databaseUrl, (url) => soak(options, url));
  console.log(`\n${formatTotals(totals, options.seed, tally.toString(), engine)}`);
  process.exitCode = soakFailed(totals) ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
