// Live event channel between the regional backend and workstations: the WebSocket route and its messages.
//
// Every message from the backend has one envelope, `{ type, regionId, payload }`. The set of types is
// open: each feature names its own (the sync poke today, the call queue next) and validates its payload
// with its own schema when it subscribes. Payloads carry ids and small facts, never patient data: a
// workstation that needs the data fetches it over HTTPS, where it is access-logged.
import { z } from 'zod';

export const EVENT_ROUTES = {
  /** WebSocket. Authenticate with `?token=<access token>` or with an `auth` message sent first. */
  events: '/api/v1/events',
} as const;

/** Event types are short dotted or dashed words ("poke", "queue.changed"). */
export const EventTypeSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/,
    'An event type is lower-case words joined by "." or "-" (e.g. "queue.changed").',
  )
  .max(60, 'An event type is at most 60 characters.');

/** The region an event concerns; null for every region served by this backend. */
const RegionIdOrAll = z.string().min(1).max(40).nullable();

/** Any event as it travels: the open union every feature's event fits into. */
export const LiveEventSchema = z.object({
  type: EventTypeSchema,
  regionId: RegionIdOrAll,
  payload: z.unknown(),
});
export type LiveEvent = z.infer<typeof LiveEventSchema>;

/**
 * Largest serialised event. PostgreSQL NOTIFY carries at most 8000 bytes; staying far below leaves room
 * for the envelope and keeps events what they should be: a hint to fetch, not the data itself.
 */
export const MAX_EVENT_BYTES = 4000;

// ---------------------------------------------------------------------------------------------
// Events the channel itself defines

/** "Something changed for your region: pull now." Sent after every sync commit. */
export const POKE_EVENT = 'poke';
export const PokePayloadSchema = z.object({ scope: z.literal('sync') });
export type PokePayload = z.infer<typeof PokePayloadSchema>;
export const PokeEventSchema = LiveEventSchema.extend({
  type: z.literal(POKE_EVENT),
  payload: PokePayloadSchema,
});
export type PokeEvent = z.infer<typeof PokeEventSchema>;

/**
 * Sent once the socket is authenticated and subscribed: from here on no event for the region is missed
 * (until the socket drops, after which a client catches up over HTTPS).
 */
export const READY_EVENT = 'channel.ready';
export const ReadyPayloadSchema = z.object({
  hsaId: z.string().min(1),
  /** When the access token behind this socket runs out; the backend closes the socket then. */
  expiresAt: z.iso.datetime(),
});
export const ReadyEventSchema = LiveEventSchema.extend({
  type: z.literal(READY_EVENT),
  regionId: z.string().min(1),
  payload: ReadyPayloadSchema,
});
export type ReadyEvent = z.infer<typeof ReadyEventSchema>;

// ---------------------------------------------------------------------------------------------
// Messages from the workstation

/** The first message when the token is not in the URL (browsers cannot set headers on an upgrade). */
export const AuthMessageSchema = z.strictObject({
  type: z.literal('auth'),
  token: z.string().min(1).max(4096),
});
export type AuthMessage = z.infer<typeof AuthMessageSchema>;

export const EventsQuerySchema = z.object({ token: z.string().min(1).max(4096).optional() });

/**
 * WebSocket close codes the backend uses (4000–4999 are the application's own). A client reconnects
 * after each of them with a fresh token, except after `unauthorised`, which needs a new sign-in.
 */
export const EVENT_CLOSE_CODES = {
  /** No or bad token, or the session ended. */
  unauthorised: 4001,
  /** The access token ran out; reconnect with a fresh one. */
  tokenExpired: 4002,
  /** The first message was not a valid `auth` message, or did not come in time. */
  badHandshake: 4003,
  /** The backend is shutting down; reconnect (to another instance) shortly. */
  goingAway: 1001,
} as const;
