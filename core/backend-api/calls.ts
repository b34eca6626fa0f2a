// HTTP contract of call distribution (ACD): the nurse's queue view, presence, offers, calls, callbacks, team-lead re-prioritisation, the telephony platform's routes and the live events they publish.
//
// Patient data (caller number, personnummer) travels only in answers to the nurse the call is
// offered or connected to, and in the callbacks list; the queue view and every live event carry
// ids, urgency and red-flag codes only.
import { z } from 'zod';
import { NURSE_PRESENCE_STATES } from '../queue/metrics';
import type { NursePresence } from '../queue/metrics';
import { RedFlagSchema, URGENCY_CLASSES } from '../queue/priority';
import type { RedFlag, UrgencyClass } from '../queue/priority';

export const CALL_ROUTES = {
  /** GET: the caller's region's queues and the overflow queue, in answer order, with the nurse's own presence. */
  queue: '/api/v1/queue',
  /** GET (team lead of the region, admin): the region's queues, nurses per state and today's queue metrics; `?regionId=` for admins. */
  queueOverview: '/api/v1/queue/overview',
  /** GET: your presence (with the call ringing at you, if any). PUT: change it (see PresenceUpdateRequest). */
  presence: '/api/v1/presence',
  /** POST: end after-call work before the regional timer does; `nextStatus` (or available) follows. */
  endAfterCallWork: '/api/v1/presence/after-call-work/end',
  /** GET: one call in full (screen-pop); only for the nurse it is offered or connected to, and team leads. */
  call: '/api/v1/calls/:id',
  /** POST: answer the call ringing at you, or pick a waiting call from a queue you serve. */
  acceptCall: '/api/v1/calls/:id/accept',
  /** POST: let the call ringing at you go back to the queue (keeping its place); you stay available. */
  declineCall: '/api/v1/calls/:id/decline',
  /** POST: the conversation is over; after-call work starts. */
  endCall: '/api/v1/calls/:id/end',
  /** POST (team lead): change a waiting call's urgency class, with a reason. */
  reprioritiseCall: '/api/v1/calls/:id/priority',
  /** GET: the region's callbacks (filter by state); POST: book one. */
  callbacks: '/api/v1/callbacks',
  /** POST: record the outcome of a callback attempt; failed attempts are retried per regional rule. */
  callbackAttempts: '/api/v1/callbacks/:id/attempts',
  /** POST: cancel a callback that is not yet due (the caller got help another way), with a reason. */
  callbackCancel: '/api/v1/callbacks/:id/cancel',
  /** POST (telephony API key): a call entered the phone platform with its phone-menu data. */
  telephonyCalls: '/api/v1/telephony/calls',
  /** POST (telephony API key): the caller hung up. */
  telephonyHangUp: '/api/v1/telephony/calls/:ref/hang-up',
} as const;

/** A route with its `:id` / `:ref` filled in, e.g. `callRoute(CALL_ROUTES.acceptCall, id)`. */
export function callRoute(route: string, id: string): string {
  return route.replace(/:(id|ref)\b/, encodeURIComponent(id));
}

/** Header that carries the telephony platform's API key (FIRSTLINE_TELEPHONY_KEY on the backend). */
export const TELEPHONY_KEY_HEADER = 'x-firstline-telephony-key';

/** The shared overflow queue's id; every other queue id is the id of its region. */
export const OVERFLOW_QUEUE_ID = 'overflow';
/** The shared overflow queue's name, as nurses and team leads see it (a region's queue has the region's name). */
export const OVERFLOW_QUEUE_NAME = { sv: 'Gemensam överflödeskö', en: 'Shared overflow queue' } as const;

/**
 * Error codes of these routes, on top of the general ones in `auth.ts`. Every refusal says in its
 * message what went wrong and what to do.
 */
export const CALL_ERROR_CODES = [
  /** No call with that id in your region or a queue you serve (404). */
  'call_not_found',
  /** Another nurse has the call (409). */
  'call_taken',
  /** The call is no longer in a state that allows this, e.g. ending a call that is not connected (409). */
  'call_state_conflict',
  /** The offer rang out before the accept arrived; you are now unavailable (409). */
  'offer_expired',
  /** The presence change is not allowed from your current state, e.g. accepting while on break (409). */
  'presence_transition_forbidden',
  /** No callback with that id in your region (404). */
  'callback_not_found',
  /** The callback is finished or not in a state that allows this (409). */
  'callback_state_conflict',
  /** Missing or wrong telephony API key (401). */
  'telephony_key_invalid',
  /** The backend has no telephony API key configured (503). */
  'telephony_not_configured',
  /** The telephony platform sent a call id that is already known (409). */
  'duplicate_call',
] as const;
export type CallErrorCode = (typeof CALL_ERROR_CODES)[number];

