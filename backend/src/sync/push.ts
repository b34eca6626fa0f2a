// Commits a workstation's push: idempotent inserts in sequence order, integrity alerts, and the region's pull numbering.
//
// Per item: the same id with the same content is acknowledged again (a retried push); the same id with
// other content is rejected for good and raised as an integrity alert (a signed note, an attachment or a
// log entry never changes). Cases are the one mutable entity: every version is kept, and the newest
// updatedAt (ties: the larger hash) becomes the case others pull. Nothing is acknowledged before commit.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { PushRequest, PushResponse, SyncRejectionCode } from '../../../core/backend-api/sync';
import {
  canonicalPayloadJson,
  type AccessLogEntry,
  type Case,
  type Note,
  type OutboxItem,
} from '../../../core/case';
import type { AuthenticatedStaff } from '../auth/tokens';
import type { Clock } from '../clock';
import type { BackendDatabase } from '../db/schema';
import { ApiHttpError } from '../http/errors';

type Trx = Transaction<BackendDatabase>;

export interface PushOutcome {
  response: PushResponse;
  /** Cases and notes that others can now pull: when above 0 the region is poked. */
  pullable: number;
}

export interface PushHooks {
  /** Runs inside the transaction just before it commits (tests interleave transactions here). */
  beforeCommit?: () => Promise<void>;
}

interface Rejection {
  seq: number;
  code: SyncRejectionCode;
  message: string;
  /** Raise an integrity alert with this: the stored hash, when there is one. */
  alert?: { storedHash: string | null };
}

/** Rows per INSERT statement: well under PostgreSQL's 65,535 bind parameters for every table here. */
const INSERT_CHUNK = 1000;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Checks that need no database: the hash, the region, the author. Returns the refusal or null. */
function precheck(item: OutboxItem, staff: AuthenticatedStaff): Rejection | null {
  const computed = sha256Hex(canonicalPayloadJson({ entity: item.entity, payload: item.payload } as never));
  if (computed !== item.contentHash) {
    return {
      seq: item.seq,
      code: 'hash_mismatch',
      message: `The ${item.entity} ${item.entityId} does not match its contentHash; it was changed after it was written.`,
      alert: { storedHash: null },
    };
  }
  if (item.entity === 'case' && item.payload.regionId !== staff.regionId) {
    return {
      seq: item.seq,
      code: 'wrong_region',
      message: `Case ${item.entityId} belongs to region ${item.payload.regionId}, not to your region ${staff.regionId}.`,
    };
  }
  const author =
    item.entity === 'note'
      ? item.payload.responsible.hsaId
      : item.entity === 'access-log'
        ? item.payload.actor.hsaId
        : null;
  if (author !== null && author !== staff.hsaId) {
    return {
      seq: item.seq,
      code: 'wrong_author',
      message: `The ${item.entity} ${item.entityId} names ${author} as its author, but ${staff.hsaId} is signed in.`,
      alert: { storedHash: null },
    };
  }
  return null;
}

/** Newest updatedAt wins; equal times are settled by the larger hash, as on every workstation. */
function isNewerCase(
  candidate: { updatedAt: string; hash: string },
  current: { updatedAt: string; hash: string },
) {
  const a = Date.parse(candidate.updatedAt);
  const b = Date.parse(current.updatedAt);
  return a > b || (a === b && candidate.hash > current.hash);
}

async function insertChunked<T>(items: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += INSERT_CHUNK) {
    await insert(items.slice(start, start + INSERT_CHUNK));
  }
}

