// Queue metrics for wallboards, team leads and shift reports: exact definitions computed from call events.
//
// Conventions that every metric below follows:
// - Times are epoch milliseconds; the window is half-open [from, to). Events at or after `to` are
//   not seen, so the result describes the queue as it stood at `to`.
// - Pass events from before `from` as well: they give each nurse's presence at `from` and the
//   calls already waiting.
// - Queue-side figures (service level, ASA, abandon rate) follow the calls that entered the queue
//   in the window; AHT follows the calls whose after-call work ended in the window; occupancy is
//   nurse time inside the window; the live figures describe the moment `to`.
// - "Within N seconds" means a wait of at most N seconds.

import { z } from 'zod';
import { NURSE_PRESENCE_STATES, type NursePresence } from './presence';
import { URGENCY_CLASSES } from './priority';

const Timestamp = z.number().int().nonnegative();
const Id = z.string().min(1);

/** A caller entered a queue (a due callback enters as kind 'callback'). */
export const CallEnteredQueueEventSchema = z.object({
  type: z.literal('call-entered-queue'),
  at: Timestamp,
  callId: Id,
  queueId: Id,
  urgencyClass: z.enum(URGENCY_CLASSES),
  /** Red-flag codes from the phone menu's pre-assessment; empty when none. */
  redFlags: z.array(z.string().min(1)),
  kind: z.enum(['call', 'callback']).optional(),
});
/** The call rang at a nurse's workstation. */
export const CallOfferedEventSchema = z.object({
  type: z.literal('call-offered'),
  at: Timestamp,
  callId: Id,
  nurseId: Id,
});
/** A nurse accepted the call: the wait ends and talk begins. */
export const CallAnsweredEventSchema = z.object({
  type: z.literal('call-answered'),
  at: Timestamp,
  callId: Id,
  nurseId: Id,
});
/** The caller hung up while waiting. */
export const CallAbandonedEventSchema = z.object({
  type: z.literal('call-abandoned'),
  at: Timestamp,
  callId: Id,
});
/** The conversation ended (talk and hold are over); after-call work begins. */
export const CallEndedEventSchema = z.object({
  type: z.literal('call-ended'),
  at: Timestamp,
  callId: Id,
  nurseId: Id,
});
/** After-call work ended, by the nurse or by the regional timer. */
export const AfterCallWorkEndedEventSchema = z.object({
  type: z.literal('after-call-work-ended'),
  at: Timestamp,
  callId: Id,
  nurseId: Id,
});
export const NursePresenceChangedEventSchema = z.object({
  type: z.literal('nurse-presence-changed'),
  at: Timestamp,
  nurseId: Id,
  presence: z.enum(NURSE_PRESENCE_STATES),
  breakReason: z.string().min(1).optional(),
});

export const QueueEventSchema = z.discriminatedUnion('type', [
  CallEnteredQueueEventSchema,
  CallOfferedEventSchema,
  CallAnsweredEventSchema,
  CallAbandonedEventSchema,
  CallEndedEventSchema,
  AfterCallWorkEndedEventSchema,
  NursePresenceChangedEventSchema,
]);
export type QueueEvent = z.infer<typeof QueueEventSchema>;

export const QueueMetricsOptionsSchema = z
  .object({
    from: Timestamp,
    to: Timestamp,
    /** T in the service level: answered within this many seconds counts as served in time. */
    serviceLevelSeconds: z.number().positive('Servicenivåns tidsgräns måste vara större än 0'),
    /** Callers who hang up within this many seconds are left out of the service level. */
    shortAbandonSeconds: z.number().min(0, 'Gränsen för korta avhopp får inte vara negativ'),
    /** Only calls that entered this queue; all queues when absent. Occupancy always covers all nurses. */
    queueId: Id.optional(),
  })
  .refine((o) => o.from < o.to, { message: 'Periodens början måste ligga före dess slut', path: ['to'] });
export type QueueMetricsOptions = z.infer<typeof QueueMetricsOptionsSchema>;

export type MetricId =
  | 'serviceLevel'
  | 'averageSpeedOfAnswer'
  | 'averageHandleTime'
  | 'abandonRate'
  | 'occupancy'
  | 'longestCurrentWait'
  | 'waitingNow'
  | 'redFlagWaiting';

export interface MetricDefinition {
  name: { sv: string; en: string };
  abbreviation?: string;
  unit: 'share' | 'seconds' | 'count';
  /** One sentence; {{serviceLevelSeconds}} and {{shortAbandonSeconds}} are filled by describeMetric. */
  definition: { sv: string; en: string };
}

