// Runs a migration's SQL one statement at a time, so both PostgreSQL and PGlite see plain single statements.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function runStatements<Schema>(
  db: Kysely<Schema>,
  statements: readonly string[],
): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
