// Protocol search for the nurse's search box: Swedish first, prefix and typo tolerant, fast enough to run on every keystroke.
//
// Callers describe symptoms in everyday Swedish ("ont i magen", "feber bebis"), so the query is
// normalised the way nurses type: case and å/ä/ö folded (typing a/a/o still finds them), filler words
// such as "jag har" and "ont i" dropped, the last word treated as a prefix, and small typos forgiven.
// Lay words ("bajs", "snuvig") are read through the lay-word list (layWords.ts), and the protocols'
// question texts are searched too, weighing less than titles and terms; a compound no protocol spells
// out ("halsvärk") is searched by its parts. Protocols that exclude the patient (age band, age range,
// sex) are left out, or with `includeExcluded` ranked lower, with the reason.
import MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import { foldText } from '../text/fold';
import type { PatientSex } from './findings';
import { LAY_WORDS } from './layWords';
import { askedQuestions, BODY_PARTS, exclusionOf } from './protocol';
import type { Exclusion, LocalizedText, Protocol } from './protocol';

export interface ProtocolSearchHit {
  id: string;
  title: LocalizedText;
  /** Relevance, weighed down for a protocol that excludes the patient; only meaningful within one query. */
  score: number;
  /** Why the protocol is not for this patient (only with `includeExcluded`); null when it applies. */
  excluded: Exclusion | null;
}

export interface ProtocolSearchOptions {
  /** Most hits to return (default 10). */
  limit?: number;
  /** The patient's age when known: protocols for other ages are left out. */
  ageYears?: number | null;
  /** The patient's sex when known: protocols for the other sex are left out. */
  sex?: PatientSex | null;
  /**
   * Keep the protocols that exclude the patient, with the reason (for a picker that greys them out): ranked
   * lower than they would be, so a strong match still shows above weak ones that apply, never first.
   */
  includeExcluded?: boolean;
}

export interface ProtocolSearch {
  /** Ranked protocols for what the nurse has typed so far; an empty query gives no hits. */
  search(text: string, options?: ProtocolSearchOptions): ProtocolSearchHit[];
}

/**
 * Filler words in how callers and nurses phrase symptoms; they carry no meaning for finding a protocol.
 * ("ont" = pain: "ont i magen" is found by "magen"; every pain protocol would otherwise match "ont".)
 */
const STOP_WORDS = new Set([
  // Swedish
  'ont',
  'i',
  'jag',
  'har',
  'han',
  'hon',
  'hen',
  'vi',
  'du',
  'min',
  'mitt',
  'mina',
  'sin',
  'sitt',
  'sina',
  'en',
  'ett',
  'och',
  'eller',
  'att',
  'det',
  'den',
  'de',
  'som',
  'pa',
  'av',
  'med',
  'for',
  'till',
  'om',
  'ar',
  'kan',
  'inte',
  'mycket',
  'lite',
  'valdigt',
  'kanner',
  'kanns',
  'sig',
  'mig',
  'fatt',
  'haft',
  // English
  'a',
  'an',
  'the',
  'my',
  'have',
  'has',
  'of',
  'in',
  'and',
  'or',
  'is',
]);

/** Words for pain that end Swedish compounds ("halsvärk", "knäsmärta"), normalised. */
const PAIN_WORDS = new Set(['vark', 'verk', 'smarta', 'smartor', 'ont']);

/** Lower case and å/ä/ö (and accents) folded, so "huvudvark" finds "huvudvärk". */
export function normaliseSearchTerm(term: string): string {
  return foldText(term);
}

/** Splits on anything that is not a letter or digit (spaces, punctuation, hyphens). */
function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((token) => token !== '');
}

/** The words of a query that carry meaning; when every word is a filler word they are all kept. */
function queryTerms(text: string): string[] {
  const terms = tokenize(text).map(normaliseSearchTerm);
  return terms.filter((term) => !STOP_WORDS.has(term));
}

interface SearchDocument {
  id: string;
  titleSv: string;
  termsSv: string;
  synonymsSv: string;
  titleEn: string;
  termsEn: string;
  synonymsEn: string;
  bodyPart: string;
  questionsSv: string;
  questionsEn: string;
}

/** Swedish fields weigh more than English ones: nurses search in Swedish, English is the fallback. */
const FIELD_BOOST: Record<Exclude<keyof SearchDocument, 'id'>, number> = {
  titleSv: 4,
  termsSv: 3,
  synonymsSv: 2,
  titleEn: 1.2,
  termsEn: 1,
  synonymsEn: 0.7,
  bodyPart: 0.5,
  // The questions name symptoms the terms leave out ("malariaområde"), but a word there is a weak signal.
  questionsSv: 0.4,
  questionsEn: 0.1,
};