// ---------------------------------------------------------------------------------------------
// Phone menu (IVR): the questions it may ask and the red flags they raise

export const CALL_KINDS = ['inbound', 'callback'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export const CALL_STATES = [
  'waiting',
  'offered',
  'connected',
  'after-call-work',
  'ended',
  'abandoned',
] as const;
export type CallState = (typeof CALL_STATES)[number];

/** Red flags the phone menu can raise; any of them makes the call red and alerts every available nurse. */
export const RED_FLAGS = {
  'chest-pain': { sv: 'Bröstsmärta', en: 'Chest pain' },
  'breathing-difficulty': { sv: 'Andningssvårigheter', en: 'Breathing difficulty' },
  'stroke-signs': { sv: 'Strokesymtom', en: 'Stroke signs' },
  'reduced-consciousness': { sv: 'Medvetandepåverkan', en: 'Reduced consciousness' },
  'severe-bleeding': { sv: 'Kraftig blödning', en: 'Severe bleeding' },
  'severe-allergic-reaction': { sv: 'Svår allergisk reaktion', en: 'Severe allergic reaction' },
  'infant-fever': { sv: 'Feber hos spädbarn under 3 månader', en: 'Fever in an infant under 3 months' },
} as const satisfies Record<string, RedFlag['label']>;
export type RedFlagCode = keyof typeof RED_FLAGS;
export const RED_FLAG_CODES = Object.keys(RED_FLAGS) as RedFlagCode[];

export function redFlag(code: RedFlagCode): RedFlag {
  return { code, label: RED_FLAGS[code] };
}

export interface PhoneMenuQuestion {
  question: { sv: string; en: string };
  /** A "yes" raises this red flag (and makes the call red). */
  redFlag?: RedFlagCode;
  /** Urgency class a "yes" gives at least. */
  urgencyIfYes: UrgencyClass;
}

/** The pre-assessment questions of the phone menu, by code. Regions' phone menus ask a subset. */
export const PHONE_MENU_QUESTIONS = {
  'chest-pain': {
    question: { sv: 'Har du ont i bröstet just nu?', en: 'Do you have chest pain right now?' },
    redFlag: 'chest-pain',
    urgencyIfYes: 'red',
  },
  'breathing-difficulty': {
    question: { sv: 'Har du svårt att andas?', en: 'Are you having difficulty breathing?' },
    redFlag: 'breathing-difficulty',
    urgencyIfYes: 'red',
  },
  'stroke-signs': {
    question: {
      sv: 'Har du plötsligt fått hängande mungipa, sluddrigt tal eller svaghet i en arm eller ett ben?',
      en: 'Has there been sudden facial droop, slurred speech or weakness in an arm or a leg?',
    },
    redFlag: 'stroke-signs',
    urgencyIfYes: 'red',
  },
  'reduced-consciousness': {
    question: {
      sv: 'Är den sjuka svår att väcka eller ovanligt förvirrad?',
      en: 'Is the sick person hard to wake or unusually confused?',
    },
    redFlag: 'reduced-consciousness',
    urgencyIfYes: 'red',
  },
  'severe-bleeding': {
    question: { sv: 'Blöder det kraftigt just nu?', en: 'Is there heavy bleeding right now?' },
    redFlag: 'severe-bleeding',
    urgencyIfYes: 'red',
  },
  'severe-allergic-reaction': {
    question: {
      sv: 'Har du svullnad i ansikte, mun eller svalg efter något du ätit eller fått i dig?',
      en: 'Is there swelling of the face, mouth or throat after something eaten or taken?',
    },
    redFlag: 'severe-allergic-reaction',
    urgencyIfYes: 'red',
  },
  'infant-fever': {
    question: {
      sv: 'Gäller samtalet ett barn yngre än 3 månader som har feber?',
      en: 'Is the call about a baby younger than 3 months with a fever?',
    },
    redFlag: 'infant-fever',
    urgencyIfYes: 'red',
  },
  'severe-pain': {
    question: { sv: 'Har du mycket svår smärta?', en: 'Are you in very severe pain?' },
    urgencyIfYes: 'orange',
  },
  'high-fever': {
    question: { sv: 'Har du hög feber (över 39 °C)?', en: 'Do you have a high fever (over 39 °C)?' },
    urgencyIfYes: 'yellow',
  },
  worsening: {
    question: {
      sv: 'Har besvären blivit tydligt värre det senaste dygnet?',
      en: 'Have the symptoms clearly worsened in the last 24 hours?',
    },
    urgencyIfYes: 'yellow',
  },
} as const satisfies Record<string, PhoneMenuQuestion>;
export type PhoneMenuQuestionCode = keyof typeof PHONE_MENU_QUESTIONS;
export const PHONE_MENU_QUESTION_CODES = Object.keys(PHONE_MENU_QUESTIONS) as PhoneMenuQuestionCode[];

export const PHONE_MENU_ANSWERS = ['yes', 'no', 'no-answer'] as const;

const QuestionCodeSchema = z.enum(PHONE_MENU_QUESTION_CODES, {
  error: `Unknown phone-menu question; known codes: ${PHONE_MENU_QUESTION_CODES.join(', ')}`,
});

/** One answer as the phone platform reports it. */
export const PhoneMenuAnswerInputSchema = z.object({
  code: QuestionCodeSchema,
  answer: z.enum(PHONE_MENU_ANSWERS, { error: 'answer must be yes, no or no-answer' }),
});
export type PhoneMenuAnswerInput = z.infer<typeof PhoneMenuAnswerInputSchema>;

/** One answer as a nurse reads it, with the question asked. */
export const PhoneMenuAnswerSchema = PhoneMenuAnswerInputSchema.extend({
  question: z.object({ sv: z.string(), en: z.string() }),
});
export type PhoneMenuAnswer = z.infer<typeof PhoneMenuAnswerSchema>;

/** The phone menu's pre-assessment: answers in the order asked and the red flags they raised. */
export const PreAssessmentSchema = z.object({
  answers: z.array(PhoneMenuAnswerSchema),
  redFlags: z.array(RedFlagSchema),
});
export type PreAssessment = z.infer<typeof PreAssessmentSchema>;

const URGENCY_RANK: Readonly<Record<UrgencyClass, number>> = { red: 0, orange: 1, yellow: 2, green: 3 };

/** The more urgent of two classes. */
export function moreUrgent(a: UrgencyClass, b: UrgencyClass): UrgencyClass {
  return URGENCY_RANK[a] <= URGENCY_RANK[b] ? a : b;
}

/**
 * Reads the phone menu's answers: red flags raised and the urgency class they give (green when
 * nothing points higher). A caller-given class can only raise it, never lower a red flag.
 */
export function assessPhoneMenu(
  answers: readonly PhoneMenuAnswerInput[],
  atLeast: UrgencyClass = 'green',
): { preAssessment: PreAssessment; urgencyClass: UrgencyClass } {
  let urgencyClass = atLeast;
  const redFlags: RedFlag[] = [];
  const full = answers.map((answer): PhoneMenuAnswer => {
    const question: PhoneMenuQuestion = PHONE_MENU_QUESTIONS[answer.code];
    if (answer.answer === 'yes') {
      urgencyClass = moreUrgent(urgencyClass, question.urgencyIfYes);
      if (question.redFlag !== undefined && !redFlags.some((flag) => flag.code === question.redFlag)) {
        redFlags.push(redFlag(question.redFlag));
      }
    }
    return { ...answer, question: { ...question.question } };
  });
  return { preAssessment: { answers: full, redFlags }, urgencyClass };
}

// ---------------------------------------------------------------------------------------------
// Shared field schemas

const Iso = z.iso.datetime({ offset: true });
const Uuid = z.uuid();
const HsaId = z.string().min(1).max(64);
const UrgencySchema = z.enum(URGENCY_CLASSES, { error: 'urgencyClass must be red, orange, yellow or green' });

/**
 * A phone number: optional +, 6–15 digits (spaces and dashes ignored). Swedish national numbers
 * ("070-174 06 05") are stored in international form ("+46701740605"), "00" prefixes as "+".
 */
export const PhoneNumberSchema = z
  .string({ error: 'A phone number is required' })
  .trim()
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\+?\d{6,15}$/, 'A phone number is an optional + followed by 6–15 digits'))
  .transform((value) =>
    value.startsWith('00') ? `+${value.slice(2)}` : value.startsWith('0') ? `+46${value.slice(1)}` : value,
  );

