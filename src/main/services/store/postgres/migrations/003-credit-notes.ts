import type { PostgresMigration } from './postgres-migration.js';

/** The counter file's migration 11: a cancelled dispensing's avoir, numbered in the invoices' sequence. */
export const postgresMigration003: PostgresMigration = {
  version: 3,
  name: 'credit notes (avoirs)',
  sql: `
    ALTER TABLE dispensings ADD COLUMN credit_note_number integer;
    CREATE UNIQUE INDEX dispensings_by_credit_note ON dispensings (credit_note_number);
  `,
};
