// The call simulator: the requested rate on the advice line's day, a red-flag share, valid generated numbers, patience and hang-ups.
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { TelephonyCallEnteredRequestSchema } from '../../../core/backend-api/calls';
import type { TelephonyCallEnteredRequest, TelephonyHangUpRequest } from '../../../core/backend-api/calls';
import { parsePatientId } from '../../../core/identity/patientId';
import { seededRng } from '../../../core/identity/testNumbers';
import {
  FLAT_DAY,
  SWEDISH_ADVICE_LINE_DAY,
  arrivalsBetween,
  parseRate,
  swedishHour,
} from '../../../backend/src/simulator/arrivals';
import { CALLER_LANGUAGES, simulatedCaller } from '../../../backend/src/simulator/callers';
import { startDemoSimulator } from '../../../backend/src/simulator/demo';
import { CallSimulator } from '../../../backend/src/simulator/simulator';
import type { TelephonyIngress } from '../../../backend/src/telephony/adapter';
import { describeEachEngine } from '../support/testBackend';
import { addNurse, queueOf, startAcdBackend } from './support';
import type { AcdTestBackend } from './support';

const HOUR = 3_600_000;
/** A Monday at 00:00 Swedish time (CET). */
const MONDAY = Date.parse('2026-03-02T00:00:00+01:00');

describe('arrivals', () => {
  it('read rates as nurses and planners write them', () => {
    expect(parseRate('170/h')).toBe(170);
    expect(parseRate('170')).toBe(170);
    expect(parseRate('3/min')).toBe(180);
    expect(parseRate('4800/day')).toBe(200);
    expect(() => parseRate('fast')).toThrow(/170\/h/);
    expect(() => parseRate('0/h')).toThrow(/more than 0/);
  });

  it('come at the requested rate over a day, within 5 %', () => {
    for (const seed of [1, 2, 3]) {
      const times = arrivalsBetween(MONDAY, MONDAY + 24 * HOUR, {
        ratePerHour: 170,
        rng: seededRng(seed),
      });
      expect(Math.abs(times.length - 170 * 24) / (170 * 24)).toBeLessThan(0.05);
      expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
    }
  });

  it('peak at 08–10 and 18–21 and are quiet at night, as the Swedish advice line is', () => {
    const times = arrivalsBetween(MONDAY, MONDAY + 7 * 24 * HOUR, { ratePerHour: 170, rng: seededRng(11) });
    const perHour = new Array<number>(24).fill(0);
    for (const t of times) perHour[swedishHour(t)]! += 1 / 7;
    const mean = perHour.reduce((a, b) => a + b, 0) / 24;
    expect(perHour[9]! / mean).toBeGreaterThan(1.7);
    expect(perHour[19]! / mean).toBeGreaterThan(1.4);
    expect(perHour[3]! / mean).toBeLessThan(0.3);
    expect(perHour[9]!).toBeGreaterThan(perHour[13]!);
    expect(perHour[19]!).toBeGreaterThan(perHour[15]!);
    // The curve's mean is 1, so "170/h" is the day's average.
    expect(SWEDISH_ADVICE_LINE_DAY.reduce((a, b) => a + b, 0) / 24).toBeCloseTo(1, 10);
  });

  it('can be flat, for demos and load tests', () => {
    const times = arrivalsBetween(MONDAY, MONDAY + 24 * HOUR, {
      ratePerHour: 60,
      curve: FLAT_DAY,
      rng: seededRng(5),
    });
    const night = times.filter((t) => swedishHour(t) < 6).length;
    expect(night / times.length).toBeGreaterThan(0.18);
    expect(night / times.length).toBeLessThan(0.32);
  });

  it('are the same for the same seed', () => {
    const run = () => arrivalsBetween(MONDAY, MONDAY + HOUR, { ratePerHour: 300, rng: seededRng(42) });
    expect(run()).toEqual(run());
  });
});

describe('simulated callers', () => {
  const rng = seededRng(2026);
  const today = new Date(MONDAY + 10 * HOUR);
  const callers = Array.from({ length: 3000 }, () => simulatedCaller({ rng, today }));

  it('have red flags about 6 % of the time, and those callers are red', () => {
    const flagged = callers.filter((c) => c.redFlag);
    expect(flagged.length / callers.length).toBeGreaterThan(0.045);
    expect(flagged.length / callers.length).toBeLessThan(0.075);
    for (const caller of flagged) {
      expect(caller.call.answers!.some((a) => a.answer === 'yes')).toBe(true);
    }
  });

  it('send phone-menu data the telephony API accepts, with valid generated personnummer', () => {
    let keyed = 0;
    for (const caller of callers) {
      const parsed = TelephonyCallEnteredRequestSchema.safeParse({
        ...caller.call,
        externalRef: 'x',
        regionId: 'skane',
      });
      expect(parsed.success).toBe(true);
      if (caller.call.personnummer !== undefined) {
        keyed++;
        const id = parsePatientId(caller.call.personnummer, { today });
        expect(id.ok).toBe(true);
        // Birth numbers from the tax agency's test series (980–999), never an ordinary person's.
        expect(Number(caller.call.personnummer.slice(8, 10))).toBeGreaterThanOrEqual(98);
      }
    }
    expect(keyed / callers.length).toBeGreaterThan(0.65);
    expect(keyed / callers.length).toBeLessThan(0.85);
  });

  it('speak mostly Swedish, some English, Arabic, Somali and Finnish', () => {
    const share = (language: string) =>
      callers.filter((c) => c.call.language === language).length / callers.length;
    expect(share('sv')).toBeGreaterThan(0.82);
    for (const { language } of CALLER_LANGUAGES) expect(share(language)).toBeGreaterThan(0);
  });

  it('ring from numbers reserved for fiction, and give up after minutes', () => {
    for (const caller of callers) {
      expect(caller.call.callerNumber).toMatch(/^\+46(7017406(0[5-9]|[1-9]\d)|3139006\d\d|4062804\d\d)$/);
    }
    const patience = callers.map((c) => c.patienceSeconds).sort((a, b) => a - b);
    const median = patience[Math.floor(patience.length / 2)]!;
    expect(median).toBeGreaterThan(180);
    expect(median).toBeLessThan(360);
  });
});