/** Takes the device for this nurse (first push registers it) and locks it; another nurse's device is refused. */
async function claimDevice(trx: Trx, staff: AuthenticatedStaff, deviceId: string, now: Date): Promise<void> {
  await trx
    .insertInto('sync_device')
    .values({
      device_id: deviceId,
      hsa_id: staff.hsaId,
      region_id: staff.regionId,
      last_seq: 0,
      first_push_at: now,
      last_push_at: now,
    })
    .onConflict((conflict) => conflict.column('device_id').doNothing())
    .execute();
  const device = await trx
    .selectFrom('sync_device')
    .select('hsa_id')
    .where('device_id', '=', deviceId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (device.hsa_id !== staff.hsaId) {
    throw new ApiHttpError(
      403,
      'forbidden',
      'This workstation store belongs to another user; a device can only push as the nurse it belongs to. Nothing was stored.',
    );
  }
}

/**
 * Locks the region's pull counter until commit and returns its current value. Every transaction that
 * numbers rows for this region waits here, so numbers become visible in order (see migration 0002).
 */
async function lockRegionCounter(trx: Trx, regionId: string): Promise<number> {
  await trx
    .insertInto('sync_region_counter')
    .values({ region_id: regionId, last_pull_seq: 0 })
    .onConflict((conflict) => conflict.column('region_id').doNothing())
    .execute();
  const row = await trx
    .selectFrom('sync_region_counter')
    .select('last_pull_seq')
    .where('region_id', '=', regionId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return Number(row.last_pull_seq);
}

export async function commitPush(
  context: { db: Kysely<BackendDatabase>; clock: Clock },
  staff: AuthenticatedStaff,
  request: PushRequest,
  hooks: PushHooks = {},
): Promise<PushOutcome> {
  const items = [...request.items].sort((a, b) => a.seq - b.seq);
  const rejections: Rejection[] = [];
  const candidates: OutboxItem[] = [];
  for (const item of items) {
    const refused = precheck(item, staff);
    if (refused) rejections.push(refused);
    else candidates.push(item);
  }

  return context.db.transaction().execute(async (trx) => {
    const now = context.clock();
    await claimDevice(trx, staff, request.deviceId, now);
    let pullSeq = await lockRegionCounter(trx, staff.regionId);
    const startSeq = pullSeq;

    const idsOf = (entity: OutboxItem['entity']) => [
      ...new Set(candidates.filter((item) => item.entity === entity).map((item) => item.entityId)),
    ];
    const noteIds = idsOf('note');
    const attachmentIds = idsOf('attachment');
    const logIds = idsOf('access-log');
    const caseIds = idsOf('case');
    const [notes, attachments, logs, caseVersions, currentCases] = await Promise.all([
      noteIds.length === 0
        ? []
        : trx.selectFrom('signed_note').select(['id', 'content_hash']).where('id', 'in', noteIds).execute(),
      attachmentIds.length === 0
        ? []
        : trx
            .selectFrom('attachment_meta')
            .select(['id', 'content_hash'])
            .where('id', 'in', attachmentIds)
            .execute(),
      logIds.length === 0
        ? []
        : trx.selectFrom('access_log').select(['id', 'content_hash']).where('id', 'in', logIds).execute(),
      caseIds.length === 0
        ? []
        : trx.selectFrom('case_version').select(['id', 'content_hash']).where('id', 'in', caseIds).execute(),
      caseIds.length === 0
        ? []
        : trx
            .selectFrom('case_record')
            .select(['id', 'content_hash', 'document'])
            .where('id', 'in', caseIds)
            .execute(),
    ]);
    // What is stored (or about to be, from earlier in this batch), by entity and id.
    const stored = {
      note: new Map(notes.map((row) => [row.id, row.content_hash])),
      attachment: new Map(attachments.map((row) => [row.id, row.content_hash])),
      'access-log': new Map(logs.map((row) => [row.id, row.content_hash ?? ''])),
    };
    const versions = new Set(caseVersions.map((row) => `${row.id}:${row.content_hash}`));
    const current = new Map(
      currentCases.map((row) => [
        row.id,
        { updatedAt: (JSON.parse(row.document) as Case).updatedAt, hash: row.content_hash },
      ]),
    );

    const acknowledged: number[] = [];
    const newNotes: OutboxItem[] = [];
    const newAttachments: OutboxItem[] = [];
    const newLogs: OutboxItem[] = [];
    const newVersions: OutboxItem[] = [];
    const newCurrent = new Map<string, { item: OutboxItem; pullSeq: number }>();
    let pullable = 0;

    for (const item of candidates) {
      if (item.entity === 'case') {
        const key = `${item.entityId}:${item.contentHash}`;
        if (!versions.has(key)) {
          versions.add(key);
          newVersions.push(item);
          const held = current.get(item.entityId);
          const incoming = { updatedAt: item.payload.updatedAt, hash: item.contentHash };
          if (!held || isNewerCase(incoming, held)) {
            current.set(item.entityId, incoming);
            newCurrent.set(item.entityId, { item, pullSeq: ++pullSeq });
          }
        }
        acknowledged.push(item.seq);
        continue;
      }
      const seen = stored[item.entity];
      const storedHash = seen.get(item.entityId);
      if (storedHash === undefined) {
        seen.set(item.entityId, item.contentHash);
        if (item.entity === 'note') newNotes.push(item);
        else if (item.entity === 'attachment') newAttachments.push(item);
        else newLogs.push(item);
        acknowledged.push(item.seq);
      } else if (storedHash === item.contentHash) {
        acknowledged.push(item.seq);
      } else {
        rejections.push({
          seq: item.seq,
          code: 'conflict',
          message: `The ${item.entity} ${item.entityId} is already stored with other content; a signed record never changes. Write an amendment instead.`,
          alert: { storedHash },
        });
      }
    }

    const device = request.deviceId;
    await insertChunked(newVersions, (chunk) =>
      trx
        .insertInto('case_version')
        .values(
          chunk.map((item) => ({
            id: item.entityId,
            content_hash: item.contentHash,
            region_id: staff.regionId,
            document: JSON.stringify(item.payload),
            origin_device_id: device,
            pushed_by_hsa_id: staff.hsaId,
            committed_at: now,
          })),
        )
        .execute(),
    );
    await insertChunked([...newCurrent.values()], (chunk) =>
      trx
        .insertInto('case_record')
        .values(
          chunk.map(({ item, pullSeq: seq }) => {
            const record = item.payload as Case;
            return {
              id: record.id,
              region_id: record.regionId,
              patient_kind: record.patient.kind,
              patient_number: record.patient.normalized ?? null,
              created_by_hsa_id: record.createdBy.hsaId,
              created_at: new Date(record.createdAt),
              updated_at: new Date(record.updatedAt),
              content_hash: item.contentHash,
              document: JSON.stringify(record),
              origin_device_id: device,
              pull_seq: seq,
              committed_at: now,
            };
          }),
        )
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet((eb) => ({
            patient_kind: eb.ref('excluded.patient_kind'),
            patient_number: eb.ref('excluded.patient_number'),
            updated_at: eb.ref('excluded.updated_at'),
            content_hash: eb.ref('excluded.content_hash'),
            document: eb.ref('excluded.document'),
            origin_device_id: eb.ref('excluded.origin_device_id'),
            pull_seq: eb.ref('excluded.pull_seq'),
            committed_at: eb.ref('excluded.committed_at'),
          })),
        )
        .execute(),
    );
    pullable += newCurrent.size;
    // One INSERT … SELECT FROM unnest(arrays) per chunk: eleven parameters instead of eleven per note,
    // which is what lets a workstation's backlog of thousands of notes land in a fraction of a second.
    await insertChunked(newNotes, (chunk) => {
      const notes = chunk.map((item) => item.payload as Note);
      return sql`
        insert into signed_note (id, case_id, region_id, responsible_hsa_id, signed_at, amends_note_id,
                                 content_hash, document, origin_device_id, pull_seq, committed_at)
        select id, case_id, ${staff.regionId}, responsible, signed_at, amends, hash, document, ${device}::uuid,
               seq, ${now}::timestamptz
          from unnest(${notes.map((n) => n.id)}::uuid[], ${notes.map((n) => n.caseId)}::uuid[],
                      ${notes.map((n) => n.responsible.hsaId)}::text[],
                      ${notes.map((n) => n.signedAt ?? n.contactAt)}::timestamptz[],
                      ${notes.map((n) => n.amendsNoteId ?? null)}::uuid[],
                      ${chunk.map((item) => item.contentHash)}::text[],
                      ${notes.map((n) => JSON.stringify(n))}::text[],
                      ${notes.map(() => ++pullSeq)}::bigint[])
            as t(id, case_id, responsible, signed_at, amends, hash, document, seq)`.execute(trx);
    });
    pullable += newNotes.length;
    await insertChunked(newAttachments, (chunk) =>
      trx
        .insertInto('attachment_meta')
        .values(
          chunk.map((item) => {
            if (item.entity !== 'attachment') throw new Error('not an attachment');
            const attachment = item.payload;
            return {
              id: attachment.id,
              case_id: attachment.caseId,
              region_id: staff.regionId,
              mime_type: attachment.mimeType,
              byte_length: attachment.byteLength,
              sha256: attachment.sha256,
              created_at: new Date(attachment.createdAt),
              content_hash: item.contentHash,
              document: JSON.stringify(attachment),
              origin_device_id: device,
              committed_at: now,
            };
          }),
        )
        .execute(),
    );
    await insertChunked(newLogs, (chunk) => {
      const entries = chunk.map((item) => item.payload as AccessLogEntry);
      return sql`
        insert into access_log (id, at, actor_hsa_id, actor_name, actor_title, care_unit_hsa_id, case_id,
                                patient_kind, patient_number, action, source, region_id, device_id,
                                content_hash, recorded_at)
        select id, at, actor, actor_name, actor_title, care_unit, case_id, patient_kind, patient_number, action,
               'workstation', ${staff.regionId}, ${device}::uuid, hash, ${now}::timestamptz
          from unnest(${entries.map((e) => e.id)}::uuid[], ${entries.map((e) => e.at)}::timestamptz[],
                      ${entries.map((e) => e.actor.hsaId)}::text[], ${entries.map((e) => e.actor.name)}::text[],
                      ${entries.map((e) => e.actor.title)}::text[], ${entries.map((e) => e.careUnitHsaId)}::text[],
                      ${entries.map((e) => e.caseId)}::uuid[], ${entries.map((e) => e.patientKind)}::text[],
                      ${entries.map((e) => e.patientNumber)}::text[], ${entries.map((e) => e.action)}::text[],
                      ${chunk.map((item) => item.contentHash)}::text[])
            as t(id, at, actor, actor_name, actor_title, care_unit, case_id, patient_kind, patient_number, action,
                 hash)`.execute(trx);
    });

    if (pullSeq !== startSeq) {
      await trx
        .updateTable('sync_region_counter')
        .set({ last_pull_seq: pullSeq })
        .where('region_id', '=', staff.regionId)
        .execute();
    }
    // Gaps are fine (a quarantined item is never received); the highest sequence seen is remembered.
    const highest = items.reduce((max, item) => Math.max(max, item.seq), 0);
    await trx
      .updateTable('sync_device')
      .set({ last_seq: sql`greatest(last_seq, ${highest})`, last_push_at: now })
      .where('device_id', '=', device)
      .execute();

    const alerts = rejections.filter((rejection) => rejection.alert !== undefined);
    if (alerts.length > 0) {
      const bySeq = new Map(items.map((item) => [item.seq, item]));
      await insertChunked(alerts, (chunk) =>
        trx
          .insertInto('integrity_alert')
          .values(
            chunk.map((rejection) => {
              const item = bySeq.get(rejection.seq) as OutboxItem;
              return {
                at: now,
                region_id: staff.regionId,
                device_id: device,
                hsa_id: staff.hsaId,
                entity: item.entity,
                entity_id: item.entityId,
                stored_hash: rejection.alert?.storedHash ?? null,
                received_hash: item.contentHash,
                code: rejection.code,
                detail: rejection.message,
              };
            }),
          )
          .execute(),
      );
    }

    await hooks.beforeCommit?.();
    return {
      response: {
        acknowledged: acknowledged.sort((a, b) => a - b),
        rejected: rejections
          .map(({ seq, code, message }) => ({ seq, code, message }))
          .sort((a, b) => a.seq - b.seq),
      },
      pullable,
    };
  });
}
