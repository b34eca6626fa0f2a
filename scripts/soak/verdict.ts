// The sync soak's checks after a run (lost, duplicated, altered, diverged) and the figures over all runs, without any patient data.
import { canonicalJson, type Case, type PulledRecord } from '../../core/case';

/** What one workstation holds and said once everything was healed and drained. */
export interface StationHoldings {
  /** Signed notes in its store: id → content hash. */
  notes: Map<string, string>;
  /** The write each signed note in its store came from (the label in kontaktorsak), id → write. */
  writes: Map<string, string>;
  /** Notes its processes reported signed (committed on disk): id → content hash. */
  reported: Map<string, string>;
  cases: Case[];
}

export interface Verdict {
  /** Signed on a workstation (in its store, or reported) but not on the backend. */
  lost: number;
  /** A note id twice on the backend, or two ids for one write (on the backend or in a store). */
  duplicated: number;
  /** On the backend with another content hash than a workstation signed. */
  altered: number;
  /** Backend notes or case versions a workstation lacks or holds otherwise after its last sync. */
  diverged: number;
}

/** The write a note came from: the workstation process writes "samtal <label>-<i>." into kontaktorsak. */
export function writeOf(kontaktorsak: string): string | null {
  return /samtal (\S+)\.$/.exec(kontaktorsak)?.[1] ?? null;
}

function extraIdsPerWrite(writes: Iterable<[string, string]>): number {
  const idsByWrite = new Map<string, Set<string>>();
  for (const [id, write] of writes) idsByWrite.set(write, (idsByWrite.get(write) ?? new Set()).add(id));
  let extra = 0;
  for (const ids of idsByWrite.values()) extra += ids.size - 1;
  return extra;
}

export function judgeRun(stations: readonly StationHoldings[], backend: readonly PulledRecord[]): Verdict {
  const onBackend = new Map<string, string>();
  const backendWrites = new Map<string, string>();
  const backendCases = new Map<string, string>();
  let duplicated = 0;
  for (const record of backend) {
    if (record.entity === 'case') {
      if (backendCases.has(record.payload.id)) duplicated += 1;
      backendCases.set(record.payload.id, canonicalJson(record.payload));
      continue;
    }
    if (onBackend.has(record.payload.id)) duplicated += 1;
    onBackend.set(record.payload.id, record.contentHash);
    const write = writeOf(record.payload.kontaktorsak);
    if (write !== null) backendWrites.set(record.payload.id, write);
  }
  duplicated += extraIdsPerWrite(backendWrites);

  const lost = new Set<string>();
  const altered = new Set<string>();
  let diverged = 0;
  for (const station of stations) {
    duplicated += extraIdsPerWrite(station.writes);
    for (const held of [station.notes, station.reported]) {
      for (const [id, hash] of held) {
        const there = onBackend.get(id);
        if (there === undefined) lost.add(id);
        else if (there !== hash) altered.add(id);
      }
    }
    // Reported notes missing from the store count as lost above only if the backend lacks them too.
    for (const id of station.reported.keys()) if (!station.notes.has(id) && onBackend.has(id)) diverged += 1;
    for (const id of onBackend.keys()) if (!station.notes.has(id)) diverged += 1;
    const heldCases = new Map(station.cases.map((c) => [c.id, canonicalJson(c)]));
    for (const [id, document] of backendCases) if (heldCases.get(id) !== document) diverged += 1;
    for (const id of heldCases.keys()) if (!backendCases.has(id)) diverged += 1;
  }
  return { lost: lost.size, duplicated, altered: altered.size, diverged };
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface SoakTotals extends Verdict {
  runs: number;
  stalled: number;
  /** Runs that could not be judged: a process failed by itself, or the soak could not read the backend. */
  failed: number;
  recoveriesMs: number[];
}

export function emptyTotals(): SoakTotals {
  return {
    runs: 0,
    lost: 0,
    duplicated: 0,
    altered: 0,
    diverged: 0,
    stalled: 0,
    failed: 0,
    recoveriesMs: [],
  };
}

export function soakFailed(totals: SoakTotals): boolean {
  return (
    totals.lost + totals.duplicated + totals.altered + totals.diverged + totals.stalled + totals.failed > 0
  );
}

/** The block printed at the end; the soak's test reads these lines. */
export function formatTotals(totals: SoakTotals, seed: number, faults: string, engine: string): string {
  const sorted = [...totals.recoveriesMs].sort((a, b) => a - b);
  const ms = (value: number) => (Number.isNaN(value) ? '–' : `${Math.round(value)} ms`);
  return [
    `Sync soak (backend on ${engine})`,
    `runs: ${totals.runs}`,
    `lost: ${totals.lost}`,
    `duplicated: ${totals.duplicated}`,
    `altered: ${totals.altered}`,
    `diverged: ${totals.diverged}`,
    `stalled: ${totals.stalled}`,
    `failed: ${totals.failed}`,
    `slowest recovery: ${ms(sorted.at(-1) ?? Number.NaN)}`,
    `recovery p50: ${ms(percentile(sorted, 50))}, p95: ${ms(percentile(sorted, 95))} (heal → all drained, ${sorted.length} runs)`,
    `faults: ${faults}`,
    `seed: ${seed}`,
    `verdict: ${soakFailed(totals) ? 'FAILED' : 'passed'}`,
  ].join('\n');
}
