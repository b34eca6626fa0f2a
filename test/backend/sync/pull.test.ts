// Backend pull: what a workstation gets (its region, others' records, newest case versions), paging, and a cursor that never skips.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  PullResponseSchema,
  PushResponseSchema,
  SYNC_ROUTES,
  type PullResponse,
} from '../../../core/backend-api/sync';
import { ApiErrorSchema } from '../../../core/backend-api/auth';
import type { AuthenticatedStaff } from '../../../backend/src/auth/tokens';
import { commitPush } from '../../../backend/src/sync/push';
import type { WorkstationStore } from '../../../main/services/store';
import { describeEachEngine, getWithToken, startTestBackend, type TestBackend } from '../support/testBackend';
import {
  caseWithNotes,
  memoryStore,
  newCase,
  signedInNurse,
  type TestNurse,
} from '../../sync/support/syncFixtures';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The nurse as the push route sees her after sign-in, for calling commitPush directly. */
const auth = (nurse: TestNurse): AuthenticatedStaff => ({
  hsaId: nurse.staff.hsaId,
  roles: ['nurse'],
  regionId: nurse.regionId,
  sessionId: '00000000-0000-4000-8000-000000000001',
});

describeEachEngine('sync pull', (engine) => {
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

  async function pushAll(nurse: TestNurse, store: WorkstationStore) {
    const items = store.outbox.nextBatch(2000);
    const response = await backend.app.inject({
      method: 'POST',
      url: SYNC_ROUTES.push,
      headers: { authorization: `Bearer ${nurse.token}` },
      payload: { deviceId: store.deviceId, items },
    });
    const parsed = PushResponseSchema.parse(response.json());
    expect(parsed.rejected).toEqual([]);
    store.outbox.acknowledge(parsed.acknowledged);
  }

  async function pull(nurse: TestNurse, query: Record<string, string | number> = {}): Promise<PullResponse> {
    const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const response = await getWithToken(backend, `${SYNC_ROUTES.pull}?${search}`, nurse.token);
    expect(response.statusCode, response.body).toBe(200);
    return PullResponseSchema.parse(response.json());
  }

  async function pullEverything(nurse: TestNurse, query: Record<string, string | number>, cursor?: string) {
    const records: PullResponse['records'] = [];
    let next = cursor;
    for (let page = 0; page < 100; page += 1) {
      const result = await pull(nurse, { ...query, ...(next === undefined ? {} : { cursor: next }) });
      records.push(...result.records);
      next = result.cursor;
      if (!result.more) break;
    }
    return { records, cursor: next as string };
  }

  it('serves others’ cases and signed notes of the region, newest case version only, never one’s own', async () => {
    const annasStore = memoryStore();
    const first = caseWithNotes(annasStore, anna, 2);
    const second = caseWithNotes(annasStore, anna, 1);
    annasStore.closeCase(first.case.id);
    await pushAll(anna, annasStore);
    const bosStore = memoryStore();

    const { records } = await pullEverything(bo, { deviceId: bosStore.deviceId, limit: 2 });
    const cases = records.filter((r) => r.entity === 'case');
    const notes = records.filter((r) => r.entity === 'note');
    expect(cases.map((r) => r.payload.id).sort()).toEqual([first.case.id, second.case.id].sort());
    expect(cases.find((r) => r.payload.id === first.case.id)?.payload).toEqual(
      annasStore.getCase(first.case.id),
    );
    expect(new Map(notes.map((r) => [r.payload.id, r.contentHash]))).toEqual(annasStore.signedNoteHashes());
    expect(records.every((r) => r.originDeviceId === annasStore.deviceId)).toBe(true);

    // Applied on Bo's store, the records are exactly what Anna wrote.
    const page = await pull(bo, { deviceId: bosStore.deviceId, limit: 2000 });
    bosStore.sync.applyPulled(page.records, page.cursor);
    expect(bosStore.signedNoteHashes()).toEqual(annasStore.signedNoteHashes());

    const own = await pullEverything(anna, { deviceId: annasStore.deviceId });
    expect(own.records).toEqual([]);
    const gotland = await signedInNurse(backend, { regionId: 'gotland' });
    expect((await pullEverything(gotland, {})).records).toEqual([]);
  });

  it('continues from the cursor: nothing twice, nothing missed, and an empty page keeps the cursor', async () => {
    const start = await pullEverything(bo, {});
    const store = memoryStore();
    const written = caseWithNotes(store, anna, 3);
    await pushAll(anna, store);
    const next = await pullEverything(bo, {}, start.cursor);
    expect(next.records.map((r) => r.payload.id).sort()).toEqual(
      [written.case.id, ...written.notes.map((n) => n.id)].sort(),
    );
    const idle = await pull(bo, { cursor: next.cursor });
    expect(idle).toEqual({ records: [], cursor: next.cursor, more: false });
  });

  it('refuses a cursor it did not hand out and a bad limit with 400', async () => {
    for (const query of ['cursor=12', 'cursor=v1.x', 'limit=0', 'limit=5000', 'deviceId=abc']) {
      const response = await getWithToken(backend, `${SYNC_ROUTES.pull}?${query}`, bo.token);
      expect(response.statusCode, query).toBe(400);
      expect(ApiErrorSchema.parse(response.json()).error.code).toBe('bad_request');
    }
  });

  it('never lets a cursor pass a row that a concurrent transaction is still committing', async () => {
    const { cursor: before } = await pullEverything(bo, {});
    const storeA = memoryStore();
    const storeB = memoryStore();
    const writtenA = caseWithNotes(storeA, anna, 2);
    const writtenB = caseWithNotes(storeB, bo, 2);
    const reached = [deferred(), deferred()];
    const gates = [deferred(), deferred()];
    const hooks = (i: 0 | 1) => ({
      beforeCommit: async () => {
        reached[i]!.resolve();
        await gates[i]!.promise;
      },
    });

    // T1 numbers its rows and holds them uncommitted.
    const t1 = commitPush(
      backend.context,
      auth(anna),
      { deviceId: storeA.deviceId, items: storeA.outbox.nextBatch(2000) },
      hooks(0),
    );
    await reached[0]!.promise;
    // T2 starts later but must not number anything before T1 has committed: otherwise it could commit a
    // higher number first, a reader would move its cursor past T1's lower numbers, and miss them.
    const t2 = commitPush(
      backend.context,
      auth(bo),
      { deviceId: storeB.deviceId, items: storeB.outbox.nextBatch(2000) },
      hooks(1),
    );
    const t2State = await Promise.race([
      reached[1]!.promise.then(() => 'numbered'),
      sleep(300).then(() => 'waiting'),
    ]);
    expect(t2State).toBe('waiting');
    let cursorDuring = before;
    if (engine === 'postgres') {
      // A reader during T1 sees nothing new, and its cursor does not move past T1's numbers.
      const during = await pull(bo, { cursor: before });
      expect(during.records).toEqual([]);
      expect(during.cursor).toBe(before);
      cursorDuring = during.cursor;
    }

    gates[0]!.resolve();
    await t1;
    await reached[1]!.promise;
    let afterT1 = { records: [] as PullResponse['records'], cursor: cursorDuring };
    if (engine === 'postgres') {
      afterT1 = await pullEverything(bo, {}, cursorDuring);
      expect(afterT1.records.map((r) => r.payload.id).sort()).toEqual(
        [writtenA.case.id, ...writtenA.notes.map((n) => n.id)].sort(),
      );
    }
    gates[1]!.resolve();
    await t2;
    const rest = await pullEverything(bo, {}, afterT1.cursor);
    const seen = [...afterT1.records, ...rest.records].map((r) => r.payload.id);
    const expected = [
      writtenA.case.id,
      ...writtenA.notes.map((n) => n.id),
      writtenB.case.id,
      ...writtenB.notes.map((n) => n.id),
    ];
    expect(seen.sort()).toEqual(expected.sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('a push of an older version of a case, racing a newer one, never replaces it', async () => {
    // The region has pushed before (its pull counter exists), as any region in service has.
    const earlier = memoryStore();
    caseWithNotes(earlier, anna, 1);
    await pushAll(anna, earlier);
    let clock = Date.parse('2026-11-26T02:00:00.000Z');
    const storeA = memoryStore(() => new Date(clock));
    const opened = storeA.createCase(newCase(anna));
    clock += 60_000;
    storeA.closeCase(opened.id);
    const [older, newer] = storeA.outbox.nextBatch(2000).filter((item) => item.entity === 'case');
    expect(newer!.payload).toMatchObject({ status: 'closed' });
    // Anna's second workstation had the first version and pushes it again, as its own item (a new case
    // may only be pushed by its author, so the racing push is hers).
    const storeB = memoryStore();
    const resent = { ...older!, deviceId: storeB.deviceId, seq: 1 };

    const reached = deferred();
    const gate = deferred();
    const t1 = commitPush(
      backend.context,
      auth(anna),
      { deviceId: storeA.deviceId, items: [newer!] },
      { beforeCommit: async () => (reached.resolve(), await gate.promise) },
    );
    await reached.promise;
    // On PostgreSQL T2 reads no current version yet (T1 has not committed), so it takes its own as newer.
    const t2 = commitPush(backend.context, auth(anna), { deviceId: storeB.deviceId, items: [resent] });
    await sleep(300);
    gate.resolve();
    expect((await t1).response.acknowledged).toEqual([newer!.seq]);
    expect((await t2).response.acknowledged).toEqual([1]);

    const current = await backend.context.db
      .selectFrom('case_record')
      .select(['content_hash', 'document'])
      .where('id', '=', opened.id)
      .executeTakeFirstOrThrow();
    expect(current.content_hash).toBe(newer!.contentHash);
    expect(JSON.parse(current.document)).toEqual(newer!.payload);
    const versions = await backend.context.db
      .selectFrom('case_version')
      .select('content_hash')
      .where('id', '=', opened.id)
      .execute();
    expect(versions.map((v) => v.content_hash).sort()).toEqual(
      [older!.contentHash, newer!.contentHash].sort(),
    );
  });
});
