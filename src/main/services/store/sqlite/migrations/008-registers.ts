import type { Migration } from './migration.js';

/**
 * The pharmacy's numbered registers: invoice numbers and the ordonnancier (listed medicines,
 * 10 years), each one sequence with no gap and no reuse, taken in the dispensing's transaction.
 * Ordonnancier entries are never changed: a correction or a cancellation is a new entry.
 */
export const migration008: Migration = {
  version: 8,
  name: 'invoice numbers and the ordonnancier',
  up: (db) =>
    db.exec(`
      CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      INSERT INTO sequences (name, value) VALUES ('invoice', 0), ('ordonnancier', 0);
      ALTER TABLE dispensings ADD COLUMN invoice_number INTEGER;
      ALTER TABLE sale_lines ADD COLUMN refused_generic_cents INTEGER;
      CREATE UNIQUE INDEX dispensings_by_invoice ON dispensings (invoice_number);
      CREATE TABLE ordonnancier (
        number INTEGER PRIMARY KEY,
        dispensing_id TEXT NOT NULL REFERENCES dispensings(id),
        kind TEXT NOT NULL CHECK (kind IN ('ENTRY', 'CANCELLATION')),
        refers_to INTEGER REFERENCES ordonnancier(number),
        recorded_at TEXT NOT NULL,
        prescribed_on TEXT,
        prescriber TEXT,
        patient TEXT,
        patient_nir TEXT,
        cip13 TEXT NOT NULL,
        product TEXT NOT NULL,
        list TEXT NOT NULL CHECK (list IN ('I', 'II', 'STUPEFIANT')),
        packs INTEGER NOT NULL,
        collector TEXT
      );
      CREATE INDEX ordonnancier_by_date ON ordonnancier (recorded_at);
      CREATE TRIGGER ordonnancier_no_update BEFORE UPDATE ON ordonnancier BEGIN SELECT RAISE(ABORT, 'ordonnancier entries are never changed'); END;
      CREATE TRIGGER ordonnancier_no_delete BEFORE DELETE ON ordonnancier BEGIN SELECT RAISE(ABORT, 'ordonnancier entries are never deleted'); END;
    `),
};