/** ISO 639-1/2 language code of the caller's phone-menu choice ("sv", "en", "ar", "so", "fi", ...). */
export const LanguageSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'language must be a two- or three-letter language code such as "sv"');

// ---------------------------------------------------------------------------------------------
// Calls

/** The offer of a call to one nurse: her workstation rings until `expiresAt`. */
export const OfferSchema = z.object({
  callId: Uuid,
  offeredAt: Iso,
  expiresAt: Iso,
  kind: z.enum(CALL_KINDS),
  queueId: z.string(),
  urgencyClass: UrgencySchema,
  redFlags: z.array(RedFlagSchema),
});
export type Offer = z.infer<typeof OfferSchema>;

export const PriorityChangeSchema = z.object({
  from: UrgencySchema,
  to: UrgencySchema,
  reason: z.string(),
  byHsaId: HsaId,
  at: Iso,
});
export type PriorityChange = z.infer<typeof PriorityChangeSchema>;

/** A call in full: what the screen-pop opens a case with. Only its nurse and team leads read it. */
export const CallSchema = z.object({
  id: Uuid,
  /** The region whose phone line took the call. */
  regionId: z.string(),
  /** The region's id, or OVERFLOW_QUEUE_ID for a call that went straight to the shared overflow queue. */
  queueId: z.string(),
  kind: z.enum(CALL_KINDS),
  callerNumber: z.string(),
  /** 12 digits, as keyed in the phone menu and checked (Luhn, date); null when not keyed. */
  personnummer: z.string().nullable(),
  language: LanguageSchema,
  preAssessment: PreAssessmentSchema,
  urgencyClass: UrgencySchema,
  /** When the caller entered the queue (for a callback: when it became due this time). */
  enteredQueueAt: Iso,
  /** The priority base: enteredQueueAt for an inbound call; a callback keeps its original time. */
  waitingSince: Iso,
  state: z.enum(CALL_STATES),
  /** The nurse it is offered or connected to (or was, once it ended). */
  assignedTo: HsaId.nullable(),
  offer: OfferSchema.nullable(),
  answeredAt: Iso.nullable(),
  endedAt: Iso.nullable(),
  callbackId: Uuid.nullable(),
  priorityChanges: z.array(PriorityChangeSchema),
});
export type Call = z.infer<typeof CallSchema>;

