// The shift soak's pure parts: its command line (defaults, refusals by name) and the verdict over made-up series.
import { describe, expect, it } from 'vitest';
import { parseShiftOptions, ShiftOptionError, soakNurse } from '../../scripts/soak/shiftOptions';
import {
  formatShift,
  growthPercent,
  judgeShift,
  shiftFailed,
  stepP95,
  type CallTimings,
  type ShiftFigures,
  type ShiftSample,
  type Step,
} from '../../scripts/soak/shiftVerdict';

const MB = 2 ** 20;

function sample(call: number, heapMb: number, nodes = 900, listeners = 300): ShiftSample {
  return {
    call,
    heapBytes: heapMb * MB,
    documents: 1,
    nodes,
    listeners,
    webSockets: 1,
    rendererRssBytes: 200 * MB,
    hostRssBytes: 300 * MB,
  };
}

/** Calls 1…n, each step taking `ms(call)` once (the answer step four times). */
function timings(n: number, ms: (call: number, step: Step) => number): CallTimings[] {
  return Array.from({ length: n }, (_, i) => {
    const call = i + 1;
    return {
      call,
      steps: {
        accept: [ms(call, 'accept')],
        search: [ms(call, 'search')],
        answer: [1, 2, 3, 4].map(() => ms(call, 'answer')),
        end: [ms(call, 'end')],
        sign: [ms(call, 'sign')],
      },
      totalMs: 10_000,
    };
  });
}

const flatSamples = (calls: number, heapAt: (call: number) => number) =>
  Array.from({ length: calls / 10 + 1 }, (_, i) => sample(i * 10, heapAt(i * 10)));

describe('shift soak options', () => {
  it('has the documented defaults', () => {
    expect(parseShiftOptions([], () => 0.5)).toEqual({
      kind: 'run',
      options: { calls: 300, ratePerHour: null, regionId: 'skane', seed: 2 ** 31, headed: false },
    });
  });

  it('takes every option', () => {
    const parsed = parseShiftOptions([
      '--calls',
      '30',
      '--rate',
      '300',
      '--region',
      'kalmar',
      '--seed',
      '7',
      '--headed',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      options: { calls: 30, ratePerHour: 300, regionId: 'kalmar', seed: 7, headed: true },
    });
    expect(parseShiftOptions(['--help'])).toEqual({ kind: 'help' });
    expect(soakNurse('kalmar')).toBe('SE2321000016-KALN1');
  });

  it.each([
    [['--calls', '29'], /--calls must be a whole number ≥ 30.*'29'/],
    [['--calls', '3.5'], /--calls .*'3\.5'/],
    [['--calls', 'many'], /--calls .*'many'/],
    [['--rate', '0'], /--rate must be calls per hour, a number > 0, not '0'/],
    [['--rate', 'fast'], /--rate .*'fast'/],
    [['--region', 'narnia'], /--region must be a demo region \(.*skane.*\), not 'narnia'/],
    [['--seed=-1'], /--seed must be an integer/],
    [['--seed', '4294967296'], /--seed must be an integer from 0 to 4294967295, not '4294967296'/],
    [['--speed', '3'], /--speed/],
  ])('refuses %j by name', (args, message) => {
    expect(() => parseShiftOptions(args)).toThrow(ShiftOptionError);
    expect(() => parseShiftOptions(args)).toThrow(message);
  });
});

