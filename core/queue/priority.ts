// Accumulating queue priority: urgent callers go first, and every caller's priority grows while they wait.
//
// priority = initialOffset[class] + urgencyWeight[class] × secondsWaited
//
// A red-flag caller starts high and climbs fast; a green caller climbs slowly but without limit,
// so after a bounded wait (see secondsToOutrankNewArrival) they rank above any newly arrived caller.
// This is the accumulating priority queue of Stanford, Taylor and Ziedins (2014).

import { z } from 'zod';

/** Clinical urgency classes set by the phone menu's pre-assessment (or a team lead), most urgent first. */
export const URGENCY_CLASSES = ['red', 'orange', 'yellow', 'green'] as const;
export type UrgencyClass = (typeof URGENCY_CLASSES)[number];

export const URGENCY_CLASS_LABELS: Readonly<Record<UrgencyClass, { sv: string; en: string }>> = {
  red: { sv: 'Röd', en: 'Red' },
  orange: { sv: 'Orange', en: 'Orange' },
  yellow: { sv: 'Gul', en: 'Yellow' },
  green: { sv: 'Grön', en: 'Green' },
};

const perClass = (value: z.ZodNumber) =>
  z.object({ red: value, orange: value, yellow: value, green: value }).strict();

/**
 * Regional priority rule. Weights are priority points per second waited; offsets are the points a
 * call starts with. A more urgent class may never have a lower weight or offset than a less urgent
 * one, or a red caller could rank below a green caller who arrived at the same moment.
 */
export const QueuePriorityConfigSchema = z
  .object({
    urgencyWeight: perClass(z.number().positive('Vikten måste vara större än 0').max(1_000)),
    initialOffset: perClass(z.number().min(0, 'Startvärdet får inte vara negativt').max(1_000_000)),
  })
  .superRefine((config, ctx) => {
    for (let i = 1; i < URGENCY_CLASSES.length; i++) {
      const more = URGENCY_CLASSES[i - 1]!;
      const less = URGENCY_CLASSES[i]!;
      for (const field of ['urgencyWeight', 'initialOffset'] as const) {
        if (config[field][more] < config[field][less]) {
          ctx.addIssue({
            code: 'custom',
            path: [field, more],
            message: `${URGENCY_CLASS_LABELS[more].sv} måste ha minst lika högt värde som ${URGENCY_CLASS_LABELS[less].sv.toLowerCase()}`,
          });
        }
      }
    }
  });
export type QueuePriorityConfig = z.infer<typeof QueuePriorityConfigSchema>;

/**
 * National default. A new red caller outranks a green caller until the green one has waited
 * 2 h (7 200 points); a green caller outranks a newly arrived yellow one after 10 minutes.
 */
export const NATIONAL_DEFAULT_QUEUE_PRIORITY: QueuePriorityConfig = QueuePriorityConfigSchema.parse({
  urgencyWeight: { red: 10, orange: 4, yellow: 2, green: 1 },
  initialOffset: { red: 7_200, orange: 1_800, yellow: 600, green: 0 },
});

export const RedFlagSchema = z.object({
  code: z.string().min(1),
  label: z.object({ sv: z.string().min(1), en: z.string().min(1) }),
});
export type RedFlag = z.infer<typeof RedFlagSchema>;

/** What the queue needs to know about a waiting call. Times are epoch milliseconds. */
export const QueuedCallSchema = z.object({
  callId: z.string().min(1),
  urgencyClass: z.enum(URGENCY_CLASSES),
  /**
   * When waiting started. A callback keeps its original time (when the caller first queued, or
   * the start of the booked window) and its class, so it neither jumps the queue nor loses its place.
   */
  waitingSince: z.number().int().nonnegative(),
  kind: z.enum(['call', 'callback']).optional(),
  redFlags: z.array(RedFlagSchema).optional(),
});
export type QueuedCall = z.infer<typeof QueuedCallSchema>;

/** Seconds waited at `now`; a call whose time lies ahead (a callback not yet due) has waited 0. */
export function secondsWaited(call: Pick<QueuedCall, 'waitingSince'>, now: number): number {
  return millisecondsWaited(call, now) / 1000;
}

function millisecondsWaited(call: Pick<QueuedCall, 'waitingSince'>, now: number): number {
  return Math.max(0, now - call.waitingSince);
}

