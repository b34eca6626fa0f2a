// Notes: drafts are editable, signing fixes the content and its hash, signed notes are immutable, amendments chain.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalNoteJson } from '../../../core/case';
import { StoreError, type WorkstationStore } from '../../../main/services/store';
import { amendmentContent, completeDraft, memoryStore, newCaseInput, nurse, otherNurse } from './fixtures';

let store: WorkstationStore;
let caseId: string;
beforeEach(() => {
  store = memoryStore();
  caseId = store.createCase(newCaseInput()).id;
});
afterEach(() => store.close());

function errorOf(action: () => unknown): StoreError {
  try {
    action();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

describe('drafts', () => {
  it('are saved with empty fields and edited in place', () => {
    const draft = store.saveDraftNote({ caseId, responsible: nurse });
    expect(draft).toMatchObject({ status: 'draft', kontaktorsak: '', bradskegrad: null });
    const edited = store.saveDraftNote({ id: draft.id, caseId, responsible: nurse, kontaktorsak: 'Hosta' });
    expect(edited.id).toBe(draft.id);
    expect(edited.contactAt).toBe(draft.contactAt);
    expect(store.getNote(draft.id)?.kontaktorsak).toBe('Hosta');
    expect(store.listNotes(caseId)).toHaveLength(1);
  });

  it('stay on this workstation: saving drafts queues nothing for the backend', () => {
    const before = store.outbox.status().waiting;
    store.saveDraftNote(completeDraft(caseId));
    expect(store.outbox.status().waiting).toBe(before);
  });

  it('can be discarded', () => {
    const draft = store.saveDraftNote(completeDraft(caseId));
    store.discardDraftNote(draft.id);
    expect(store.getNote(draft.id)).toBeNull();
  });

  it('need an existing case', () => {
    const error = errorOf(() => store.saveDraftNote(completeDraft('6f1c1a57-2b9e-4c51-9a53-0d7a4b7e2f10')));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('No case with id 6f1c1a57');
  });
});

describe('signing', () => {
  it('sets status, signing time and the SHA-256 of the canonical note together', () => {
    const draft = store.saveDraftNote(completeDraft(caseId));
    const signed = store.signNote(draft.id, { signedAt: '2025-03-03T08:10:00.000Z' });
    expect(signed).toMatchObject({ status: 'signed', signedAt: '2025-03-03T08:10:00.000Z' });
    const expected = createHash('sha256').update(canonicalNoteJson(signed), 'utf8').digest('hex');
    expect(signed.contentHash).toBe(expected);
    expect(store.getNote(draft.id)).toEqual(signed);
  });

  it('refuses an incomplete note and says what is missing', () => {
    const draft = store.saveDraftNote({ caseId, responsible: nurse, kontaktorsak: 'Yrsel' });
    const error = errorOf(() => store.signNote(draft.id));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('Bedömning saknas');
    expect(error.message).toContain('Råd saknas');
    expect(error.message).toContain('Brådskegrad saknas');
    expect(store.getNote(draft.id)?.status).toBe('draft');
  });

  it('allows an empty hänvisning only for egenvård', () => {
    const selfCare = store.saveDraftNote({ ...completeDraft(caseId), hanvisning: '', bradskegrad: 6 });
    expect(store.signNote(selfCare.id).status).toBe('signed');
    const urgent = store.saveDraftNote({ ...completeDraft(caseId), hanvisning: '  ', bradskegrad: 3 });
    expect(errorOf(() => store.signNote(urgent.id)).message).toContain('Hänvisning saknas');
  });

  it('happens once', () => {
    const draft = store.saveDraftNote(completeDraft(caseId));
    store.signNote(draft.id);
    expect(errorOf(() => store.signNote(draft.id)).code).toBe('note-signed');
  });
});

describe('a signed note', () => {
  let signedId: string;
  beforeEach(() => {
    signedId = store.signNote(store.saveDraftNote(completeDraft(caseId)).id).id;
  });

  it('cannot be edited or discarded through the store', () => {
    const edit = errorOf(() =>
      store.saveDraftNote({ ...completeDraft(caseId), id: signedId, rad: 'Annat råd' }),
    );
    expect(edit.code).toBe('note-signed');
    expect(edit.message).toContain('write an amendment instead');
    expect(errorOf(() => store.discardDraftNote(signedId)).code).toBe('note-signed');
  });

  it('cannot be changed, deleted or replaced even with raw SQL', () => {
    const before = store.getNote(signedId);
    expect(() =>
      store.db.prepare('UPDATE notes SET rad = ? WHERE id = ?').run('Ändrat i efterhand', signedId),
    ).toThrow('A signed note cannot be changed; write an amendment instead.');
    expect(() => store.db.prepare(`UPDATE notes SET status = 'draft' WHERE id = ?`).run(signedId)).toThrow(
      'A signed note cannot be changed',
    );
    expect(() => store.db.prepare('DELETE FROM notes WHERE id = ?').run(signedId)).toThrow(
      'A signed note cannot be deleted.',
    );
    expect(() => store.db.prepare('DELETE FROM notes').run()).toThrow('A signed note cannot be deleted.');
    expect(() =>
      store.db
        .prepare(
          `INSERT OR REPLACE INTO notes (id, case_id, kontaktorsak, bedomning, rad, hanvisning, bradskegrad, contact_at,
             responsible_hsa_id, responsible_name, responsible_title, status, origin, saved_at_utc)
           VALUES (?, ?, 'x', 'x', 'x', 'x', 4, '2025-01-01T00:00:00Z', 'SE2321000016-N001', 'x', 'x', 'draft', 'local', 'x')`,
        )
        .run(signedId, caseId),
    ).toThrow('A signed note cannot be replaced');
    expect(store.getNote(signedId)).toEqual(before);
  });

  it('is still protected with recursive triggers switched off (another connection)', () => {
    store.db.pragma('recursive_triggers = OFF');
    expect(() =>
      store.db.prepare(`INSERT OR REPLACE INTO notes SELECT * FROM notes WHERE id = ?`).run(signedId),
    ).toThrow('A signed note cannot be replaced');
    expect(store.getNote(signedId)?.status).toBe('signed');
  });
});

describe('amendments', () => {
  it('are new notes pointing at the note they amend, forming a chain', () => {
    const original = store.signNote(store.saveDraftNote(completeDraft(caseId)).id);
    const firstDraft = store.amendNote(original.id, { ...amendmentContent(caseId), rad: 'Kompletterat råd' });
    expect(firstDraft).toMatchObject({
      status: 'draft',
      amendsNoteId: original.id,
      caseId,
      contactAt: original.contactAt,
    });
    const first = store.signNote(firstDraft.id);
    const second = store.signNote(
      store.amendNote(first.id, {
        responsible: otherNurse,
        kontaktorsak: 'x',
        bedomning: 'y',
        rad: 'z',
        bradskegrad: 6,
      }).id,
    );
    expect(store.amendmentChain(original.id).map((n) => n.id)).toEqual([original.id, first.id, second.id]);
    expect(store.amendmentChain(second.id).map((n) => n.id)).toEqual([original.id, first.id, second.id]);
    // The original is unchanged by being amended.
    expect(store.getNote(original.id)).toEqual(original);
    expect(second.responsible).toEqual(otherNurse);
  });

  it('are made only of signed notes, and only of the newest version', () => {
    const draft = store.saveDraftNote(completeDraft(caseId));
    expect(errorOf(() => store.amendNote(draft.id, { responsible: nurse })).message).toContain(
      'edit it directly',
    );
    const original = store.signNote(draft.id);
    const pending = store.amendNote(original.id, { responsible: nurse });
    expect(errorOf(() => store.amendNote(original.id, { responsible: nurse })).message).toContain(
      `already has a draft amendment (${pending.id})`,
    );
    store.saveDraftNote({ ...completeDraft(caseId), id: pending.id });
    const amendment = store.signNote(pending.id);
    const error = errorOf(() => store.amendNote(original.id, { responsible: nurse }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(`already been amended by note ${amendment.id}; amend the newest version`);
  });

  it('keep pointing at their original when the draft is saved again', () => {
    const original = store.signNote(store.saveDraftNote(completeDraft(caseId)).id);
    const amendment = store.amendNote(original.id, { responsible: nurse });
    const saved = store.saveDraftNote({ ...completeDraft(caseId), id: amendment.id });
    expect(saved.amendsNoteId).toBe(original.id);
  });
});
