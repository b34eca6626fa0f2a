// Commits a workstation's push: idempotent inserts in sequence order, integrity alerts, and the region's pull numbering.
//
// Per item: the same id with the same content is acknowledged again (a retried push); the same id with
// other content is rejected for good and raised as an integrity alert (a signed note, an attachment or a
// log entry never changes). Cases are the one mutable entity: every version is kept, and the newest
// updatedAt (ties: the larger hash) becomes the case others pull. Nothing is acknowledged before commit.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { PushRequest, PushResponse } from '../../../core/backend-api/sync';
import type { AccessLogEntry, Case, Note, OutboxItem } from '../../../core/case';
import type { AuthenticatedStaff } from '../auth/tokens';
import type { Clock } from '../clock';
import type { BackendDatabase } from '../db/schema';
import { ApiHttpError } from '../http/errors';
import { anotherPushSettled, oneAtATime } from './deviceQueue';
import { checkOwnership, precheck, refusedCases, referencedCaseIds, type Rejection } from './pushChecks';

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

/** Rows per INSERT statement: well under PostgreSQL's 65,535 bind parameters for every table here. */
const INSERT_CHUNK = 1000;

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

/**
 * Takes the device for this nurse (first push registers it) and locks it, so one device's pushes commit
 * one at a time; another nurse's device is refused. A push sent after another one that is not committed
 * (afterSeq above the device's last sequence) is refused with 409, so a device's pushes commit in order.
 */
async function claimDevice(
  trx: Trx,
  staff: AuthenticatedStaff,
  deviceId: string,
  now: Date,
  afterSeq: number | undefined,
): Promise<void> {
  // One statement: registers the device on its first push, and otherwise locks its row (ON CONFLICT DO
  // UPDATE waits for and locks the row as SELECT … FOR UPDATE would) and reads it.
  const device = await trx
    .insertInto('sync_device')
    .values({
      device_id: deviceId,
      hsa_id: staff.hsaId,
      region_id: staff.regionId,
      last_seq: 0,
      first_push_at: now,
      last_push_at: now,
    })
    .onConflict((conflict) => conflict.column('device_id').doUpdateSet({ last_push_at: now }))
    .returning(['hsa_id', 'last_seq'])
    .executeTakeFirstOrThrow();
  if (device.hsa_id !== staff.hsaId) {
    throw new ApiHttpError(
      403,
      'forbidden',
      'This workstation store belongs to another user; a device can only push as the nurse it belongs to. Nothing was stored.',
    );
  }
  if (afterSeq !== undefined && Number(device.last_seq) < afterSeq) {
    throw new ApiHttpError(
      409,
      'out_of_order',
      `The push before this one (up to sequence ${afterSeq}) is not committed; send this one again after it. Nothing was stored.`,
    );
  }
}

/** Regions whose pull counter is known to exist, per database (tests run several backends in one process). */
const countersKnown = new WeakMap<object, Set<string>>();

/**
 * Creates the region's pull counter on its first push. It is looked for first (and then remembered):
 * an INSERT … ON CONFLICT on the existing row would wait for the push that holds it, which would line
 * up the region's pushes from their start instead of only for their last statement.
 */
async function ensureRegionCounter(trx: Trx, known: Set<string>, regionId: string): Promise<void> {
  if (known.has(regionId)) return;
  const existing = await trx
    .selectFrom('sync_region_counter')
    .select('region_id')
    .where('region_id', '=', regionId)
    .executeTakeFirst();
  if (existing) return;
  await trx
    .insertInto('sync_region_counter')
    .values({ region_id: regionId, last_pull_seq: 0 })
    .onConflict((conflict) => conflict.column('region_id').doNothing())
    .execute();
}

/**
 * Numbers the pullable rows and inserts them in one statement: the region's counter is advanced by
 * as many numbers as there are rows, which locks its row until commit, so every transaction that
 * numbers rows for the region waits for the one before it and numbers become visible in order (the
 * pull cursor relies on it, see README.md). Cases take the first numbers, then notes.
 *
 * A case replaces the current one only if it is of the same region (checked before too: a row never takes
 * another region's pull number) and newer (newest updatedAt, ties to the larger hash, as
 * on every workstation), decided by the database at the row, so a concurrent push of the same case
 * cannot install an older version. The rows travel as one JSON parameter each, built natively by
 * JSON.stringify; documents are JSON objects and json::text keeps their text verbatim.
 */
