// Demo regions and fictitious staff accounts (all with one demo password) for trying Firstline; seeded only on request.
import type { Region, StaffRole } from '../../../core/backend-api/auth';
import { createStaffAccount, ensureRegion } from '../auth/staffAccounts';
import type { BackendDb } from '../db/schema';

/** The one password of every demo account. Demo accounts must never exist in a production database. */
export const DEMO_PASSWORD = 'firstline-demo';

/** HSA organisation prefix used for the fictitious demo ids. */
const DEMO_HSA_PREFIX = 'SE2321000016-';

export interface DemoRegion extends Region {
  /** Short code used in the demo HSA-ids. */
  code: string;
}

export const DEMO_REGIONS: readonly DemoRegion[] = [
  { id: 'dalarna', name: 'Region Dalarna', code: 'DAL' },
  { id: 'gotland', name: 'Region Gotland', code: 'GOT' },
  { id: 'jonkoping', name: 'Region Jönköpings län', code: 'JON' },
  { id: 'kalmar', name: 'Region Kalmar län', code: 'KAL' },
  { id: 'kronoberg', name: 'Region Kronoberg', code: 'KRO' },
  { id: 'skane', name: 'Region Skåne', code: 'SKA' },
  { id: 'uppsala', name: 'Region Uppsala', code: 'UPP' },
  { id: 'vasternorrland', name: 'Region Västernorrland', code: 'VNL' },
  { id: 'orebro', name: 'Region Örebro län', code: 'ORE' },
  { id: 'ostergotland', name: 'Region Östergötland', code: 'OST' },
];

export interface DemoStaffMember {
  hsaId: string;
  name: string;
  title: string;
  roles: StaffRole[];
  regionId: string;
}

/** Fictitious names per region: two nurses and a team lead (who also takes calls). */
const DEMO_NAMES: Record<string, [nurse1: string, nurse2: string, teamLead: string]> = {
  DAL: ['Anna Dahlberg', 'Lars Hedin', 'Karin Björk'],
  GOT: ['Maja Ström', 'Johan Gardell', 'Ingrid Ljunggren'],
  JON: ['Sara Åberg', 'Mikael Fransson', 'Birgitta Holm'],
  KAL: ['Emma Sjöberg', 'Peter Nyström', 'Helena Berglund'],
  KRO: ['Linnea Öberg', 'Oskar Wallin', 'Margareta Engström'],
  SKA: ['Ida Mårtensson', 'Nils Persson', 'Eva Lindblom'],
  UPP: ['Klara Ekström', 'David Sundqvist', 'Kristina Forsberg'],
  VNL: ['Ebba Nordin', 'Henrik Sjödin', 'Ulla Näslund'],
  ORE: ['Frida Holmberg', 'Anders Lind', 'Lena Blomqvist'],
  OST: ['Hanna Strand', 'Fredrik Axelsson', 'Annika Söderberg'],
};

export const DEMO_STAFF: readonly DemoStaffMember[] = [
  ...DEMO_REGIONS.flatMap((region): DemoStaffMember[] => {
    const [nurse1, nurse2, teamLead] = DEMO_NAMES[region.code] as [string, string, string];
    const id = (suffix: string) => `${DEMO_HSA_PREFIX}${region.code}${suffix}`;
    return [
      { hsaId: id('N1'), name: nurse1, title: 'Sjuksköterska', roles: ['nurse'], regionId: region.id },
      { hsaId: id('N2'), name: nurse2, title: 'Distriktssköterska', roles: ['nurse'], regionId: region.id },
      {
        hsaId: id('TL1'),
        name: teamLead,
        title: 'Teamledare, sjuksköterska',
        roles: ['nurse', 'team_lead'],
        regionId: region.id,
      },
    ];
  }),
  {
    hsaId: `${DEMO_HSA_PREFIX}ADMIN1`,
    name: 'Gunnar Ekman',
    title: 'Systemförvaltare',
    roles: ['admin'],
    regionId: 'dalarna',
  },
];

/**
 * Adds the demo regions and accounts that are missing. Safe to run on every start and from several
 * instances at once; accounts that already exist (and their passwords) are left as they are.
 */
export async function seedDemoData(db: BackendDb): Promise<{ staffCreated: number }> {
  for (const { id, name } of DEMO_REGIONS) await ensureRegion(db, { id, name });
  const existing = new Set(
    (
      await db
        .selectFrom('staff')
        .select('hsa_id')
        .where(
          'hsa_id',
          'in',
          DEMO_STAFF.map((member) => member.hsaId),
        )
        .execute()
    ).map((row) => row.hsa_id),
  );
  const missing = DEMO_STAFF.filter((member) => !existing.has(member.hsaId));
  // Hashing is the slow part; scrypt runs on libuv's thread pool, so the accounts hash in parallel.
  const created = await Promise.all(
    missing.map((member) => createStaffAccount(db, { ...member, password: DEMO_PASSWORD })),
  );
  return { staffCreated: created.filter(Boolean).length };
}