describe('the simulator run', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rings at the rate in simulated time, and callers nobody answers hang up when their patience runs out', async () => {
    vi.useFakeTimers({ now: MONDAY + 12 * HOUR });
    const entered: TelephonyCallEnteredRequest[] = [];
    const hungUp: Array<{ ref: string; request?: TelephonyHangUpRequest }> = [];
    const ingress: TelephonyIngress = {
      callEntered: async (call) => {
        entered.push(call);
        return {
          callId: `00000000-0000-4000-8000-${String(entered.length).padStart(12, '0')}`,
          queueId: call.regionId,
          urgencyClass: 'green',
          redFlags: [],
        };
      },
      callerHungUp: async (ref, request) => {
        hungUp.push({ ref, request });
        return { outcome: 'abandoned', state: 'abandoned' };
      },
    };
    const simulator = new CallSimulator({
      regionIds: ['skane', 'gotland'],
      ratePerHour: 120,
      curve: 'flat',
      seed: 9,
      ingress,
    });
    simulator.start();
    // Answer the first call of each region as a nurse would (within seconds): its caller then never hangs up.
    for (
      let s = 0;
      s < 600 && !['skane', 'gotland'].every((r) => entered.some((c) => c.regionId === r));
      s++
    ) {
      await vi.advanceTimersByTimeAsync(1_000);
    }
    const answered = ['skane', 'gotland'].map((region) => entered.findIndex((c) => c.regionId === region));
    for (const index of answered) {
      await simulator.connectNurse({
        callId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
        externalRef: entered[index]!.externalRef,
        kind: 'inbound',
        callerNumber: entered[index]!.callerNumber,
      });
    }
    await vi.advanceTimersByTimeAsync(HOUR - (Date.now() - (MONDAY + 12 * HOUR)));
    await simulator.stop();
    const perRegion = (region: string) => entered.filter((c) => c.regionId === region).length;
    // 120/h for an hour, per region: Poisson, so within a generous band.
    for (const region of ['skane', 'gotland']) {
      expect(perRegion(region)).toBeGreaterThan(90);
      expect(perRegion(region)).toBeLessThan(150);
    }
    expect(new Set(entered.map((c) => c.externalRef)).size).toBe(entered.length);
    expect(hungUp.every((h) => h.request?.ifStillWaiting === true)).toBe(true);
    const hungUpRefs = new Set(hungUp.map((h) => h.ref));
    for (const index of answered) expect(hungUpRefs.has(entered[index]!.externalRef)).toBe(false);
    // Most of the rest have given up within the hour (the median patience is about five minutes).
    expect(hungUp.length).toBeGreaterThan(entered.length * 0.6);
    expect(simulator.stats.entered).toBe(entered.length);
    // Stopped means stopped.
    const count = entered.length;
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(entered.length).toBe(count);
  });
});

describeEachEngine('the simulator in the embedded demo', (engine) => {
  let backend: AcdTestBackend;
  beforeAll(async () => {
    backend = await startAcdBackend(engine);
  });
  afterAll(() => backend?.close());

  it("puts calls in the demo region's queue through the ACD, and clears its own leftovers on restart", async () => {
    const nurse = await addNurse(backend, { regionId: 'demo-sim' });
    const running = await startDemoSimulator(backend, {
      regionIds: ['demo-sim'],
      ratePerHour: 36_000,
      seed: 3,
    });
    await vi.waitFor(
      async () => {
        expect((await queueOf(backend, nurse)).queues[0]!.waitingCount).toBeGreaterThanOrEqual(3);
      },
      { timeout: 10_000, interval: 100 },
    );
    await running.stop();
    const view = (await queueOf(backend, nurse)).queues[0]!;
    expect(view.calls.every((c) => c.regionId === 'demo-sim' && c.kind === 'inbound')).toBe(true);
    // A new run hangs up the callers the stopped one left behind.
    const again = await startDemoSimulator(backend, { regionIds: ['demo-sim'], ratePerHour: 1, seed: 4 });
    await again.stop();
    expect((await queueOf(backend, nurse)).queues[0]!.waitingCount).toBe(0);
  });
});