export function callPriority(
  call: Pick<QueuedCall, 'urgencyClass' | 'waitingSince'>,
  now: number,
  config: QueuePriorityConfig = NATIONAL_DEFAULT_QUEUE_PRIORITY,
): number {
  const cls = call.urgencyClass;
  // Weight × milliseconds first, then ÷ 1000: with whole-number rules this is exact, so a call that
  // has waited exactly the bound of secondsToOutrankNewArrival ties rather than falling a hair short.
  return config.initialOffset[cls] + (config.urgencyWeight[cls] * millisecondsWaited(call, now)) / 1000;
}

/**
 * The waiting calls in answer order: highest priority first, ties to the call that has waited
 * longest, remaining ties in the given order (the sort is stable).
 */
export function orderQueue<T extends QueuedCall>(
  calls: readonly T[],
  now: number,
  config: QueuePriorityConfig = NATIONAL_DEFAULT_QUEUE_PRIORITY,
): T[] {
  return calls
    .map((call) => ({ call, priority: callPriority(call, now, config) }))
    .sort((a, b) => b.priority - a.priority || a.call.waitingSince - b.call.waitingSince)
    .map(({ call }) => call);
}

/**
 * How long a call of `waitingClass` must wait before it ranks at or above a call of
 * `arrivingClass` that arrives just then (a tie goes to the call that waited). This is the bound
 * that keeps a low-urgency caller from waiting forever behind a stream of new arrivals.
 */
export function secondsToOutrankNewArrival(
  waitingClass: UrgencyClass,
  arrivingClass: UrgencyClass,
  config: QueuePriorityConfig = NATIONAL_DEFAULT_QUEUE_PRIORITY,
): number {
  const gap = config.initialOffset[arrivingClass] - config.initialOffset[waitingClass];
  return Math.max(0, gap / config.urgencyWeight[waitingClass]);
}

export interface QueuePositionExplanation {
  /** 1-based place in answer order. */
  position: number;
  queueLength: number;
  priority: number;
  secondsWaited: number;
  /** Calls ahead that started waiting later (they are more urgent). */
  laterArrivalsAhead: number;
  /** Calls behind that started waiting earlier (this call is more urgent). */
  earlierArrivalsBehind: number;
  /** Calls ahead of a lower urgency class (they have waited long enough to rise above this one). */
  lessUrgentAhead: number;
  sv: string;
  en: string;
}

type Lang = 'sv' | 'en';

/** A class as an adjective before "samtal"/"call": ett rött samtal, gröna samtal; a red call, green calls. */
const CLASS_ADJECTIVE: Readonly<Record<UrgencyClass, { sv: [string, string]; en: string }>> = {
  red: { sv: ['rött', 'röda'], en: 'red' },
  orange: { sv: ['orange', 'orange'], en: 'orange' },
  yellow: { sv: ['gult', 'gula'], en: 'yellow' },
  green: { sv: ['grönt', 'gröna'], en: 'green' },
};

/**
 * Why a call is where it is, in words a nurse or team lead reads at a glance: its urgency and wait, the
 * call just ahead, and who it passed or who passed it. The priority figure stays out of the sentence
 * (it is in `priority` for whoever needs it); the rule is that urgent callers go first and everyone rises
 * while they wait.
 */
