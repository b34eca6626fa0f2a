// The sync envelope: outbox items a workstation pushes in order, and the records it pulls from the regional backend.
import { z } from 'zod';
import { AccessLogEntrySchema, type AccessLogEntry } from './accessLog';
import { AttachmentSchema, type Attachment } from './attachment';
import { CaseSchema, type Case } from './case';
import { canonicalJson } from './canonical';
import { EntityIdSchema, Sha256HexSchema, TimestampSchema } from './fields';
import { canonicalNoteJson, NoteSchema, type Note } from './note';

/** Version of the payload shapes below; a backend answers an unknown version with a clear 4xx. */
export const SYNC_SCHEMA_VERSION = 1;

export const SYNC_ENTITIES = ['case', 'note', 'attachment', 'access-log'] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];

/**
 * The one operation each entity syncs with. Cases are mutable and sent whole (`upsert`, newest
 * `updatedAt` wins); notes travel only once signed (`sign`), immutable; attachments are added,
 * never changed (`add`, metadata only: the bytes go separately, addressed by their sha256);
 * access-log entries are appended.
 */
export const SYNC_OPS = { case: 'upsert', note: 'sign', attachment: 'add', 'access-log': 'append' } as const;
export type SyncOp = (typeof SYNC_OPS)[SyncEntity];

/** Same entity, same content → same key, so a backend recognises a retried push and acknowledges it again. */
export function outboxIdempotencyKey(entityId: string, contentHash: string): string {
  return `${entityId}:${contentHash}`;
}

const EnvelopeShape = {
  /** The workstation store that wrote the item (one per database, made when the database is created). */
  deviceId: z.uuid({ error: 'Ogiltigt enhets-id: ett UUID förväntas (deviceId must be a UUID).' }),
  /** Per-device sequence: 1, 2, 3, … with no gaps, in commit order. */
  seq: z.number().int().min(1, 'seq börjar på 1 (seq starts at 1).'),
  idempotencyKey: z.string().min(1).max(200),
  entityId: EntityIdSchema,
  /** SHA-256 of canonicalPayloadJson: what the backend verifies and compares on a repeated id. */
  contentHash: Sha256HexSchema,
  schemaVersion: z.literal(SYNC_SCHEMA_VERSION, {
    error: `Okänd schemaversion; denna version förstår ${SYNC_SCHEMA_VERSION} (unknown sync schema version).`,
  }),
  createdAt: TimestampSchema,
};

export const OutboxItemSchema = z
  .discriminatedUnion(
    'entity',
    [
      z.strictObject({
        ...EnvelopeShape,
        entity: z.literal('case'),
        op: z.literal('upsert'),
        payload: CaseSchema,
      }),
      z.strictObject({
        ...EnvelopeShape,
        entity: z.literal('note'),
        op: z.literal('sign'),
        payload: NoteSchema,
      }),
      z.strictObject({
        ...EnvelopeShape,
        entity: z.literal('attachment'),
        op: z.literal('add'),
        payload: AttachmentSchema,
      }),
      z.strictObject({
        ...EnvelopeShape,
        entity: z.literal('access-log'),
        op: z.literal('append'),
        payload: AccessLogEntrySchema,
      }),
    ],
    { error: `Okänd entitet; tillåtna är ${SYNC_ENTITIES.join(', ')} (unknown entity or op).` },
  )
  .superRefine((item, ctx) => {
    if (item.payload.id !== item.entityId) {
      ctx.addIssue({
        code: 'custom',
        path: ['entityId'],
        message: 'entityId matchar inte payload.id (entityId differs from payload.id).',
      });
    }
    if (item.idempotencyKey !== outboxIdempotencyKey(item.entityId, item.contentHash)) {
      ctx.addIssue({
        code: 'custom',
        path: ['idempotencyKey'],
        message: 'idempotencyKey ska vara "<entityId>:<contentHash>".',
      });
    }
    if (item.entity === 'note') {
      if (item.payload.status !== 'signed') {
        ctx.addIssue({
          code: 'custom',
          path: ['payload', 'status'],
          message: 'Bara signerade anteckningar synkas (only signed notes sync).',
        });
      } else if (item.payload.contentHash !== item.contentHash) {
        ctx.addIssue({
          code: 'custom',
          path: ['contentHash'],
          message: 'contentHash skiljer sig från anteckningens (differs from the note’s contentHash).',
        });
      }
    }
  });
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

/**
 * The text whose SHA-256 is an item's contentHash. A note hashes its canonical note form (the same
 * hash it was signed with); other entities hash their whole payload in canonical JSON.
 */
export function canonicalPayloadJson(item: EntityPayload): string {
  return item.entity === 'note' ? canonicalNoteJson(item.payload) : canonicalJson(item.payload);
}

/** An entity together with its payload, as carried by an outbox item. */
export type EntityPayload =
  | { entity: 'case'; payload: Case }
  | { entity: 'note'; payload: Note }
  | { entity: 'attachment'; payload: Attachment }
  | { entity: 'access-log'; payload: AccessLogEntry };

/** Most items a workstation pushes in one request. */
export const MAX_PUSH_BATCH = 2000;

export const PushRequestSchema = z.strictObject({
  deviceId: z.uuid(),
  items: z
    .array(OutboxItemSchema)
    .min(1)
    .max(MAX_PUSH_BATCH, `Högst ${MAX_PUSH_BATCH} poster per push (batch too large).`),
  /**
   * Sent while the device's push that ends with this sequence number is still unanswered: store this
   * one only if that one is committed (otherwise 409 out_of_order, nothing stored, send it again).
   * Lets a workstation keep its next batch on the way while the backend commits the one before.
   */
  afterSeq: z.number().int().min(1).optional(),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

/** Per item: acknowledged after commit (also when already stored with the same hash), or rejected for good. */
export const PushResponseSchema = z.strictObject({
  acknowledged: z.array(z.number().int().min(1)),
  rejected: z.array(
    z.strictObject({ seq: z.number().int().min(1), code: z.string().min(1), message: z.string().min(1) }),
  ),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** A case or signed note written on another workstation, as the backend serves it to a pull. */
export const PulledRecordSchema = z.discriminatedUnion('entity', [
  z.strictObject({
    entity: z.literal('case'),
    contentHash: Sha256HexSchema,
    originDeviceId: z.uuid(),
    payload: CaseSchema,
  }),
  z.strictObject({
    entity: z.literal('note'),
    contentHash: Sha256HexSchema,
    originDeviceId: z.uuid(),
    payload: NoteSchema,
  }),
]);
export type PulledRecord = z.infer<typeof PulledRecordSchema>;

/** One page of a pull; `cursor` is opaque to the workstation and sent back with the next pull. */
export const PullResponseSchema = z.strictObject({
  records: z.array(PulledRecordSchema),
  cursor: z.string().min(1).max(500),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;
