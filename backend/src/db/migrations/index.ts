// Ordered registry of database migrations: one file each, applied in this order, never edited once shipped.
import type { Migration } from 'kysely';
import { staffSignInAndAudit } from './0001_staff_sign_in_and_audit';
import { syncAndAccessLog } from './0002_sync_and_access_log';
import { callDistribution } from './0003_call_distribution';
import { referralCatalog } from './0004_referral_catalog';
import { callbackCancellation } from './0005_callback_cancellation';
import { unknownHsaIdLockout } from './0006_unknown_hsa_id_lockout';
import { accessLogCall } from './0007_access_log_call';

/**
 * Names sort in the order they must run (Kysely orders by name); a test holds the registry to that.
 * Add new migrations at the end with the next number.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_staff_sign_in_and_audit': staffSignInAndAudit,
  '0002_sync_and_access_log': syncAndAccessLog,
  '0003_call_distribution': callDistribution,
  '0004_referral_catalog': referralCatalog,
  '0005_callback_cancellation': callbackCancellation,
  '0006_unknown_hsa_id_lockout': unknownHsaIdLockout,
  '0007_access_log_call': accessLogCall,
};