export const CallResponseSchema = z.object({ call: CallSchema });
export type CallResponse = z.infer<typeof CallResponseSchema>;

// CallActionResponseSchema (accept, decline, end) follows the presence schema below.

/** Team lead: change a waiting call's urgency class. The reason is kept with the call. */
export const ReprioritiseRequestSchema = z.object(
  {
    urgencyClass: UrgencySchema,
    reason: z
      .string({ error: 'reason is required: say why the urgency changes' })
      .trim()
      .min(3, 'reason must say why the urgency changes (at least 3 characters)')
      .max(500, 'reason is too long (at most 500 characters)'),
  },
  { error: 'The request body must be a JSON object' },
);
export type ReprioritiseRequest = z.infer<typeof ReprioritiseRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Presence

/** Why a nurse is on break. `offer-timeout` is set by the ACD only, when an offered call rang out. */
export const BREAK_REASONS = [
  'short-break',
  'lunch',
  'meeting',
  'training',
  'administration',
  'other',
  'offer-timeout',
] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];
export const NURSE_BREAK_REASONS = BREAK_REASONS.filter((reason) => reason !== 'offer-timeout');

export const BREAK_REASON_LABELS: Readonly<Record<BreakReason, { sv: string; en: string }>> = {
  'short-break': { sv: 'Kort paus', en: 'Short break' },
  lunch: { sv: 'Lunch', en: 'Lunch' },
  meeting: { sv: 'Möte', en: 'Meeting' },
  training: { sv: 'Utbildning', en: 'Training' },
  administration: { sv: 'Administration', en: 'Administration' },
  other: { sv: 'Annat', en: 'Other' },
  'offer-timeout': { sv: 'Obesvarat samtal', en: 'Unanswered call' },
};

/** States a nurse sets herself; on-call and after-call work follow from calls. */
export const SETTABLE_PRESENCE_STATES = ['available', 'break', 'offline'] as const;
export type SettablePresence = (typeof SETTABLE_PRESENCE_STATES)[number];

const NurseBreakReasonSchema = z.enum(NURSE_BREAK_REASONS as [BreakReason, ...BreakReason[]], {
  error: `breakReason must be one of ${NURSE_BREAK_REASONS.join(', ')}`,
});

/** What to become when the current call's after-call work ends ("break after this call"). */
export const NextStatusSchema = z
  .object({
    state: z.enum(SETTABLE_PRESENCE_STATES, {
      error: 'nextStatus.state must be available, break or offline',
    }),
    breakReason: NurseBreakReasonSchema.optional(),
  })
  .refine((next) => (next.state === 'break') === (next.breakReason !== undefined), {
    message: 'nextStatus.breakReason is required with break and only with break',
    path: ['breakReason'],
  });
export type NextStatus = z.infer<typeof NextStatusSchema>;

/** Why the presence is what it is now. */
export const PRESENCE_CHANGE_REASONS = [
  'nurse',
  'call-accepted',
  'call-ended',
  'after-call-work-timer',
  'after-call-work-ended-early',
  'offer-timeout',
  /** The call ringing at her was taken away (the caller hung up); she stays available. */
  'offer-withdrawn',
  'signed-out',
] as const;
export type PresenceChangeReason = (typeof PRESENCE_CHANGE_REASONS)[number];

