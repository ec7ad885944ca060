import type { PostgresMigration } from './postgres-migration.js';

/** The counter file's migration 10: which counter has a prescription open, kept alive by its heartbeat. */
export const postgresMigration002: PostgresMigration = {
  version: 2,
  name: 'prescriptions open at a counter',
  sql: `
    CREATE TABLE prescription_locks (
      prescription_id text PRIMARY KEY,
      workstation text NOT NULL,
      opened_at text NOT NULL,
      heartbeat_at text NOT NULL
    );
    CREATE INDEX prescription_locks_by_workstation ON prescription_locks (workstation);
  `,
};
