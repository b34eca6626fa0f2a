// Case-model schemas: what a signed note must contain, and what a backend accepts in a sync envelope.
import { describe, expect, it } from 'vitest';
import {
  missingForSigning,
  NoteSchema,
  OutboxItemSchema,
  outboxIdempotencyKey,
  PushRequestSchema,
  type Note,
} from '../../../core/case';

const draft: Note = {
  id: '1b4e28ba-2fa1-4d3b-8e7c-5a6f7b8c9d0e',
  caseId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  kontaktorsak: 'Ont i halsen',
  bedomning: 'Opåverkad',
  rad: 'Egenvård',
  hanvisning: '',
  bradskegrad: 6,
  contactAt: '2025-03-03T08:00:00.000Z',
  responsible: { hsaId: 'SE2321000016-N001', name: 'Anna Sjöberg', title: 'Sjuksköterska' },
  status: 'draft',
};
const hash = 'c'.repeat(64);
const signed: Note = { ...draft, status: 'signed', signedAt: '2025-03-03T08:05:00.000Z', contentHash: hash };

function messages(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('NoteSchema', () => {
  it('accepts a draft with empty fields and a complete signed note', () => {
    expect(NoteSchema.safeParse({ ...draft, kontaktorsak: '', bradskegrad: null }).success).toBe(true);
    expect(NoteSchema.safeParse(signed).success).toBe(true);
  });

  it('refuses a signed note without its signing time, hash or required content', () => {
    const { signedAt: _at, contentHash: _hash, ...bare } = signed;
    expect(messages(NoteSchema.safeParse({ ...bare, bedomning: ' ' }))).toEqual([
      'bedomning: Bedömning saknas (assessment is missing).',
      'signedAt: En signerad anteckning har en signeringstid (signedAt missing).',
      'contentHash: En signerad anteckning har en kontrollsumma (contentHash missing).',
    ]);
  });

  it('refuses a draft that claims a hash, a note amending itself and an unknown brådskegrad', () => {
    expect(NoteSchema.safeParse({ ...draft, contentHash: hash }).success).toBe(false);
    expect(messages(NoteSchema.safeParse({ ...draft, amendsNoteId: draft.id }))).toEqual([
      'amendsNoteId: En anteckning kan inte ändra sig själv (a note cannot amend itself).',
    ]);
    expect(NoteSchema.safeParse({ ...draft, bradskegrad: 7 }).success).toBe(false);
  });
});

describe('missingForSigning', () => {
  it('lists what a nurse still has to fill in', () => {
    expect(missingForSigning({ ...draft, rad: '', bradskegrad: null }).map((p) => p.field)).toEqual([
      'rad',
      'bradskegrad',
    ]);
    expect(missingForSigning({ ...draft, bradskegrad: 3 }).map((p) => p.field)).toEqual(['hanvisning']);
    expect(missingForSigning(draft)).toEqual([]);
  });
});

describe('OutboxItemSchema', () => {
  const item = {
    deviceId: '9b2d6a4e-1c3f-4e5a-8b7c-6d5e4f3a2b1c',
    seq: 1,
    idempotencyKey: outboxIdempotencyKey(signed.id, hash),
    entity: 'note',
    entityId: signed.id,
    op: 'sign',
    payload: signed,
    contentHash: hash,
    schemaVersion: 1,
    createdAt: '2025-03-03T08:05:00.000Z',
  };

  it('accepts a signed note envelope', () => {
    expect(OutboxItemSchema.safeParse(item).success).toBe(true);
    expect(PushRequestSchema.safeParse({ deviceId: item.deviceId, items: [item] }).success).toBe(true);
  });

  it('refuses drafts, mismatched ids, keys and hashes, wrong ops, unknown entities and schema versions', () => {
    const accepted = (change: Record<string, unknown>) =>
      OutboxItemSchema.safeParse({ ...item, ...change }).success;
    expect(accepted({ payload: draft })).toBe(false);
    expect(accepted({ entityId: draft.caseId })).toBe(false);
    expect(accepted({ idempotencyKey: 'retry-1' })).toBe(false);
    expect(
      accepted({
        contentHash: 'd'.repeat(64),
        idempotencyKey: outboxIdempotencyKey(signed.id, 'd'.repeat(64)),
      }),
    ).toBe(false);
    expect(accepted({ op: 'upsert' })).toBe(false);
    expect(accepted({ entity: 'prescription' })).toBe(false);
    expect(accepted({ seq: 0 })).toBe(false);
    expect(messages(OutboxItemSchema.safeParse({ ...item, schemaVersion: 2 }))).toEqual([
      'schemaVersion: Okänd schemaversion; denna version förstår 1 (unknown sync schema version).',
    ]);
  });

  it('limits a push to a bounded batch', () => {
    expect(PushRequestSchema.safeParse({ deviceId: item.deviceId, items: [] }).success).toBe(false);
  });
});