export const PresenceSchema = z.object({
  hsaId: HsaId,
  regionId: z.string(),
  state: z.enum(NURSE_PRESENCE_STATES),
  since: Iso,
  breakReason: z.enum(BREAK_REASONS).nullable(),
  reason: z.enum(PRESENCE_CHANGE_REASONS),
  /** What to tell the nurse about the last change when the ACD made it (e.g. an offer rang out). */
  message: z.object({ sv: z.string(), en: z.string() }).nullable(),
  nextStatus: NextStatusSchema.nullable(),
  /** During after-call work: when the regional timer ends it. */
  afterCallWorkEndsAt: Iso.nullable(),
  /** The call she is connected to or in after-call work for. */
  currentCallId: Uuid.nullable(),
  /** The call ringing at her workstation. */
  offer: OfferSchema.nullable(),
});
export type Presence = z.infer<typeof PresenceSchema>;

export const PresenceResponseSchema = z.object({ presence: PresenceSchema });
export type PresenceResponse = z.infer<typeof PresenceResponseSchema>;

/** Answer to accept, decline and end: the call as it now stands and the nurse's presence after it. */
export const CallActionResponseSchema = z.object({ call: CallSchema, presence: PresenceSchema });
export type CallActionResponse = z.infer<typeof CallActionResponseSchema>;

/**
 * PUT presence. `state` (available, break with a reason, offline) is allowed from available, break
 * and offline; during a call or after-call work only `nextStatus` may be set (null clears it).
 * Going on break or offline while a call rings at you sends the call back to the queue.
 */
export const PresenceUpdateRequestSchema = z
  .object(
    {
      state: z
        .enum(SETTABLE_PRESENCE_STATES, {
          error: 'state must be available, break or offline (on-call and after-call work follow from calls)',
        })
        .optional(),
      breakReason: NurseBreakReasonSchema.optional(),
      nextStatus: NextStatusSchema.nullable().optional(),
    },
    { error: 'The request body must be a JSON object' },
  )
  .refine((body) => body.state !== undefined || body.nextStatus !== undefined, {
    message: 'Send state or nextStatus (or both)',
  })
  .refine(
    (body) => body.state === undefined || (body.state === 'break') === (body.breakReason !== undefined),
    {
      message: 'breakReason is required with break and only with break',
      path: ['breakReason'],
    },
  );
export type PresenceUpdateRequest = z.infer<typeof PresenceUpdateRequestSchema>;

// ---------------------------------------------------------------------------------------------
// The nurse's queue view

/** A waiting (or ringing) call as the queue panel shows it: no caller number, no personnummer. */
export const QueuedCallViewSchema = z.object({
  callId: Uuid,
  queueId: z.string(),
  regionId: z.string(),
  kind: z.enum(CALL_KINDS),
  urgencyClass: UrgencySchema,
  /** Red-flag badges. */
  redFlags: z.array(RedFlagSchema),
  language: LanguageSchema,
  enteredQueueAt: Iso,
  waitingSince: Iso,
  secondsWaited: z.number().nonnegative(),
  /** 1-based place in this queue's answer order. */
  position: z.number().int().positive(),
  priority: z.number(),
  /** Why the call is where it is (core/queue/priority explainQueuePosition). */
  explanation: z.object({ sv: z.string(), en: z.string() }),
  state: z.enum(['waiting', 'offered']),
  /** The nurse whose workstation is ringing with it. */
  offeredTo: HsaId.nullable(),
  /** A regional call that has waited long enough to be served from the overflow queue too. */
  overflowing: z.boolean(),
  callbackId: Uuid.nullable(),
  lastPriorityChange: PriorityChangeSchema.nullable(),
});
export type QueuedCallView = z.infer<typeof QueuedCallViewSchema>;

export const QueueViewSchema = z.object({
  queueId: z.string(),
  kind: z.enum(['regional', 'overflow']),
  name: z.object({ sv: z.string(), en: z.string() }),
  /** Whether calls of this queue can be offered to you. */
  servedByYou: z.boolean(),
  /** In answer order. The overflow queue lists calls of every region that overflowed or were sent there. */
  calls: z.array(QueuedCallViewSchema),
  waitingCount: z.number().int().nonnegative(),
  longestWaitSeconds: z.number().nonnegative(),
  redFlagWaiting: z.number().int().nonnegative(),
});
export type QueueView = z.infer<typeof QueueViewSchema>;

export const CALLBACK_STATES = [
  'scheduled',
  'queued',
  'in-progress',
  'completed',
  'failed',
  'cancelled',
] as const;
export type CallbackState = (typeof CALLBACK_STATES)[number];

export const CALLBACK_ATTEMPT_OUTCOMES = [
  'reached',
  'no-answer',
  'busy',
  'voicemail',
  'wrong-number',
] as const;
export type CallbackAttemptOutcome = (typeof CALLBACK_ATTEMPT_OUTCOMES)[number];

export const CallbackAttemptSchema = z.object({
  at: Iso,
  outcome: z.enum(CALLBACK_ATTEMPT_OUTCOMES),
  byHsaId: HsaId,
  note: z.string().nullable(),
});
export type CallbackAttempt = z.infer<typeof CallbackAttemptSchema>;

