// Queue metrics on a hand-checked hour of events, plus invariants over generated call streams.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeQueueMetrics,
  describeMetric,
  METRIC_DEFINITIONS,
  QueueEventSchema,
} from '../../../core/queue/metrics';
import type { QueueEvent, QueueMetricsOptions } from '../../../core/queue/metrics';
import type { NursePresence } from '../../../core/queue/presence';

const T0 = Date.UTC(2025, 5, 16, 8, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;
const HOUR: QueueMetricsOptions = {
  from: s(0),
  to: s(3600),
  serviceLevelSeconds: 120,
  shortAbandonSeconds: 10,
};

const entered = (
  callId: string,
  at: number,
  extra: { redFlags?: string[]; queueId?: string } = {},
): QueueEvent => ({
  type: 'call-entered-queue',
  at: s(at),
  callId,
  queueId: extra.queueId ?? 'skane',
  urgencyClass: extra.redFlags?.length ? 'red' : 'yellow',
  redFlags: extra.redFlags ?? [],
});
const answered = (callId: string, at: number, nurseId: string): QueueEvent => ({
  type: 'call-answered',
  at: s(at),
  callId,
  nurseId,
});
const offered = (callId: string, at: number, nurseId: string): QueueEvent => ({
  type: 'call-offered',
  at: s(at),
  callId,
  nurseId,
});
const abandoned = (callId: string, at: number): QueueEvent => ({ type: 'call-abandoned', at: s(at), callId });
const ended = (callId: string, at: number, nurseId: string): QueueEvent => ({
  type: 'call-ended',
  at: s(at),
  callId,
  nurseId,
});
const acwEnded = (callId: string, at: number, nurseId: string): QueueEvent => ({
  type: 'after-call-work-ended',
  at: s(at),
  callId,
  nurseId,
});
const presence = (nurseId: string, at: number, state: NursePresence): QueueEvent => ({
  type: 'nurse-presence-changed',
  at: s(at),
  nurseId,
  presence: state,
});

// One hour (08:00–09:00) in seconds from 08:00; the expected figures are worked out by hand below.
const HOUR_EVENTS: QueueEvent[] = [
  // c7 entered before the window: not in the queue-side figures, but its handling ends inside it.
  entered('c7', -200),
  presence('n1', -600, 'available'),
  presence('n2', -300, 'available'),
  presence('n3', -1000, 'offline'),
  answered('c7', 10, 'n2'),
  presence('n2', 10, 'on-call'),
  ended('c7', 310, 'n2'),
  presence('n2', 310, 'after-call-work'),
  acwEnded('c7', 370, 'n2'),
  presence('n2', 370, 'available'),
  // c1: answered after 60 s (in time), 300 s talk, 60 s after-call work.
  entered('c1', 0),
  answered('c1', 60, 'n1'),
  presence('n1', 60, 'on-call'),
  ended('c1', 360, 'n1'),
  presence('n1', 360, 'after-call-work'),
  acwEnded('c1', 420, 'n1'),
  presence('n1', 420, 'available'),
  // c2: rings out at n2, answered by n1 after 410 s (late), 300 s talk, 120 s after-call work.
  entered('c2', 30),
  offered('c2', 100, 'n2'),
  offered('c2', 430, 'n1'),
  answered('c2', 440, 'n1'),
  presence('n1', 440, 'on-call'),
  ended('c2', 740, 'n1'),
  presence('n1', 740, 'after-call-work'),
  acwEnded('c2', 860, 'n1'),
  presence('n1', 860, 'available'),
  presence('n1', 2000, 'break'),
  presence('n1', 2600, 'available'),
  // c3 hangs up after 5 s (short abandon); c4 after 300 s.
  entered('c3', 50),
  abandoned('c3', 55),
  entered('c4', 100),
  abandoned('c4', 400),
  // c5 (chest pain) has waited 600 s at 09:00; c6 only 50 s.
  entered('c5', 3000, { redFlags: ['chest-pain'] }),
  entered('c6', 3550),
  // c8 answered after 100 s; its talk runs past 09:00, so that end is not seen.
  entered('c8', 3400),
  answered('c8', 3500, 'n2'),
  presence('n2', 3500, 'on-call'),
  ended('c8', 3700, 'n2'),
  // c9 is in the overflow queue.
  entered('c9', 200, { queueId: 'overflow' }),
  answered('c9', 210, 'n4'),
  // An answer for a call never seen entering.
  answered('ghost', 500, 'n2'),
];

describe('computeQueueMetrics on a hand-checked hour', () => {
  const m = computeQueueMetrics(HOUR_EVENTS, { ...HOUR, queueId: 'skane' });

  it('counts calls offered to the queue, answered and abandoned', () => {
    // Entered 08:00–09:00 in skane: c1 c2 c3 c4 c5 c6 c8.
    expect([m.callsOffered, m.callsAnswered, m.callsAbandoned, m.shortAbandons]).toEqual([7, 3, 2, 1]);
  });

  it('service level: 2 answered in time of 5 that count (c3 short abandon and c6 still undecided left out)', () => {
    // In time: c1 (60 s), c8 (100 s). Missed: c2 (410 s), c4 (abandoned after 300 s), c5 (waiting 600 s).
    expect(m.answeredWithinServiceLevel).toBe(2);
    expect(m.serviceLevelBase).toBe(5);
    expect(m.serviceLevel).toBe(0.4);
  });

  it('ASA is the mean wait of answered calls; abandon rate is abandoned / offered', () => {
    expect(m.averageSpeedOfAnswerSeconds).toBe((60 + 410 + 100) / 3);
    expect(m.abandonRate).toBe(2 / 7);
  });

  it('AHT covers the calls whose after-call work ended in the hour, including c7 that entered before it', () => {
    expect(m.callsHandled).toBe(3);
    expect(m.averageTalkSeconds).toBe(300);
    expect(m.averageAfterCallWorkSeconds).toBe((60 + 120 + 60) / 3);
    expect(m.averageHandleTimeSeconds).toBe(380);
  });

  it('occupancy: handling time over handling plus available time; breaks and offline time do not count', () => {
    // n1: handling 300+60+300+120 = 780, available 60+20+1140+1000 = 2220 (600 s break left out).
    // n2: handling 300+60+100 = 460, available 10+3130 = 3140. n3 offline all hour.
    expect(m.handlingSeconds).toBe(1240);
    expect(m.availableSeconds).toBe(5360);
    expect(m.occupancy).toBe(1240 / 6600);
  });

  it('live figures at 09:00: who is waiting, for how long, and which red flags', () => {
    expect(m.waitingNow).toBe(2);
    expect(m.longestCurrentWaitSeconds).toBe(600);
    expect(m.redFlagWaiting).toBe(1);
    expect(m.redFlagCallsWaiting).toEqual([
      { callId: 'c5', queueId: 'skane', waitedSeconds: 600, redFlags: ['chest-pain'] },
    ]);
    expect(m.nursesByPresence).toEqual({
      available: 1,
      'on-call': 1,
      'after-call-work': 0,
      break: 0,
      offline: 1,
    });
  });

  it('an offer that rang out is counted, and contradictory events are skipped and counted', () => {
    expect(m.offersNotAnswered).toBe(1);
    expect(m.ignoredEvents).toBe(1);
  });

  it('without a queue filter the overflow call is included', () => {
    const all = computeQueueMetrics(HOUR_EVENTS, HOUR);
    expect([all.callsOffered, all.callsAnswered, all.answeredWithinServiceLevel]).toEqual([8, 4, 3]);
  });

  it('gives the same figures whatever order the events arrive in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(HOUR_EVENTS, { minLength: HOUR_EVENTS.length }), (shuffled) => {
        expect(computeQueueMetrics(shuffled, { ...HOUR, queueId: 'skane' })).toEqual(m);
      }),
      { numRuns: 50 },
    );
  });
});

