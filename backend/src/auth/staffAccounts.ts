// Staff accounts and regions: creating them (seed, administration) and reading the profile a workstation shows.
import type { Region, Staff, StaffRole } from '../../../core/backend-api/auth';
import type { BackendDb } from '../db/schema';
import { hashPassword } from './passwords';

export interface NewStaffAccount {
  hsaId: string;
  name: string;
  title: string;
  roles: StaffRole[];
  regionId: string;
  password: string;
}

/** HSA-ids are compared case-insensitively and without surrounding blanks. */
export function normalizeHsaId(typed: string): string {
  return typed.trim().toUpperCase();
}

export async function ensureRegion(db: BackendDb, region: Region): Promise<void> {
  await db
    .insertInto('region')
    .values(region)
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

/** Creates the account unless one with that HSA-id exists (existing accounts, and their passwords, are kept). */
export async function createStaffAccount(db: BackendDb, account: NewStaffAccount): Promise<boolean> {
  const result = await db
    .insertInto('staff')
    .values({
      hsa_id: normalizeHsaId(account.hsaId),
      name: account.name,
      title: account.title,
      roles: account.roles,
      region_id: account.regionId,
      password_hash: await hashPassword(account.password),
    })
    .onConflict((conflict) => conflict.column('hsa_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function loadStaffProfile(db: BackendDb, hsaId: string): Promise<Staff | undefined> {
  const row = await db
    .selectFrom('staff')
    .innerJoin('region', 'region.id', 'staff.region_id')
    .select([
      'staff.hsa_id',
      'staff.name',
      'staff.title',
      'staff.roles',
      'region.id as region_id',
      'region.name as region_name',
    ])
    .where('staff.hsa_id', '=', hsaId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    hsaId: row.hsa_id,
    name: row.name,
    title: row.title,
    roles: row.roles,
    region: { id: row.region_id, name: row.region_name },
  };
}
