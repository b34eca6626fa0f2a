// Text folding: case and å/ä/ö folded the same in every search, and the two mark sets keep what they kept before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../../core/text/fold';

describe('foldText', () => {
  it('folds case and Swedish letters, composed or typed as letter plus accent', () => {
    expect(foldText('HUVUDVÄRK')).toBe('huvudvark');
    expect(foldText('Örnsköldsvik Åre')).toBe('ornskoldsvik are');
    expect(foldText('Va\u0308xjo\u0308')).toBe('vaxjo');
    expect(foldText('Växjö', { marks: 'combining' })).toBe('vaxjo');
    expect(foldText('Crème brûlée, Ærø')).toBe('creme brulee, ærø');
  });

  it('leaves spaces and punctuation as they are', () => {
    expect(foldText('  Ont i  magen! ')).toBe('  ont i  magen! ');
  });

  it('takes lone spacing accents off only with every diacritic', () => {
    expect(foldText('45´ ^a`')).toBe('45 a');
    expect(foldText('45´ ^a`', { marks: 'combining' })).toBe('45´ ^a`');
  });

  it('takes combining letters (U+0363) off only with the combining accents', () => {
    expect(foldText('a\u0363')).toBe('a\u0363');
    expect(foldText('a\u0363', { marks: 'combining' })).toBe('a');
  });

  it('folds the same whether the accents are taken off before or after lower case', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const accentsFirst = text
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLocaleLowerCase('sv-SE');
        expect(foldText(text, { marks: 'combining' })).toBe(accentsFirst);
      }),
    );
  });
});
