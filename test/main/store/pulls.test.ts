// Pulled records: cases and signed notes from other workstations are applied idempotently, in any order, never altered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxItem, PulledRecord } from '../../../core/case';
import type { WorkstationStore } from '../../../main/services/store';
import { amendmentContent, completeDraft, memoryStore, newCaseInput, otherNurse } from './fixtures';

let a: WorkstationStore;
let b: WorkstationStore;
beforeEach(() => {
  a = memoryStore();
  b = memoryStore();
});
afterEach(() => {
  a.close();
  b.close();
});

/** What a backend would serve to other workstations: the cases and signed notes a workstation pushed. */
function pushed(store: WorkstationStore): PulledRecord[] {
  return store.outbox
    .nextBatch(2000)
    .filter(
      (item): item is Extract<OutboxItem, { entity: 'case' | 'note' }> =>
        item.entity === 'case' || item.entity === 'note',
    )
    .map(
      (item) =>
        ({
          entity: item.entity,
          contentHash: item.contentHash,
          originDeviceId: item.deviceId,
          payload: item.payload,
        }) as PulledRecord,
    );
}

function writeCaseWithSignedNote(store: WorkstationStore) {
  const created = store.createCase(newCaseInput());
  const note = store.signNote(store.saveDraftNote(completeDraft(created.id)).id);
  return { created, note };
}

describe('applying pulled records', () => {
  it('makes another workstation’s case and signed note readable here, without queuing them again', () => {
    const { created, note } = writeCaseWithSignedNote(a);
    const result = b.sync.applyPulled(pushed(a), 'c1');
    expect(result).toEqual({ applied: 2, unchanged: 0, superseded: 0, pending: 0, conflicts: [] });
    expect(b.getCase(created.id)).toEqual(created);
    expect(b.listNotes(created.id)).toEqual([note]);
    expect(b.signedNoteHashes()).toEqual(a.signedNoteHashes());
    expect(b.outbox.status().waiting).toBe(0);
    expect(b.sync.pullCursor()).toBe('c1');
  });

  it('changes nothing when the same page arrives twice, or a workstation’s own records come back', () => {
    writeCaseWithSignedNote(a);
    const page = pushed(a);
    b.sync.applyPulled(page, 'c1');
    const again = b.sync.applyPulled(page, 'c1');
    expect(again).toMatchObject({ applied: 0, unchanged: 2 });
    const own = a.sync.applyPulled(page, 'c1');
    expect(own.conflicts).toEqual([]);
    expect(a.signedNoteHashes().size).toBe(1);
  });

  it('holds a note whose case has not arrived yet, and applies it when the case comes', () => {
    const { created, note } = writeCaseWithSignedNote(a);
    const [caseRecord, noteRecord] = pushed(a);
    expect(b.sync.applyPulled([noteRecord], 'c1')).toMatchObject({ applied: 0, pending: 1 });
    expect(b.getNote(note.id)).toBeNull();
    expect(b.sync.applyPulled([caseRecord], 'c2')).toMatchObject({ applied: 2, pending: 0 });
    expect(b.listNotes(created.id)).toEqual([note]);
  });

  it('applies an amendment chain that arrives out of order', () => {
    const { created, note } = writeCaseWithSignedNote(a);
    const amendment = a.signNote(a.amendNote(note.id, amendmentContent(created.id)).id);
    const records = pushed(a);
    const byId = (id: string) => records.find((r) => r.payload.id === id)!;
    b.sync.applyPulled([byId(amendment.id), byId(created.id)], 'c1');
    expect(b.getNote(amendment.id)).toBeNull();
    b.sync.applyPulled([byId(note.id)], 'c2');
    expect(b.amendmentChain(note.id).map((n) => n.id)).toEqual([note.id, amendment.id]);
    // And B can amend the newest version further: the chain continues across workstations.
    const next = b.amendNote(amendment.id, { responsible: otherNurse });
    expect(next.amendsNoteId).toBe(amendment.id);
  });

  it('never applies a note whose content does not match its hash, and reports it', () => {
    const { note } = writeCaseWithSignedNote(a);
    const [caseRecord, noteRecord] = pushed(a);
    const tampered = {
      ...noteRecord!,
      payload: { ...noteRecord!.payload, rad: 'Ändrat på vägen' },
    } as PulledRecord;
    const result = b.sync.applyPulled([caseRecord, tampered], 'c1');
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        entity: 'note',
        entityId: note.id,
        detail: expect.stringContaining('does not match its content hash'),
      }),
    ]);
    expect(b.getNote(note.id)).toBeNull();
    expect(b.sync.pullConflicts()).toHaveLength(1);
  });

  it('keeps its own signed note when a different version with the same id arrives, and reports it', () => {
    const { note } = writeCaseWithSignedNote(a);
    const [caseRecord] = pushed(a);
    b.sync.applyPulled([caseRecord], 'c1');
    // A second workstation holding the same case writes a note with the same id but other content.
    const imposter = memoryStore();
    imposter.sync.applyPulled([caseRecord], 'c1');
    imposter.saveDraftNote({ ...completeDraft(note.caseId), id: note.id, rad: 'Annat innehåll' });
    imposter.signNote(note.id);
    const otherVersion = pushed(imposter).find((r) => r.entity === 'note')!;
    a.sync.applyPulled([otherVersion], 'c1');
    expect(a.getNote(note.id)).toEqual(note);
    expect(a.sync.pullConflicts()[0]?.detail).toContain(`A different version of note ${note.id}`);
    imposter.close();
  });

  it('keeps the newest version of a case, whichever order versions arrive in', () => {
    const created = a.createCase(newCaseInput());
    a.closeCase(created.id);
    const [openVersion, closedVersion] = pushed(a);
    b.sync.applyPulled([closedVersion], 'c1');
    expect(b.sync.applyPulled([openVersion], 'c2')).toMatchObject({ superseded: 1 });
    expect(b.getCase(created.id)?.status).toBe('closed');
  });

  it('refuses a malformed page whole: nothing applied, cursor unchanged', () => {
    writeCaseWithSignedNote(a);
    const [caseRecord, noteRecord] = pushed(a);
    b.sync.applyPulled([], 'c1');
    const broken = { ...noteRecord, payload: { ...noteRecord!.payload, bradskegrad: 9 } };
    expect(() => b.sync.applyPulled([caseRecord, broken], 'c2')).toThrow(
      'Pulled records is not valid: records.1.payload.bradskegrad',
    );
    expect(b.listCases()).toEqual([]);
    expect(b.sync.pullCursor()).toBe('c1');
    expect(() => b.sync.applyPulled([], '')).toThrow('cursor');
  });
});