/** The fields that name a protocol (all but its question texts). */
const TERM_FIELDS = Object.keys(FIELD_BOOST).filter((field) => !field.startsWith('questions'));

/** A lay word's meaning weighs a little less than the caller's own word found in a protocol. */
const LAY_WORD_BOOST = 0.8;
/** The caller's words inside a lay phrase still count, but far less than the phrase's meaning. */
const LAY_PHRASE_WORD_BOOST = 0.3;

/** A protocol that excludes the patient keeps this share of its score (when kept with `includeExcluded`). */
const EXCLUDED_WEIGHT = 0.4;

/** Typos: one edit in words of 4–7 letters, two in longer ones. */
function typoTolerance(term: string): number | false {
  return term.length >= 8 ? 0.25 : term.length >= 4 ? 0.2 : false;
}

/** Builds the search index over a protocol library (a few milliseconds for the whole library). */
export function createProtocolSearch(protocols: readonly Protocol[]): ProtocolSearch {
  const byId = new Map(protocols.map((p) => [p.id, p]));
  // Whole phrases as written in the protocol ("ont i magen"): typing one exactly is a strong signal.
  const phrases = new Map(
    protocols.map((p) => [
      p.id,
      {
        sv: new Set([p.title.sv, ...p.searchTerms.sv, ...p.synonyms.sv].map(phraseOf)),
        en: new Set([p.title.en, ...p.searchTerms.en, ...p.synonyms.en].map(phraseOf)),
      },
    ]),
  );
  // Every Swedish word of the protocols' titles, terms and synonyms, and each start of one (three
  // letters or more): what a part of a compound must be to count as a word.
  const wordStarts = new Set<string>();
  for (const p of protocols)
    for (const text of [p.title.sv, ...p.searchTerms.sv, ...p.synonyms.sv, BODY_PARTS[p.bodyPart].sv])
      for (const word of tokenize(text).map(normaliseSearchTerm)) {
        wordStarts.add(word);
        for (let end = 3; end < word.length; end += 1) wordStarts.add(word.slice(0, end));
      }
  const index = new MiniSearch<SearchDocument>({
    fields: Object.keys(FIELD_BOOST),
    tokenize,
    processTerm: (term) => {
      const normalised = normaliseSearchTerm(term);
      return STOP_WORDS.has(normalised) ? null : normalised;
    },
    searchOptions: {
      boost: FIELD_BOOST,
      combineWith: 'OR',
      // Results as you type: every word may be the start of a longer one (Swedish compounds too).
      prefix: (term) => term.length >= 2,
      fuzzy: typoTolerance,
      maxFuzzy: 2,
    },
  });
  index.addAll(
    protocols.map((p) => ({
      id: p.id,
      titleSv: p.title.sv,
      termsSv: p.searchTerms.sv.join(' \n '),
      synonymsSv: p.synonyms.sv.join(' \n '),
      titleEn: p.title.en,
      termsEn: p.searchTerms.en.join(' \n '),
      synonymsEn: p.synonyms.en.join(' \n '),
      bodyPart: `${BODY_PARTS[p.bodyPart].sv} ${BODY_PARTS[p.bodyPart].en}`,
      questionsSv: askedQuestions(p)
        .map((q) => q.text.sv)
        .join(' \n '),
      questionsEn: askedQuestions(p)
        .map((q) => q.text.en)
        .join(' \n '),
    })),
  );

  return {
    search(text, options = {}) {
      const limit = options.limit ?? 10;
      const phrase = phraseOf(text);
      const terms = queryTerms(text);
      // Only filler words ("ont i", "jag har ont"): the phrase is matched against the protocols' own
      // phrases instead ("ont i" finds "ont i magen", "ont i halsen" ...), so the box never goes blank.
      if (terms.length === 0) {
        // "jag har ont" is tried as "har ont", then "ont": the caller's own words lead up to the symptom.
        for (let words = phrase.split(' '); words.join(' ').length >= 2; words = words.slice(1)) {
          const hits = phraseHits(words.join(' '));
          if (hits.length > 0) return rank(hits, options, limit);
        }
        return [];
      }
      // Which typed words each query term stands for: itself, a lay word's meaning, or a word with two letters swapped.
      const typedWord = new Map<string, string[]>(terms.map((term) => [term, [term]]));
      const fromLayWords = new Set<string>();
      // Words of a lay phrase ("bränner i bröstet") mean little on their own (bröstet is also the breast).
      const inLayPhrase = new Set<string>();
      for (const { term, covers } of layWordMeanings(phrase.split(' '))) {
        if (covers.length > 1) for (const typed of covers) inLayPhrase.add(typed);
        if (typedWord.has(term) && !fromLayWords.has(term)) continue;
        typedWord.set(term, [...new Set([...(typedWord.get(term) ?? []), ...covers])]);
        fromLayWords.add(term);
      }
      const compoundPart = new Set<string>();
      const boostTerm = (term: string) =>
        fromLayWords.has(term) || compoundPart.has(term)
          ? LAY_WORD_BOOST
          : inLayPhrase.has(term)
            ? LAY_PHRASE_WORD_BOOST
            : 1;
      const searchFor = (queryTerms: readonly string[], fields?: string[]) =>
        index.search(queryTerms.join(' '), {
          ...(fields ? { fields } : {}),
          processTerm: (term) => term,
          boostTerm,
          // A lay word's meaning and a compound's parts are the protocols' own spelling: no typos to forgive.
          fuzzy: (term) => (fromLayWords.has(term) || compoundPart.has(term) ? false : typoTolerance(term)),
        });
      let results = searchFor([...typedWord.keys()]);
      // Matched in a title, term or synonym: a fuzzy hit in a question text alone ("magnot" ~ magnet)
      // is too weak to stop the swapped-letters retry.
      const termResults = searchFor([...typedWord.keys()], TERM_FIELDS);
      const matched = new Set(
        termResults.flatMap((result) => result.queryTerms.flatMap((t) => typedWord.get(t) ?? [t])),
      );
      // Found as written or as the start of a word, not only by forgiving typos.
      const foundAsTyped = (term: string) =>
        termResults.some((result) => result.terms.some((found) => found.startsWith(term)));
      const unmatched = terms.filter((term) => !matched.has(term) && term.length >= 4);
      // Two neighbouring letters swapped ("magnot") is two edits for the fuzzy match, one of the
      // commonest slips at a keyboard: words that found nothing are tried with each pair swapped.
      for (const term of unmatched)
        for (const variant of transpositions(term))
          if (!typedWord.has(variant)) typedWord.set(variant, [term]);
      // A compound the protocols do not spell out ("knäsmärta", "halsvärk") is searched by its two
      // parts; each part is half of the typed word, so a protocol must match both to cover it.
      const parts = new Map<string, [string, string]>();
      for (const term of terms) {
        if (fromLayWords.has(term) || term.length < 6 || foundAsTyped(term)) continue;
        const split = compoundParts(term, wordStarts);
        if (split === null) continue;
        // The whole word (and its swapped-letter variants) found only by typo tolerance ("magvark" ~
        // "varkar") would drown the parts.
        for (const [queryTerm, typed] of typedWord)
          if (typed.length === 1 && typed[0] === term) typedWord.delete(queryTerm);
        // "Halsvärk" is "ont i halsen": a pain word says no more than "ont" (a filler word), the body part decides.
        if (PAIN_WORDS.has(split[1])) {
          if (!typedWord.has(split[0])) typedWord.set(split[0], [term]);
          compoundPart.add(split[0]);
          continue;
        }
        parts.set(term, [`${term}:1`, `${term}:2`]);
        split.forEach((part, i) => {
          if (!typedWord.has(part)) typedWord.set(part, [`${term}:${i + 1}`]);
          compoundPart.add(part);
        });
      }
      if (unmatched.length > 0 || compoundPart.size > 0) results = searchFor([...typedWord.keys()]);
      const typedWordsOf = (queryTerm: string) =>
        (typedWord.get(queryTerm) ?? [queryTerm]).flatMap((typed) => parts.get(typed) ?? [typed]);
      const typedCount = terms.length + parts.size;
      const scored: { protocol: Protocol; score: number }[] = [];
      for (const result of results) {
        const protocol = byId.get(String(result.id));
        if (!protocol) continue;
        const known = phrases.get(protocol.id);
        const phraseBonus = known?.sv.has(phrase) ? 2 : known?.en.has(phrase) ? 1.5 : 1;
        scored.push({
          protocol,
          score: result.score * coverage(result, typedWordsOf, typedCount) * phraseBonus,
        });
      }
      return rank(scored, options, limit);
    },
  };

  /** Protocols with a phrase starting with what was typed, the shorter (closer) phrase first. */
  function phraseHits(typed: string): { protocol: Protocol; score: number }[] {
    if (typed === '') return [];
    const hits: { protocol: Protocol; score: number }[] = [];
    for (const protocol of protocols) {
      const known = phrases.get(protocol.id);
      const lengths = [...(known?.sv ?? []), ...(known?.en ?? [])]
        .filter((known) => known.startsWith(typed))
        .map((known) => known.length);
      if (lengths.length > 0) hits.push({ protocol, score: 10 / Math.min(...lengths) });
    }
    return hits;
  }
}

