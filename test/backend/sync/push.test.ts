// Backend push: idempotent, order-independent inserts, conflicts raised as integrity alerts, and bad input that stores nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_PUSH_BYTES, PushResponseSchema, SYNC_ROUTES } from '../../../core/backend-api/sync';
import { ApiErrorSchema } from '../../../core/backend-api/auth';
import { canonicalNoteJson, type OutboxItem } from '../../../core/case';
import { sha256Hex, type WorkstationStore } from '../../../main/services/store';
import { describeEachEngine, startTestBackend, type TestBackend } from '../support/testBackend';
import { caseWithNotes, memoryStore, signedInNurse, type TestNurse } from '../../sync/support/syncFixtures';

function push(backend: TestBackend, token: string, body: unknown, raw = false) {
  return backend.app.inject({
    method: 'POST',
    url: SYNC_ROUTES.push,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: raw ? (body as string) : JSON.stringify(body),
  });
}

async function count(backend: TestBackend, table: string): Promise<number> {
  const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(backend.db);
  return Number(result.rows[0]?.n);
}

async function counts(backend: TestBackend) {
  return {
    cases: await count(backend, 'case_record'),
    versions: await count(backend, 'case_version'),
    notes: await count(backend, 'signed_note'),
    log: await count(backend, 'access_log'),
    alerts: await count(backend, 'integrity_alert'),
    devices: await count(backend, 'sync_device'),
  };
}

