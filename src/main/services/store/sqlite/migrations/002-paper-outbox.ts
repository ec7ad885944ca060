import type { Migration } from './migration.js';

/**
 * Degraded mode from the paper: an outbox row may hold what was dispensed against a prescription
 * the server could not give; it becomes an execution once the server answers again.
 */
export const migration002: Migration = {
  version: 2,
  name: 'paper dispensings waiting in the outbox',
  up: (db) =>
    db.exec(`
      ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'EXECUTION' CHECK (kind IN ('EXECUTION', 'PAPER'));
      ALTER TABLE outbox ADD COLUMN paper_json TEXT;
    `),
};