/**
 * Protocols by score; those that exclude the patient only with `includeExcluded`, their score weighed
 * down, and never first while one that applies matched (the first hit is the one Enter picks).
 */
function rank(
  scored: readonly { protocol: Protocol; score: number }[],
  options: ProtocolSearchOptions,
  limit: number,
): ProtocolSearchHit[] {
  const patient = { ageYears: options.ageYears ?? null, sex: options.sex ?? null };
  const hits = scored
    .map(({ protocol, score }) => {
      const excluded = exclusionOf(protocol, patient);
      return {
        id: protocol.id,
        title: protocol.title,
        score: excluded === null ? score : score * EXCLUDED_WEIGHT,
        excluded,
      };
    })
    .filter((hit) => options.includeExcluded === true || hit.excluded === null)
    .sort((a, b) => b.score - a.score);
  const firstApplicable = hits.findIndex((hit) => hit.excluded === null);
  if (firstApplicable > 0) hits.unshift(...hits.splice(firstApplicable, 1));
  return hits.slice(0, Math.max(0, limit));
}

/** Lay-word list entries as normalised words, built once. */
const LAY_WORD_INDEX = LAY_WORDS.flatMap((entry) => {
  const means = entry.means.flatMap((meaning) =>
    tokenize(meaning)
      .map(normaliseSearchTerm)
      .filter((term) => !STOP_WORDS.has(term)),
  );
  return entry.says.map((says) => ({ says: tokenize(says).map(normaliseSearchTerm), means }));
});

