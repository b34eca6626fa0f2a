// The shift soak's figures and targets: memory samples, step latencies, growth and a met/NOT met verdict per target.
import { percentile } from './verdict';

/** What the soak reads every 10 calls, always in the same screen state (the Samtal section, available). */
export interface ShiftSample {
  /** Calls finished when sampled (0: signed in, before the first call). */
  call: number;
  /** JS heap used after a forced GC, bytes. */
  heapBytes: number;
  documents: number;
  nodes: number;
  listeners: number;
  webSockets: number;
  /** Resident set of the page's renderer process, bytes (null when it could not be read). */
  rendererRssBytes: number | null;
  /** Resident set of the browser host (main) process, bytes. */
  hostRssBytes: number | null;
}

export const STEPS = ['accept', 'search', 'answer', 'end', 'sign'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_LABELS: Record<Step, string> = {
  accept: 'F2 accept → case shown',
  search: 'keystroke → search results',
  answer: 'answer → next question',
  end: 'F8 end → after-call work',
  sign: 'Ctrl+Enter sign → available',
};

/** The parts of a call, in order, for where its wall time goes (Playwright's typing and waits included). */
export const PHASES = ['ring', 'accept', 'search', 'questions', 'note', 'endAndSign', 'back'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  ring: 'call injected → offer shown',
  accept: 'F2 → case and triage ready',
  search: 'Ctrl+K, typing, Enter → first question',
  questions: 'context and answers → level saved',
  note: 'typing the note → draft saved',
  endAndSign: 'F8, Ctrl+Enter → available',
  back: 'Alt+1 → Samtal section',
};

/** One finished call's latencies in ms; a step measured several times in a call has several values. */
export interface CallTimings {
  call: number;
  steps: Record<Step, number[]>;
  /** Wall time of each part of the call, ms (absent in made-up series). */
  phases?: Record<Phase, number>;
  /** Wall time of the whole call, from injecting it to back in the Samtal section. */
  totalMs: number;
}

/** The call whose sample is the baseline for heap, DOM nodes and listeners. */
export const BASELINE_CALL = 20;
export const HEAP_GROWTH_LIMIT_PERCENT = 5;
export const P95_GROWTH_LIMIT_PERCENT = 20;
/** "Back to baseline" allows this many nodes or listeners more or fewer than at the baseline sample. */
export const NODE_TOLERANCE = 20;
export const LISTENER_TOLERANCE = 5;
export const EARLY_WINDOW = { from: 11, to: 60 } as const;
export const LATE_WINDOW_CALLS = 50;

export interface TargetResult {
  name: string;
  met: boolean;
  detail: string;
}

export interface ShiftFigures {
  samples: readonly ShiftSample[];
  timings: readonly CallTimings[];
  failures: number;
  /** Calls the soak was asked for (the late window ends at the last one done). */
  calls: number;
}

const percentText = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} %`;
export const mb = (bytes: number | null) => (bytes === null ? '–' : (bytes / 2 ** 20).toFixed(1));

export function growthPercent(from: number, to: number): number {
  return from === 0 ? (to === 0 ? 0 : Number.POSITIVE_INFINITY) : ((to - from) / from) * 100;
}

/** p95 of a step's values over the calls numbered from…to (inclusive). */
export function stepP95(timings: readonly CallTimings[], step: Step, from: number, to: number): number {
  const values = timings
    .filter((t) => t.call >= from && t.call <= to)
    .flatMap((t) => t.steps[step])
    .sort((a, b) => a - b);
  return percentile(values, 95);
}

/** The calls of the two latency windows: 11–60, and the last 50 done. */
export function latencyWindows(timings: readonly CallTimings[]) {
  const last = Math.max(0, ...timings.map((t) => t.call));
  return {
    early: { from: EARLY_WINDOW.from, to: Math.min(EARLY_WINDOW.to, last) },
    late: { from: Math.max(1, last - LATE_WINDOW_CALLS + 1), to: last },
  };
}

export function judgeShift(figures: ShiftFigures): TargetResult[] {
  const { samples, timings, failures } = figures;
  const results: TargetResult[] = [];
  const baseline = samples.find((s) => s.call === BASELINE_CALL);
  const last = samples.reduce<ShiftSample | undefined>((a, s) => (a && a.call > s.call ? a : s), undefined);
  if (!baseline || !last || last.call <= BASELINE_CALL) {
    const why = `no samples at call ${BASELINE_CALL} and after it`;
    results.push({ name: 'heap after GC', met: false, detail: why });
    results.push({ name: 'DOM nodes', met: false, detail: why });
    results.push({ name: 'event listeners', met: false, detail: why });
  } else {
    const heap = growthPercent(baseline.heapBytes, last.heapBytes);
    results.push({
      name: 'heap after GC',
      met: heap <= HEAP_GROWTH_LIMIT_PERCENT,
      detail:
        `call ${baseline.call} → ${last.call}: ${mb(baseline.heapBytes)} → ${mb(last.heapBytes)} MB ` +
        `(${percentText(heap)}, ${perCall(baseline, last)}; target ≤ +${HEAP_GROWTH_LIMIT_PERCENT} %)`,
    });
    const after = samples.filter((s) => s.call >= BASELINE_CALL);
    results.push(backToBaseline('DOM nodes', after, baseline, last, (s) => s.nodes, NODE_TOLERANCE));
    results.push(
      backToBaseline('event listeners', after, baseline, last, (s) => s.listeners, LISTENER_TOLERANCE),
    );
  }
  const { early, late } = latencyWindows(timings);
  for (const step of STEPS) {
    const before = stepP95(timings, step, early.from, early.to);
    const now = stepP95(timings, step, late.from, late.to);
    const change = growthPercent(before, now);
    const known = Number.isFinite(before) && Number.isFinite(now) && !Number.isNaN(change);
    results.push({
      name: `p95 ${STEP_LABELS[step]}`,
      met: known && change <= P95_GROWTH_LIMIT_PERCENT,
      detail: known
        ? `calls ${early.from}–${early.to}: ${Math.round(before)} ms, calls ${late.from}–${late.to}: ` +
          `${Math.round(now)} ms (${percentText(change)}; target ≤ +${P95_GROWTH_LIMIT_PERCENT} %)`
        : 'not measured',
    });
  }
  results.push({
    name: 'failures',
    met: failures === 0 && timings.length === figures.calls,
    detail: `${failures} failed, ${timings.length} of ${figures.calls} calls completed (target 0 failed)`,
  });
  return results;
}

function perCall(from: ShiftSample, to: ShiftSample): string {
  const perCallBytes = (to.heapBytes - from.heapBytes) / (to.call - from.call);
  const sign = perCallBytes >= 0 ? '+' : '−';
  return `${sign}${(Math.abs(perCallBytes) / 1024).toFixed(1)} kB per call`;
}

function backToBaseline(
  name: string,
  after: readonly ShiftSample[],
  baseline: ShiftSample,
  last: ShiftSample,
  value: (s: ShiftSample) => number,
  tolerance: number,
): TargetResult {
  const worst = after.reduce((a, s) =>
    Math.abs(value(s) - value(baseline)) > Math.abs(value(a) - value(baseline)) ? s : a,
  );
  const off = value(worst) - value(baseline);
  return {
    name,
    met: Math.abs(off) <= tolerance,
    detail:
      `baseline (call ${baseline.call}) ${value(baseline)}, last (call ${last.call}) ${value(last)}, ` +
      `farthest ${value(worst)} at call ${worst.call} (${off >= 0 ? '+' : '−'}${Math.abs(off)}; ` +
      `target within ±${tolerance} at every sample from call ${baseline.call})`,
  };
}

export function shiftFailed(results: readonly TargetResult[]): boolean {
  return results.some((r) => !r.met);
}

/** The series, the latency windows and the verdict, as printed at the end. */
export function formatShift(figures: ShiftFigures, results: readonly TargetResult[]): string {
  const lines = ['Samples (Samtal section, available; heap after GC):'];
  lines.push('  call  heap MB  docs  nodes  listeners  websockets  renderer RSS MB  host RSS MB');
  for (const s of figures.samples) {
    lines.push(
      `  ${pad(s.call, 4)}  ${pad(mb(s.heapBytes), 7)}  ${pad(s.documents, 4)}  ${pad(s.nodes, 5)}  ` +
        `${pad(s.listeners, 9)}  ${pad(s.webSockets, 10)}  ${pad(mb(s.rendererRssBytes), 15)}  ` +
        `${pad(mb(s.hostRssBytes), 11)}`,
    );
  }
  const { early, late } = latencyWindows(figures.timings);
  const all = { from: 1, to: Math.max(0, ...figures.timings.map((t) => t.call)) };
  lines.push('', 'Step latencies, ms (p50 / p95 / max):');
  lines.push(
    `  ${'step'.padEnd(30)} ${`calls ${early.from}–${early.to}`.padEnd(20)} ` +
      `${`calls ${late.from}–${late.to}`.padEnd(20)} all calls`,
  );
  const window = (step: Step, w: { from: number; to: number }) => {
    const v = figures.timings
      .filter((t) => t.call >= w.from && t.call <= w.to)
      .flatMap((t) => t.steps[step])
      .sort((a, b) => a - b);
    if (v.length === 0) return '–';
    return `${Math.round(percentile(v, 50))} / ${Math.round(percentile(v, 95))} / ${Math.round(v.at(-1)!)}`;
  };
  for (const step of STEPS)
    lines.push(
      `  ${STEP_LABELS[step].padEnd(30)} ${window(step, early).padEnd(20)} ${window(step, late).padEnd(20)} ` +
        window(step, all),
    );
  const totals = figures.timings.map((t) => t.totalMs).sort((a, b) => a - b);
  if (totals.length > 0)
    lines.push(
      `  ${'whole call (ring → Samtal)'.padEnd(30)} p50 ${Math.round(percentile(totals, 50))}, ` +
        `p95 ${Math.round(percentile(totals, 95))}, max ${Math.round(totals.at(-1)!)}`,
    );
  const phased = figures.timings.filter((t) => t.phases !== undefined);
  if (phased.length > 0) {
    lines.push('', `Where a call's time goes (mean ms over ${phased.length} calls):`);
    for (const phase of PHASES) {
      const mean = phased.reduce((sum, t) => sum + t.phases![phase], 0) / phased.length;
      lines.push(`  ${PHASE_LABELS[phase].padEnd(40)} ${pad(Math.round(mean), 6)}`);
    }
  }
  lines.push('', 'Targets:');
  for (const r of results) lines.push(`  ${r.met ? 'met    ' : 'NOT met'}  ${r.name}: ${r.detail}`);
  lines.push('', `verdict: ${shiftFailed(results) ? 'NOT met' : 'all targets met'}`);
  return lines.join('\n');
}

function pad(value: number | string, width: number): string {
  return String(value).padStart(width);
}
