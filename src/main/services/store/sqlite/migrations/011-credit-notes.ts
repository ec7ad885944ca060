import type { Migration } from './migration.js';

/**
 * Avoirs: a cancelled dispensing keeps its invoice and gets a credit note, numbered in the same
 * sequence as invoices (no gap, never reused), taken in the cancellation's transaction.
 */
export const migration011: Migration = {
  version: 11,
  name: 'credit notes (avoirs)',
  up: (db) =>
    db.exec(`
      ALTER TABLE dispensings ADD COLUMN credit_note_number INTEGER;
      CREATE UNIQUE INDEX dispensings_by_credit_note ON dispensings (credit_note_number);
    `),
};