/** The definitions the UI shows next to each figure, so everyone reads a number the same way. */
export const METRIC_DEFINITIONS: Readonly<Record<MetricId, MetricDefinition>> = {
  serviceLevel: {
    name: { sv: 'Servicenivå', en: 'Service level' },
    unit: 'share',
    definition: {
      sv: 'Andelen av samtalen som kom in i kön under perioden som besvarades inom {{serviceLevelSeconds}} sekunder, där samtal som lagt på inom {{shortAbandonSeconds}} sekunder inte räknas och samtal som fortfarande väntar räknas som missade först när de väntat längre än {{serviceLevelSeconds}} sekunder.',
      en: 'The share of calls that entered the queue in the period and were answered within {{serviceLevelSeconds}} seconds, leaving out callers who hung up within {{shortAbandonSeconds}} seconds and counting calls still waiting as missed only once they have waited longer than {{serviceLevelSeconds}} seconds.',
    },
  },
  averageSpeedOfAnswer: {
    name: { sv: 'Genomsnittlig väntetid till svar', en: 'Average speed of answer' },
    abbreviation: 'ASA',
    unit: 'seconds',
    definition: {
      sv: 'Medelvärdet av tiden från att samtalet kom in i kön till att en sjuksköterska svarade, för besvarade samtal som kom in i kön under perioden.',
      en: 'The mean time from entering the queue until a nurse answered, over the answered calls that entered the queue in the period.',
    },
  },
  averageHandleTime: {
    name: { sv: 'Genomsnittlig hanteringstid', en: 'Average handle time' },
    abbreviation: 'AHT',
    unit: 'seconds',
    definition: {
      sv: 'Medelvärdet av samtalstid (inklusive parkering) plus efterarbete, för samtal vars efterarbete avslutades under perioden.',
      en: 'The mean of talk time (including hold) plus after-call work, over the calls whose after-call work ended in the period.',
    },
  },
  abandonRate: {
    name: { sv: 'Andel avhopp', en: 'Abandon rate' },
    unit: 'share',
    definition: {
      sv: 'Antalet samtal där den som ringde lade på medan hen väntade, delat med antalet samtal som kom in i kön under perioden.',
      en: 'The number of calls where the caller hung up while waiting, divided by the number of calls that entered the queue in the period.',
    },
  },
  occupancy: {
    name: { sv: 'Beläggning', en: 'Occupancy' },
    unit: 'share',
    definition: {
      sv: 'Sjuksköterskornas tid i samtal och efterarbete delat med den tiden plus tiden de var tillgängliga utan samtal, under perioden (rast och utloggad tid räknas inte).',
      en: "Nurses' time on calls and in after-call work divided by that time plus their available idle time, in the period (breaks and offline time are not counted).",
    },
  },
  longestCurrentWait: {
    name: { sv: 'Längsta väntetid just nu', en: 'Longest current wait' },
    unit: 'seconds',
    definition: {
      sv: 'Hur länge den som väntat längst av dem som står i kön just nu har väntat (0 när ingen väntar).',
      en: 'How long the longest-waiting caller now in the queue has waited (0 when nobody is waiting).',
    },
  },
  waitingNow: {
    name: { sv: 'Väntande just nu', en: 'Waiting now' },
    unit: 'count',
    definition: {
      sv: 'Antalet samtal som står i kön just nu, varken besvarade eller avbrutna.',
      en: 'The number of calls in the queue now, neither answered nor abandoned.',
    },
  },
  redFlagWaiting: {
    name: { sv: 'Röda flaggor i kön', en: 'Red-flag callers waiting' },
    unit: 'count',
    definition: {
      sv: 'Antalet väntande samtal där telefonmenyns frågor gav minst en röd flagga (till exempel bröstsmärta).',
      en: "The number of waiting calls where the phone menu's questions raised at least one red flag (for example chest pain).",
    },
  },
};

/** A metric's definition with the window's thresholds filled in. */
export function describeMetric(
  id: MetricId,
  lang: 'sv' | 'en',
  thresholds: { serviceLevelSeconds: number; shortAbandonSeconds: number },
): string {
  return METRIC_DEFINITIONS[id].definition[lang]
    .replaceAll('{{serviceLevelSeconds}}', String(thresholds.serviceLevelSeconds))
    .replaceAll('{{shortAbandonSeconds}}', String(thresholds.shortAbandonSeconds));
}

export interface WaitingRedFlagCall {
  callId: string;
  queueId: string;
  waitedSeconds: number;
  redFlags: string[];
}

export interface QueueMetrics {
  from: number;
  to: number;
  serviceLevelSeconds: number;
  shortAbandonSeconds: number;