describeEachEngine('sync push', (engine) => {
  let backend: TestBackend;
  let anna: TestNurse;
  let bo: TestNurse;

  beforeAll(async () => {
    backend = await startTestBackend(engine, { logLevel: 'silent' });
    anna = await signedInNurse(backend, { regionId: 'skane' });
    bo = await signedInNurse(backend, { regionId: 'skane' });
  });
  afterAll(async () => {
    await backend?.close();
  });

  function batchOf(store: WorkstationStore, items = store.outbox.nextBatch(2000)) {
    return { deviceId: store.deviceId, items };
  }

  it('acknowledges a batch after commit, and the same batch again without storing anything twice', async () => {
    const store = memoryStore();
    caseWithNotes(store, anna, 3);
    const body = batchOf(store);
    const first = PushResponseSchema.parse((await push(backend, anna.token, body)).json());
    expect(first.acknowledged).toEqual(body.items.map((item) => item.seq));
    expect(first.rejected).toEqual([]);
    const after = await counts(backend);

    const again = PushResponseSchema.parse((await push(backend, anna.token, body)).json());
    expect(again).toEqual(first);
    expect(await counts(backend)).toEqual(after);
    const stored = await backend.db.selectFrom('signed_note').select(['id', 'content_hash']).execute();
    for (const [id, hash] of store.signedNoteHashes())
      expect(stored).toContainEqual({ id, content_hash: hash });
  });

  it('accepts batches out of order and duplicated, and remembers the highest sequence of the device', async () => {
    const store = memoryStore();
    caseWithNotes(store, anna, 2);
    caseWithNotes(store, anna, 2);
    const items = store.outbox.nextBatch(2000);
    const early = items.slice(0, 3);
    const late = items.slice(3);
    const before = await counts(backend);
    for (const part of [late, early, late, early]) {
      const response = PushResponseSchema.parse(
        (await push(backend, anna.token, batchOf(store, part))).json(),
      );
      expect(response.acknowledged).toEqual(part.map((item) => item.seq));
    }
    const after = await counts(backend);
    expect(after.notes - before.notes).toBe(4);
    expect(after.cases - before.cases).toBe(2);
    const device = await backend.db
      .selectFrom('sync_device')
      .select(['last_seq', 'hsa_id'])
      .where('device_id', '=', store.deviceId)
      .executeTakeFirstOrThrow();
    expect(Number(device.last_seq)).toBe(Math.max(...items.map((item) => item.seq)));
    expect(device.hsa_id).toBe(anna.staff.hsaId);
  });

  it('stores a push sent behind another only after that one, waiting for it when it comes in second', async () => {
    const store = memoryStore();
    caseWithNotes(store, anna, 3);
    const items = store.outbox.nextBatch(2000);
    const [first, second] = [items.slice(0, 2), items.slice(2)];
    const afterSeq = first.at(-1)!.seq;

    // The second batch's body arrived first: it waits for the first instead of being refused.
    const behind = push(backend, anna.token, { ...batchOf(store, second), afterSeq });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await push(backend, anna.token, batchOf(store, first))).statusCode).toBe(200);
    const answer = await behind;
    expect(answer.statusCode).toBe(200);
    expect(PushResponseSchema.parse(answer.json()).acknowledged).toEqual(second.map((item) => item.seq));

    // Committed in the device's order: the second batch's notes come later in the region's pull order.
    const pullSeq = async (ids: string[]) =>
      (await backend.db.selectFrom('signed_note').select('pull_seq').where('id', 'in', ids).execute()).map(
        (row) => Number(row.pull_seq),
      );
    const notesOf = (part: OutboxItem[]) =>
      part.filter((item) => item.entity === 'note').map((item) => item.entityId);
    expect(Math.min(...(await pullSeq(notesOf(second))))).toBeGreaterThan(
      Math.max(...(await pullSeq(notesOf(first)))),
    );
  });

  it('refuses with 409 out_of_order, storing nothing, a push whose predecessor never comes', async () => {
    const store = memoryStore();
    caseWithNotes(store, anna, 3);
    const items = store.outbox.nextBatch(2000);
    const before = await counts(backend);
    const orphan = await push(backend, anna.token, { ...batchOf(store, items.slice(2)), afterSeq: 2 });
    expect(orphan.statusCode).toBe(409);
    const error = ApiErrorSchema.parse(orphan.json()).error;
    expect(error.code).toBe('out_of_order');
    expect(error.message).toContain('up to sequence 2');
    expect(await counts(backend)).toMatchObject({ notes: before.notes, cases: before.cases });
  });

  it('refuses a malformed afterSeq with 400', async () => {
    const store = memoryStore();
    caseWithNotes(store, anna, 0);
    for (const afterSeq of [0, -1, 1.5, 'one']) {
      const response = await push(backend, anna.token, { ...batchOf(store), afterSeq });
      expect(response.statusCode, String(afterSeq)).toBe(400);
      expect(ApiErrorSchema.parse(response.json()).error.issues?.[0]?.path).toBe('afterSeq');
    }
  });

  it('keeps the newest version of a case whatever order its versions arrive in, and every version', async () => {
    const store = memoryStore();
    const { case: opened } = caseWithNotes(store, anna, 0);
    store.closeCase(opened.id);
    const [created, closed] = store.outbox.nextBatch(2000) as [OutboxItem, OutboxItem];
    await push(backend, anna.token, batchOf(store, [closed]));
    await push(backend, anna.token, batchOf(store, [created]));
    const row = await backend.db
      .selectFrom('case_record')
      .select(['content_hash', 'document'])
      .where('id', '=', opened.id)
      .executeTakeFirstOrThrow();
    expect(row.content_hash).toBe(closed.contentHash);
    expect(JSON.parse(row.document)).toMatchObject({ status: 'closed' });
    const versions = await backend.db
      .selectFrom('case_version')
      .select('content_hash')
      .where('id', '=', opened.id)
      .execute();
    expect(versions.map((v) => v.content_hash).sort()).toEqual(
      [created.contentHash, closed.contentHash].sort(),
    );
  });

  it('rejects a signed note pushed again with other content, raises an integrity alert, and keeps the original', async () => {
    const store = memoryStore();
    caseWithNotes(store, anna, 1);
    const items = store.outbox.nextBatch(2000);
    await push(backend, anna.token, batchOf(store, items));
    const original = items.find((item) => item.entity === 'note') as Extract<OutboxItem, { entity: 'note' }>;
    // The same note id, re-signed with other text on a (tampered) workstation: a valid item in itself.
    const altered = { ...original.payload, rad: 'Annat råd.' };
    const hash = sha256Hex(canonicalNoteJson(altered));
    const forged: OutboxItem = {
      ...original,
      seq: 1000,
      payload: { ...altered, contentHash: hash },
      contentHash: hash,
      idempotencyKey: `${original.entityId}:${hash}`,
    };
    const alertsBefore = await count(backend, 'integrity_alert');
    const response = PushResponseSchema.parse(
      (await push(backend, anna.token, batchOf(store, [forged]))).json(),
    );
    expect(response.acknowledged).toEqual([]);
    expect(response.rejected).toEqual([
      { seq: 1000, code: 'conflict', message: expect.stringContaining('already stored with other content') },
    ]);
    expect(await count(backend, 'integrity_alert')).toBe(alertsBefore + 1);
    const alert = await backend.db
      .selectFrom('integrity_alert')
      .selectAll()
      .where('entity_id', '=', original.entityId)
      .executeTakeFirstOrThrow();
    expect(alert).toMatchObject({
      code: 'conflict',
      stored_hash: original.contentHash,
      received_hash: hash,
      hsa_id: anna.staff.hsaId,
      entity: 'note',
    });
    const stored = await backend.db
      .selectFrom('signed_note')
      .select('content_hash')
      .where('id', '=', original.entityId)
      .executeTakeFirstOrThrow();
    expect(stored.content_hash).toBe(original.contentHash);
  });

  it('rejects items that do not match their hash, another region or another author, item by item', async () => {
    const store = memoryStore();
    caseWithNotes(store, anna, 1);
    const otherRegion = store.createCase({
      regionId: 'gotland',
      patient: { kind: 'unidentified', unidentifiedDescription: 'Man ca 40 år' },
      caller: 'self',
      createdBy: anna.staff,
    });
    caseWithNotes(store, { ...anna, staff: bo.staff }, 1);
    const items = store.outbox.nextBatch(2000);
    const [firstCase, firstNote] = items as [OutboxItem, Extract<OutboxItem, { entity: 'note' }>];
    const damaged = { ...firstNote, payload: { ...firstNote.payload, bedomning: 'Ändrad i efterhand.' } };
    const response = PushResponseSchema.parse(
      (await push(backend, anna.token, batchOf(store, [firstCase, damaged, ...items.slice(2)]))).json(),
    );
    const bySeq = new Map(response.rejected.map((r) => [r.seq, r.code]));
    expect(bySeq.get(firstNote.seq)).toBe('hash_mismatch');
    expect(bySeq.get(items.find((i) => i.entityId === otherRegion.id)!.seq)).toBe('wrong_region');
    const bosNote = items.find((i) => i.entity === 'note' && i.payload.responsible.hsaId === bo.staff.hsaId)!;
    expect(bySeq.get(bosNote.seq)).toBe('wrong_author');
    expect(response.acknowledged).toContain(firstCase.seq);
    expect(response.acknowledged.length + response.rejected.length).toBe(items.length);
  });

  it('refuses a device that belongs to another nurse with 403 and stores nothing', async () => {
    const annasStore = memoryStore();
    caseWithNotes(annasStore, anna, 1);
    await push(backend, anna.token, batchOf(annasStore));
    // Bo pushes his own notes, but under the device id of Anna's store.
    const bosStore = memoryStore();
    caseWithNotes(bosStore, bo, 2);
    const bosItems = bosStore.outbox
      .nextBatch(2000)
      .map((item) => ({ ...item, deviceId: annasStore.deviceId }));
    const before = await counts(backend);
    const response = await push(backend, bo.token, { deviceId: annasStore.deviceId, items: bosItems });
    expect(response.statusCode).toBe(403);
    expect(ApiErrorSchema.parse(response.json()).error).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('belongs to another user'),
    });
    expect(await counts(backend)).toEqual(before);
  });

  describe('bad input stores nothing', () => {
    let store: WorkstationStore;
    let items: OutboxItem[];
    let before: Awaited<ReturnType<typeof counts>>;

    beforeAll(async () => {
      store = memoryStore();
      caseWithNotes(store, anna, 2);
      items = store.outbox.nextBatch(2000);
      before = await counts(backend);
    });

    async function expectRefused(
      response: Awaited<ReturnType<typeof push>>,
      status: number,
      message: RegExp,
    ) {
      expect(response.statusCode).toBe(status);
      const error = ApiErrorSchema.parse(response.json()).error;
      expect(error.message).toMatch(message);
      expect(await counts(backend)).toEqual(before);
      return error;
    }

    it('answers malformed JSON, a wrong shape and a broken item with 400', async () => {
      await expectRefused(await push(backend, anna.token, '{"deviceId":', true), 400, /not valid JSON/);
      await expectRefused(await push(backend, anna.token, { items: 'none' }), 400, /Invalid request body/);
      await expectRefused(
        await push(backend, anna.token, { deviceId: store.deviceId, items: [] }),
        400,
        /Invalid/,
      );
      const broken = { ...items[1], payload: { ...(items[1] as OutboxItem).payload, caseId: 'x' } };
      const error = await expectRefused(
        await push(backend, anna.token, batchOf(store, [items[0] as OutboxItem, broken as OutboxItem])),
        400,
        /Invalid request body/,
      );
      expect(error.issues?.some((issue) => issue.path.startsWith('items.1.payload'))).toBe(true);
      const foreignItem = { ...items[0], deviceId: '00000000-0000-4000-8000-000000000000' };
      await expectRefused(
        await push(backend, anna.token, batchOf(store, [foreignItem as OutboxItem])),
        400,
        /from the device that pushes it/,
      );
    });

    it('answers an unknown schema version with 400 naming the version', async () => {
      const future = items.map((item) => ({ ...item, schemaVersion: 2 }));
      const error = await expectRefused(
        await push(backend, anna.token, batchOf(store, future as never)),
        400,
        /understands sync schema version 1 only/,
      );
      expect(error.issues?.[0]).toEqual({
        path: 'items.0.schemaVersion',
        message: 'unknown sync schema version 2',
      });
    });

    it('answers an oversized body with 413', async () => {
      const padding = 'x'.repeat(MAX_PUSH_BYTES + 1);
      await expectRefused(
        await push(backend, anna.token, JSON.stringify({ deviceId: store.deviceId, padding }), true),
        413,
        /too large/,
      );
    });

    it('answers a missing token with 401 and a team lead without the nurse role with 403', async () => {
      await expectRefused(await push(backend, 'not-a-token', batchOf(store, items)), 401, /not valid/);
      const lead = await signedInNurse(backend, { roles: ['team_lead'] });
      await expectRefused(await push(backend, lead.token, batchOf(store, items)), 403, /role nurse/);
    });
  });

  it('pokes the region after a commit that others can pull, not after a repeat', async () => {
    const poke = vi.spyOn(backend.context.events, 'pokeSync');
    const store = memoryStore();
    caseWithNotes(store, anna, 1);
    const body = batchOf(store);
    await push(backend, anna.token, body);
    expect(poke).toHaveBeenCalledWith('skane');
    poke.mockClear();
    await push(backend, anna.token, body);
    expect(poke).not.toHaveBeenCalled();
    poke.mockRestore();
  });

  it('forbids changing or deleting a signed note in the database itself', async () => {
    const note = await backend.db.selectFrom('signed_note').select('id').executeTakeFirstOrThrow();
    await expect(
      sql`update signed_note set document = '{}' where id = ${note.id}`.execute(backend.db),
    ).rejects.toThrow(/signed note cannot be changed/);
    await expect(sql`delete from signed_note where id = ${note.id}`.execute(backend.db)).rejects.toThrow(
      /signed note cannot be changed/,
    );
    await expect(sql`update case_version set document = '{}'`.execute(backend.db)).rejects.toThrow(
      /append-only/,
    );
  });
});