describe('shift soak verdict', () => {
  const steady = timings(300, () => 100);

  it('meets every target for a flat shift', () => {
    const figures: ShiftFigures = {
      samples: flatSamples(300, (call) => (call < 20 ? 10 : 20 + call * 0.002)),
      timings: steady,
      failures: 0,
      calls: 300,
    };
    const results = judgeShift(figures);
    expect(results.filter((r) => !r.met)).toEqual([]);
    expect(shiftFailed(results)).toBe(false);
    const printed = formatShift(figures, results);
    expect(printed).toMatch(/met +heap after GC: call 20 → 300: 20\.0 → 20\.6 MB \(\+2\.8 %/);
    expect(printed).toMatch(/^verdict: all targets met$/m);
  });

  it("prints where a call's time goes when the calls were timed by part", () => {
    const parts = {
      ring: 300,
      accept: 900,
      search: 1200,
      questions: 2000,
      note: 2500,
      endAndSign: 700,
      back: 400,
    };
    const timed = steady.map((t) => ({ ...t, phases: { ...parts, note: t.call <= 150 ? 2000 : 3000 } }));
    const figures = { samples: flatSamples(300, () => 20), timings: timed, failures: 0, calls: 300 };
    const printed = formatShift(figures, judgeShift(figures));
    expect(printed).toContain("Where a call's time goes (mean ms over 300 calls):");
    expect(printed).toMatch(/^ {2}typing the note → draft saved +2500$/m);
    expect(printed).toMatch(/^ {2}call injected → offer shown +300$/m);
  });

  it('fails a heap that grows more than 5 % from call 20 to the last call', () => {
    // 20 MB at call 20, +10 kB per call: 22.7 MB at call 300, +13.7 %.
    const figures = {
      samples: flatSamples(300, (call) => 20 + (Math.max(0, call - 20) * 10) / 1024),
      timings: steady,
      failures: 0,
      calls: 300,
    };
    const heap = judgeShift(figures).find((r) => r.name === 'heap after GC')!;
    expect(heap.met).toBe(false);
    expect(heap.detail).toContain('+13.7 %');
    expect(heap.detail).toContain('+10.0 kB per call');
    expect(formatShift(figures, judgeShift(figures))).toMatch(/^verdict: NOT met$/m);
  });

  it('fails DOM nodes or listeners that do not come back to the baseline at any later sample', () => {
    const samples = flatSamples(100, () => 20);
    samples[5] = sample(50, 20, 900 + 21, 300);
    samples[7] = sample(70, 20, 900, 300 - 6);
    const results = judgeShift({ samples, timings: timings(100, () => 100), failures: 0, calls: 100 });
    expect(results.find((r) => r.name === 'DOM nodes')).toMatchObject({ met: false });
    expect(results.find((r) => r.name === 'DOM nodes')!.detail).toContain('farthest 921 at call 50 (+21');
    expect(results.find((r) => r.name === 'event listeners')).toMatchObject({ met: false });
    // Within the tolerance is back.
    samples[5] = sample(50, 20, 900 + 20, 300);
    samples[7] = sample(70, 20, 900, 300 - 5);
    const within = judgeShift({ samples, timings: timings(100, () => 100), failures: 0, calls: 100 });
    expect(within.filter((r) => !r.met)).toEqual([]);
  });

  it('compares each step p95 over the last 50 calls with calls 11–60', () => {
    // Accept slows from 100 ms to 125 ms after call 250: +25 %, not met; search slows 15 %: met.
    const slower = timings(300, (call, step) =>
      call > 250 && step === 'accept' ? 125 : call > 250 && step === 'search' ? 115 : 100,
    );
    expect(stepP95(slower, 'accept', 11, 60)).toBe(100);
    expect(stepP95(slower, 'accept', 251, 300)).toBe(125);
    const results = judgeShift({
      samples: flatSamples(300, () => 20),
      timings: slower,
      failures: 0,
      calls: 300,
    });
    const accept = results.find((r) => r.name === 'p95 F2 accept → case shown')!;
    expect(accept.met).toBe(false);
    expect(accept.detail).toBe('calls 11–60: 100 ms, calls 251–300: 125 ms (+25.0 %; target ≤ +20 %)');
    expect(results.find((r) => r.name === 'p95 keystroke → search results')!.met).toBe(true);
  });

  it('takes p95 by nearest rank, so a few slow calls in the window count', () => {
    // 50 calls with 4 answers each: 200 values, 11 of them slow; rank 190 is slow.
    const spiky = timings(60, (call) => (call === 60 ? 900 : 100));
    spiky[58]!.steps.answer = [900, 900, 900, 900];
    spiky[57]!.steps.answer = [900, 900, 900, 100];
    expect(stepP95(spiky, 'answer', 11, 60)).toBe(900);
    expect(growthPercent(100, 125)).toBe(25);
  });

  it('fails a shift with a failed call or without a sample after the baseline', () => {
    const failed = judgeShift({
      samples: flatSamples(300, () => 20),
      timings: steady.slice(1),
      failures: 1,
      calls: 300,
    });
    expect(failed.find((r) => r.name === 'failures')).toEqual({
      name: 'failures',
      met: false,
      detail: '1 failed, 299 of 300 calls completed (target 0 failed)',
    });
    const short = judgeShift({
      samples: flatSamples(10, () => 20),
      timings: steady.slice(0, 10),
      failures: 0,
      calls: 10,
    });
    expect(short.find((r) => r.name === 'heap after GC')).toMatchObject({ met: false });
  });
});