  /** Calls that entered the queue in the window ("offered" to the queue). */
  callsOffered: number;
  /** Of those, answered before `to`. */
  callsAnswered: number;
  /** Of those, abandoned before `to` (short abandons included). */
  callsAbandoned: number;
  /** Of the abandoned, those that hung up within shortAbandonSeconds. */
  shortAbandons: number;
  answeredWithinServiceLevel: number;
  /** Answered + abandoned after the short-abandon threshold + still waiting longer than T. */
  serviceLevelBase: number;
  /** 0–1; null when no call counts yet. */
  serviceLevel: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  /** 0–1; null when no call entered the queue. */
  abandonRate: number | null;

  /** Calls whose after-call work ended in the window. */
  callsHandled: number;
  averageHandleTimeSeconds: number | null;
  averageTalkSeconds: number | null;
  averageAfterCallWorkSeconds: number | null;
  /** Offers to a nurse in the window that rang out (the call was offered again or abandoned instead). */
  offersNotAnswered: number;

  handlingSeconds: number;
  availableSeconds: number;
  /** 0–1; null when nobody was handling or available. */
  occupancy: number | null;

  waitingNow: number;
  longestCurrentWaitSeconds: number;
  redFlagWaiting: number;
  /** Waiting red-flag calls, longest wait first. */
  redFlagCallsWaiting: WaitingRedFlagCall[];
  /** Nurses in each presence state at `to`; nurses never seen are not counted. */
  nursesByPresence: Record<NursePresence, number>;
  /** Events that did not fit (e.g. an answer for a call never seen entering); they are skipped, not guessed at. */
  ignoredEvents: number;
}

interface CallRecord {
  enteredAt: number;
  queueId: string;
  redFlags: string[];
  answeredAt?: number;
  abandonedAt?: number;
  endedAt?: number;
  afterCallWorkEndedAt?: number;
  /** The nurse whose workstation is ringing, and when the offer was made. */
  pendingOffer?: { nurseId: string; at: number };
}

const HANDLING_STATES: ReadonlySet<NursePresence> = new Set(['on-call', 'after-call-work']);

/**
 * Computes the queue metrics for the window from call and presence events (in any order).
 * Throws a clear error for invalid options; events are trusted to be validated at the boundary
 * (QueueEventSchema), and events that contradict each other are skipped and counted.
 */
