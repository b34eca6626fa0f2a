// The one rule for text entering Firstline: no NUL characters and no lone UTF-16 surrogates, in values or keys.
//
// PostgreSQL cannot store U+0000 in text (a 500 from deep inside a query), and a lone surrogate is not
// Unicode at all: JSON encoders replace it with U+FFFD, so what was signed would silently differ from
// what is stored. Both are refused at the boundary, naming the field, before anything is written.

/** Why a string breaks the rule, or null when it is fine. */
export function textProblem(text: string): string | null {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return 'contains a NUL character (U+0000), which cannot be stored';
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      else return 'contains a broken character (a lone UTF-16 surrogate)';
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return 'contains a broken character (a lone UTF-16 surrogate)';
    }
  }
  return null;
}

export interface TextRuleViolation {
  /** Where the string is, e.g. `items.3.payload.bedomning`; a key's problem names the key's path. */
  path: string;
  message: string;
}

/** The first string (value or object key) in a parsed JSON-like value that breaks the rule, or null. */
export function findTextRuleViolation(value: unknown, maxDepth = 200): TextRuleViolation | null {
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value, path: [], depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { path: path.join('.'), message: `${path.join('.') || 'value'} ${problem}` };
    } else if (typeof current === 'object' && current !== null && depth < maxDepth) {
      const entries = Array.isArray(current)
        ? current.map((item, index) => [String(index), item] as const)
        : Object.entries(current);
      for (const [key, item] of entries) {
        const keyProblem = textProblem(key);
        if (keyProblem) return { path: path.join('.'), message: `a field name ${keyProblem}` };
        stack.push({ value: item, path: [...path, key], depth: depth + 1 });
      }
    }
  }
  return null;
}
