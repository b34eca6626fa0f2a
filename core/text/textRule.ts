// The one rule for text entering Firstline: no NUL characters and no lone UTF-16 surrogates, in values or keys.
//
// PostgreSQL cannot store U+0000 in text (a 500 from deep inside a query), and a lone surrogate is not
// Unicode at all: JSON encoders replace it with U+FFFD, so what was signed would silently differ from
// what is stored. Both are refused at the boundary, naming the field, before anything is written.

/** In unicode mode a valid surrogate pair is one code point, so only a lone surrogate is \p{Cs}. */
const BROKEN_TEXT = /[\0\p{Cs}]/u;

/** Why a string breaks the rule, or null when it is fine. */
export function textProblem(text: string): string | null {
  const found = BROKEN_TEXT.exec(text);
  if (found === null) return null;
  return found[0] === '\0'
    ? 'contains a NUL character (U+0000), which cannot be stored'
    : 'contains a broken character (a lone UTF-16 surrogate)';
}

export interface TextRuleViolation {
  /** Where the string is, e.g. `items.3.payload.bedomning`; a key's problem names the key's path. */
  path: string;
  message: string;
}

/** A value still to look at, with the way back to the root (the path is only built for a violation). */
interface Pending {
  value: unknown;
  key: string;
  parent: Pending | null;
  depth: number;
}

function pathOf(node: Pending | null): string {
  const keys: string[] = [];
  for (let at = node; at !== null && at.parent !== null; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}

/**
 * The first string (value or object key) in a parsed JSON-like value that breaks the rule, or null.
 * It runs on every request body, sync pushes of a megabyte included, so it walks without copying paths.
 */
export function findTextRuleViolation(value: unknown, maxDepth = 200): TextRuleViolation | null {
  const stack: Pending[] = [{ value, key: '', parent: null, depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const current = node.value;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) {
        const path = pathOf(node);
        return { path, message: `${path || 'value'} ${problem}` };
      }
    } else if (typeof current === 'object' && current !== null && node.depth < maxDepth) {
      if (Array.isArray(current)) {
        for (let index = 0; index < current.length; index += 1) {
          stack.push({ value: current[index], key: String(index), parent: node, depth: node.depth + 1 });
        }
      } else {
        for (const key in current) {
          if (!Object.hasOwn(current, key)) continue;
          const keyProblem = textProblem(key);
          if (keyProblem) return { path: pathOf(node), message: `a field name ${keyProblem}` };
          const item = (current as Record<string, unknown>)[key];
          stack.push({ value: item, key, parent: node, depth: node.depth + 1 });
        }
      }
    }
  }
  return null;
}