async function insertNumbered(
  trx: Trx,
  regionId: string,
  device: string,
  now: Date,
  cases: readonly OutboxItem[],
  notes: readonly OutboxItem[],
): Promise<void> {
  const total = cases.length + notes.length;
  if (total === 0) return;
  const caseRows = cases.map((item, index) => {
    const record = item.payload as Case;
    return {
      n: index + 1,
      id: record.id,
      region_id: record.regionId,
      patient_kind: record.patient.kind,
      patient_number: record.patient.normalized ?? null,
      created_by: record.createdBy.hsaId,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
      hash: item.contentHash,
      document: record,
    };
  });
  const noteRows = notes.map((item, index) => {
    const note = item.payload as Note;
    return {
      n: cases.length + index + 1,
      id: note.id,
      case_id: note.caseId,
      responsible: note.responsible.hsaId,
      signed_at: note.signedAt ?? note.contactAt,
      amends: note.amendsNoteId ?? null,
      hash: item.contentHash,
      document: note,
    };
  });
  await sql`
    with counter as (
      update sync_region_counter set last_pull_seq = last_pull_seq + ${total}
       where region_id = ${regionId}
      returning last_pull_seq - ${total} as base
    ), cases as (
      insert into case_record (id, region_id, patient_kind, patient_number, created_by_hsa_id, created_at,
                               updated_at, content_hash, document, origin_device_id, pull_seq, committed_at)
      select t.id, t.region_id, t.patient_kind, t.patient_number, t.created_by, t.created_at, t.updated_at,
             t.hash, t.document::text, ${device}::uuid, counter.base + t.n, ${now}::timestamptz
        from counter,
             json_to_recordset(${JSON.stringify(caseRows)}::json)
               as t(n bigint, id uuid, region_id text, patient_kind text, patient_number text, created_by text,
                    created_at timestamptz, updated_at timestamptz, hash text, document json)
      on conflict (id) do update set
        patient_kind = excluded.patient_kind, patient_number = excluded.patient_number,
        updated_at = excluded.updated_at, content_hash = excluded.content_hash, document = excluded.document,
        origin_device_id = excluded.origin_device_id, pull_seq = excluded.pull_seq,
        committed_at = excluded.committed_at
      where case_record.region_id = excluded.region_id
        and (excluded.updated_at > case_record.updated_at
             or (excluded.updated_at = case_record.updated_at
                 and excluded.content_hash collate "C" > case_record.content_hash collate "C"))
    )
    insert into signed_note (id, case_id, region_id, responsible_hsa_id, signed_at, amends_note_id,
                             content_hash, document, origin_device_id, pull_seq, committed_at)
    select t.id, t.case_id, ${regionId}, t.responsible, t.signed_at, t.amends, t.hash, t.document::text,
           ${device}::uuid, counter.base + t.n, ${now}::timestamptz
      from counter,
           json_to_recordset(${JSON.stringify(noteRows)}::json)
             as t(n bigint, id uuid, case_id uuid, responsible text, signed_at timestamptz, amends uuid,
                  hash text, document json)`.execute(trx);
}

/** Access-log entries from the workstation, in one statement per chunk (they are not pulled). */
async function insertLogEntries(
  trx: Trx,
  staff: AuthenticatedStaff,
  device: string,
  now: Date,
  items: readonly OutboxItem[],
): Promise<void> {
  await insertChunked(items, (chunk) => {
    const rows = chunk.map((item) => {
      const entry = item.payload as AccessLogEntry;
      return {
        id: entry.id,
        at: entry.at,
        actor: entry.actor.hsaId,
        actor_name: entry.actor.name,
        actor_title: entry.actor.title,
        care_unit: entry.careUnitHsaId,
        case_id: entry.caseId,
        patient_kind: entry.patientKind,
        patient_number: entry.patientNumber,
        action: entry.action,
        call_id: entry.callId ?? null,
        hash: item.contentHash,
      };
    });
    return sql`
      insert into access_log (id, at, actor_hsa_id, actor_name, actor_title, care_unit_hsa_id, case_id,
                              patient_kind, patient_number, action, source, region_id, device_id,
                              content_hash, recorded_at, call_id)
      select id, at, actor, actor_name, actor_title, care_unit, case_id, patient_kind, patient_number, action,
             'workstation', ${staff.regionId}, ${device}::uuid, hash, ${now}::timestamptz, call_id
        from json_to_recordset(${JSON.stringify(rows)}::json)
          as t(id uuid, at timestamptz, actor text, actor_name text, actor_title text, care_unit text, case_id uuid,
               patient_kind text, patient_number text, action text, call_id text, hash text)`.execute(trx);
  });
}

/** How long a push that came in before the one it follows waits for it here before it is refused. */
const OUT_OF_ORDER_WAIT_MS = 5_000;

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

  // The push it follows is usually just behind it (its body still arriving): wait for it, rather than
  // make the workstation send this one again.
  const deadline = Date.now() + OUT_OF_ORDER_WAIT_MS;
  for (;;) {
    try {
      return await oneAtATime(request.deviceId, () =>
        commitChecked(context, staff, request, items, candidates, [...rejections], hooks),
      );
    } catch (error) {
      const wait = deadline - Date.now();
      if (!(error instanceof ApiHttpError && error.code === 'out_of_order') || wait <= 0) throw error;
      await anotherPushSettled(request.deviceId, Math.min(wait, 250));
    }
  }
}

