import type { PostgresMigration } from './postgres-migration.js';

/** The counter file's migration 14: counters by their own id, a unique name each, and locks by counter id. */
export const postgresMigration006: PostgresMigration = {
  version: 6,
  name: 'counters and their locks by id',
  sql: `
    CREATE TABLE counters (
      id text PRIMARY KEY,
      name text NOT NULL UNIQUE,
      host text NOT NULL,
      created_at text NOT NULL,
      seen_at text NOT NULL
    );
    ALTER TABLE prescription_locks ADD COLUMN counter_id text;
    CREATE INDEX prescription_locks_by_counter ON prescription_locks (counter_id);
  `,
};