describe('thresholds and edges', () => {
  it('an answer after exactly T seconds is in time; one millisecond later is not', () => {
    const at = (ms: number) => [
      entered('a', 0),
      { type: 'call-answered', at: s(0) + ms, callId: 'a', nurseId: 'n' } as QueueEvent,
    ];
    expect(computeQueueMetrics(at(120_000), HOUR).serviceLevel).toBe(1);
    expect(computeQueueMetrics(at(120_001), HOUR).serviceLevel).toBe(0);
  });

  it('a caller who hangs up exactly at the short-abandon threshold is left out of the service level', () => {
    const m = computeQueueMetrics(
      [entered('a', 0), abandoned('a', 10), entered('b', 0), abandoned('b', 11)],
      HOUR,
    );
    expect([m.shortAbandons, m.serviceLevelBase, m.serviceLevel, m.abandonRate]).toEqual([1, 1, 0, 1]);
  });

  it('with no events every ratio is empty rather than a made-up 0 or 100 %', () => {
    const m = computeQueueMetrics([], HOUR);
    expect([
      m.serviceLevel,
      m.averageSpeedOfAnswerSeconds,
      m.averageHandleTimeSeconds,
      m.abandonRate,
      m.occupancy,
    ]).toEqual([null, null, null, null, null]);
    expect([m.waitingNow, m.longestCurrentWaitSeconds]).toEqual([0, 0]);
  });

  it('refuses a window that ends before it starts, and negative thresholds, with a clear message', () => {
    expect(() => computeQueueMetrics([], { ...HOUR, to: HOUR.from })).toThrow(
      'Periodens början måste ligga före dess slut',
    );
    expect(() => computeQueueMetrics([], { ...HOUR, shortAbandonSeconds: -1 })).toThrow(
      'Gränsen för korta avhopp får inte vara negativ',
    );
    expect(() => computeQueueMetrics([], { ...HOUR, serviceLevelSeconds: 0 })).toThrow(
      'Servicenivåns tidsgräns',
    );
  });

  it('the event schema rejects malformed events', () => {
    expect(QueueEventSchema.safeParse(entered('a', 0)).success).toBe(true);
    expect(QueueEventSchema.safeParse({ type: 'call-answered', at: s(1), callId: 'a' }).success).toBe(false);
    expect(QueueEventSchema.safeParse({ type: 'call-teleported', at: s(1), callId: 'a' }).success).toBe(
      false,
    );
    expect(QueueEventSchema.safeParse({ ...presence('n', 0, 'available'), presence: 'asleep' }).success).toBe(
      false,
    );
  });
});

