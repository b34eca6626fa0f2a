// Text folding for matching what people type: lower case, å/ä/ö and other accents taken off ("Växjö" → "vaxjo").

/**
 * Which marks come off once the text is decomposed (NFD).
 * - `diacritics`: every Unicode diacritic, spacing accents typed on their own (´ ^ ` ¨) included.
 * - `combining`: only the combining accents (U+0300–U+036F); a lone ´ or ^ stays.
 */
export type FoldMarks = 'diacritics' | 'combining';

export interface FoldOptions {
  marks?: FoldMarks;
}

const MARKS: Readonly<Record<FoldMarks, RegExp>> = {
  diacritics: /\p{Diacritic}/gu,
  combining: /[\u0300-\u036f]/g,
};

/** Lower case (Swedish rules) without accents, so "huvudvark" matches "Huvudvärk" and "orebro" matches "Örebro". */
export function foldText(text: string, { marks = 'diacritics' }: FoldOptions = {}): string {
  return text.toLocaleLowerCase('sv-SE').normalize('NFD').replace(MARKS[marks], '');
}
