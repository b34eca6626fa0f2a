// Canonical JSON: one byte-exact serialisation of a value, so the workstation and the backend hash the same text.

/** JSON values that have one canonical form (no undefined, functions, NaN or Infinity). */
export type CanonicalValue =
  | string
  | number
  | boolean
  | null
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue | undefined };

/**
 * JSON with object keys sorted by UTF-16 code unit (JavaScript's default sort), no whitespace, and
 * properties whose value is `undefined` left out. Arrays keep their order: order is content.
 * Throws on values JSON cannot represent exactly, rather than hashing something lossy.
 */
export function canonicalJson(value: unknown): string {
  try {
    return serialise(value);
  } catch (error) {
    if (error instanceof NotCanonical)
      throw new TypeError(`canonicalJson: $${error.path} ${error.problem}`, { cause: error });
    throw error;
  }
}

/** Thrown inside serialise; the path is built only on the way out, since hashing runs on every note. */
class NotCanonical extends Error {
  path = '';
  constructor(readonly problem: string) {
    super(problem);
  }
}

function serialise(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonical(`is ${value}, which JSON cannot represent`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += within(value[i], i);
        }
        return out + ']';
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new NotCanonical('is not a plain object or array');
      }
      const record = value as Record<string, unknown>;
      let out = '{';
      let first = true;
      for (const key of Object.keys(record).sort()) {
        const item = record[key];
        if (item === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${within(item, key)}`;
        first = false;
      }
      return out + '}';
    }
    default:
      throw new NotCanonical(`is a ${typeof value}, which JSON cannot represent`);
  }
}

/** Serialises a member, prefixing its place to the path of any value that cannot be represented. */
function within(item: unknown, place: string | number): string {
  try {
    return serialise(item);
  } catch (error) {
    if (error instanceof NotCanonical)
      error.path = (typeof place === 'number' ? `[${place}]` : `.${place}`) + error.path;
    throw error;
  }
}
