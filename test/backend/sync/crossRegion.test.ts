// Sync push across regions and authors: a nurse can never overwrite, point into or stall another region's records.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  PullResponseSchema,
  PushResponseSchema,
  SYNC_ROUTES,
  type PushResponse,
} from '../../../core/backend-api/sync';
import {
  canonicalPayloadJson,
  outboxIdempotencyKey,
  type Case,
  type EntityPayload,
  type OutboxItem,
} from '../../../core/case';
import { noteContentHash, sha256Hex, type WorkstationStore } from '../../../main/services/store';
import { describeEachEngine, getWithToken, startTestBackend, type TestBackend } from '../support/testBackend';
import {
  caseWithNotes,
  generatedPatient,
  memoryStore,
  newCase,
  signNote,
  signedInNurse,
  type TestNurse,
} from '../../sync/support/syncFixtures';

/** An item as a hostile workstation would send it: any payload, with a correct hash for it. */
function forged(store: WorkstationStore, seq: number, given: EntityPayload): OutboxItem {
  // A note carries its own hash (it was signed with it): a forger computes that too.
  const entity: EntityPayload =
    given.entity === 'note'
      ? { entity: 'note', payload: { ...given.payload, contentHash: noteContentHash(given.payload) } }
      : given;
  const contentHash = sha256Hex(canonicalPayloadJson(entity));
  const op = { case: 'upsert', note: 'sign', attachment: 'add', 'access-log': 'append' }[entity.entity];
  return {
    deviceId: store.deviceId,
    seq,
    idempotencyKey: outboxIdempotencyKey(entity.payload.id, contentHash),
    entityId: entity.payload.id,
    contentHash,
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    op,
    ...entity,
  } as OutboxItem;
}

