// The backend's access log (patientdatalagen): records every read of a patient's case here, and lists one patient's extract.
//
// Entries come from two places: reads on the backend itself (a pull serving a case, any route that shows
// a case) and the workstations' own log entries, which arrive through sync. Both land in one append-only
// table, so a team lead's extract for a patient is complete.
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { BackendAccessLogEntry } from '../../../core/backend-api/sync';
import { parsePatientId, type PatientIdErrorCode } from '../../../core/identity/patientId';
import type { AuthenticatedStaff } from '../auth/tokens';
import type { BackendDatabase } from '../db/schema';
import { badRequest } from '../http/errors';

/** What the backend logs when it shows a case: served to a workstation's pull, or read by a route. */
export type BackendReadAction = 'sync-pull' | 'read-case';

/**
 * The region's telephone advice service as a care unit: the staff's HSA organisation and "1177" plus the
 * region (e.g. SE2321000016-1177SKANE), the same care unit the workstation logs under. Used until staff
 * accounts name their care unit.
 */
export function adviceCareUnitHsaId(hsaId: string, regionId: string): string {
  const organisation = /^(SE\d{10,12})-/i.exec(hsaId)?.[1]?.toUpperCase() ?? 'SE2321000016';
  const local = `1177${regionId.replace(/[^a-z0-9]/gi, '')}`.toUpperCase().slice(0, 31);
  return `${organisation}-${local}`;
}

/**
 * Logs that `staff` read the given cases on the backend, one entry per case, with the patient as the
 * backend knows them. Runs in the caller's transaction, so a read that cannot be logged is not served.
 */
export async function recordBackendReads(
  db: Kysely<BackendDatabase>,
  read: {
    staff: AuthenticatedStaff;
    caseIds: readonly string[];
    action: BackendReadAction;
    careUnitHsaId?: string;
    at: Date;
  },
): Promise<number> {
  const caseIds = [...new Set(read.caseIds)];
  if (caseIds.length === 0) return 0;
  const [actor, patients] = await Promise.all([
    db
      .selectFrom('staff')
      .select(['name', 'title'])
      .where('hsa_id', '=', read.staff.hsaId)
      .executeTakeFirst(),
    db
      .selectFrom('case_record')
      .select(['id', 'patient_kind', 'patient_number'])
      .where('id', 'in', caseIds)
      .execute(),
  ]);
  const patientOf = new Map(patients.map((row) => [row.id, row]));
  const careUnit = read.careUnitHsaId ?? adviceCareUnitHsaId(read.staff.hsaId, read.staff.regionId);
  await db
    .insertInto('access_log')
    .values(
      caseIds.map((caseId) => ({
        id: randomUUID(),
        at: read.at,
        actor_hsa_id: read.staff.hsaId,
        // An account removed since still leaves a readable entry.
        actor_name: actor?.name ?? '(okänd)',
        actor_title: actor?.title ?? '(okänd)',
        care_unit_hsa_id: careUnit,
        case_id: caseId,
        patient_kind: patientOf.get(caseId)?.patient_kind ?? null,
        patient_number: patientOf.get(caseId)?.patient_number ?? null,
        action: read.action,
        source: 'backend' as const,
        region_id: read.staff.regionId,
        device_id: null,
        content_hash: null,
        recorded_at: read.at,
      })),
    )
    .execute();
  return caseIds.length;
}

/**
 * What is wrong with a number, said without repeating any part of it: the answer to a look-up must not
 * carry a patient's birth date or digits into browser histories and proxy logs.
 */
const PATIENT_NUMBER_PROBLEMS: Record<PatientIdErrorCode, string> = {
  empty: 'personnummer must not be empty',
  'non-digits':
    'personnummer may only contain digits and a hyphen or plus sign (a reservnummer: letters A–Z, digits and hyphens)',
  'wrong-length': 'personnummer must have 10 or 12 digits',
  'misplaced-separator': 'personnummer has its separator in the wrong place (YYMMDD-NNNN)',
  'impossible-date': 'personnummer holds a birth date that does not exist',
  'day-out-of-range':
    'personnummer holds a day that does not exist (01–31, or 61–91 for a samordningsnummer)',
  'samordning-day-out-of-range': 'personnummer holds a samordningsnummer day outside 61–91',
  'wrong-check-digit': 'personnummer: the check digit does not match; check the number',
  'future-birth-date': 'personnummer holds a birth date in the future',
  'plus-under-100': 'personnummer has a plus sign, which is only for people aged 100 or more',
  'unknown-format': 'personnummer is neither a personnummer, a samordningsnummer nor a reservnummer',
};

/** What every regional reservnummer format is made of (see core/identity/reservnummerFormats.ts). */
const RESERVNUMMER_SHAPE = /^(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{2,22}[A-Z0-9]$/;

/**
 * The number as stored in cases and log entries: 12 digits for personnummer and samordningsnummer
 * (from any typed form), a reservnummer upper-cased. Refuses what is neither, saying what is wrong.
 */
export function normalisePatientNumber(input: string, today: Date): string {
  const text = input.trim();
  const parsed = parsePatientId(text, { today });
  if (parsed.ok) return parsed.value.normalized;
  const reservnummer = text.toUpperCase();
  if (/[A-Za-z]/.test(text)) {
    if (RESERVNUMMER_SHAPE.test(reservnummer)) return reservnummer;
    const problem = PATIENT_NUMBER_PROBLEMS['unknown-format'];
    throw badRequest(
      `Invalid query string: ${problem} (a reservnummer is 4–24 letters A–Z, digits and hyphens).`,
      [{ path: 'personnummer', message: problem }],
    );
  }
  const problem = PATIENT_NUMBER_PROBLEMS[parsed.error.code];
  throw badRequest(`Invalid query string: ${problem}.`, [{ path: 'personnummer', message: problem }]);
}

/** One patient's log extract, oldest first. Team leads see entries made in their region; admins all. */
export async function listAccessLogForPatient(
  db: Kysely<BackendDatabase>,
  viewer: AuthenticatedStaff,
  patientNumber: string,
  limit: number,
): Promise<BackendAccessLogEntry[]> {
  let query = db
    .selectFrom('access_log')
    .selectAll()
    .where('patient_number', '=', patientNumber)
    .orderBy('at')
    .orderBy('recorded_at')
    .orderBy('id')
    .limit(limit);
  if (!viewer.roles.includes('admin')) query = query.where('region_id', '=', viewer.regionId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actor: { hsaId: row.actor_hsa_id, name: row.actor_name, title: row.actor_title },
    careUnitHsaId: row.care_unit_hsa_id,
    caseId: row.case_id,
    patientKind: row.patient_kind as BackendAccessLogEntry['patientKind'],
    patientNumber: row.patient_number,
    action: row.action as BackendAccessLogEntry['action'],
    source: row.source,
    regionId: row.region_id,
    callId: row.call_id,
  }));
}
