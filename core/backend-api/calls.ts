// HTTP contract of call distribution (ACD): the nurse's queue view, presence, offers, calls, callbacks, team-lead re-prioritisation, the telephony platform's routes and the live events they publish.
//
// Patient data (caller number, personnummer) travels only in answers to the nurse the call is
// offered or connected to, and in the callbacks list; the queue view and every live event carry
// ids, urgency and red-flag codes only.
//
// The parts live in ./calls/: routes (and error codes), fields, call, presence, queueView, callbacks,
// queueOverview, telephony and events. The phone menu's questions and red flags are domain logic in
// core/queue/phoneMenu.ts, the presence states in core/queue/presence.ts.
export * from './calls/routes';
export { CALL_KINDS, CALL_STATES, LanguageSchema, PhoneNumberSchema } from './calls/fields';
export type { CallKind, CallState } from './calls/fields';
export * from './calls/call';
export * from './calls/presence';
export * from './calls/queueView';
export * from './calls/callbacks';
export * from './calls/queueOverview';
export * from './calls/telephony';
export * from './calls/events';