/** A booked return call. */
export const CallbackSchema = z.object({
  id: Uuid,
  regionId: z.string(),
  queueId: z.string(),
  phone: z.string(),
  personnummer: z.string().nullable(),
  /** Why to call back (shown to the nurse who makes the call). */
  reason: z.string(),
  urgencyClass: UrgencySchema,
  redFlags: z.array(RedFlagSchema),
  language: LanguageSchema,
  windowStart: Iso,
  windowEnd: Iso,
  /** The priority base it keeps on every attempt (see CallbackBookingRequest). */
  waitingSince: Iso,
  state: z.enum(CALLBACK_STATES),
  attempts: z.array(CallbackAttemptSchema),
  maxAttempts: z.number().int().positive(),
  /** When it enters (or re-enters) the queue; null once completed, failed or cancelled. */
  nextAttemptAt: Iso.nullable(),
  /** The call in the queue for the current attempt. */
  callId: Uuid.nullable(),
  bookedBy: HsaId,
  bookedAt: Iso,
  sourceCallId: Uuid.nullable(),
  caseId: z.string().nullable(),
  /** Who cancelled it before it was due, when and why; null unless cancelled. */
  cancellation: z.object({ at: Iso, byHsaId: HsaId, reason: z.string() }).nullable(),
});
export type Callback = z.infer<typeof CallbackSchema>;

export const QueueSnapshotSchema = z.object({
  regionId: z.string(),
  at: Iso,
  /** Your region's queue first, then the overflow queue. */
  queues: z.array(QueueViewSchema),
  /** Red-flag callers still waiting in any queue shown, longest wait first. */
  redFlagCallsWaiting: z.array(QueuedCallViewSchema),
  /** Scheduled callbacks of your region due within the hour (or overdue), earliest first. */
  callbacksDue: z.array(CallbackSchema),
  /** Nurses of your region in each presence state. */
  nursesByPresence: z.record(z.enum(NURSE_PRESENCE_STATES), z.number().int().nonnegative()),
  you: PresenceSchema,
});
export type QueueSnapshot = z.infer<typeof QueueSnapshotSchema>;

// ---------------------------------------------------------------------------------------------
// The team lead's queue overview

export const QueueOverviewQuerySchema = z.object({
  /** Default: your own region. Team leads may only ask for their own region; admins for any. */
  regionId: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]*$/, 'regionId is lower-case letters, digits and dashes, e.g. "skane"')
    .max(40, 'regionId is too long (at most 40 characters)')
    .optional(),
});
export type QueueOverviewQuery = z.infer<typeof QueueOverviewQuerySchema>;

/** A red-flag caller still waiting: ids, urgency and flags only, no patient data. */
export const OverviewRedFlagCallSchema = z.object({
  callId: Uuid,
  regionId: z.string(),
  urgencyClass: UrgencySchema,
  redFlags: z.array(RedFlagSchema).min(1),
  enteredQueueAt: Iso,
  secondsWaited: z.number().nonnegative(),
});
export type OverviewRedFlagCall = z.infer<typeof OverviewRedFlagCallSchema>;

/** One queue as the team lead watches it, at the overview's `at`. */
export const QueueOverviewTileSchema = z.object({
  queueId: z.string(),
  kind: z.enum(['regional', 'overflow']),
  name: z.object({ sv: z.string(), en: z.string() }),
  /** Calls in the queue now, waiting or ringing at a nurse (neither answered nor abandoned). */
  waitingCount: z.number().int().nonnegative(),
  /** Seconds the longest-waiting caller now in the queue has waited since entering it; 0 when nobody waits. */
  longestWaitSeconds: z.number().nonnegative(),
  /** Red-flag callers waiting in this queue, longest wait first. */
  redFlagCallsWaiting: z.array(OverviewRedFlagCallSchema),
  /** Scheduled callbacks of the region for this queue that are overdue or due within the hour. */
  callbacksDue: z.number().int().nonnegative(),
});
export type QueueOverviewTile = z.infer<typeof QueueOverviewTileSchema>;

const Count = z.number().int().nonnegative();
const Share = z.number().min(0).max(1).nullable();
const Seconds = z.number().nonnegative();

/**
 * Today's figures for the region as core/queue/metrics computeQueueMetrics returns them (its
 * definitions, METRIC_DEFINITIONS, apply word for word). Times are epoch milliseconds.
 */
export const OverviewMetricsSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  serviceLevelSeconds: z.number().positive(),
  shortAbandonSeconds: z.number().nonnegative(),
  callsOffered: Count,
  callsAnswered: Count,
  callsAbandoned: Count,
  shortAbandons: Count,
  answeredWithinServiceLevel: Count,
  serviceLevelBase: Count,
  serviceLevel: Share,
  averageSpeedOfAnswerSeconds: Seconds.nullable(),
  abandonRate: Share,
  callsHandled: Count,
  averageHandleTimeSeconds: Seconds.nullable(),
  averageTalkSeconds: Seconds.nullable(),
  averageAfterCallWorkSeconds: Seconds.nullable(),
  offersNotAnswered: Count,
  occupancy: Share,
});
export type OverviewMetrics = z.infer<typeof OverviewMetricsSchema>;

