// What a referral receipt needs before it can be made: the rule the screen and main share.
import { describe, expect, it } from 'vitest';
import { receiptMissing } from '../../../core/referral/receiptReadiness';

const note = { kontaktorsak: 'Ont i magen', rad: 'Sök vård', hanvisning: '', bradskegrad: 2 as const };

describe('receiptMissing', () => {
  it('asks for everything when there is no note', () => {
    expect(receiptMissing({ note: null, triageLevel: null, unitChosen: false })).toEqual([
      'kontaktorsak',
      'rad',
      'bradskegrad',
      'hanvisning',
    ]);
  });

  it('needs a hänvisning: a chosen unit or the note’s own text', () => {
    expect(receiptMissing({ note, triageLevel: null, unitChosen: false })).toEqual(['hanvisning']);
    expect(receiptMissing({ note, triageLevel: null, unitChosen: true })).toEqual([]);
    expect(
      receiptMissing({
        note: { ...note, hanvisning: 'Akuten i Växjö' },
        triageLevel: null,
        unitChosen: false,
      }),
    ).toEqual([]);
  });

  it('takes the triage level when the note has none, and self-care needs no hänvisning', () => {
    const noLevel = { ...note, bradskegrad: null };
    expect(receiptMissing({ note: noLevel, triageLevel: null, unitChosen: true })).toEqual(['bradskegrad']);
    expect(receiptMissing({ note: noLevel, triageLevel: 6, unitChosen: false })).toEqual([]);
  });

  it('counts blank text as missing', () => {
    expect(
      receiptMissing({
        note: { ...note, kontaktorsak: '  ', rad: '\n' },
        triageLevel: null,
        unitChosen: true,
      }),
    ).toEqual(['kontaktorsak', 'rad']);
  });
});
