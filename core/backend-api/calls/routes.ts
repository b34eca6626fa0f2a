// The call-distribution routes, the telephony key header, the overflow queue's id and the routes' error codes.

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
