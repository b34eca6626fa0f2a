// Two workstations against one real backend (encrypted stores on temp files, HTTPS transport, live pokes) converge.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, startTestBackend, type TestBackend } from '../../backend/support/testBackend';
import {
  caseWithNotes,
  eventually,
  fileStore,
  signNote,
  signedInNurse,
  startSync,
  type SyncedWorkstation,
  type TestNurse,
} from '../../sync/support/syncFixtures';

async function backendNoteHashes(backend: TestBackend): Promise<Map<string, string>> {
  const rows = await backend.db
    .selectFrom('signed_note')
    .select(['id', 'content_hash'])
    .orderBy('id')
    .execute();
  return new Map(rows.map((row) => [row.id, row.content_hash]));
}

describeEachEngine('two workstations, one backend', (engine) => {
  let backend: TestBackend;
  let url: string;
  let anna: TestNurse;
  let bo: TestNurse;
  const dir = mkdtempSync(join(tmpdir(), 'firstline-sync-'));
  const open: SyncedWorkstation[] = [];

  beforeAll(async () => {
    backend = await startTestBackend(engine, { logLevel: 'silent' });
    url = await backend.app.listen({ host: '127.0.0.1', port: 0 });
    anna = await signedInNurse(backend, { regionId: 'skane' });
    bo = await signedInNurse(backend, { regionId: 'skane' });
  });
  afterAll(async () => {
    await Promise.all(open.splice(0).map((ws) => ws.close()));
    await backend?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function workstation(nurse: TestNurse, name: string, key = randomBytes(32)): SyncedWorkstation {
    // A pull interval of an hour: whatever arrives within the test came through a poke.
    const ws = startSync(url, nurse, fileStore(join(dir, `${name}.db`), key), { pullIntervalMs: 3_600_000 });
    open.push(ws);
    return ws;
  }

  const caught_up = (ws: SyncedWorkstation) => ws.store.outbox.status().waiting === 0;

  it('exchange cases, signed notes, an amendment and a case change, and end up holding the same record', async () => {
    const a = workstation(anna, 'anna');
    const b = workstation(bo, 'bo');
    await eventually(() => a.channel.state === 'open' && b.channel.state === 'open', 'both channels to open');

    // Both nurses document at the same time.
    const annas = [
      caseWithNotes(a.store, anna, 2),
      caseWithNotes(a.store, anna, 2),
      caseWithNotes(a.store, anna, 1),
    ];
    const bos = [caseWithNotes(b.store, bo, 1), caseWithNotes(b.store, bo, 3)];
    const expectedNotes = [...annas, ...bos].flatMap((c) => c.notes.map((n) => n.id)).sort();
    await eventually(
      () =>
        caught_up(a) &&
        caught_up(b) &&
        [...a.store.signedNoteHashes().keys()].sort().join() === expectedNotes.join() &&
        [...b.store.signedNoteHashes().keys()].sort().join() === expectedNotes.join(),
      'both workstations to hold every signed note',
    );
    expect(a.store.signedNoteHashes()).toEqual(b.store.signedNoteHashes());
    expect(await backendNoteHashes(backend)).toEqual(a.store.signedNoteHashes());

    // Bo amends one of Anna's notes and closes her case; Anna sees both, through the poke alone.
    const original = annas[0]!.notes[0]!;
    const draft = b.store.amendNote(original.id, {
      kontaktorsak: original.kontaktorsak,
      bedomning: `${original.bedomning} Kompletterat efter återuppringning.`,
      rad: original.rad,
      hanvisning: original.hanvisning,
      bradskegrad: 3,
      responsible: bo.staff,
    });
    const amendment = b.store.signNote(draft.id);
    b.store.closeCase(annas[0]!.case.id);
    await eventually(
      () => a.store.getNote(amendment.id) !== null && a.store.getCase(annas[0]!.case.id)?.status === 'closed',
      'the amendment and the closed case on Anna’s workstation',
    );
    expect(a.store.amendmentChain(original.id).map((n) => n.id)).toEqual([original.id, amendment.id]);
    expect(a.store.getCase(annas[0]!.case.id)).toEqual(b.store.getCase(annas[0]!.case.id));

    // And one more note from Anna on the case Bo closed: the record stays one on all three.
    signNote(a.store, annas[0]!.case.id, anna.staff, 'Ytterligare samtal');
    await eventually(
      () => caught_up(a) && b.store.signedNoteHashes().size === a.store.signedNoteHashes().size,
      'Bo to receive Anna’s last note',
    );
    expect(b.store.signedNoteHashes()).toEqual(a.store.signedNoteHashes());
    expect(await backendNoteHashes(backend)).toEqual(a.store.signedNoteHashes());
    for (const ws of [a, b]) {
      expect(ws.store.sync.pullConflicts()).toEqual([]);
      expect(ws.engine.status()).toMatchObject({ state: 'synced', waiting: 0, quarantined: 0 });
    }
  });

  it('drains at start-up what was written while sync was not running, after the store is reopened', async () => {
    const key = randomBytes(32);
    const file = join(dir, 'offline.db');
    const offline = fileStore(file, key);
    const written = [caseWithNotes(offline, anna, 3), caseWithNotes(offline, anna, 2)];
    offline.close();

    const reopened = workstation(anna, 'offline', key);
    expect(reopened.store.outbox.status().waiting).toBeGreaterThan(0);
    await eventually(() => caught_up(reopened), 'the outbox to drain at start');
    const stored = await backendNoteHashes(backend);
    for (const note of written.flatMap((c) => c.notes)) expect(stored.get(note.id)).toBe(note.contentHash);
    expect(reopened.statuses.at(-1)).toMatchObject({ state: 'synced', waiting: 0 });
  });
});
