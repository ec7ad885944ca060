import type { Migration } from './migration.js';

/**
 * Cancelling a transmitted execution (a mistake, a return): the dispensing says it is cancelled and
 * why; the cancellation waits in its own queue until the téléservice has it, like an execution.
 */
export const migration004: Migration = {
  version: 4,
  name: 'cancelled dispensings and their queue',
  up: (db) =>
    db.exec(`
      ALTER TABLE dispensings ADD COLUMN cancelled_at TEXT;
      ALTER TABLE dispensings ADD COLUMN cancel_reason TEXT;
      CREATE TABLE cancellations (
        execution_id TEXT PRIMARY KEY,
        dispensing_id TEXT NOT NULL UNIQUE REFERENCES dispensings(id),
        reason TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('PENDING', 'SENT', 'LOCAL', 'REFUSED')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error_code TEXT,
        last_error_message TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX cancellations_due ON cancellations (state, next_attempt_at);
      CREATE INDEX dispensings_by_date ON dispensings (created_at);
    `),
};
