// The workstation's access log (patientdatalagen): append-only, and every entry is also sent to the backend.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  AccessInputSchema,
  AccessLogEntrySchema,
  AccessLogFilterSchema,
  type AccessInput,
  type AccessLogEntry,
  type AccessLogFilter,
} from '../../../core/case';
import type { CaseRepository } from './cases';
import { toUtc, type StoreContext } from './context';
import { parseInput } from './errors';

interface AccessRow {
  id: string;
  at: string;
  actor_hsa_id: string;
  actor_name: string;
  actor_title: string;
  care_unit_hsa_id: string;
  case_id: string;
  patient_kind: AccessLogEntry['patientKind'];
  patient_number: string | null;
  action: AccessLogEntry['action'];
  call_id: string | null;
}

const COLUMNS =
  'id, at, actor_hsa_id, actor_name, actor_title, care_unit_hsa_id, case_id, patient_kind, patient_number, action, call_id';

export class AccessLogRepository {
  private readonly insertRow: Database.Statement<[Record<string, unknown>]>;

  constructor(
    private readonly ctx: StoreContext,
    private readonly cases: CaseRepository,
  ) {
    this.insertRow = ctx.db.prepare(
      `INSERT INTO access_log (${COLUMNS}, at_utc)
       VALUES (@id, @at, @actorHsaId, @actorName, @actorTitle, @careUnitHsaId, @caseId, @patientKind, @patientNumber, @action, @callId, @atUtc)`,
    );
  }

  /** Records one access. The patient is taken from the case as it is identified right now. */
  log(input: AccessInput): AccessLogEntry {
    const access = parseInput(AccessInputSchema, input, 'Access log entry');
    const record = this.cases.require(access.caseId);
    const entry = parseInput(
      AccessLogEntrySchema,
      {
        id: randomUUID(),
        at: access.at ?? this.ctx.now(),
        actor: access.actor,
        careUnitHsaId: access.careUnitHsaId,
        caseId: record.id,
        patientKind: record.patient.kind,
        patientNumber: record.patient.normalized ?? null,
        action: access.action,
        ...(record.callId === undefined ? {} : { callId: record.callId }),
      },
      'Access log entry',
    );
    this.insertRow.run({
      id: entry.id,
      at: entry.at,
      atUtc: toUtc(entry.at),
      actorHsaId: entry.actor.hsaId,
      actorName: entry.actor.name,
      actorTitle: entry.actor.title,
      careUnitHsaId: entry.careUnitHsaId,
      caseId: entry.caseId,
      patientKind: entry.patientKind,
      patientNumber: entry.patientNumber,
      action: entry.action,
      callId: entry.callId ?? null,
    });
    this.ctx.outbox.enqueue({ entity: 'access-log', payload: entry });
    return entry;
  }

  /** Oldest first, for one case or one patient. */
  list(filter: AccessLogFilter): AccessLogEntry[] {
    const parsed = parseInput(AccessLogFilterSchema, filter, 'Access log filter');
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (parsed.caseId !== undefined) {
      where.push('case_id = @caseId');
      params.caseId = parsed.caseId;
    }
    if (parsed.personnummer !== undefined) {
      where.push('patient_number = @personnummer');
      params.personnummer = parsed.personnummer;
    }
    if (parsed.since !== undefined) {
      where.push('at_utc >= @since');
      params.since = toUtc(parsed.since);
    }
    const rows = this.ctx.db
      .prepare(`SELECT ${COLUMNS} FROM access_log WHERE ${where.join(' AND ')} ORDER BY at_utc, id`)
      .all(params) as AccessRow[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: { hsaId: row.actor_hsa_id, name: row.actor_name, title: row.actor_title },
      careUnitHsaId: row.care_unit_hsa_id,
      caseId: row.case_id,
      patientKind: row.patient_kind,
      patientNumber: row.patient_number,
      action: row.action,
      ...(row.call_id === null ? {} : { callId: row.call_id }),
    }));
  }
}