export function explainQueuePosition(
  call: QueuedCall,
  queue: readonly QueuedCall[],
  now: number,
  config: QueuePriorityConfig = NATIONAL_DEFAULT_QUEUE_PRIORITY,
): QueuePositionExplanation {
  const ordered = orderQueue(queue, now, config);
  const index = ordered.findIndex((c) => c.callId === call.callId);
  if (index < 0) throw new Error(`Samtalet ${call.callId} finns inte i kön`);
  const self = ordered[index]!;
  const ahead = ordered.slice(0, index);
  const behind = ordered.slice(index + 1);
  const later = ahead.filter((c) => c.waitingSince > self.waitingSince);
  const passed = behind.filter((c) => c.waitingSince < self.waitingSince);
  const lessUrgent = ahead.filter((c) => classRank(c.urgencyClass) > classRank(self.urgencyClass));
  const waited = secondsWaited(self, now);
  const cls = self.urgencyClass;

  const describe = (lang: Lang) => {
    const flags = (self.redFlags ?? []).map((flag) => flag.label[lang].toLowerCase());
    const redFlag = lang === 'sv' ? 'röd flagga' : 'red flag';
    const urgency =
      lang === 'sv'
        ? `${URGENCY_CLASS_LABELS[cls].sv.toLowerCase()} brådska`
        : `${URGENCY_CLASS_LABELS[cls].en.toLowerCase()} urgency`;
    const parts: string[] = [];
    if (self.kind === 'callback') parts.push(lang === 'sv' ? 'återuppringning' : 'callback');
    if (flags.length > 0 && cls === 'red') parts.push(`${redFlag}: ${flags.join(', ')}`);
    else if (flags.length > 0) parts.push(`${urgency}, ${redFlag}: ${flags.join(', ')}`);
    else parts.push(urgency);
    return capitalise(parts.join(', '));
  };

  const sv: string[] = [
    `Plats ${index + 1} av ${ordered.length}.`,
    `${describe('sv')} – väntat ${formatWait(waited)}.`,
  ];
  const en: string[] = [
    `Position ${index + 1} of ${ordered.length}.`,
    `${describe('en')} – waited ${formatWait(waited)}.`,
  ];
  if (index === 0) {
    sv.push('Först i kön.');
    en.push('First in the queue.');
  } else {
    const next = ahead[ahead.length - 1]!;
    const nextWait = formatWait(secondsWaited(next, now));
    const nextClass = CLASS_ADJECTIVE[next.urgencyClass];
    sv.push(`Närmast före: ett ${nextClass.sv[0]} samtal som väntat ${nextWait}.`);
    en.push(
      `Just ahead: a${next.urgencyClass === 'orange' ? 'n' : ''} ${nextClass.en} call that has waited ${nextWait}.`,
    );
  }
  if (later.length > 0) {
    const one = later.length === 1;
    sv.push(
      `${countText(later.length, 'sv')} som kom senare går före, eftersom ${one ? 'det' : 'de'} är mer brådskande.`,
    );
    en.push(
      `${countText(later.length, 'en')} that came later ${one ? 'is' : 'are'} ahead, being more urgent.`,
    );
  }
  if (lessUrgent.length > 0) {
    const one = lessUrgent.length === 1;
    sv.push(
      `${countText(lessUrgent.length, 'sv')} med lägre brådska går före, eftersom ${one ? 'det' : 'de'} väntat länge: alla stiger i kön medan de väntar.`,
    );
    en.push(
      `${countText(lessUrgent.length, 'en')} of lower urgency ${one ? 'is' : 'are'} ahead, having waited long: every caller rises while waiting.`,
    );
  }
  if (passed.length > 0) {
    const classes = URGENCY_CLASSES.filter((c) => passed.some((p) => p.urgencyClass === c));
    sv.push(
      `Går före ${countText(passed.length, 'sv')} som väntat längre men är mindre brådskande (${listText(
        classes.map((c) => CLASS_ADJECTIVE[c].sv[1]),
        'och',
      )}).`,
    );
    en.push(
      `Ahead of ${countText(passed.length, 'en')} that waited longer but ${passed.length === 1 ? 'is' : 'are'} less urgent (${listText(
        classes.map((c) => CLASS_ADJECTIVE[c].en),
        'and',
      )}).`,
    );
  }
  return {
    position: index + 1,
    queueLength: ordered.length,
    priority: callPriority(self, now, config),
    secondsWaited: waited,
    laterArrivalsAhead: later.length,
    earlierArrivalsBehind: passed.length,
    lessUrgentAhead: lessUrgent.length,
    sv: sv.join(' '),
    en: en.join(' '),
  };
}

function classRank(cls: UrgencyClass): number {
  return URGENCY_CLASSES.indexOf(cls);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a", "a och b", "a, b och c". */
function listText(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function countText(count: number, lang: Lang): string {
  if (lang === 'sv') return count === 1 ? '1 samtal' : `${count} samtal`;
  return count === 1 ? '1 call' : `${count} calls`;
}

/** A waiting time as nurses read it: "45 s", "9 min 20 s" (seconds count in the first ten minutes), "12 min", "1 h 5 min". */
export function formatWait(seconds: number): string {
  const whole = Math.floor(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 10) return whole % 60 === 0 ? `${minutes} min` : `${minutes} min ${whole % 60} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
