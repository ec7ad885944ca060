import type { Migration } from './migration.js';

/**
 * Counters told apart by who they are: each has a permanent id (made at its first start, kept in its
 * data folder) and a name people read, unique in the pharmacy; a lock belongs to a counter's id.
 */
export const migration014: Migration = {
  version: 14,
  name: 'counters and their locks by id',
  up: (db) =>
    db.exec(`
      CREATE TABLE counters (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        host TEXT NOT NULL,
        created_at TEXT NOT NULL,
        seen_at TEXT NOT NULL
      );
      ALTER TABLE prescription_locks ADD COLUMN counter_id TEXT;
      CREATE INDEX prescription_locks_by_counter ON prescription_locks (counter_id);
    `),
};