/**
 * The meanings of the lay words in a typed phrase (normalised words, filler words kept), each with the
 * typed words it covers. A lay word of four letters or more also matches a longer word it begins.
 */
export function layWordMeanings(words: readonly string[]): { term: string; covers: string[] }[] {
  const meanings: { term: string; covers: string[] }[] = [];
  const fits = (lay: string, typed: string | undefined) =>
    typed !== undefined && (typed === lay || (lay.length >= 4 && typed.startsWith(lay)));
  for (const { says, means } of LAY_WORD_INDEX) {
    for (let start = 0; start + says.length <= words.length; start += 1) {
      if (!says.every((lay, i) => fits(lay, words[start + i]))) continue;
      const covers = words.slice(start, start + says.length).filter((typed) => !STOP_WORDS.has(typed));
      if (covers.length === 0) continue;
      for (const term of means) meanings.push({ term, covers });
    }
  }
  return meanings;
}

/** A phrase as a nurse would type it, normalised word by word (filler words kept). */
function phraseOf(text: string): string {
  return tokenize(text).map(normaliseSearchTerm).join(' ');
}

/** Favours protocols that match every typed word of the query over ones that match one word very well. */
function coverage(
  result: SearchResult,
  typedWordsOf: (queryTerm: string) => string[],
  termCount: number,
): number {
  const matched = new Set(result.queryTerms.flatMap(typedWordsOf)).size;
  const share = Math.min(1, matched / termCount);
  return share * share;
}

/**
 * A Swedish compound as two known parts ("knasmarta" → knä + smärta, "tandkottsinflammation" → tandkött +
 * inflammation, the linking s dropped); the longest first part wins. Null when no split gives two known parts.
 */
export function compoundParts(term: string, known: ReadonlySet<string>): [string, string] | null {
  let best: [string, string] | null = null;
  for (let i = 3; i <= term.length - 4; i += 1) {
    const tail = term.slice(i);
    if (!known.has(tail) || STOP_WORDS.has(tail)) continue;
    const head = term.slice(0, i);
    if (known.has(head)) best = [head, tail];
    else if (head.endsWith('s') && head.length > 3 && known.has(head.slice(0, -1)))
      best = [head.slice(0, -1), tail];
  }
  return best;
}

/** The word with each pair of neighbouring letters swapped once ("magnot" → "amgnot", …, "magont", …). */
export function transpositions(term: string): string[] {
  const variants = new Set<string>();
  for (let i = 0; i + 1 < term.length; i += 1) {
    if (term[i] === term[i + 1]) continue;
    variants.add(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2));
  }
  return [...variants];
}
