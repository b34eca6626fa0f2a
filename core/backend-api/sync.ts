// HTTP contract of backend sync (push, pull) and the backend access log, shared by the backend and the workstation.
//
// The push and pull bodies themselves are the sync envelope of the case model (core/case/sync.ts); this
// file adds the routes, the query strings, the item-level rejection codes and the access-log extract.
import { z } from 'zod';
import { ACCESS_ACTIONS } from '../case/accessLog';
import { PATIENT_IDENTITY_KINDS } from '../identity/patientId';

export {
  MAX_PUSH_BATCH,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  SYNC_SCHEMA_VERSION,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../case/sync';

export const SYNC_ROUTES = {
  push: '/api/v1/sync/push',
  pull: '/api/v1/sync/pull',
  accessLog: '/api/v1/access-log',
} as const;

/** Largest push body the backend reads. A workstation splits its outbox into batches below this. */
export const MAX_PUSH_BYTES = 16 * 1024 * 1024;

/** Most records in one pull page; a workstation pulls again while `more` is true. */
export const MAX_PULL_LIMIT = 2000;

/**
 * Why the backend refused one item of a push for good (the rest of the batch is unaffected). The
 * workstation quarantines such an item with the message and shows it to the nurse; it is never dropped.
 */
export const SYNC_REJECTION_CODES = [
  /** The same id is stored with other content: a signed note, attachment or log entry never changes. */
  'conflict',
  /** The payload does not hash to the item's contentHash: damaged on the way or on the workstation. */
  'hash_mismatch',
  /** The case, or the case the item points at, belongs to another region than the signed-in nurse's. */
  'wrong_region',
  /** The item names someone else than the signed-in nurse as its author, or a case's author was changed. */
  'wrong_author',
  /** A note, attachment or log entry points at a case the region does not have. */
  'unknown_case',
] as const;
export type SyncRejectionCode = (typeof SYNC_REJECTION_CODES)[number];

/** Opaque to the workstation: where the next pull continues. Absent on the first pull. */
export const PullCursorSchema = z
  .string()
  .regex(/^v1\.\d{1,18}$/, 'cursor is not one this backend handed out; start again without a cursor');

export const PullQuerySchema = z.object({
  cursor: PullCursorSchema.optional(),
  /** The pulling workstation store: its own records are not sent back to it. */
  deviceId: z.uuid({ error: 'deviceId must be a UUID' }).optional(),
  /** The care unit the nurse works for, for the access log; derived from her region when absent. */
  careUnitHsaId: z
    .string()
    .regex(/^SE\d{10,12}-[0-9A-Z]{1,31}$/, 'careUnitHsaId must be an HSA-id (SE<org no>-<local part>)')
    .optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(MAX_PULL_LIMIT, `limit must be at most ${MAX_PULL_LIMIT}`)
    .default(500),
});
export type PullQuery = z.infer<typeof PullQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Access log (patientdatalagen): one patient's extract for team leads (own region) and admins

/** What the backend itself logs, beside the actions workstations log. */
export const BACKEND_ACCESS_ACTIONS = ['sync-pull', 'read-case'] as const;
export const ALL_ACCESS_ACTIONS = [...ACCESS_ACTIONS, ...BACKEND_ACCESS_ACTIONS] as const;

export const AccessLogQuerySchema = z.object({
  /** Personnummer or samordningsnummer (10 or 12 digits, with or without separator), or a reservnummer. */
  personnummer: z
    .string({ error: 'personnummer is required' })
    .trim()
    .min(1, 'personnummer must not be empty')
    .max(40, 'personnummer is too long'),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(5000, 'limit must be at most 5000')
    .default(1000),
});
export type AccessLogQuery = z.infer<typeof AccessLogQuerySchema>;

export const BackendAccessLogEntrySchema = z.object({
  id: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  actor: z.object({ hsaId: z.string(), name: z.string(), title: z.string() }),
  careUnitHsaId: z.string(),
  caseId: z.string(),
  /** Null when the backend read a note whose case it has not received. */
  patientKind: z.enum(PATIENT_IDENTITY_KINDS).nullable(),
  patientNumber: z.string().nullable(),
  action: z.enum(ALL_ACCESS_ACTIONS),
  /** Where the access happened: on a workstation (synced here) or on the backend itself. */
  source: z.enum(['workstation', 'backend']),
  regionId: z.string(),
  /** The call the case was made for, when the workstation logged one. */
  callId: z.string().nullable(),
});
export type BackendAccessLogEntry = z.infer<typeof BackendAccessLogEntrySchema>;

/** Oldest first, as a log extract is read. */
export const AccessLogResponseSchema = z.object({
  patientNumber: z.string(),
  entries: z.array(BackendAccessLogEntrySchema),
});
export type AccessLogResponse = z.infer<typeof AccessLogResponseSchema>;
