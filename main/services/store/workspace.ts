// The nurse's workspace row in her local store: one JSON document, replaced whole on every save.
import type Database from 'better-sqlite3-multiple-ciphers';

export class WorkspaceRepository {
  private readonly selectRow: Database.Statement<[], { document: string; saved_at_utc: string }>;
  private readonly upsertRow: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.selectRow = db.prepare('SELECT document, saved_at_utc FROM workspace WHERE singleton = 1');
    this.upsertRow = db.prepare(
      `INSERT INTO workspace (singleton, document, saved_at_utc) VALUES (1, ?, ?)
       ON CONFLICT (singleton) DO UPDATE SET document = excluded.document, saved_at_utc = excluded.saved_at_utc`,
    );
  }

  /** What was saved last, still as stored; the caller validates it against the contract of today's build. */
  read(): { document: unknown; savedAt: string } | null {
    const row = this.selectRow.get();
    return row ? { document: JSON.parse(row.document) as unknown, savedAt: row.saved_at_utc } : null;
  }

  save(document: object, savedAt: string): void {
    this.upsertRow.run(JSON.stringify(document), savedAt);
  }
}
