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
  sv: string;
  en: string;
}

/** Why a call is where it is, as sentences for the queue panel and the team lead. */
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
  const laterArrivalsAhead = ahead.filter((c) => c.waitingSince > self.waitingSince).length;
  const earlierArrivalsBehind = behind.filter((c) => c.waitingSince < self.waitingSince).length;
  const waited = secondsWaited(self, now);
  const priority = callPriority(self, now, config);
  const cls = self.urgencyClass;
  const weight = config.urgencyWeight[cls];
  const offset = config.initialOffset[cls];

  const formula = (lang: 'sv' | 'en') => {
    const product = `${formatNumber(weight, lang)} × ${formatNumber(Math.floor(waited), lang)} s`;
    const sum = offset > 0 ? `${formatNumber(offset, lang)} + ${product}` : product;
    return `${URGENCY_CLASS_LABELS[cls][lang].toLowerCase()}: ${sum}`;
  };
  const describe = (lang: 'sv' | 'en') => {
    const flags = (self.redFlags ?? []).map((flag) => flag.label[lang].toLowerCase());
    const redFlag = lang === 'sv' ? 'röd flagga' : 'red flag';
    const urgency = `${lang === 'sv' ? 'brådska' : 'urgency'} ${URGENCY_CLASS_LABELS[cls][lang].toLowerCase()}`;
    const parts: string[] = [];
    if (self.kind === 'callback') parts.push(lang === 'sv' ? 'återuppringning' : 'callback');
    if (flags.length > 0 && cls === 'red') parts.push(`${redFlag}: ${flags.join(', ')}`);
    else if (flags.length > 0) parts.push(`${urgency}, ${redFlag}: ${flags.join(', ')}`);
    else parts.push(urgency);
    const text = parts.join(', ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  };

  const sv: string[] = [
    `Plats ${index + 1} av ${ordered.length}.`,
    `${describe('sv')} – väntat ${formatWait(waited)}, prioritet ${formatNumber(priority, 'sv')} (${formula('sv')}).`,
  ];
  const en: string[] = [
    `Position ${index + 1} of ${ordered.length}.`,
    `${describe('en')} – waited ${formatWait(waited)}, priority ${formatNumber(priority, 'en')} (${formula('en')}).`,
  ];
  if (index === 0) {
    sv.push('Först i kön.');
    en.push('First in the queue.');
  } else {
    const next = ahead[ahead.length - 1]!;
    sv.push(
      `Närmast före: ${URGENCY_CLASS_LABELS[next.urgencyClass].sv.toLowerCase()}, väntat ${formatWait(secondsWaited(next, now))}, prioritet ${formatNumber(callPriority(next, now, config), 'sv')}.`,
    );
    en.push(
      `Next ahead: ${URGENCY_CLASS_LABELS[next.urgencyClass].en.toLowerCase()}, waited ${formatWait(secondsWaited(next, now))}, priority ${formatNumber(callPriority(next, now, config), 'en')}.`,
    );
  }
  if (laterArrivalsAhead > 0) {
    sv.push(`${countText(laterArrivalsAhead, 'sv')} som kom senare ligger före på grund av högre brådska.`);
    en.push(
      `${countText(laterArrivalsAhead, 'en')} that arrived later ${laterArrivalsAhead === 1 ? 'is' : 'are'} ahead because of higher urgency.`,
    );
  }
  if (earlierArrivalsBehind > 0) {
    sv.push(
      `Går före ${countText(earlierArrivalsBehind, 'sv').toLowerCase()} som väntat längre men har lägre brådska.`,
    );
    en.push(
      `Ahead of ${countText(earlierArrivalsBehind, 'en').toLowerCase()} that waited longer but ${earlierArrivalsBehind === 1 ? 'is' : 'are'} less urgent.`,
    );
  }
  return {
    position: index + 1,
    queueLength: ordered.length,
    priority,
    secondsWaited: waited,
    laterArrivalsAhead,
    earlierArrivalsBehind,
    sv: sv.join(' '),
    en: en.join(' '),
  };
}

function countText(count: number, lang: 'sv' | 'en'): string {
  if (lang === 'sv') return count === 1 ? '1 samtal' : `${count} samtal`;
  return count === 1 ? '1 call' : `${count} calls`;
}

/** Whole number with thousands grouped: "7 800" (no-break space) in Swedish, "7,800" in English. */
export function formatNumber(value: number, lang: 'sv' | 'en'): string {
  const digits = String(Math.round(Math.abs(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'sv' ? '\u00a0' : ',');
  return (value < 0 && Math.round(value) !== 0 ? '−' : '') + grouped;
}

/** A waiting time as nurses read it: "45 s", "12 min", "1 h 5 min". */
export function formatWait(seconds: number): string {
  const whole = Math.floor(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
