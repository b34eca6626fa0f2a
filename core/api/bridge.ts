// The workstation bridge contract: every method and pushed event between renderer and main, declared once.
//
// Both transports (Electron IPC through the preload, and the browser host's loopback WebSocket)
// carry exactly these calls; main validates arguments with these schemas before any handler runs.
import { z } from 'zod';
import { NoArgs, type BridgeEventTable, type BridgeMethodTable } from './common';
import { callsEvents, callsMethods } from './calls';
import { capacityEvents, capacityMethods } from './capacity';
import { casesEvents, casesMethods } from './cases';
import { protocolsEvents, protocolsMethods } from './protocols';
import { referralEvents, referralMethods } from './referral';
import { syncEvents, syncMethods } from './sync';
import { workspaceMethods } from './workspace';

export const StaffRoleSchema = z.enum(['nurse', 'team_lead', 'admin']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const SignedInStaffSchema = z.object({
  hsaId: z.string(),
  name: z.string(),
  title: z.string(),
  roles: z.array(StaffRoleSchema),
  region: z.object({ id: z.string(), name: z.string() }),
});
export type SignedInStaff = z.infer<typeof SignedInStaffSchema>;

export const SessionStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-out') }),
  z.object({ status: z.literal('signed-in'), staff: SignedInStaffSchema, signedInAt: z.string() }),
]);
export type SessionState = z.infer<typeof SessionStateSchema>;

export const ConnectionStateSchema = z.object({
  backend: z.enum(['online', 'offline', 'checking']),
  backendUrl: z.string(),
  /** When the backend was last seen unreachable, if it is now (ISO time). */
  offlineSince: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
});
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const LanguageSchema = z.enum(['sv', 'en']);
export const ThemeModeSchema = z.enum(['light', 'dark', 'system']);
/** Loudness of the ring for an offered call, in percent; 0 is "Av" (the notification and the title still show it). */
export const RingVolumeSchema = z
  .number({ error: 'ringVolume ska vara ett tal 0–100' })
  .int('ringVolume ska vara ett heltal')
  .min(0, 'ringVolume får inte vara under 0')
  .max(100, 'ringVolume får inte vara över 100');
export const PreferencesSchema = z.object({
  language: LanguageSchema,
  themeMode: ThemeModeSchema,
  ringVolume: RingVolumeSchema,
});
export type Preferences = z.infer<typeof PreferencesSchema>;

/**
 * Taskbar attention while a call rings: `on` flashes the window's taskbar entry until it is turned
 * off; `bringToFront` restores and focuses the window (the nurse clicked the call's notification).
 */
export const WindowAttentionSchema = z
  .object({ on: z.boolean(), bringToFront: z.boolean().optional() })
  .strict();
export type WindowAttention = z.infer<typeof WindowAttentionSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'browser-host']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** HSA-id as typed at sign-in: letters, digits and dashes, as issued by Inera's catalog service. */
export const HsaIdSchema = z
  .string()
  .trim()
  .min(5, 'HSA-id är för kort')
  .max(64, 'HSA-id är för långt')
  .regex(/^[A-Za-z0-9-]+$/, 'HSA-id får bara innehålla bokstäver, siffror och bindestreck');

/**
 * The shell's own methods. Feature contracts live beside this file (`core/api/<feature>.ts`, each
 * exporting `<feature>Methods` and `<feature>Events`) and are spread into `bridgeMethods` below.
 */
const shellMethods = {
  'app.info': { args: NoArgs, result: AppInfoSchema },
  'session.get': { args: NoArgs, result: SessionStateSchema },
  'session.signIn': {
    args: z.object({ hsaId: HsaIdSchema, password: z.string().min(1, 'Lösenord saknas').max(256) }).strict(),
    result: SessionStateSchema,
  },
  'session.signOut': { args: NoArgs, result: SessionStateSchema },
  'connection.get': { args: NoArgs, result: ConnectionStateSchema },
  'connection.checkNow': { args: NoArgs, result: ConnectionStateSchema },
  'preferences.get': { args: NoArgs, result: PreferencesSchema },
  'preferences.set': { args: PreferencesSchema.partial().strict(), result: PreferencesSchema },
  /** `handled` is false where the host has no window of its own (the browser host): the page does it itself. */
  'shell.attention': { args: WindowAttentionSchema, result: z.object({ handled: z.boolean() }) },
} as const satisfies BridgeMethodTable;

