// The append-only sign-in audit: one row per attempt (never the password), and the listing team leads read.
import type { Kysely } from 'kysely';
import type { SignInAuditEntry, SignInAuditQuery, SignInOutcome } from '../../../core/backend-api/auth';
import type { BackendDatabase, BackendDb } from '../db/schema';
import type { AuthenticatedStaff } from './tokens';
import { normalizeHsaId } from './staffAccounts';

export interface SignInAttempt {
  at: Date;
  hsaIdTyped: string;
  /** Region of the account tried; null when the HSA-id has no account. */
  regionId: string | null;
  outcome: SignInOutcome;
  clientIp: string | null;
}

export async function recordSignInAttempt(
  db: Kysely<BackendDatabase>,
  attempt: SignInAttempt,
): Promise<void> {
  await db
    .insertInto('audit_sign_in')
    .values({
      at: attempt.at,
      hsa_id_typed: attempt.hsaIdTyped,
      hsa_id: normalizeHsaId(attempt.hsaIdTyped),
      region_id: attempt.regionId,
      outcome: attempt.outcome,
      client_ip: attempt.clientIp,
    })
    .execute();
}

/**
 * Newest first. An admin sees every attempt, including those for unknown HSA-ids; a team lead sees
 * attempts on accounts of their own region.
 */
export async function listSignInAttempts(
  db: BackendDb,
  viewer: AuthenticatedStaff,
  query: SignInAuditQuery,
): Promise<SignInAuditEntry[]> {
  let select = db
    .selectFrom('audit_sign_in')
    .select(['id', 'at', 'hsa_id_typed', 'outcome', 'region_id', 'client_ip'])
    .orderBy('id', 'desc')
    .limit(query.limit);
  if (!viewer.roles.includes('admin')) select = select.where('region_id', '=', viewer.regionId);
  if (query.hsaId !== undefined) select = select.where('hsa_id', '=', normalizeHsaId(query.hsaId));
  if (query.beforeId !== undefined) select = select.where('id', '<', String(query.beforeId));
  const rows = await select.execute();
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at.toISOString(),
    hsaIdTyped: row.hsa_id_typed,
    outcome: row.outcome,
    regionId: row.region_id,
    clientIp: row.client_ip,
  }));
}
