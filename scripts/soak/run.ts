// One run of the sync soak: a fresh region, 2–3 workstation processes writing through the proxy, the plan's faults, heal, drain, judge.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openWorkstationStore } from '../../main/services/store';
import type { LineProcess } from '../../test/sync/support/lineProcess';
import { pullRegion } from '../../test/sync/support/regionReader';
import type { LoopbackProxy } from '../../test/sync/support/tcpProxy';
import type { SoakBackend } from './backend';
import type { Fault, RunPlan, StationPlan } from './plan';
import { judgeRun, writeOf, type StationHoldings, type Verdict } from './verdict';
import type { WarmWorkstations } from './warmPool';

export interface RunContext {
  backend: SoakBackend;
  proxy: LoopbackProxy;
  /** Scratch directory of the soak; each run uses files of its own in it. */
  dir: string;
  /** Warm workstation processes (the bundled entry, bundle.ts). */
  workstations: WarmWorkstations;
  /** No progress for this long while work remains: the run is stalled. */
  stallMs: number;
}

export type RunOutcome =
  | { kind: 'judged'; verdict: Verdict; recoveryMs: number; overtaken: number }
  | { kind: 'stalled'; what: string }
  | { kind: 'failed'; reason: string };

class Stalled extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One workstation of a run: its store on disk, and every process that ran on it. */
class Station {
  readonly file: string;
  readonly key = randomBytes(32).toString('hex');
  readonly incarnations: LineProcess[] = [];
  /** When the newest process said it had drained. */
  drainedAt: number | null = null;
  private target = 0;
  /** The next kill waits for the one before it (and its restart). */
  chain: Promise<void> = Promise.resolve();

  constructor(
    readonly index: number,
    readonly hsaId: string,
    readonly plan: StationPlan,
    private readonly run: RunState,
  ) {
    this.file = path.join(run.dir, `station-${index}.db`);
  }

  get current(): LineProcess {
    return this.incarnations.at(-1)!;
  }

  /** Notes reported signed by any of its processes: id → hash. */
  reported(): Map<string, string> {
    return new Map(this.incarnations.flatMap((proc) => [...proc.signed()]));
  }

  /** Starts a process on the store that writes what is still to write (all of it the first time). */
  start(): void {
    const notes = this.plan.notes - this.reported().size;
    this.target = Math.max(0, notes);
    this.drainedAt = null;
    const { ctx } = this.run;
    const proc = ctx.workstations.take(`workstation ${this.index + 1}.${this.incarnations.length + 1}`, [
      ...['--backend', ctx.proxy.url, '--store', this.file, '--key', this.key],
      ...['--hsa-id', this.hsaId, '--password', this.run.password],
      ...['--notes', String(this.target), '--every', String(this.plan.everyMs)],
      ...['--label', `${this.index + 1}.${this.incarnations.length + 1}`],
      ...['--case-update-every', String(this.plan.caseUpdateEvery)],
      ...['--batch-size', String(this.plan.batchSize)],
      ...[`--clock-offset-ms=${this.plan.clockOffsetMs}`, '--progress'],
      ...['--hold-file', this.run.holdFile, '--deadline-ms', String(10 * 60_000)],
      ...['--timeout-ms', '3000', '--silence-ms', '2000', '--max-retry-ms', '1000'],
    ]);
    proc.onLine = (line) => {
      this.run.progressed();
      if (line.drained === true && proc === this.current) this.drainedAt = Date.now();
    };
    this.incarnations.push(proc);
  }

  /** It has signed all it was to write (a killed process's rest is written by the next one). */
  get written(): boolean {
    return this.current.signed().size >= this.target;
  }

  async killAndRestart(downMs: number): Promise<void> {
    const proc = this.current;
    proc.kill();
    await proc.exited;
    this.run.progressed();
    await sleep(downMs);
    this.start();
  }

  /** What its store holds, read once its last process has exited. */
  holdings(): StationHoldings {
    const store = openWorkstationStore({ file: this.file, key: Buffer.from(this.key, 'hex') });
    try {
      const notes = store.signedNoteHashes();
      const writes = new Map<string, string>();
      for (const id of notes.keys()) {
        const write = writeOf(store.getNote(id)?.kontaktorsak ?? '');
        if (write !== null) writes.set(id, write);
      }
      return { notes, writes, reported: this.reported(), cases: store.listCases({ limit: 1000 }) };
    } finally {
      store.close();
    }
  }
}

class RunState {
  readonly dir: string;
  readonly holdFile: string;
  readonly password = `pw-${randomBytes(8).toString('hex')}`;
  lastProgressAt = Date.now();

  constructor(
    readonly ctx: RunContext,
    readonly tag: string,
  ) {
    this.dir = path.join(ctx.dir, tag);
    this.holdFile = path.join(this.dir, 'all-drained');
  }

  progressed(): void {
    this.lastProgressAt = Date.now();
  }

  /** Waits until `done()`; throws Stalled after stallMs without progress, or when a process failed by itself. */
  async until(done: () => boolean, what: string, stations: readonly Station[]): Promise<void> {
    while (!done()) {
      for (const station of stations) {
        const proc = station.current;
        if (!proc.running && proc.child.exitCode !== 0 && !proc.child.signalCode) {
          await proc.exited; // all of its stderr read
          throw new Error(
            `${proc.name} exited with ${proc.child.exitCode} ${what}: ${proc.errors.slice(-2000)}`,
          );
        }
      }
      if (Date.now() - this.lastProgressAt > this.ctx.stallMs) throw new Stalled(what);
      await sleep(10);
    }
  }
}

