// Kysely table types of the regional database; column names are the SQL names (snake_case).
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { SignInOutcome, StaffRole } from '../../../core/backend-api/auth';

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

export interface ServerSecretTable {
  name: string;
  value: string;
  created_at: ColumnType<Date, Date, never>;
}

export interface BackendDatabase {
  region: RegionTable;
  staff: StaffTable;
  staff_session: StaffSessionTable;
  refresh_token: RefreshTokenTable;
  audit_sign_in: AuditSignInTable;
  server_secret: ServerSecretTable;
}

export type BackendDb = Kysely<BackendDatabase>;