describeEachEngine('sync push across regions and authors', (engine) => {
  let backend: TestBackend;
  let skane: TestNurse;
  let skaneColleague: TestNurse;
  let dalarna: TestNurse;

  beforeAll(async () => {
    backend = await startTestBackend(engine, { logLevel: 'silent' });
    skane = await signedInNurse(backend, { regionId: 'skane' });
    skaneColleague = await signedInNurse(backend, { regionId: 'skane' });
    dalarna = await signedInNurse(backend, { regionId: 'dalarna' });
  });
  afterAll(async () => {
    await backend?.close();
  });

  async function push(nurse: TestNurse, store: WorkstationStore, items: OutboxItem[]) {
    const response = await backend.app.inject({
      method: 'POST',
      url: SYNC_ROUTES.push,
      headers: { authorization: `Bearer ${nurse.token}` },
      payload: { deviceId: store.deviceId, items },
    });
    expect(response.statusCode, response.body).toBe(200);
    return PushResponseSchema.parse(response.json());
  }

  async function pushOutbox(nurse: TestNurse, store: WorkstationStore): Promise<PushResponse> {
    const result = await push(nurse, store, store.outbox.nextBatch(2000));
    store.outbox.acknowledge(result.acknowledged);
    return result;
  }

  const codes = (response: PushResponse) => new Map(response.rejected.map((r) => [r.seq, r.code]));

  async function alertsFor(entityId: string) {
    const result = await sql<{ code: string; hsa_id: string }>`
      select code, hsa_id from integrity_alert where entity_id = ${entityId}`.execute(backend.db);
    return result.rows;
  }

  async function storedCase(id: string) {
    return backend.db
      .selectFrom('case_record')
      .select(['region_id', 'created_by_hsa_id', 'content_hash', 'pull_seq'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  it("refuses a case that reuses another region's case id, and the victim region's next push still succeeds", async () => {
    const victim = memoryStore();
    const { case: skaneCase } = caseWithNotes(victim, skane, 1);
    expect((await pushOutbox(skane, victim)).rejected).toEqual([]);
    const before = await storedCase(skaneCase.id);

    const hostile = memoryStore();
    const takeover: Case = {
      ...skaneCase,
      regionId: 'dalarna',
      patient: generatedPatient(),
      createdBy: dalarna.staff,
      updatedAt: new Date(Date.parse(skaneCase.updatedAt) + 3_600_000).toISOString(),
    };
    const hostileNoteStore = memoryStore();
    const ownCase = hostileNoteStore.createCase(newCase(dalarna));
    const ownNote = signNote(hostileNoteStore, ownCase.id, dalarna.staff);
    const pointing = { ...ownNote, caseId: skaneCase.id };
    const result = await push(dalarna, hostile, [
      forged(hostile, 1, { entity: 'case', payload: takeover }),
      forged(hostile, 2, { entity: 'note', payload: pointing }),
    ]);
    expect(result.acknowledged).toEqual([]);
    expect(codes(result)).toEqual(
      new Map([
        [1, 'wrong_region'],
        [2, 'wrong_region'],
      ]),
    );
    expect(result.rejected[0]?.message).toContain('another region');

    // Nothing of the hostile push is stored: Skåne's case is as it was, with its own pull number.
    expect(await storedCase(skaneCase.id)).toEqual(before);
    const notes = await backend.db
      .selectFrom('signed_note')
      .select('id')
      .where('id', '=', pointing.id)
      .execute();
    expect(notes).toEqual([]);
    expect((await alertsFor(skaneCase.id)).map((a) => a.hsa_id)).toEqual([dalarna.staff.hsaId]);

    // The victim region goes on: a newer version of the case and a new note are stored and pullable.
    victim.closeCase(skaneCase.id);
    signNote(victim, skaneCase.id, skane.staff, 'Uppföljning');
    const next = await pushOutbox(skane, victim);
    expect(next.rejected).toEqual([]);
    expect(next.acknowledged).toHaveLength(2);
    const pulled = await getWithToken(backend, `${SYNC_ROUTES.pull}?limit=100`, skaneColleague.token);
    const cases = PullResponseSchema.parse(pulled.json()).records.filter((r) => r.entity === 'case');
    const served = cases.find((r) => r.payload.id === skaneCase.id);
    expect(served?.payload).toMatchObject({ regionId: 'skane', createdBy: skane.staff, status: 'closed' });
  });

  it('refuses a note, an attachment and a log entry whose id another region already uses', async () => {
    const skaneStore = memoryStore();
    const { notes } = caseWithNotes(skaneStore, skane, 1);
    expect((await pushOutbox(skane, skaneStore)).rejected).toEqual([]);
    const hostile = memoryStore();
    const { case: ownCase } = caseWithNotes(hostile, dalarna, 0);
    const ownCaseItem = hostile.outbox.nextBatch(10)[0]!;
    const ownNote = signNote(hostile, ownCase.id, dalarna.staff);
    const reused = { ...ownNote, id: notes[0]!.id };
    const result = await push(dalarna, hostile, [
      ownCaseItem,
      forged(hostile, 2, { entity: 'note', payload: reused }),
    ]);
    expect(result.acknowledged).toEqual([ownCaseItem.seq]);
    expect(codes(result).get(2)).toBe('wrong_region');
  });

  it('refuses a new case written in a colleague’s name, and its notes and log entries with it', async () => {
    const store = memoryStore();
    const created = store.createCase(newCase(skane, { createdBy: skaneColleague.staff }));
    signNote(store, created.id, skane.staff);
    store.logAccess({
      actor: skane.staff,
      careUnitHsaId: 'SE2321000016-SKAE',
      caseId: created.id,
      action: 'open-case',
    });
    const items = store.outbox.nextBatch(100);
    const result = await push(skane, store, items);
    expect(result.acknowledged).toEqual([]);
    expect(result.rejected.map((r) => r.code)).toEqual(['wrong_author', 'wrong_author', 'wrong_author']);
    expect(result.rejected[1]?.message).toContain('was refused');
    const logged = await backend.db
      .selectFrom('access_log')
      .select('id')
      .where('case_id', '=', created.id)
      .execute();
    expect(logged).toEqual([]);
    expect(
      await backend.db.selectFrom('case_record').select('id').where('id', '=', created.id).execute(),
    ).toEqual([]);
  });

  it('lets a colleague of the region push a newer version of a case, never with another author', async () => {
    const annas = memoryStore();
    const { case: original } = caseWithNotes(annas, skane, 0);
    expect((await pushOutbox(skane, annas)).rejected).toEqual([]);

    const colleagues = memoryStore();
    const newer: Case = {
      ...original,
      status: 'closed',
      updatedAt: new Date(Date.now() + 1000).toISOString(),
    };
    const renamed: Case = {
      ...newer,
      createdBy: skaneColleague.staff,
      updatedAt: new Date(Date.now() + 2000).toISOString(),
    };
    const result = await push(skaneColleague, colleagues, [
      forged(colleagues, 1, { entity: 'case', payload: newer }),
      forged(colleagues, 2, { entity: 'case', payload: renamed }),
    ]);
    expect(result.acknowledged).toEqual([1]);
    expect(codes(result).get(2)).toBe('wrong_author');
    expect(await storedCase(original.id)).toMatchObject({ created_by_hsa_id: skane.staff.hsaId });
    const stored = await backend.db
      .selectFrom('case_record')
      .select('document')
      .where('id', '=', original.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.document)).toMatchObject({ status: 'closed', createdBy: skane.staff });
  });

  it('refuses a note that points at a case the region does not have', async () => {
    const store = memoryStore();
    const { case: localOnly } = caseWithNotes(store, skane, 0);
    const note = signNote(store, localOnly.id, skane.staff);
    const noteItem = store.outbox.nextBatch(10).find((item) => item.entityId === note.id)!;
    const result = await push(skane, store, [noteItem]);
    expect(codes(result).get(noteItem.seq)).toBe('unknown_case');
    expect(
      await backend.db.selectFrom('signed_note').select('id').where('id', '=', note.id).execute(),
    ).toEqual([]);
  });
});