/** Runs one plan to its verdict; never throws for what a run finds (stalls and failures are outcomes). */
export async function soakRun(ctx: RunContext, plan: RunPlan, runIndex: number): Promise<RunOutcome> {
  const tag = `r${runIndex}-${randomBytes(4).toString('hex')}`;
  const run = new RunState(ctx, tag);
  const regionId = `soak-${tag}`;
  const nurseId = (n: string) => `SE2321000016-SOAK${tag.toUpperCase().replace(/-/g, '')}${n}`;
  const stations = plan.stations.map((s, i) => new Station(i, nurseId(`N${i + 1}`), s, run));
  const reader = nurseId('R1');
  const overtakenBefore = ctx.proxy.reorders.overtaken;
  ctx.backend.onLine = () => run.progressed();
  try {
    mkdirSync(run.dir, { recursive: true });
    await ctx.backend.createRegion(regionId, [
      ...stations.map((s) => ({ hsaId: s.hsaId, password: run.password })),
      { hsaId: reader, password: run.password },
    ]);
    stations.forEach((s) => s.start());
    await run.until(
      () => stations.every((s) => s.current.lines.some((l) => l.signedIn)),
      'before signing in',
      stations,
    );
    // Spares for the next run (and any restart) start while this one writes, which keeps the CPU idle.
    ctx.workstations.refill();
    const faults = plan.faults.map((fault) => strike(fault, ctx, stations, run));
    await Promise.all(faults);
    await run.until(() => stations.every((s) => s.written), 'while writing', stations);
    // Heal: the line passes again, the backend is up (a crash restarts it), killed workstations were restarted.
    ctx.proxy.endReordering();
    ctx.proxy.setMode('pass');
    const healedAt = Date.now();
    run.progressed();
    await run.until(() => stations.every((s) => s.drainedAt !== null), 'while draining', stations);
    const recoveryMs = Math.max(0, ...stations.map((s) => s.drainedAt! - healedAt));
    writeFileSync(run.holdFile, '');
    await run.until(
      () => stations.every((s) => s.current.lines.some((l) => l.final)),
      'in the last sync',
      stations,
    );
    for (const station of stations) await station.current.exitCode(30_000);
    const holdings = stations.map((s) => s.holdings());
    const onBackend = await pullRegion(ctx.backend.url, reader, run.password);
    return {
      kind: 'judged',
      verdict: judgeRun(holdings, onBackend),
      recoveryMs,
      overtaken: ctx.proxy.reorders.overtaken - overtakenBefore,
    };
  } catch (error) {
    if (error instanceof Stalled) return { kind: 'stalled', what: error.message };
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    ctx.backend.onLine = null;
    ctx.proxy.onClientData = null;
    ctx.proxy.endReordering();
    ctx.proxy.setMode('pass');
    for (const station of stations) for (const proc of station.incarnations) proc.kill();
    await Promise.all(stations.flatMap((s) => s.incarnations.map((proc) => proc.exited)));
    rmSync(run.dir, { recursive: true, force: true });
  }
}

/** Strikes one fault at its time (counted from when every workstation is writing) and returns once it is over. */
async function strike(fault: Fault, ctx: RunContext, stations: Station[], run: RunState): Promise<void> {
  await sleep(fault.atMs);
  const { proxy } = ctx;
  switch (fault.kind) {
    case 'kill-workstation': {
      const station = stations[fault.station]!;
      station.chain = station.chain.then(() => station.killAndRestart(fault.downMs));
      await station.chain;
      return;
    }
    case 'crash-backend':
      await crashMidPush(ctx, run);
      return;
    case 'cut':
      proxy.setMode('cut');
      await sleep(fault.forMs);
      if (proxy.mode === 'cut') proxy.setMode('pass');
      return;
    case 'stall':
      if (proxy.mode !== 'cut') proxy.setMode('stall');
      await sleep(fault.forMs);
      if (proxy.mode === 'stall') proxy.setMode('pass');
      return;
    case 'reorder':
      proxy.delayNextPush(fault.holdMs);
      await sleep(fault.holdMs);
      return;
  }
}

/** Backend crashes of one run happen one after the other. */
let crashing: Promise<void> = Promise.resolve();

/** kill -9 of the backend as a push comes in (or after a second and a half without one), then a restart. */
function crashMidPush(ctx: RunContext, run: RunState): Promise<void> {
  crashing = crashing
    .catch(() => undefined)
    .then(async () => {
      const { proxy, backend } = ctx;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1500);
        proxy.onClientData = (chunk) => {
          if (!chunk.includes('POST /api/v1/sync/push')) return;
          clearTimeout(timer);
          resolve();
        };
      });
      proxy.onClientData = null;
      const restarted = backend.crashAndRestart();
      // Connections to the dead backend go nowhere; new ones wait for the new one's port.
      proxy.dropAll();
      await restarted;
      proxy.retarget(backend.port);
      run.progressed();
    });
  return crashing;
}
