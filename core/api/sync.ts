// Bridge contract for sync: the status bar's sync state, the items the backend refused (with reasons), retry and requeue.
import { z } from 'zod';
import { SYNC_ENTITIES } from '../case/sync';
import { NoArgs, type BridgeEventTable, type BridgeMethodTable } from './common';

/**
 * - `synced`: everything saved here has reached the regional backend.
 * - `waiting`: items are on their way (being sent now, or queued behind a send in progress).
 * - `offline`: the backend cannot be reached; everything is kept here and sent when it can be.
 * - `error`: the backend answers but sync cannot proceed (e.g. the session ended); retried on a timer.
 * - `idle`: no nurse is signed in, so there is no store to sync.
 */
export const SYNC_STATES = ['synced', 'waiting', 'offline', 'error', 'idle'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** Why sync is in `error`, for a message the nurse understands. */
export const SYNC_PROBLEMS = [
  'not_signed_in',
  'device_refused',
  'server_error',
  'rate_limited',
  'unexpected_answer',
] as const;
export type SyncProblem = (typeof SYNC_PROBLEMS)[number];

export const SyncStatusSchema = z.object({
  state: z.enum(SYNC_STATES),
  /** Items saved here and not yet confirmed by the backend. */
  waiting: z.number().int().min(0),
  /** Items the backend refused; kept here and listed by sync.quarantined. */
  quarantined: z.number().int().min(0),
  /** Since when the backend has been unreachable (ISO time), while offline. */
  offlineSince: z.string().nullable(),
  /** When a sync round last finished without a failure (ISO time). */
  lastSyncedAt: z.string().nullable(),
  /** When the next attempt is due after a failure (ISO time). */
  nextRetryAt: z.string().nullable(),
  problem: z.enum(SYNC_PROBLEMS).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/**
 * Why the backend refused an item: the item-level codes of the push contract, plus `invalid` (the
 * backend could not read it, e.g. a newer format) and `too_large` (larger than a push may be).
 */
export const QUARANTINE_REASON_CODES = [
  'conflict',
  'hash_mismatch',
  'wrong_region',
  'wrong_author',
  'unknown_case',
  'invalid',
  'too_large',
] as const;
export type QuarantineReasonCode = (typeof QUARANTINE_REASON_CODES)[number];

export const QuarantinedEntrySchema = z.object({
  /** The item's place in this workstation's outbox. */
  seq: z.number().int().min(1),
  entity: z.enum(SYNC_ENTITIES),
  entityId: z.string(),
  /** The case the item belongs to, to open it from the list. */
  caseId: z.string().nullable(),
  /** A code from QUARANTINE_REASON_CODES, or `other` for one this version does not know. */
  reasonCode: z.string(),
  /** The backend's own words (English), for support. */
  reason: z.string(),
  createdAt: z.string(),
  quarantinedAt: z.string(),
});
export type QuarantinedEntry = z.infer<typeof QuarantinedEntrySchema>;

export const syncMethods = {
  'sync.status': { args: NoArgs, result: SyncStatusSchema },
  'sync.quarantined': { args: NoArgs, result: z.object({ items: z.array(QuarantinedEntrySchema) }) },
  /** Sends and fetches at once instead of waiting for the next retry. */
  'sync.retryNow': { args: NoArgs, result: SyncStatusSchema },
  /** Puts a refused item back in line (after its cause has been fixed, e.g. the backend was updated). */
  'sync.requeue': {
    args: z.strictObject({ seq: z.number().int().min(1) }),
    result: SyncStatusSchema,
  },
} as const satisfies BridgeMethodTable;

export const syncEvents = {
  'sync.changed': SyncStatusSchema,
} as const satisfies BridgeEventTable;
