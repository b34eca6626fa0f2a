// Canonical JSON and the canonical note: the same content always gives the same text, different content never does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalNoteJson, type Note } from '../../../core/case';

const signedNote: Note = {
  id: '1b4e28ba-2fa1-4d3b-8e7c-5a6f7b8c9d0e',
  caseId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  kontaktorsak: 'Ont i örat sedan i natt',
  bedomning: 'Sannolikt öroninflammation, opåverkad',
  rad: 'Smärtlindring, avvakta två dygn',
  hanvisning: 'Vårdcentral om besvären kvarstår',
  bradskegrad: 5,
  contactAt: '2025-03-03T08:00:00.000Z',
  responsible: { hsaId: 'SE2321000016-N001', name: 'Anna Sjöberg', title: 'Sjuksköterska' },
  status: 'signed',
  signedAt: '2025-03-03T08:09:00.000Z',
  contentHash: 'a'.repeat(64),
};

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined properties and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: undefined, b: null } })).toBe(
      '{"a":{"b":null,"d":[3,1]},"b":1}',
    );
  });

  it('gives the same text for any key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
        expect(JSON.parse(canonicalJson(record))).toEqual(JSON.parse(JSON.stringify(record)));
      }),
    );
  });

  it('refuses values JSON cannot carry exactly', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow('$.at is not a plain object or array');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('$.n is NaN');
    expect(() => canonicalJson([1n])).toThrow('$[0] is a bigint');
    expect(() => canonicalJson({ a: [1, { b: Number.POSITIVE_INFINITY }] })).toThrow('$.a[1].b is Infinity');
  });
});

describe('canonicalNoteJson', () => {
  it('covers content and signing time but not status or the hash itself', () => {
    const text = canonicalNoteJson(signedNote);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'amendsNoteId',
      'bedomning',
      'bradskegrad',
      'caseId',
      'contactAt',
      'format',
      'hanvisning',
      'id',
      'kontaktorsak',
      'rad',
      'responsible',
      'signedAt',
    ]);
    expect(parsed.amendsNoteId).toBeNull();
    expect(canonicalNoteJson({ ...signedNote, contentHash: 'b'.repeat(64) })).toBe(text);
  });

  it('changes when any content field changes', () => {
    const base = canonicalNoteJson(signedNote);
    const variants: Note[] = [
      { ...signedNote, rad: `${signedNote.rad}.` },
      { ...signedNote, bradskegrad: 4 },
      { ...signedNote, responsible: { ...signedNote.responsible, title: 'Barnsjuksköterska' } },
      { ...signedNote, signedAt: '2025-03-03T08:09:01.000Z' },
      { ...signedNote, amendsNoteId: '0f8fad5b-d9cb-469f-a165-70867728950e' },
    ];
    for (const variant of variants) expect(canonicalNoteJson(variant)).not.toBe(base);
  });
});
