import type { Migration } from './migration.js';

/**
 * The pharmacy's prescriber file: searched by name or RPPS at « Prescripteur », created on the spot,
 * and filled by itself with every prescriber met on an Ordonnance Numérique. Dispensings say which
 * prescriber and which date their prescription carried.
 */
export const migration006: Migration = {
  version: 6,
  name: 'prescribers, and the prescription date and prescriber of each dispensing',
  up: (db) =>
    db.exec(`
      CREATE TABLE prescribers (
        rpps TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        specialty TEXT,
        am_number TEXT,
        source TEXT NOT NULL CHECK (source IN ('ON', 'MANUAL')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX prescribers_by_name ON prescribers (name_key);
      ALTER TABLE dispensings ADD COLUMN prescribed_on TEXT;
      ALTER TABLE dispensings ADD COLUMN prescriber_rpps TEXT;
    `),
};
