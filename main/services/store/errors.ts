// Errors the local store raises: a stable code the UI translates, and an English message that says what to do.
import type { z } from 'zod';

export type StoreErrorCode =
  /** Input failed validation; nothing was written. */
  | 'invalid-input'
  /** The case, note, attachment or outbox item does not exist. */
  | 'not-found'
  /** The id is already taken, or the change contradicts what is stored (e.g. amending an amended note). */
  | 'conflict'
  /** The call already has a case, and a second one was not asked for. */
  | 'call-has-case'
  /** A signed note was about to be changed or deleted. */
  | 'note-signed'
  /** Stored content no longer matches its recorded hash. */
  | 'integrity'
  /** The database file cannot be read with this key, or is not a Firstline database. */
  | 'wrong-key'
  /** The database was written by a newer Firstline. */
  | 'newer-schema'
  /** A migration failed; the database was left as it was. */
  | 'migration-failed'
  /** The key file is missing, malformed or readable by others. */
  | 'key-file';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Parses input with a core schema, or throws an `invalid-input` StoreError listing every problem by
 * field. Issue messages never quote the input, so patient text cannot leak into logs through errors.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const message = issue.message.replace(/\.$/, '');
    return path === '' ? message : `${path}: ${message}`;
  });
  throw new StoreError('invalid-input', `${what} is not valid: ${problems.join('; ')}.`);
}
