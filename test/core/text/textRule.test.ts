// The text rule: NUL characters and lone surrogates are found in any value or key, with the path; real text passes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTextRuleViolation, textProblem } from '../../../core/text/textRule';

describe('text rule', () => {
  it('accepts Swedish text, emoji and other paired surrogates', () => {
    for (const text of ['Ont i bröstet, sedan 20 min', 'Åsa Öberg 😷', '日本語', '']) {
      expect(textProblem(text)).toBeNull();
    }
  });

  it('finds a NUL character and a lone surrogate, naming the field', () => {
    expect(findTextRuleViolation({ reason: 'a\u0000b' })).toEqual({
      path: 'reason',
      message: expect.stringContaining('NUL'),
    });
    expect(findTextRuleViolation({ items: [{ payload: { text: 'x\ud800' } }] })).toMatchObject({
      path: 'items.0.payload.text',
      message: expect.stringContaining('surrogate'),
    });
    expect(findTextRuleViolation({ items: [{ ['\udc00key']: 1 }] })).toMatchObject({ path: 'items.0' });
  });

  it('finds every broken string wherever it is nested', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom('\u0000', '\ud83d', '\ude37'),
        fc.string(),
        (json, bad, prefix) => {
          const nested = { a: [json, { deep: `${prefix}${bad}` }] };
          expect(findTextRuleViolation(nested)?.path).toBe('a.1.deep');
        },
      ),
    );
  });
});