describe('invariants over generated call streams', () => {
  const callArb = fc.record({
    enterAt: fc.integer({ min: -1800, max: 3599 }),
    waitSeconds: fc.integer({ min: 0, max: 2400 }),
    outcome: fc.constantFrom('answered' as const, 'abandoned' as const, 'waiting' as const),
    talk: fc.integer({ min: 30, max: 900 }),
    afterCallWork: fc.integer({ min: 0, max: 300 }),
    redFlag: fc.boolean(),
  });

  it('every offered call is answered, abandoned or still waiting; the ratios stay between 0 and 1', () => {
    fc.assert(
      fc.property(fc.array(callArb, { maxLength: 60 }), (rows) => {
        const events: QueueEvent[] = rows.flatMap((row, i) => {
          const id = `g${i}`;
          const list: QueueEvent[] = [entered(id, row.enterAt, { redFlags: row.redFlag ? ['stroke'] : [] })];
          const leaveAt = row.enterAt + row.waitSeconds;
          if (row.outcome === 'answered') {
            list.push(answered(id, leaveAt, 'n'), ended(id, leaveAt + row.talk, 'n'));
            list.push(acwEnded(id, leaveAt + row.talk + row.afterCallWork, 'n'));
          } else if (row.outcome === 'abandoned') {
            list.push(abandoned(id, leaveAt));
          }
          return list;
        });
        const m = computeQueueMetrics(events, HOUR);
        const cohortWaiting = rows.filter(
          (r) => r.enterAt >= 0 && (r.outcome === 'waiting' || r.enterAt + r.waitSeconds >= 3600),
        ).length;
        expect(m.callsAnswered + m.callsAbandoned + cohortWaiting).toBe(m.callsOffered);
        expect(m.answeredWithinServiceLevel).toBeLessThanOrEqual(m.serviceLevelBase);
        for (const ratio of [m.serviceLevel, m.abandonRate]) {
          if (ratio !== null) expect(ratio).toBeGreaterThanOrEqual(0);
          if (ratio !== null) expect(ratio).toBeLessThanOrEqual(1);
        }
        expect(m.redFlagWaiting).toBeLessThanOrEqual(m.waitingNow);
        expect(m.ignoredEvents).toBe(0);
      }),
    );
  });
});

describe('METRIC_DEFINITIONS', () => {
  it('every metric has Swedish and English names and a one-sentence definition', () => {
    for (const definition of Object.values(METRIC_DEFINITIONS)) {
      for (const lang of ['sv', 'en'] as const) {
        expect(definition.name[lang].length).toBeGreaterThan(3);
        expect(definition.definition[lang].trim().endsWith('.')).toBe(true);
        expect(definition.definition[lang].slice(0, -1)).not.toContain('. ');
      }
    }
  });

  it('the service level definition shows the window thresholds', () => {
    const text = describeMetric('serviceLevel', 'sv', { serviceLevelSeconds: 120, shortAbandonSeconds: 10 });
    expect(text).toContain('inom 120 sekunder');
    expect(text).toContain('lagt på inom 10 sekunder');
    expect(text).not.toContain('{{');
  });
});