export const QueueOverviewSchema = z.object({
  regionId: z.string(),
  regionName: z.string(),
  /** When these figures were taken. */
  at: Iso,
  /** The region's queue first, then the shared overflow queue. */
  queues: z.array(QueueOverviewTileSchema),
  /** Nurses of the region in each presence state now, with breaks by reason. */
  nurses: z.object({
    byState: z.record(z.enum(NURSE_PRESENCE_STATES), Count),
    breaksByReason: z.record(z.enum(BREAK_REASONS), Count),
  }),
  /** Since midnight today, Swedish time (Europe/Stockholm), until `at`. */
  today: OverviewMetricsSchema,
});
export type QueueOverview = z.infer<typeof QueueOverviewSchema>;

// ---------------------------------------------------------------------------------------------
// Callbacks

/**
 * Book a callback, from a case (`caseId`, and `sourceCallId` when it came from a call) or from the
 * queue (`sourceCallId` of a waiting call). It enters the queue at `windowStart` with its urgency.
 * Its priority base (`waitingSince`) is kept on every attempt: the waiting call's own base when it
 * was booked for a caller still in the queue (the caller keeps the place they had), otherwise
 * `windowStart` (it competes as if the caller had rung then, neither jumping the queue nor losing
 * its place to callers who rang later).
 */
export const CallbackBookingRequestSchema = z
  .object(
    {
      phone: PhoneNumberSchema,
      personnummer: z.string().trim().max(20).optional(),
      reason: z
        .string({ error: 'reason is required: what the callback is about' })
        .trim()
        .min(3, 'reason must say what the callback is about (at least 3 characters)')
        .max(500, 'reason is too long (at most 500 characters)'),
      urgencyClass: UrgencySchema,
      windowStart: Iso,
      windowEnd: Iso,
      language: LanguageSchema.optional(),
      redFlags: z
        .array(z.enum(RED_FLAG_CODES as [RedFlagCode, ...RedFlagCode[]]))
        .max(10)
        .optional(),
      sourceCallId: Uuid.optional(),
      caseId: z.string().trim().min(1).max(100).optional(),
    },
    { error: 'The request body must be a JSON object' },
  )
  .refine((body) => Date.parse(body.windowEnd) > Date.parse(body.windowStart), {
    message: 'windowEnd must be after windowStart',
    path: ['windowEnd'],
  });
export type CallbackBookingRequest = z.input<typeof CallbackBookingRequestSchema>;

export const CallbackResponseSchema = z.object({ callback: CallbackSchema });
export type CallbackResponse = z.infer<typeof CallbackResponseSchema>;

export const CallbacksQuerySchema = z.object({
  /** Comma-separated states; default scheduled,queued,in-progress. */
  state: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(CALLBACK_STATES, { error: `state must be among ${CALLBACK_STATES.join(', ')}` })))
    .optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(500, 'limit must be at most 500')
    .default(100),
});
export type CallbacksQuery = z.infer<typeof CallbacksQuerySchema>;

/** Earliest next attempt first, then finished ones newest first. */
export const CallbacksResponseSchema = z.object({ callbacks: z.array(CallbackSchema) });
export type CallbacksResponse = z.infer<typeof CallbacksResponseSchema>;

/**
 * The outcome of one attempt. `reached` completes the callback; no-answer, busy and voicemail are
 * retried after the regional interval until the regional number of attempts is used; wrong-number
 * ends it as failed. A failed attempt during the callback's call also ends that call (after-call work).
 */
export const CallbackAttemptRequestSchema = z.object(
  {
    outcome: z.enum(CALLBACK_ATTEMPT_OUTCOMES, {
      error: `outcome must be one of ${CALLBACK_ATTEMPT_OUTCOMES.join(', ')}`,
    }),
    note: z.string().trim().max(500, 'note is too long (at most 500 characters)').optional(),
  },
  { error: 'The request body must be a JSON object' },
);
export type CallbackAttemptRequest = z.infer<typeof CallbackAttemptRequestSchema>;

/** Cancels a callback that has not entered the queue yet; once it waits in the queue it is called. */
export const CallbackCancelRequestSchema = z.object(
  {
    reason: z
      .string({ error: 'reason is required: say why the callback is cancelled' })
      .trim()
      .min(3, 'reason is too short (at least 3 characters)')
      .max(500, 'reason is too long (at most 500 characters)'),
  },
  { error: 'The request body must be a JSON object' },
);
export type CallbackCancelRequest = z.infer<typeof CallbackCancelRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Telephony platform (authenticated with TELEPHONY_KEY_HEADER, not a staff token)

