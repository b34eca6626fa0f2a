// Serves one page of a pull: cases and signed notes of the nurse's region committed after the cursor, access-logged.
//
// The cursor is the region's pull number of the last record the workstation has seen ("v1.<n>"). Numbers
// are assigned under the region counter's lock and become visible in order (migration 0002), so reading
// "everything above n" can never step over a record that was still being committed.
import { sql, type Kysely } from 'kysely';
import type { PullQuery, PullResponse } from '../../../core/backend-api/sync';
import type { Note, PulledRecord } from '../../../core/case';
import { recordBackendReads } from '../accessLog/accessLog';
import type { AuthenticatedStaff } from '../auth/tokens';
import type { Clock } from '../clock';
import type { BackendDatabase } from '../db/schema';

export function encodeCursor(pullSeq: number): string {
  return `v1.${pullSeq}`;
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  return Number(cursor.slice('v1.'.length));
}

interface FeedRow {
  entity: 'case' | 'note';
  id: string;
  content_hash: string;
  origin_device_id: string;
  document: string;
  pull_seq: string;
}

export async function pullPage(
  context: { db: Kysely<BackendDatabase>; clock: Clock },
  staff: AuthenticatedStaff,
  query: PullQuery,
): Promise<PullResponse> {
  const after = decodeCursor(query.cursor);
  return context.db.transaction().execute(async (trx) => {
    const { rows } = await sql<FeedRow>`
      select entity, id, content_hash, origin_device_id, document, pull_seq from (
        select 'case' as entity, id::text as id, content_hash, origin_device_id::text as origin_device_id,
               document, pull_seq
          from case_record where region_id = ${staff.regionId} and pull_seq > ${after}
        union all
        select 'note' as entity, id::text, content_hash, origin_device_id::text, document, pull_seq
          from signed_note where region_id = ${staff.regionId} and pull_seq > ${after}
      ) feed
      order by pull_seq
      limit ${query.limit + 1}`.execute(trx);
    const more = rows.length > query.limit;
    const page = more ? rows.slice(0, query.limit) : rows;
    const last = page.at(-1);
    const records: PulledRecord[] = page
      // The workstation already holds what it pushed itself.
      .filter((row) => row.origin_device_id !== query.deviceId)
      .map(
        (row) =>
          ({
            entity: row.entity,
            contentHash: row.content_hash,
            originDeviceId: row.origin_device_id,
            payload: JSON.parse(row.document) as unknown,
          }) as PulledRecord,
      );
    const caseIds = records.map((record) =>
      record.entity === 'case' ? record.payload.id : (record.payload as Note).caseId,
    );
    await recordBackendReads(trx, {
      staff,
      caseIds,
      action: 'sync-pull',
      careUnitHsaId: query.careUnitHsaId,
      at: context.clock(),
    });
    return {
      records,
      cursor: last === undefined ? encodeCursor(after) : encodeCursor(Number(last.pull_seq)),
      more,
    };
  });
}
