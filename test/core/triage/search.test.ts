// Protocol search: Swedish cases from the advice line against the real library, and the normalisation rules on fixtures.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../core/triage/protocol';
import { createProtocolSearch, normaliseSearchTerm, transpositions } from '../../../core/triage/search';
import type { ProtocolSearch } from '../../../core/triage/search';
import { loadProtocols } from '../../../main/services/protocols/loadProtocols';
import { fixtureProtocols } from './fixtureProtocols';

const firstHit = (search: ProtocolSearch, text: string, ageYears?: number) =>
  search.search(text, { ageYears })[0]?.id;

describe('search over the fixture protocols', () => {
  const { buk, andning, spadbarn } = fixtureProtocols();
  const search = createProtocolSearch([buk, andning, spadbarn]);

  it('finds a protocol by a search term, ignoring case and filler words', () => {
    expect(firstHit(search, 'Jag har ONT I MAGEN')).toBe('test-buk');
  });

  it('matches å/ä/ö when typed as a/a/o', () => {
    expect(firstHit(search, 'andnod')).toBe('test-andning');
    expect(normaliseSearchTerm('Åäö')).toBe('aao');
  });

  it('gives results while the word is still being typed', () => {
    expect(firstHit(search, 'andn')).toBe('test-andning');
    expect(firstHit(search, 'mag')).toBe('test-buk');
  });

  it('lists each word with one pair of neighbouring letters swapped, once each', () => {
    expect(transpositions('magnot')).toEqual(['amgnot', 'mganot', 'mangot', 'magont', 'magnto']);
    expect(transpositions('vätska')).toContain('vätksa');
    expect(transpositions('oo')).toEqual([]);
  });

  it('forgives a typo', () => {
    expect(firstHit(search, 'magpnt')).toBe('test-buk');
  });

  it('finds English terms too, ranked after Swedish', () => {
    expect(firstHit(search, 'tummy ache')).toBe('test-buk');
  });

  it('returns the title with each hit and honours the limit', () => {
    const hits = search.search('feber bebis', { limit: 1 });
    expect(hits).toEqual([
      { id: 'test-spadbarn', title: spadbarn.title, score: expect.any(Number), excluded: null },
    ]);
  });

  it('gives nothing for an empty query or only spaces and punctuation', () => {
    expect(search.search('')).toEqual([]);
    expect(search.search('  ,. ')).toEqual([]);
  });

  it("ranks protocols for the patient's age before others", () => {
    const adultOnly = createProtocolSearch([spadbarn, buk]);
    expect(adultOnly.search('feber mage', { ageYears: 0.1 })[0]?.id).toBe('test-spadbarn');
    expect(adultOnly.search('feber mage', { ageYears: 30 })[0]?.id).toBe('test-buk');
  });
});

describe('search over the real protocol library', () => {
  let protocols: Protocol[];
  let search: ProtocolSearch;
  beforeAll(async () => {
    ({ protocols } = await loadProtocols());
    search = createProtocolSearch(protocols);
  });

  it.each([
    ['ont i magen', 'buksmarta-vuxen'],
    ['feber bebis', 'feber-spadbarn'],
    ['andningssvårigheter', 'andningsbesvar'],
    ['andnöd', 'andningsbesvar'],
    ['huvdvärk', 'huvudvark'],
    ['huvudvark', 'huvudvark'],
    ['hjärtklap', 'hjartklappning'],
    ['jag har ont i halsen', 'halsont'],
    // Two neighbouring letters swapped: two edits for the fuzzy match, found by trying each pair swapped.
    ['magnot', 'buksmarta-vuxen'],
    ['hsota', 'hosta'],
    ['ont i hlasen', 'halsont'],
  ])('"%s" finds %s first', (text, id) => {
    expect(firstHit(search, text)).toBe(id);
  });

  it("finds the children's abdominal pain protocol first for a child", () => {
    expect(firstHit(search, 'ont i magen', 6)).toBe('buksmarta-barn');
  });

  it('finds every protocol first by its Swedish title and by its first Swedish search term', () => {
    expect(protocols.length).toBeGreaterThanOrEqual(40);
    const misses = protocols.flatMap((p) =>
      [p.title.sv, p.searchTerms.sv[0] ?? '']
        .filter((text) => firstHit(search, text) !== p.id)
        .map((text) => `${p.id}: "${text}"`),
    );
    expect(misses).toEqual([]);
  });
});
