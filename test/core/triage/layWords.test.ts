// The lay-word list: its schema, that every meaning leads to a protocol of the library, and how lay words match what is typed.
import { beforeAll, describe, expect, it } from 'vitest';
import { LAY_WORDS, LayWordListSchema } from '../../../core/triage/layWords';
import type { Protocol } from '../../../core/triage/protocol';
import { layWordMeanings, normaliseSearchTerm } from '../../../core/triage/search';
import { loadProtocols } from '../../../main/services/protocols/loadProtocols';

const words = (text: string) => text.split(' ').map(normaliseSearchTerm);

describe('lay-word list schema', () => {
  it('accepts the list as shipped', () => {
    expect(LayWordListSchema.safeParse(LAY_WORDS).success).toBe(true);
    expect(LAY_WORDS.length).toBeGreaterThan(10);
  });

  it.each([
    [[{ says: [], means: ['snuva'] }], /at least one lay word/],
    [[{ says: ['snorig'], means: [] }], /at least one protocol term/],
    [[{ says: ['x'], means: ['snuva'] }], /at least two letters/],
    [[{ says: ['snorig;'], means: ['snuva'] }], /letters, digits, spaces and hyphens/],
    [[{ says: ['snorig'], means: ['snuva'], note: 'extra' }], /Unrecognized key/i],
  ])('refuses %j with a clear message', (list, message) => {
    const parsed = LayWordListSchema.safeParse(list);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join(' ')).toMatch(message);
  });
});

describe('lay words against the library', () => {
  let protocols: Protocol[];
  beforeAll(async () => {
    ({ protocols } = await loadProtocols());
  });

  it("every meaning is a word of some protocol's title, search terms or synonyms", () => {
    const vocabulary = new Set(
      protocols.flatMap((p) =>
        [p.title.sv, ...p.searchTerms.sv, ...p.synonyms.sv].flatMap((text) =>
          text.split(/[^\p{L}\p{N}]+/u).map(normaliseSearchTerm),
        ),
      ),
    );
    const unknown = LAY_WORDS.flatMap((entry) => entry.means)
      .flatMap((meaning) => words(meaning))
      .filter((word) => !vocabulary.has(word));
    expect(unknown).toEqual([]);
  });
});

describe('matching lay words in what is typed', () => {
  it('matches a lay word and its longer forms, with or without å/ä/ö', () => {
    expect(layWordMeanings(words('blod i bajset'))).toEqual([{ term: 'avforing', covers: ['bajset'] }]);
    expect(layWordMeanings(words('kakkramp')).map((m) => m.term)).toEqual(['stelkramp']);
  });

  it('matches a phrase only when its words come in order, covering every meaningful typed word', () => {
    expect(layWordMeanings(words('det bränner i bröstet'))).toContainEqual({
      term: 'brostsmarta',
      covers: ['branner', 'brostet'],
    });
    expect(layWordMeanings(words('bröstet bränner'))).toEqual([]);
  });

  it('does not match a short lay word inside a longer one', () => {
    // "spy" is a lay word for vomiting; "spyware" is not, since words under four letters match only whole.
    expect(layWordMeanings(words('spyware'))).toEqual([]);
    expect(layWordMeanings(words('spy')).map((m) => m.term)).toEqual(['krakningar']);
  });
});
