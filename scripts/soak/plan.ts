// The sync soak's fault plans: one run's plan (workstations, their clocks, the faults and when), drawn from a seed.
//
// Run i of a soak with seed S draws its plan from seed S + i, so `--seed <S + i> --runs 1` draws that run's
// plan again (the processes' own timing still varies from one execution to the next).
import { seededRng } from '../../core/identity/testNumbers';

export type FaultKind = 'kill-workstation' | 'crash-backend' | 'cut' | 'stall' | 'reorder';

export type Fault =
  /** kill -9 of one workstation, started again on the same store after `downMs`. */
  | { kind: 'kill-workstation'; atMs: number; station: number; downMs: number }
  /** kill -9 of the backend as the next push comes in, then a new backend on the same database. */
  | { kind: 'crash-backend'; atMs: number }
  /** Every connection cut and new ones refused for `forMs`. */
  | { kind: 'cut'; atMs: number; forMs: number }
  /** Connections kept open but nothing delivered for `forMs`, then delivered late. */
  | { kind: 'stall'; atMs: number; forMs: number }
  /** The next push held back `holdMs` while later ones pass it. */
  | { kind: 'reorder'; atMs: number; holdMs: number };

export interface StationPlan {
  notes: number;
  everyMs: number;
  batchSize: number;
  caseUpdateEvery: number;
  /** How far the workstation's clock is off the backend's (0: set right). */
  clockOffsetMs: number;
}

export interface RunPlan {
  seed: number;
  stations: StationPlan[];
  /** Ordered by when they strike, counted from the moment every workstation is writing. */
  faults: Fault[];
  /** About how long the writing lasts. */
  writeMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How often each kind is drawn: a backend crash costs a restart of several seconds, so it is rarer. */
const WEIGHTS: readonly [FaultKind, number][] = [
  ['kill-workstation', 3],
  ['crash-backend', 0.8],
  ['cut', 3],
  ['stall', 3],
  ['reorder', 3],
];

export function drawPlan(seed: number): RunPlan {
  const random = seededRng(seed);
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const stations = Array.from({ length: between(2, 3) }, (): StationPlan => {
    const skewed = random() < 0.5;
    const offset = between(2 * MINUTE, 6 * HOUR) * (random() < 0.5 ? -1 : 1);
    return {
      notes: between(10, 25),
      everyMs: between(20, 50),
      batchSize: between(1, 6),
      caseUpdateEvery: between(3, 8),
      clockOffsetMs: skewed ? offset : 0,
    };
  });
  const writeMs = Math.max(...stations.map((s) => s.notes * s.everyMs));
  const total = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  const drawKind = (): FaultKind => {
    let point = random() * total;
    for (const [kind, weight] of WEIGHTS) {
      point -= weight;
      if (point < 0) return kind;
    }
    return 'cut';
  };
  const faults = Array.from({ length: between(2, 4) }, (): Fault => {
    const atMs = between(0, Math.round(writeMs * 0.85));
    switch (drawKind()) {
      case 'kill-workstation':
        return {
          kind: 'kill-workstation',
          atMs,
          station: between(0, stations.length - 1),
          downMs: between(100, 600),
        };
      case 'crash-backend':
        return { kind: 'crash-backend', atMs };
      case 'stall':
        return { kind: 'stall', atMs, forMs: between(200, 2500) };
      case 'reorder':
        return { kind: 'reorder', atMs, holdMs: between(150, 1500) };
      default:
        return { kind: 'cut', atMs, forMs: between(100, 1000) };
    }
  }).sort((a, b) => a.atMs - b.atMs);
  return { seed, stations, faults, writeMs };
}

/** The plan in a few words, for the line printed per run (no patient data: there is none in a plan). */
export function describePlan(plan: RunPlan): string {
  const faults = plan.faults.map((fault) => {
    switch (fault.kind) {
      case 'kill-workstation':
        return `kill -9 workstation ${fault.station + 1}`;
      case 'crash-backend':
        return 'backend crash';
      case 'cut':
        return `cut ${fault.forMs} ms`;
      case 'stall':
        return `stall ${fault.forMs} ms`;
      case 'reorder':
        return `reorder ${fault.holdMs} ms`;
    }
  });
  const skews = plan.stations
    .map((s, i) => (s.clockOffsetMs === 0 ? null : `clock ${i + 1} ${formatOffset(s.clockOffsetMs)}`))
    .filter((text) => text !== null);
  const notes = plan.stations.reduce((sum, s) => sum + s.notes, 0);
  return `${plan.stations.length} workstations, ${notes} notes; ${[...faults, ...skews].join(', ')}`;
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  const minutes = Math.abs(ms) / MINUTE;
  return minutes >= 90 ? `${sign}${(minutes / 60).toFixed(1)} h` : `${sign}${Math.round(minutes)} min`;
}
