// Protocol search: Swedish cases from the advice line against the real library, and the normalisation rules on fixtures.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../core/triage/protocol';
import {
  compoundParts,
  createProtocolSearch,
  normaliseSearchTerm,
  transpositions,
} from '../../../core/triage/search';
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

  it('splits a Swedish compound into two known parts, the linking s dropped, the longest first part winning', () => {
    const known = new Set(['hals', 'halsen', 'vark', 'tandkott', 'tand', 'inflammation', 'infl']);
    expect(compoundParts('halsvark', known)).toEqual(['hals', 'vark']);
    expect(compoundParts('tandkottsinflammation', known)).toEqual(['tandkott', 'inflammation']);
    expect(compoundParts('halsxyzq', known)).toBeNull();
    // Parts shorter than three letters (head) or four (tail) are never taken as words.
    expect(compoundParts('hava', new Set(['ha', 'va']))).toBeNull();
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

  // What callers say, for a 40-year-old: lay words, diseases by name, words only the questions use.
  it.each([
    ['lunginflammation', 'hosta'],
    ['körtelfeber', 'halsont'],
    ['malaria', 'feber-vuxen'],
    ['magsår', 'langvarig-buksmarta'],
    ['kramper', 'kramper'],
    ['nackstel', 'nacksmarta'],
    ['hjärnhinneinflammation', 'feber-vuxen'],
    ['ledvärk', 'ledsmarta'],
    ['pollenallergi', 'allergisk-rinit'],
    ['jordnötsallergi', 'allergisk-reaktion'],
    ['knappcellsbatteri', 'svalt-frammande-kropp'],
    ['droppfot', 'domningar-svaghet'],
    ['snuvig', 'forkylning-influensa'],
    ['blod i bajset', 'analbesvar'],
    ['kliar i ögonen', 'allergisk-rinit'],
    ['käkkramp', 'stelkramp'],
    ['förlamad arm', 'domningar-svaghet'],
    ['svårt att prata', 'domningar-svaghet'],
    ['det bränner i bröstet', 'brostsmarta'],
    // "Bröstet" is also the breast: the chest-pain phrase must not lead to Knöl i bröstet.
    ['jag har ont i bröstet', 'brostsmarta'],
  ])('"%s" finds %s first for an adult', (text, id) => {
    expect(firstHit(search, text, 40)).toBe(id);
  });

  it.each([
    ['halsvärk', 'halsont'],
    ['magvärk', 'buksmarta-vuxen'],
    ['knäsmärta', 'knaskada'],
    ['armvärk', 'skada-arm-ben'],
  ])('"%s", a compound no protocol spells out, finds %s first by its body part', (text, id) => {
    expect(firstHit(search, text, 40)).toBe(id);
  });

  it('puts chest pain above heartburn, both in the top two, for a burning chest in an adult', () => {
    const ids = search.search('det bränner i bröstet', { ageYears: 40 }).map((hit) => hit.id);
    expect(ids.slice(0, 2)).toEqual(['brostsmarta', 'sura-uppstotningar']);
  });

  it('searches the question texts, below titles and terms', () => {
    // "grovporigt" is only in a question of Knöl eller förändring i bröstet; "hosta" is the title of Hosta and asked about elsewhere.
    expect(firstHit(search, 'grovporigt', 40)).toBe('knol-i-brostet');
    const hosta = search.search('hosta', { ageYears: 40 });
    expect(hosta[0]?.id).toBe('hosta');
    expect(hosta.length).toBeGreaterThan(1);
  });

  it('shows a strong match for another age, greyed, above weak ones that apply, but never first', () => {
    const elderly = search.search('feber bebis', { ageYears: 70, includeExcluded: true });
    const infant = elderly.findIndex((hit) => hit.id === 'feber-spadbarn');
    expect(infant).toBeGreaterThan(0);
    expect(infant).toBeLessThan(10);
    expect(elderly[infant]?.excluded).toMatchObject({ reason: 'age' });
    expect(elderly[0]?.excluded).toBeNull();
    // A weak match that applies (one word of two) is listed after the infant protocol.
    expect(elderly.slice(infant + 1).some((hit) => hit.excluded === null)).toBe(true);
    // Without includeExcluded the protocols for other ages are left out.
    expect(search.search('feber bebis', { ageYears: 70 }).map((hit) => hit.id)).not.toContain(
      'feber-spadbarn',
    );
  });

  it('finds the infant fever protocol first for a 5-week-old', () => {
    const hits = search.search('feber bebis', { ageYears: (5 * 7) / 365.25, includeExcluded: true });
    expect(hits[0]).toMatchObject({ id: 'feber-spadbarn', excluded: null });
  });

  it('weighs down a protocol for the other sex, with the reason', () => {
    const male = search.search('mensvärk', { ageYears: 30, sex: 'male', includeExcluded: true });
    const female = search.search('mensvärk', { ageYears: 30, sex: 'female', includeExcluded: true });
    expect(female[0]).toMatchObject({ id: 'mensbesvar', excluded: null });
    const greyed = male.find((hit) => hit.id === 'mensbesvar');
    expect(greyed?.excluded).toMatchObject({ reason: 'sex' });
    expect(greyed?.score).toBeLessThan(female[0]?.score ?? 0);
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
