// Kysely table types of the regional database; column names are the SQL names (snake_case).
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { SignInOutcome, StaffRole } from '../../../core/backend-api/auth';
import type {
  CallbackAttempt,
  CallbackState,
  CallState,
  NextStatus,
  PriorityChange,
} from '../../../core/backend-api/calls';
import type { BreakReason, PresenceChangeReason } from '../../../core/queue/presence';
import type { PreAssessment } from '../../../core/queue/phoneMenu';
import type { QueueEvent } from '../../../core/queue/metrics';
import type { NursePresence } from '../../../core/queue/presence';
import type { UrgencyClass } from '../../../core/queue/priority';

export interface RegionTable {
  id: string;
  name: string;
}

export interface StaffTable {
  /** Stored upper-case; sign-in compares the typed id upper-cased. */
  hsa_id: string;
  name: string;
  title: string;
  roles: StaffRole[];
  region_id: string;
  /** `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking old hashes. */
  password_hash: string;
  /** Consecutive failed sign-ins since the last success or the last lock-out. */
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** One sign-in: every refresh token issued after it belongs to this session (the rotation "family"). */
export type SessionRevokedReason = 'signed_out' | 'refresh_token_reused';

export interface StaffSessionTable {
  id: string;
  hsa_id: string;
  created_at: ColumnType<Date, Date, never>;
  revoked_at: Date | null;
  revoked_reason: SessionRevokedReason | null;
}

export interface RefreshTokenTable {
  id: string;
  session_id: string;
  /** SHA-256 of the token; the token itself is never stored. */
  token_hash: string;
  issued_at: ColumnType<Date, Date, never>;
  expires_at: ColumnType<Date, Date, never>;
  /** Set when the token was exchanged for a new one; a second use means it was copied. */
  rotated_at: Date | null;
}

export interface AuditSignInTable {
  id: ColumnType<string, never, never>;
  at: ColumnType<Date, Date, never>;
  hsa_id_typed: ColumnType<string, string, never>;
  /** The typed id normalised (trimmed, upper-case), for look-ups. */
  hsa_id: ColumnType<string, string, never>;
  region_id: ColumnType<string | null, string | null, never>;
  outcome: ColumnType<SignInOutcome, SignInOutcome, never>;
  client_ip: ColumnType<string | null, string | null, never>;
}

/** Failed sign-ins on an HSA-id that has no account (migration 0006), counted like `staff.failed_attempts`. */
export interface UnknownHsaIdLockoutTable {
  /** Normalised (trimmed, upper-case), as sign-in compares it. */
  hsa_id: string;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  last_attempt_at: Date;
}

export interface ServerSecretTable {
  name: string;
  value: string;
  created_at: ColumnType<Date, Date, never>;
}

// Sync (migration 0002). bigint columns arrive from pg as strings.

export interface SyncRegionCounterTable {
  region_id: string;
  last_pull_seq: ColumnType<string, number | string, number | string>;
}

export interface SyncDeviceTable {
  device_id: string;
  hsa_id: string;
  region_id: string;
  last_seq: ColumnType<string, number | string, number | string>;
  first_push_at: ColumnType<Date, Date, never>;
  last_push_at: Date;
}

export interface CaseRecordTable {
  id: string;
  region_id: string;
  patient_kind: string;
  patient_number: string | null;
  created_by_hsa_id: string;
  created_at: Date;
  updated_at: Date;
  content_hash: string;
  /** The case exactly as pushed (JSON text), so it is served back byte for byte. */
  document: string;
  origin_device_id: string;
  pull_seq: ColumnType<string, number | string, number | string>;
  committed_at: Date;
}

export interface CaseVersionTable {
  id: string;
  content_hash: string;
  region_id: string;
  document: string;
  origin_device_id: string;
  pushed_by_hsa_id: string;
  committed_at: Date;
}

export interface SignedNoteTable {
  id: string;
  case_id: string;
  region_id: string;
  responsible_hsa_id: string;
  signed_at: Date;
  amends_note_id: string | null;
  content_hash: string;
  document: string;
  origin_device_id: string;
  pull_seq: ColumnType<string, number | string, never>;
  committed_at: Date;
}

export interface AttachmentMetaTable {
  id: string;
  case_id: string;
  region_id: string;
  mime_type: string;
  byte_length: number;
  sha256: string;
  created_at: Date;
  content_hash: string;
  document: string;
  origin_device_id: string;
  committed_at: Date;
}

export interface AccessLogTable {
  id: string;
  at: Date;
  actor_hsa_id: string;
  actor_name: string;
  actor_title: string;
  care_unit_hsa_id: string;
  case_id: string;
  patient_kind: string | null;
  patient_number: string | null;
  action: string;
  source: 'workstation' | 'backend';
  region_id: string;
  device_id: string | null;
  content_hash: string | null;
  recorded_at: Date;
  /** Migration 0007: the call the case was made for, as the workstation logged it. */
  call_id: Generated<string | null>;
}

export interface IntegrityAlertTable {
  id: ColumnType<string, never, never>;
  at: Date;
  region_id: string;
  device_id: string;
  hsa_id: string;
  entity: string;
  entity_id: string;
  stored_hash: string | null;
  received_hash: string;
  code: string;
  detail: string;
}

// Call distribution (migration 0003). Times are timestamptz; JSON columns hold the contract's shapes.

export interface QueueCallTable {
  id: string;
  region_id: string;
  queue_id: string;
  kind: 'inbound' | 'callback';
  external_ref: string | null;
  caller_number: string;
  personnummer: string | null;
  language: string;
  pre_assessment: ColumnType<PreAssessment, string, string>;
  red_flag_codes: string[];
  urgency_class: UrgencyClass;
  entered_queue_at: Date;
  waiting_since: Date;
  overflow_at: Date | null;
  state: CallState;
  assigned_to: string | null;
  offered_at: Date | null;
  offer_expires_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  after_call_work_ended_at: Date | null;
  abandoned_at: Date | null;
  callback_id: string | null;
  priority_changes: ColumnType<PriorityChange[], string | undefined, string>;
}

export interface NursePresenceTable {
  hsa_id: string;
  region_id: string;
  state: NursePresence;
  since: Date;
  break_reason: BreakReason | null;
  reason: PresenceChangeReason;
  next_status: ColumnType<NextStatus | null, string | null, string | null>;
  after_call_work_ends_at: Date | null;
  current_call_id: string | null;
  offered_call_id: string | null;
}

export interface CallbackTable {
  id: string;
  region_id: string;
  queue_id: string;
  phone: string;
  personnummer: string | null;
  reason: string;
  urgency_class: UrgencyClass;
  red_flag_codes: string[];
  language: string;
  window_start: Date;
  window_end: Date;
  waiting_since: Date;
  state: CallbackState;
  attempts: ColumnType<CallbackAttempt[], string | undefined, string>;
  max_attempts: number;
  retry_after_seconds: number;
  next_attempt_at: Date | null;
  call_id: string | null;
  booked_by: string;
  booked_at: Date;
  source_call_id: string | null;
  case_id: string | null;
  cancelled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  cancelled_by: ColumnType<string | null, string | null | undefined, string | null>;
  cancel_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CallEventTable {
  id: ColumnType<string, never, never>;
  at: ColumnType<Date, Date, never>;
  region_id: ColumnType<string, string, never>;
  type: ColumnType<QueueEvent['type'], QueueEvent['type'], never>;
  call_id: ColumnType<string | null, string | null, never>;
  nurse_id: ColumnType<string | null, string | null, never>;
  event: ColumnType<QueueEvent, string, never>;
}

// Service catalog (migration 0004). JSON columns hold the core catalog schemas' shapes.

export interface CatalogRegionTable {
  region_id: string;
  version: ColumnType<string, number | string, number | string>;
  resource_version: number;
  updated_at: Date;
}

export interface CareUnitTable {
  hsa_id: string;
  region_id: string;
  name: string;
  care_type: string;
  /** The unit (core careUnitSchema output) without capacity. */
  document: ColumnType<unknown, string, string>;
  updated_at: Date;
}

export interface ReferralRuleLayerTable {
  layer_id: string;
  version: number;
  layer: 'national' | 'region';
  document: ColumnType<unknown, string, never>;
  loaded_at: Date;
}

export interface CatalogLocalitiesTable {
  id: 'current';
  version: number;
  document: ColumnType<unknown, string, string>;
  loaded_at: Date;
}

export interface UnitCapacityTable {
  hsa_id: string;
  status: 'green' | 'amber' | 'red';
  expires_at: Date | null;
  set_by: string;
  set_at: Date;
}

export interface UnitCapacityHistoryTable {
  id: ColumnType<string, never, never>;
  hsa_id: string;
  region_id: string;
  status: 'green' | 'amber' | 'red' | null;
  expires_at: Date | null;
  set_by: string;
  set_at: Date;
}

export interface BackendDatabase {
  region: RegionTable;
  staff: StaffTable;
  staff_session: StaffSessionTable;
  refresh_token: RefreshTokenTable;
  audit_sign_in: AuditSignInTable;
  unknown_hsa_id_lockout: UnknownHsaIdLockoutTable;
  server_secret: ServerSecretTable;
  sync_region_counter: SyncRegionCounterTable;
  sync_device: SyncDeviceTable;
  case_record: CaseRecordTable;
  case_version: CaseVersionTable;
  signed_note: SignedNoteTable;
  attachment_meta: AttachmentMetaTable;
  access_log: AccessLogTable;
  integrity_alert: IntegrityAlertTable;
  queue_call: QueueCallTable;
  nurse_presence: NursePresenceTable;
  callback: CallbackTable;
  call_event: CallEventTable;
  catalog_region: CatalogRegionTable;
  care_unit: CareUnitTable;
  referral_rule_layer: ReferralRuleLayerTable;
  catalog_localities: CatalogLocalitiesTable;
  unit_capacity: UnitCapacityTable;
  unit_capacity_history: UnitCapacityHistoryTable;
}

export type BackendDb = Kysely<BackendDatabase>;
