// Cases in the local store: create, change, read and list; every change is queued for the backend in the same transaction.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  canonicalJson,
  CaseChangeSchema,
  CaseListFilterSchema,
  CaseSchema,
  NewCaseInputSchema,
  type Case,
  type CaseChange,
  type CaseListFilter,
  type NewCaseInput,
} from '../../../core/case';
import { toUtc, type StoreContext } from './context';
import { parseInput, StoreError } from './errors';

export type RecordOrigin = 'local' | 'remote';

export class CaseRepository {
  private readonly insertRow: Database.Statement<[Record<string, unknown>]>;
  private readonly updateRow: Database.Statement<[Record<string, unknown>]>;
  private readonly selectDocument: Database.Statement<[string], string>;
  private readonly selectForCall: Database.Statement<[string, string], string>;

  constructor(private readonly ctx: StoreContext) {
    this.insertRow = ctx.db.prepare(
      `INSERT INTO cases (id, region_id, patient_number, created_by_hsa_id, created_at_utc, updated_at_utc, status, origin, document)
       VALUES (@id, @regionId, @patientNumber, @createdBy, @createdAtUtc, @updatedAtUtc, @status, @origin, @document)`,
    );
    this.updateRow = ctx.db.prepare(
      `UPDATE cases SET region_id = @regionId, patient_number = @patientNumber, updated_at_utc = @updatedAtUtc,
         status = @status, document = @document
       WHERE id = @id`,
    );
    this.selectDocument = ctx.db.prepare<[string], string>('SELECT document FROM cases WHERE id = ?').pluck();
    this.selectForCall = ctx.db
      .prepare<[string, string], string>(
        `SELECT document FROM cases WHERE call_id = ? AND region_id = ? ORDER BY created_at_utc, rowid LIMIT 1`,
      )
      .pluck();
  }

  /**
   * Opens a new case (status open). Runs inside the caller's transaction. A call has one case: a second
   * one for the same call is refused unless `anotherForCall` says the nurse asked for it.
   */
  create(input: NewCaseInput, options: { anotherForCall?: boolean } = {}): Case {
    const parsed = parseInput(NewCaseInputSchema, input, 'New case');
    if (parsed.callId !== undefined && !options.anotherForCall) {
      const existing = this.firstForCall(parsed.callId, parsed.regionId);
      if (existing)
        throw new StoreError('call-has-case', `Call ${parsed.callId} already has case ${existing.id}.`);
    }
    const createdAt = parsed.createdAt ?? this.ctx.now();
    const created = parseInput(
      CaseSchema,
      {
        id: parsed.id ?? randomUUID(),
        regionId: parsed.regionId,
        patient: parsed.patient,
        caller: parsed.caller,
        ...(parsed.callId === undefined ? {} : { callId: parsed.callId }),
        ...(parsed.call === undefined ? {} : { call: parsed.call }),
        createdBy: parsed.createdBy,
        createdAt,
        updatedAt: createdAt,
        status: 'open',
        triage: parsed.triage ?? null,
        referral: parsed.referral ?? null,
      },
      'New case',
    );
    if (this.get(created.id))
      throw new StoreError('conflict', `A case with id ${created.id} already exists.`);
    this.insert(created, 'local');
    this.ctx.outbox.enqueue({ entity: 'case', payload: created });
    return created;
  }

  /**
   * Applies a change (identification, triage, referral, closing). A change that alters nothing writes
   * nothing. updatedAt always moves forward, even if the clock does not, so the newest version wins.
   */
  update(id: string, change: CaseChange): Case {
    const parsedChange = parseInput(CaseChangeSchema, change, 'Case change');
    const current = this.require(id);
    const next: Record<string, unknown> = { ...current };
    for (const [field, value] of Object.entries(parsedChange)) {
      if (value === undefined) continue;
      if (field === 'callId' && value === null) delete next.callId;
      else next[field] = value;
    }
    if (canonicalJson(next) === canonicalJson(current)) return current;
    const previous = Date.parse(current.updatedAt);
    const now = Date.parse(this.ctx.now());
    next.updatedAt = new Date(Math.max(now, previous + 1)).toISOString();
    const updated = parseInput(CaseSchema, next, 'Changed case');
    this.replace(updated);
    this.ctx.outbox.enqueue({ entity: 'case', payload: updated });
    return updated;
  }

  get(id: string): Case | null {
    const document = this.selectDocument.get(id);
    return document === undefined ? null : (JSON.parse(document) as Case);
  }

  /** The first case made for a call in the region (own or pulled), or null. */
  firstForCall(callId: string, regionId: string): Case | null {
    const document = this.selectForCall.get(callId, regionId);
    return document === undefined ? null : (JSON.parse(document) as Case);
  }

  require(id: string): Case {
    const found = typeof id === 'string' ? this.get(id) : null;
    if (!found) throw new StoreError('not-found', `No case with id ${String(id)} in the local store.`);
    return found;
  }

  /** Newest first. Includes cases pulled from other workstations of the region. */
  list(filter: CaseListFilter = {}): Case[] {
    const parsed = parseInput(CaseListFilterSchema, filter, 'Case list filter');
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: parsed.limit };
    if (parsed.createdBy !== undefined) {
      where.push('created_by_hsa_id = @createdBy');
      params.createdBy = parsed.createdBy;
    }
    if (parsed.since !== undefined) {
      where.push('created_at_utc >= @since');
      params.since = toUtc(parsed.since);
    }
    if (parsed.personnummer !== undefined) {
      where.push('patient_number = @personnummer');
      params.personnummer = parsed.personnummer;
    }
    if (parsed.regionId !== undefined) {
      where.push('region_id = @regionId');
      params.regionId = parsed.regionId;
    }
    if (parsed.status !== undefined) {
      where.push('status = @status');
      params.status = parsed.status;
    }
    // The clauses are fixed text chosen above; every value is a bound parameter.
    const sql = `SELECT document FROM cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY created_at_utc DESC, id LIMIT @limit`;
    return (this.ctx.db.prepare(sql).pluck().all(params) as string[]).map(
      (document) => JSON.parse(document) as Case,
    );
  }

  insert(record: Case, origin: RecordOrigin): void {
    this.insertRow.run({
      ...this.columns(record),
      createdBy: record.createdBy.hsaId,
      createdAtUtc: toUtc(record.createdAt),
      origin,
    });
  }

  replace(record: Case): void {
    this.updateRow.run(this.columns(record));
  }

  private columns(record: Case): Record<string, unknown> {
    return {
      id: record.id,
      regionId: record.regionId,
      patientNumber: record.patient.normalized ?? null,
      updatedAtUtc: toUtc(record.updatedAt),
      status: record.status,
      document: JSON.stringify(record),
    };
  }
}
