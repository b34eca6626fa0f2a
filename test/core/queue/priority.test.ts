// Queue order by clinical urgency: urgent callers first, nobody starved, and an explanation a nurse can read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  callPriority,
  explainQueuePosition,
  NATIONAL_DEFAULT_QUEUE_PRIORITY,
  orderQueue,
  QueuePriorityConfigSchema,
  QueuedCallSchema,
  secondsToOutrankNewArrival,
  URGENCY_CLASSES,
} from '../../../core/queue/priority';
import type { QueuedCall, QueuePriorityConfig, UrgencyClass } from '../../../core/queue/priority';

const NOW = Date.UTC(2025, 5, 16, 9, 0, 0);
const secondsAgo = (s: number) => NOW - s * 1000;
const CHEST_PAIN = { code: 'chest-pain', label: { sv: 'Bröstsmärta', en: 'Chest pain' } };

function call(
  callId: string,
  urgencyClass: UrgencyClass,
  waitedSeconds: number,
  extra: Partial<QueuedCall> = {},
): QueuedCall {
  return { callId, urgencyClass, waitingSince: secondsAgo(waitedSeconds), ...extra };
}
const ids = (calls: QueuedCall[]) => calls.map((c) => c.callId);

const configArb: fc.Arbitrary<QueuePriorityConfig> = fc
  .record({
    weights: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 4, maxLength: 4 }),
    offsets: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ weights, offsets }) => {
    // Sorted descending so a more urgent class never has less weight or offset, as the schema demands.
    const w = [...weights].sort((a, b) => b - a);
    const o = [...offsets].sort((a, b) => b - a);
    return QueuePriorityConfigSchema.parse({
      urgencyWeight: { red: w[0], orange: w[1], yellow: w[2], green: w[3] },
      initialOffset: { red: o[0], orange: o[1], yellow: o[2], green: o[3] },
    });
  });

const queueArb = fc
  .array(
    fc.record({
      urgencyClass: fc.constantFrom(...URGENCY_CLASSES),
      waitedSeconds: fc.integer({ min: 0, max: 4 * 3600 }),
    }),
    { maxLength: 30 },
  )
  .map((rows) => rows.map((row, i) => call(`c${i}`, row.urgencyClass, row.waitedSeconds)));

describe('urgent callers first, nobody waits forever (national default)', () => {
  it('a red caller who just arrived is answered before a green caller who has waited 10 minutes', () => {
    const queue = [call('green', 'green', 600), call('red', 'red', 0)];
    expect(ids(orderQueue(queue, NOW))).toEqual(['red', 'green']);
  });

  it('a green caller rises above a newly arrived yellow caller after the computed bound, and not before', () => {
    const bound = secondsToOutrankNewArrival('green', 'yellow');
    expect(bound).toBe(600); // (yellow start 600 − green start 0) / green weight 1
    const before = [call('yellow', 'yellow', 0), call('green', 'green', bound - 1)];
    expect(ids(orderQueue(before, NOW))).toEqual(['yellow', 'green']);
    const at = [call('yellow', 'yellow', 0), call('green', 'green', bound)];
    expect(ids(orderQueue(at, NOW))).toEqual(['green', 'yellow']);
  });

  it('even a new red caller is eventually outranked by a green caller who has waited the bound (2 h)', () => {
    const bound = secondsToOutrankNewArrival('green', 'red');
    expect(bound).toBe(7_200);
    expect(ids(orderQueue([call('red', 'red', 0), call('green', 'green', bound)], NOW))).toEqual([
      'green',
      'red',
    ]);
  });

  it('within one class the caller who waited longest goes first', () => {
    const queue = [call('b', 'yellow', 100), call('a', 'yellow', 300), call('c', 'yellow', 5)];
    expect(ids(orderQueue(queue, NOW))).toEqual(['a', 'b', 'c']);
  });

  it('a callback keeps its class and original time: it neither jumps the queue nor loses its place', () => {
    // Booked at the original time 20 minutes ago; it re-enters the queue now.
    const callback = call('callback', 'yellow', 1200, { kind: 'callback' });
    const queue = [
      call('yellow-30', 'yellow', 1800),
      call('yellow-10', 'yellow', 600),
      call('red-new', 'red', 0),
      callback,
    ];
    expect(ids(orderQueue(queue, NOW))).toEqual(['red-new', 'yellow-30', 'callback', 'yellow-10']);
  });

  it('a call whose time lies ahead (a callback not yet due) has waited nothing, not a negative time', () => {
    expect(callPriority(call('future', 'green', -300), NOW)).toBe(0);
  });
});

