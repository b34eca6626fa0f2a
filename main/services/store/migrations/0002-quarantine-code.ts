// Keeps a quarantined outbox item's reason code in its own column beside the message, instead of one "code: message" string.
import type { Migration } from './types';

export const migration0002: Migration = {
  version: 2,
  name: 'quarantine reason code in its own column',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN quarantine_code TEXT;

      -- Rows quarantined before this version hold "<code>: <message>" with a code of lower-case letters and
      -- underscores; they are split once at the first ": ". Anything else keeps its whole text as the
      -- message, with the code 'other' (what the nurse was shown for it before).
      UPDATE outbox
         SET quarantine_code = substr(quarantine_reason, 1, instr(quarantine_reason, ': ') - 1),
             quarantine_reason = substr(quarantine_reason, instr(quarantine_reason, ': ') + 2)
       WHERE state = 'quarantined'
         AND instr(quarantine_reason, ': ') > 1
         AND substr(quarantine_reason, 1, instr(quarantine_reason, ': ') - 1) NOT GLOB '*[^a-z_]*';
      UPDATE outbox SET quarantine_code = 'other' WHERE state = 'quarantined' AND quarantine_code IS NULL;

      -- A code exactly when quarantined, as the reason; both are set and cleared together.
      CREATE TRIGGER outbox_quarantine_code_insert BEFORE INSERT ON outbox
      WHEN (NEW.state = 'quarantined') != (NEW.quarantine_code IS NOT NULL)
      BEGIN
        SELECT RAISE(ABORT, 'A quarantined outbox item needs a reason code, and only a quarantined one has one.');
      END;
      CREATE TRIGGER outbox_quarantine_code_update BEFORE UPDATE ON outbox
      WHEN (NEW.state = 'quarantined') != (NEW.quarantine_code IS NOT NULL)
      BEGIN
        SELECT RAISE(ABORT, 'A quarantined outbox item needs a reason code, and only a quarantined one has one.');
      END;
    `);
  },
};