const shellEvents = {
  'session.changed': SessionStateSchema,
  'connection.changed': ConnectionStateSchema,
  'preferences.changed': PreferencesSchema,
} as const satisfies BridgeEventTable;

export const bridgeMethods = {
  ...shellMethods,
  ...casesMethods,
  ...protocolsMethods,
  ...referralMethods,
  ...syncMethods,
  ...workspaceMethods,
  ...callsMethods,
  ...capacityMethods,
} as const satisfies BridgeMethodTable;

export const bridgeEvents = {
  ...shellEvents,
  ...casesEvents,
  ...protocolsEvents,
  ...referralEvents,
  ...syncEvents,
  ...callsEvents,
  ...capacityEvents,
} as const satisfies BridgeEventTable;

export type BridgeMethods = typeof bridgeMethods;
export type BridgeMethod = keyof BridgeMethods;
export type BridgeArgs<M extends BridgeMethod> = z.input<BridgeMethods[M]['args']>;
export type BridgeValue<M extends BridgeMethod> = z.infer<BridgeMethods[M]['result']>;
export type BridgeEvents = typeof bridgeEvents;
export type BridgeEvent = keyof BridgeEvents;
export type BridgeEventPayload<E extends BridgeEvent> = z.infer<BridgeEvents[E]>;

/** Error codes a bridge call can answer with; the renderer shows each in the nurse's language. */
export const BRIDGE_ERROR_CODES = [
  'unknown_method',
  /** A call from a frame other than the app's own window (a subframe, another origin): refused before dispatch. */
  'untrusted_sender',
  'invalid_arguments',
  'not_signed_in',
  'invalid_credentials',
  'account_locked',
  'rate_limited',
  'backend_unreachable',
  'backend_error',
  'internal',
  // Cases and notes (core/api/cases.ts)
  'validation_failed',
  'not_found',
  'note_signed',
  'note_incomplete',
  'triage_provisional',
  'draft_pending',
  'case_closed',
  'conflict',
  /** The call already has a case; a second one needs the nurse's explicit `anotherCaseForCall`. */
  'call_has_case',
  'store_unavailable',
  // Protocol library (core/api/protocols.ts)
  'protocols_unavailable',
  // Referral (core/api/referral.ts)
  'catalog_unavailable',
  'no_disposition',
  'receipt_incomplete',
  'sms_failed',
  // Call handling (core/api/calls.ts)
  'forbidden',
  'call_taken',
  'offer_expired',
  'call_state_conflict',
  'presence_forbidden',
  'callback_state_conflict',
] as const;
export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export const BridgeErrorSchema = z.object({
  code: z.enum(BRIDGE_ERROR_CODES),
  message: z.string(),
  /** Extra facts for the UI, e.g. `lockedUntil` for a locked account. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type BridgeError = z.infer<typeof BridgeErrorSchema>;

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export function isBridgeMethod(name: unknown): name is BridgeMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(bridgeMethods, name);
}

export function isBridgeEvent(name: unknown): name is BridgeEvent {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(bridgeEvents, name);
}

/** The raw transport both sides implement: one call function and one event subscription. */
export interface BridgeTransport {
  invoke(method: string, args: unknown): Promise<BridgeResult<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/**
 * `window.firstline`: the typed API the renderer sees, the same in Electron and the browser host.
 * Methods return the `{ok, value} | {ok, error}` result rather than throwing, so failures cross the
 * context bridge intact.
 */
export interface FirstlineApi {
  invoke<M extends BridgeMethod>(method: M, args: BridgeArgs<M>): Promise<BridgeResult<BridgeValue<M>>>;
  on<E extends BridgeEvent>(event: E, listener: (payload: BridgeEventPayload<E>) => void): () => void;
}

/** Builds the renderer-facing API over a transport, refusing names the contract does not declare. */
export function createFirstlineApi(transport: BridgeTransport): FirstlineApi {
  return {
    invoke(method, args) {
      if (!isBridgeMethod(method)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unknown_method', message: `Unknown method '${String(method)}'.` },
        });
      }
      return transport.invoke(method, args) as never;
    },
    on(event, listener) {
      if (!isBridgeEvent(event)) throw new Error(`Unknown event '${String(event)}'.`);
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as never);
      });
    },
  };
}

/** Electron IPC channel names used by the preload and main/app; nothing else may use IPC. */
export const IPC_CHANNELS = { invoke: 'firstline:invoke', event: 'firstline:event' } as const;