export function computeQueueMetrics(
  events: readonly QueueEvent[],
  options: QueueMetricsOptions,
): QueueMetrics {
  const checked = QueueMetricsOptionsSchema.safeParse(options);
  if (!checked.success) {
    throw new Error(
      `Ogiltiga inställningar för kömått: ${checked.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  const { from, to, serviceLevelSeconds, shortAbandonSeconds, queueId } = checked.data;
  const inWindow = (at: number) => at >= from && at < to;

  const seen = events
    .map((event, order) => ({ event, order }))
    .filter(({ event }) => event.at < to)
    .sort((a, b) => a.event.at - b.event.at || a.order - b.order)
    .map(({ event }) => event);

  const calls = new Map<string, CallRecord>();
  const presence = new Map<string, { state: NursePresence; since: number }>();
  let handlingMs = 0;
  let availableMs = 0;
  let offersNotAnswered = 0;
  let ignoredEvents = 0;

  // Adds a nurse's time in `state` between two instants, clipped to the window.
  const accrue = (state: NursePresence, start: number, end: number) => {
    const ms = Math.max(0, Math.min(end, to) - Math.max(start, from));
    if (HANDLING_STATES.has(state)) handlingMs += ms;
    else if (state === 'available') availableMs += ms;
  };
  const offerRangOut = (call: CallRecord) => {
    if (call.pendingOffer !== undefined && inWindow(call.pendingOffer.at)) offersNotAnswered++;
    call.pendingOffer = undefined;
  };

  for (const event of seen) {
    if (event.type === 'nurse-presence-changed') {
      const previous = presence.get(event.nurseId);
      if (previous !== undefined) accrue(previous.state, previous.since, event.at);
      presence.set(event.nurseId, { state: event.presence, since: event.at });
      continue;
    }
    if (event.type === 'call-entered-queue') {
      if (calls.has(event.callId)) {
        ignoredEvents++;
        continue;
      }
      calls.set(event.callId, { enteredAt: event.at, queueId: event.queueId, redFlags: event.redFlags });
      continue;
    }
    const call = calls.get(event.callId);
    if (call === undefined) {
      ignoredEvents++;
      continue;
    }
    const waiting = call.answeredAt === undefined && call.abandonedAt === undefined;
    switch (event.type) {
      case 'call-offered':
        if (!waiting) {
          ignoredEvents++;
          break;
        }
        offerRangOut(call);
        call.pendingOffer = { nurseId: event.nurseId, at: event.at };
        break;
      case 'call-answered':
        if (!waiting) {
          ignoredEvents++;
          break;
        }
        call.answeredAt = event.at;
        if (call.pendingOffer?.nurseId !== event.nurseId) offerRangOut(call);
        call.pendingOffer = undefined;
        break;
      case 'call-abandoned':
        if (!waiting) {
          ignoredEvents++;
          break;
        }
        call.abandonedAt = event.at;
        offerRangOut(call);
        break;
      case 'call-ended':
        if (call.answeredAt === undefined || call.endedAt !== undefined) {
          ignoredEvents++;
          break;
        }
        call.endedAt = event.at;
        break;
      case 'after-call-work-ended':
        if (call.endedAt === undefined || call.afterCallWorkEndedAt !== undefined) {
          ignoredEvents++;
          break;
        }
        call.afterCallWorkEndedAt = event.at;
        break;
    }
  }
  for (const { state, since } of presence.values()) accrue(state, since, to);

  const inQueue = (call: CallRecord) => queueId === undefined || call.queueId === queueId;
  const waitSeconds = (call: CallRecord, end: number) => (end - call.enteredAt) / 1000;

  let callsOffered = 0;
  let callsAnswered = 0;
  let callsAbandoned = 0;
  let shortAbandons = 0;
  let answeredWithinServiceLevel = 0;
  let stillWaitingPastT = 0;
  let totalAnswerWait = 0;
  let callsHandled = 0;
  let totalTalk = 0;
  let totalAfterCallWork = 0;
  let waitingNow = 0;
  let longestCurrentWaitSeconds = 0;
  const redFlagCallsWaiting: WaitingRedFlagCall[] = [];

  for (const [callId, call] of calls) {
    if (!inQueue(call)) continue;
    if (inWindow(call.enteredAt)) {
      callsOffered++;
      if (call.answeredAt !== undefined) {
        callsAnswered++;
        const wait = waitSeconds(call, call.answeredAt);
        totalAnswerWait += wait;
        if (wait <= serviceLevelSeconds) answeredWithinServiceLevel++;
      } else if (call.abandonedAt !== undefined) {
        callsAbandoned++;
        if (waitSeconds(call, call.abandonedAt) <= shortAbandonSeconds) shortAbandons++;
      } else if (waitSeconds(call, to) > serviceLevelSeconds) {
        stillWaitingPastT++;
      }
    }
    if (
      call.afterCallWorkEndedAt !== undefined &&
      inWindow(call.afterCallWorkEndedAt) &&
      call.answeredAt !== undefined &&
      call.endedAt !== undefined
    ) {
      callsHandled++;
      totalTalk += (call.endedAt - call.answeredAt) / 1000;
      totalAfterCallWork += (call.afterCallWorkEndedAt - call.endedAt) / 1000;
    }
    if (call.answeredAt === undefined && call.abandonedAt === undefined) {
      const waited = waitSeconds(call, to);
      waitingNow++;
      longestCurrentWaitSeconds = Math.max(longestCurrentWaitSeconds, waited);
      if (call.redFlags.length > 0) {
        redFlagCallsWaiting.push({
          callId,
          queueId: call.queueId,
          waitedSeconds: waited,
          redFlags: call.redFlags,
        });
      }
    }
  }
  redFlagCallsWaiting.sort((a, b) => b.waitedSeconds - a.waitedSeconds);

  const serviceLevelBase = callsAnswered + (callsAbandoned - shortAbandons) + stillWaitingPastT;
  const handlingSeconds = handlingMs / 1000;
  const availableSeconds = availableMs / 1000;
  const nursesByPresence = Object.fromEntries(NURSE_PRESENCE_STATES.map((state) => [state, 0])) as Record<
    NursePresence,
    number
  >;
  for (const { state } of presence.values()) nursesByPresence[state]++;

  const ratio = (numerator: number, denominator: number) =>
    denominator > 0 ? numerator / denominator : null;
  return {
    from,
    to,
    serviceLevelSeconds,
    shortAbandonSeconds,
    callsOffered,
    callsAnswered,
    callsAbandoned,
    shortAbandons,
    answeredWithinServiceLevel,
    serviceLevelBase,
    serviceLevel: ratio(answeredWithinServiceLevel, serviceLevelBase),
    averageSpeedOfAnswerSeconds: ratio(totalAnswerWait, callsAnswered),
    abandonRate: ratio(callsAbandoned, callsOffered),
    callsHandled,
    averageHandleTimeSeconds: ratio(totalTalk + totalAfterCallWork, callsHandled),
    averageTalkSeconds: ratio(totalTalk, callsHandled),
    averageAfterCallWorkSeconds: ratio(totalAfterCallWork, callsHandled),
    offersNotAnswered,
    handlingSeconds,
    availableSeconds,
    occupancy: ratio(handlingSeconds, handlingSeconds + availableSeconds),
    waitingNow,
    longestCurrentWaitSeconds,
    redFlagWaiting: redFlagCallsWaiting.length,
    redFlagCallsWaiting,
    nursesByPresence,
    ignoredEvents,
  };
}