describe('ordering properties (any valid regional config)', () => {
  it('the result is the same calls, in non-increasing priority', () => {
    fc.assert(
      fc.property(queueArb, configArb, (queue, config) => {
        const ordered = orderQueue(queue, NOW, config);
        expect([...ids(ordered)].sort()).toEqual([...ids(queue)].sort());
        for (let i = 1; i < ordered.length; i++) {
          expect(callPriority(ordered[i - 1]!, NOW, config)).toBeGreaterThanOrEqual(
            callPriority(ordered[i]!, NOW, config),
          );
        }
      }),
    );
  });

  it('first come, first served within a class; more urgent first when waits are equal', () => {
    fc.assert(
      fc.property(queueArb, configArb, (queue, config) => {
        const ordered = orderQueue(queue, NOW, config);
        const rank = new Map(ordered.map((c, i) => [c.callId, i]));
        for (const a of queue) {
          for (const b of queue) {
            if (a.urgencyClass === b.urgencyClass && a.waitingSince < b.waitingSince) {
              expect(rank.get(a.callId)!).toBeLessThan(rank.get(b.callId)!);
            }
            const moreUrgent =
              URGENCY_CLASSES.indexOf(a.urgencyClass) < URGENCY_CLASSES.indexOf(b.urgencyClass);
            if (moreUrgent && a.waitingSince <= b.waitingSince) {
              expect(rank.get(a.callId)!).toBeLessThan(rank.get(b.callId)!);
            }
          }
        }
      }),
    );
  });

  it('two calls keep their relative order whatever else is in the queue, and in whatever order it is given', () => {
    fc.assert(
      fc.property(queueArb, configArb, fc.integer({ min: 0, max: 1_000_000 }), (queue, config, seed) => {
        if (queue.length < 2) return;
        const [a, b] = [queue[seed % queue.length]!, queue[(seed + 1) % queue.length]!];
        const shuffled = [...queue].reverse();
        const position = (q: QueuedCall[], id: string) => ids(orderQueue(q, NOW, config)).indexOf(id);
        const alone = position([a, b], a.callId) < position([a, b], b.callId);
        const full = position(queue, a.callId) < position(queue, b.callId);
        const distinctTimes = a.waitingSince !== b.waitingSince || a.urgencyClass !== b.urgencyClass;
        if (a !== b && distinctTimes) {
          expect(full).toBe(alone);
          expect(position(shuffled, a.callId) < position(shuffled, b.callId)).toBe(alone);
        }
      }),
    );
  });

  it('full ties keep the given order (stable)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...URGENCY_CLASSES), fc.integer({ min: 1, max: 20 }), (cls, n) => {
        const queue = Array.from({ length: n }, (_, i) => call(`t${i}`, cls, 60));
        expect(ids(orderQueue(queue, NOW))).toEqual(ids(queue));
      }),
    );
  });

  it('a call that has waited exactly the bound is not let down by rounding (618.56 s × 25 points)', () => {
    const config = QueuePriorityConfigSchema.parse({
      urgencyWeight: { red: 25, orange: 25, yellow: 25, green: 1 },
      initialOffset: { red: 15_464, orange: 0, yellow: 0, green: 0 },
    });
    const bound = secondsToOutrankNewArrival('yellow', 'red', config);
    expect(bound).toBeCloseTo(618.56, 9);
    const waiting: QueuedCall = { callId: 'waiting', urgencyClass: 'yellow', waitingSince: NOW - 618_560 };
    expect(callPriority(waiting, NOW, config)).toBe(15_464);
    expect(ids(orderQueue([call('fresh', 'red', 0), waiting], NOW, config))).toEqual(['waiting', 'fresh']);
  });

  it('at the computed bound the waiting call ranks at or above a new arrival; a second earlier it does not', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.constantFrom(...URGENCY_CLASSES),
        fc.constantFrom(...URGENCY_CLASSES),
        (config, w, a) => {
          const bound = secondsToOutrankNewArrival(w, a, config);
          const fresh = call('fresh', a, 0);
          // At least 1 ms: a call that arrived at the same instant has not waited at all.
          const waitedMs = Math.max(1, Math.ceil(bound * 1000));
          const waiting: QueuedCall = { callId: 'waiting', urgencyClass: w, waitingSince: NOW - waitedMs };
          expect(ids(orderQueue([fresh, waiting], NOW, config))[0]).toBe('waiting');
          if (bound >= 1) {
            const early: QueuedCall = { ...waiting, waitingSince: NOW - waitedMs + 1000 };
            expect(ids(orderQueue([early, fresh], NOW, config))[0]).toBe('fresh');
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('explainQueuePosition', () => {
  const red = call('red', 'red', 120, { redFlags: [CHEST_PAIN] });
  const green = call('green', 'green', 600);
  const queue = [green, red];
  /** No formula, no priority points: a nurse reads words, not "7 200 + 10 × 120 s". */
  const noFormula = (text: string) => {
    expect(text).not.toMatch(/×|\+|prioritet|priority/i);
  };

  it('says why a red-flag caller is first, in words', () => {
    const explanation = explainQueuePosition(red, queue, NOW);
    expect(explanation).toMatchObject({
      position: 1,
      queueLength: 2,
      priority: 8_400,
      earlierArrivalsBehind: 1,
    });
    expect(explanation.sv).toBe(
      'Plats 1 av 2. Röd flagga: bröstsmärta – väntat 2 min. Först i kön. ' +
        'Går före 1 samtal som väntat längre men är mindre brådskande (gröna).',
    );
    expect(explanation.en).toBe(
      'Position 1 of 2. Red flag: chest pain – waited 2 min. First in the queue. ' +
        'Ahead of 1 call that waited longer but is less urgent (green).',
    );
    noFormula(explanation.sv);
    noFormula(explanation.en);
  });

  it('says why a green caller who waited longer is behind', () => {
    const explanation = explainQueuePosition(green, queue, NOW);
    expect(explanation.sv).toBe(
      'Plats 2 av 2. Grön brådska – väntat 10 min. ' +
        'Närmast före: ett rött samtal som väntat 2 min. ' +
        '1 samtal som kom senare går före, eftersom det är mer brådskande.',
    );
    noFormula(explanation.sv);
  });

  it('names the classes an orange caller goes before, with the wait in minutes and seconds', () => {
    const orange = call('orange', 'orange', 560);
    const others = [call('g1', 'green', 900), call('y1', 'yellow', 700), call('g2', 'green', 600)];
    const explanation = explainQueuePosition(orange, [...others, orange], NOW);
    expect(explanation.sv).toBe(
      'Plats 1 av 4. Orange brådska – väntat 9 min 20 s. Först i kön. ' +
        'Går före 3 samtal som väntat längre men är mindre brådskande (gula och gröna).',
    );
    expect(explanation.en).toContain('Orange urgency – waited 9 min 20 s.');
  });

  it('says when a less urgent caller is ahead because they have waited long', () => {
    const longGreen = call('long', 'green', 3 * 3600);
    const newYellow = call('new', 'yellow', 30);
    const explanation = explainQueuePosition(newYellow, [longGreen, newYellow], NOW);
    expect(explanation.lessUrgentAhead).toBe(1);
    expect(explanation.sv).toBe(
      'Plats 2 av 2. Gul brådska – väntat 30 s. Närmast före: ett grönt samtal som väntat 3 h. ' +
        '1 samtal med lägre brådska går före, eftersom det väntat länge: alla stiger i kön medan de väntar.',
    );
    expect(explanation.en).toContain('Just ahead: a green call that has waited 3 h.');
  });

  it('names a callback, and a red flag on a call of lower class', () => {
    const callback = call('cb', 'yellow', 90, { kind: 'callback' });
    expect(explainQueuePosition(callback, [callback], NOW).sv).toMatch(
      /^Plats 1 av 1\. Återuppringning, gul brådska – väntat 1 min 30 s/,
    );
    const orange = call('o', 'orange', 3_900, { redFlags: [CHEST_PAIN] });
    expect(explainQueuePosition(orange, [orange], NOW).sv).toContain(
      'Orange brådska, röd flagga: bröstsmärta – väntat 1 h 5 min',
    );
  });

  it('refuses a call that is not in the queue', () => {
    expect(() => explainQueuePosition(call('x', 'green', 1), queue, NOW)).toThrow(
      'Samtalet x finns inte i kön',
    );
  });
});

describe('regional priority config', () => {
  it('accepts the national default and refuses a rule that would rank green above red', () => {
    expect(QueuePriorityConfigSchema.safeParse(NATIONAL_DEFAULT_QUEUE_PRIORITY).success).toBe(true);
    const inverted = QueuePriorityConfigSchema.safeParse({
      ...NATIONAL_DEFAULT_QUEUE_PRIORITY,
      urgencyWeight: { red: 1, orange: 2, yellow: 2, green: 3 },
    });
    expect(inverted.success).toBe(false);
    expect(inverted.error?.issues[0]?.message).toBe('Röd måste ha minst lika högt värde som orange');
  });

  it('refuses zero weights, negative offsets and missing or unknown classes', () => {
    const base = NATIONAL_DEFAULT_QUEUE_PRIORITY;
    const bad = [
      { ...base, urgencyWeight: { ...base.urgencyWeight, green: 0 } },
      { ...base, initialOffset: { ...base.initialOffset, green: -1 } },
      { ...base, urgencyWeight: { red: 10, orange: 4, yellow: 2 } },
      { ...base, urgencyWeight: { ...base.urgencyWeight, blue: 1 } },
    ];
    for (const config of bad) expect(QueuePriorityConfigSchema.safeParse(config).success).toBe(false);
  });

  it('validates queued calls at the boundary', () => {
    expect(QueuedCallSchema.safeParse(call('a', 'red', 1)).success).toBe(true);
    expect(
      QueuedCallSchema.safeParse({ callId: 'a', urgencyClass: 'purple', waitingSince: NOW }).success,
    ).toBe(false);
  });
});
