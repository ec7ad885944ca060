import type { Migration } from './migration.js';

/**
 * SCOR: the scanned paper ordonnance a dispensing needs (phase 1 for an Ordonnance Numérique,
 * always for paper). The row exists from the dispensing's own transaction (« à numériser »), gets
 * its PDF when scanned, and waits like an execution until the téléservice has it.
 */
export const migration005: Migration = {
  version: 5,
  name: 'scanned ordonnances for SCOR',
  up: (db) =>
    db.exec(`
      CREATE TABLE scor_documents (
        document_id TEXT PRIMARY KEY,
        dispensing_id TEXT NOT NULL UNIQUE REFERENCES dispensings(id),
        circuit TEXT NOT NULL CHECK (circuit IN ('ON', 'PAPER')),
        prescription_id TEXT,
        prescribed_on TEXT NOT NULL,
        prescriber_rpps TEXT,
        state TEXT NOT NULL CHECK (state IN ('TO_SCAN', 'PENDING', 'SENT', 'REFUSED')),
        pdf BLOB,
        pages INTEGER,
        dpi INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error_code TEXT,
        last_error_message TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX scor_documents_due ON scor_documents (state, next_attempt_at);
    `),
};
