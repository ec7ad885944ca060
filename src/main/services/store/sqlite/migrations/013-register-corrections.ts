import type { Migration } from './migration.js';

/**
 * The ordonnancier's corrections: a degraded-mode entry, written before the prescription was known,
 * is completed (prescriber, date) by a CORRECTION entry that refers to it — entries are never
 * changed. SQLite cannot widen a CHECK: the table is rebuilt, rows, numbers and triggers kept.
 */
export const migration013: Migration = {
  version: 13,
  name: 'ordonnancier corrections',
  up: (db) =>
    db.exec(`
      CREATE TABLE ordonnancier_v13 (
        number INTEGER PRIMARY KEY,
        dispensing_id TEXT NOT NULL REFERENCES dispensings(id),
        kind TEXT NOT NULL CHECK (kind IN ('ENTRY', 'CANCELLATION', 'CORRECTION')),
        refers_to INTEGER REFERENCES ordonnancier_v13(number),
        recorded_at TEXT NOT NULL,
        prescribed_on TEXT,
        prescriber TEXT,
        patient TEXT,
        patient_nir TEXT,
        cip13 TEXT NOT NULL,
        product TEXT NOT NULL,
        list TEXT NOT NULL CHECK (list IN ('I', 'II', 'STUPEFIANT')),
        packs INTEGER NOT NULL,
        collector TEXT,
        patient_address TEXT,
        prescriber_address TEXT
      );
      INSERT INTO ordonnancier_v13 SELECT number, dispensing_id, kind, refers_to, recorded_at, prescribed_on, prescriber, patient, patient_nir, cip13, product, list, packs, collector, patient_address, prescriber_address FROM ordonnancier;
      DROP TABLE ordonnancier;
      ALTER TABLE ordonnancier_v13 RENAME TO ordonnancier;
      CREATE INDEX ordonnancier_by_date ON ordonnancier (recorded_at);
      CREATE TRIGGER ordonnancier_no_update BEFORE UPDATE ON ordonnancier BEGIN SELECT RAISE(ABORT, 'ordonnancier entries are never changed'); END;
      CREATE TRIGGER ordonnancier_no_delete BEFORE DELETE ON ordonnancier BEGIN SELECT RAISE(ABORT, 'ordonnancier entries are never deleted'); END;
    `),
};
