// Alarm words in free text ("andas inte", "medvetslös", "blå", "kramper", "självmord"): what a caller says that may mean minutes count.
//
// Read from what the nurse types in the caller's words (kontaktorsak, her own lines in the assessment,
// context answers), never from the protocols' own question texts. A word preceded by a negation
// ("inte medvetslös", "ingen kramp") does not count. The list is demo content: a hit is an alert for the
// nurse to act on, not a disposition.
import { foldText } from '../text/fold';
import type { DispositionLevel } from './dispositionLadder';

export interface AlarmWord {
  id: string;
  /** Folded (lower case, no diacritics) word sequences that count; a trailing `*` matches any word ending. */
  phrases: readonly string[];
  level: DispositionLevel;
  label: { sv: string; en: string };
}

export const ALARM_WORDS: readonly AlarmWord[] = [
  {
    id: 'andas-inte',
    phrases: ['andas inte', 'slutat andas', 'andas knappt', 'far ingen luft', 'kan inte andas', 'kvavs'],
    level: 1,
    label: { sv: 'Andas inte eller kan inte få luft', en: 'Not breathing or cannot get air' },
  },
  {
    id: 'medvetslos',
    phrases: ['medvetslos', 'medvetslost', 'gar inte att vacka', 'svarar inte pa tilltal', 'livlos'],
    level: 1,
    label: { sv: 'Medvetslös eller går inte att väcka', en: 'Unconscious or cannot be woken' },
  },
  {
    id: 'bla',
    phrases: ['bla', 'blaa', 'blalila', 'blaaktig*', 'bla lappar', 'gra i ansiktet'],
    level: 1,
    label: { sv: 'Blå eller grå hudfärg', en: 'Blue or grey skin' },
  },
  {
    id: 'kramper',
    phrases: ['kramp', 'kramper', 'krampar', 'krampade', 'krampanfall', 'epilepsianfall'],
    level: 1,
    label: { sv: 'Kramper', en: 'Seizures' },
  },
  {
    id: 'sjalvmord',
    phrases: ['sjalvmord*', 'suicid*', 'ta livet av sig', 'ta livet av mig', 'vill do', 'vill inte leva'],
    level: 2,
    label: { sv: 'Tankar på självmord', en: 'Thoughts of suicide' },
  },
  {
    id: 'stor-blodning',
    phrases: ['bloder kraftigt', 'forblod*', 'sprutar blod', 'massor av blod'],
    level: 1,
    label: { sv: 'Kraftig blödning', en: 'Heavy bleeding' },
  },
  {
    id: 'stroke',
    phrases: ['sned i ansiktet', 'hanger i ansiktet', 'sluddrar', 'forlamad*', 'kan inte lyfta armen'],
    level: 1,
    label: { sv: 'Tecken på stroke', en: 'Signs of stroke' },
  },
  {
    id: 'svullen-hals',
    phrases: ['svullnar i halsen', 'svullen i halsen', 'svullen tunga', 'anafylax*'],
    level: 1,
    label: { sv: 'Svullnad i halsen eller svår allergisk reaktion', en: 'Throat swelling or anaphylaxis' },
  },
];

/** Words that cancel an alarm word when they come just before it ("inte medvetslös", "ingen kramp"). */
const NEGATIONS = new Set(['inte', 'ej', 'ingen', 'inga', 'inget', 'utan', 'aldrig', 'nej', 'not', 'no']);
/** How many words before a hit a negation still counts. */
const NEGATION_REACH = 2;

export interface AlarmHit {
  id: string;
  level: DispositionLevel;
  label: { sv: string; en: string };
  /** The words as written in the text. */
  found: string;
}

interface Token {
  folded: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  const list: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    list.push({ folded: foldText(match[0]), start: match.index, end: match.index + match[0].length });
  }
  return list;
}

function matchesAt(words: readonly Token[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((part, i) => {
    const word = words[at + i]?.folded;
    if (word === undefined) return false;
    return part.endsWith('*') ? word.startsWith(part.slice(0, -1)) : word === part;
  });
}

/** Alarm words in one text, once per alarm, in the order they first appear. */
export function findAlarmWords(text: string): AlarmHit[] {
  const words = tokens(text);
  const hits: AlarmHit[] = [];
  for (let at = 0; at < words.length; at += 1) {
    for (const alarm of ALARM_WORDS) {
      if (hits.some((hit) => hit.id === alarm.id)) continue;
      const phrase = alarm.phrases.map((p) => p.split(' ')).find((parts) => matchesAt(words, at, parts));
      if (!phrase) continue;
      const before = words.slice(Math.max(0, at - NEGATION_REACH), at);
      if (before.some((word) => NEGATIONS.has(word.folded))) continue;
      const last = words[at + phrase.length - 1]!;
      hits.push({
        id: alarm.id,
        level: alarm.level,
        label: alarm.label,
        found: text.slice(words[at]!.start, last.end),
      });
    }
  }
  return hits;
}