async function commitChecked(
  context: { db: Kysely<BackendDatabase>; clock: Clock },
  staff: AuthenticatedStaff,
  request: PushRequest,
  items: readonly OutboxItem[],
  candidates: readonly OutboxItem[],
  rejections: Rejection[],
  hooks: PushHooks,
): Promise<PushOutcome> {
  let known = countersKnown.get(context.db);
  if (!known) countersKnown.set(context.db, (known = new Set()));
  const outcome = await context.db.transaction().execute(async (trx) => {
    const now = context.clock();
    await claimDevice(trx, staff, request.deviceId, now, request.afterSeq);
    await ensureRegionCounter(trx, known, staff.regionId);

    const idsOf = (entity: OutboxItem['entity']) => [
      ...new Set(candidates.filter((item) => item.entity === entity).map((item) => item.entityId)),
    ];
    const noteIds = idsOf('note');
    const attachmentIds = idsOf('attachment');
    const logIds = idsOf('access-log');
    const caseIds = idsOf('case');
    const namedCaseIds = referencedCaseIds(candidates);
    const [notes, attachments, logs, caseVersions, storedCases] = await Promise.all([
      noteIds.length === 0
        ? []
        : trx
            .selectFrom('signed_note')
            .select(['id', 'content_hash', 'region_id'])
            .where('id', 'in', noteIds)
            .execute(),
      attachmentIds.length === 0
        ? []
        : trx
            .selectFrom('attachment_meta')
            .select(['id', 'content_hash', 'region_id'])
            .where('id', 'in', attachmentIds)
            .execute(),
      logIds.length === 0
        ? []
        : trx
            .selectFrom('access_log')
            .select(['id', 'content_hash', 'region_id'])
            .where('id', 'in', logIds)
            .execute(),
      caseIds.length === 0
        ? []
        : trx.selectFrom('case_version').select(['id', 'content_hash']).where('id', 'in', caseIds).execute(),
      namedCaseIds.length === 0
        ? []
        : trx
            .selectFrom('case_record')
            .select(['id', 'region_id', 'created_by_hsa_id', 'content_hash', 'updated_at'])
            .where('id', 'in', namedCaseIds)
            .execute(),
    ]);
    const ownership = checkOwnership(
      candidates,
      staff,
      {
        cases: new Map(
          storedCases.map((row) => [row.id, { regionId: row.region_id, createdBy: row.created_by_hsa_id }]),
        ),
        regions: {
          note: new Map(notes.map((row) => [row.id, row.region_id])),
          attachment: new Map(attachments.map((row) => [row.id, row.region_id])),
          'access-log': new Map(logs.map((row) => [row.id, row.region_id ?? ''])),
        },
      },
      refusedCases(items, rejections),
    );
    rejections.push(...ownership.rejections);

    // What is stored (or about to be, from earlier in this batch), by entity and id.
    const stored = {
      note: new Map(notes.map((row) => [row.id, row.content_hash])),
      attachment: new Map(attachments.map((row) => [row.id, row.content_hash])),
      'access-log': new Map(logs.map((row) => [row.id, row.content_hash ?? ''])),
    };
    const versions = new Set(caseVersions.map((row) => `${row.id}:${row.content_hash}`));
    const current = new Map(
      storedCases.map((row) => [
        row.id,
        { updatedAt: new Date(row.updated_at).toISOString(), hash: row.content_hash },
      ]),
    );

    const acknowledged: number[] = [];
    const newNotes: OutboxItem[] = [];
    const newAttachments: OutboxItem[] = [];
    const newLogs: OutboxItem[] = [];
    const newVersions: OutboxItem[] = [];
    const newCurrent = new Map<string, OutboxItem>();

    for (const item of ownership.accepted) {
      if (item.entity === 'case') {
        const key = `${item.entityId}:${item.contentHash}`;
        if (!versions.has(key)) {
          versions.add(key);
          newVersions.push(item);
          const held = current.get(item.entityId);
          const incoming = { updatedAt: item.payload.updatedAt, hash: item.contentHash };
          if (!held || isNewerCase(incoming, held)) {
            current.set(item.entityId, incoming);
            newCurrent.set(item.entityId, item);
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
        // The same version from another device in a concurrent push: it is kept once.
        .onConflict((conflict) => conflict.columns(['id', 'content_hash']).doNothing())
        .execute(),
    );
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
    await insertLogEntries(trx, staff, device, now, newLogs);

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

    // Last, so the region's pushes wait for each other as briefly as possible (see README.md).
    await insertNumbered(trx, staff.regionId, device, now, [...newCurrent.values()], newNotes);
    const pullable = newCurrent.size + newNotes.length;

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
  known.add(staff.regionId); // committed: the counter row exists from now on
  return outcome;
}