/** A call entered the phone platform; the phone menu is done. */
export const TelephonyCallEnteredRequestSchema = z.object(
  {
    /** The platform's own id of the call; hang-ups refer to it. */
    externalRef: z
      .string({ error: 'externalRef is required' })
      .min(1, 'externalRef must not be empty')
      .max(100, 'externalRef is too long (at most 100 characters)')
      .regex(/^[A-Za-z0-9._:-]+$/, 'externalRef may hold letters, digits and . _ : - only'),
    regionId: z.string({ error: 'regionId is required' }).min(1).max(40),
    /** Default: the region's queue. OVERFLOW_QUEUE_ID puts it straight into the shared overflow queue. */
    queueId: z.string().min(1).max(40).optional(),
    callerNumber: PhoneNumberSchema,
    /** As keyed in the phone menu; checked (length, date, Luhn) and refused with the reason when wrong. */
    personnummer: z.string().trim().max(20).optional(),
    language: LanguageSchema.default('sv'),
    answers: z.array(PhoneMenuAnswerInputSchema).max(20, 'at most 20 phone-menu answers').default([]),
    /** A class set by the platform; it can only raise what the answers give, never lower it. */
    urgencyClass: UrgencySchema.optional(),
  },
  { error: 'The request body must be a JSON object' },
);
export type TelephonyCallEnteredRequest = z.input<typeof TelephonyCallEnteredRequestSchema>;

export const TelephonyCallEnteredResponseSchema = z.object({
  callId: Uuid,
  queueId: z.string(),
  urgencyClass: UrgencySchema,
  redFlags: z.array(RedFlagSchema),
});
export type TelephonyCallEnteredResponse = z.infer<typeof TelephonyCallEnteredResponseSchema>;

export const TelephonyHangUpRequestSchema = z.object(
  {
    /** Only hang up if the caller is still waiting (a caller whose patience ran out); otherwise nothing changes. */
    ifStillWaiting: z.boolean().optional(),
  },
  { error: 'The request body must be a JSON object' },
);
export type TelephonyHangUpRequest = z.infer<typeof TelephonyHangUpRequestSchema>;

/** abandoned: left the queue; ended: the conversation ended (after-call work began); unchanged: nothing to do. */
export const TelephonyHangUpResponseSchema = z.object({
  outcome: z.enum(['abandoned', 'ended', 'unchanged']),
  state: z.enum(CALL_STATES),
});
export type TelephonyHangUpResponse = z.infer<typeof TelephonyHangUpResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Live events (published to the region over the live event channel, core/backend-api/events.ts)

export const CALL_EVENT_TYPES = {
  /** Something in a queue changed: fetch GET /api/v1/queue. regionId null: the overflow queue, every region. */
  queueChanged: 'queue.changed',
  /** A call rings at one nurse (payload.hsaId); other workstations ignore it. */
  callOffered: 'call.offered',
  /** A red-flag caller is waiting: every available nurse and the team leads are alerted. */
  redFlagWaiting: 'call.red-flag-waiting',
  /** A nurse's presence changed (payload.hsaId); her workstation shows payload.message when set. */
  presenceChanged: 'presence.changed',
} as const;

export const QueueChangedPayloadSchema = z.object({
  queueIds: z.array(z.string()),
  reason: z.enum([
    'call-entered',
    'call-offered',
    'call-answered',
    'call-returned',
    'call-abandoned',
    'call-reprioritised',
    'call-overflowed',
    'callback-booked',
    'callback-due',
    'callback-cancelled',
  ]),
});
export type QueueChangedPayload = z.infer<typeof QueueChangedPayloadSchema>;

export const CallOfferedPayloadSchema = OfferSchema.extend({ hsaId: HsaId });
export type CallOfferedPayload = z.infer<typeof CallOfferedPayloadSchema>;

export const RedFlagWaitingPayloadSchema = z.object({
  callId: Uuid,
  queueId: z.string(),
  regionId: z.string(),
  urgencyClass: UrgencySchema,
  redFlags: z.array(RedFlagSchema),
  waitingSince: Iso,
});
export type RedFlagWaitingPayload = z.infer<typeof RedFlagWaitingPayloadSchema>;

export const PresenceChangedPayloadSchema = PresenceSchema.pick({
  hsaId: true,
  state: true,
  since: true,
  breakReason: true,
  reason: true,
  message: true,
  nextStatus: true,
  afterCallWorkEndsAt: true,
});
export type PresenceChangedPayload = z.infer<typeof PresenceChangedPayloadSchema>;

/** Presence states for counting, re-exported so the UI imports one module. */
export { NURSE_PRESENCE_STATES };
export type { NursePresence };
