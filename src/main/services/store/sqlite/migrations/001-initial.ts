import type { Migration } from './migration.js';

/** The first schema: patients (+ search), catalogue, dispensings and their sale lines, outbox, audit, settings. */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up: (db) =>
    db.exec(`
      CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        nir TEXT UNIQUE,
        last_name TEXT NOT NULL,
        first_name TEXT NOT NULL,
        last_name_key TEXT NOT NULL,
        first_name_key TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
        source TEXT NOT NULL CHECK (source IN ('VITALE', 'APCV', 'MANUAL')),
        beneficiary_of INTEGER REFERENCES patients(id),
        relationship TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX patients_by_name ON patients (last_name_key, first_name_key);
      CREATE VIRTUAL TABLE patients_fts USING fts5(
        last_name, first_name, birth_date, nir,
        content='patients', content_rowid='id',
        tokenize = "unicode61 remove_diacritics 2", prefix = '1 2 3 4'
      );
      CREATE TRIGGER patients_ai AFTER INSERT ON patients BEGIN
        INSERT INTO patients_fts(rowid, last_name, first_name, birth_date, nir) VALUES (new.id, new.last_name, new.first_name, new.birth_date, new.nir);
      END;
      CREATE TRIGGER patients_ad AFTER DELETE ON patients BEGIN
        INSERT INTO patients_fts(patients_fts, rowid, last_name, first_name, birth_date, nir) VALUES ('delete', old.id, old.last_name, old.first_name, old.birth_date, old.nir);
      END;
      CREATE TRIGGER patients_au AFTER UPDATE ON patients BEGIN
        INSERT INTO patients_fts(patients_fts, rowid, last_name, first_name, birth_date, nir) VALUES ('delete', old.id, old.last_name, old.first_name, old.birth_date, old.nir);
        INSERT INTO patients_fts(rowid, last_name, first_name, birth_date, nir) VALUES (new.id, new.last_name, new.first_name, new.birth_date, new.nir);
      END;

      CREATE TABLE tiers_payant_certificates (
        patient_id INTEGER PRIMARY KEY REFERENCES patients(id),
        amc TEXT NOT NULL, conv TEXT NOT NULL, csr TEXT NOT NULL, adh TEXT NOT NULL,
        valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, read_at TEXT NOT NULL
      );

      CREATE TABLE products (
        cip13 TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        form TEXT,
        pack_size INTEGER NOT NULL CHECK (pack_size > 0),
        generic_group TEXT,
        list TEXT CHECK (list IN ('I', 'II', 'STUPEFIANT')),
        contraceptive INTEGER NOT NULL DEFAULT 0,
        biosimilar INTEGER NOT NULL DEFAULT 0,
        reimbursement_rate INTEGER NOT NULL DEFAULT 0,
        price_cents INTEGER NOT NULL DEFAULT 0,
        sample INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX products_by_group ON products (generic_group);

      CREATE TABLE dispensings (
        id TEXT PRIMARY KEY,
        circuit TEXT NOT NULL CHECK (circuit IN ('ON', 'PAPER')),
        prescription_id TEXT,
        renewal_number INTEGER NOT NULL,
        phase INTEGER NOT NULL CHECK (phase IN (1, 2)),
        pharmacist_rpps TEXT NOT NULL,
        patient_nir TEXT,
        patient_source TEXT,
        patient_override_reason TEXT,
        prescription_json TEXT,
        execution_json TEXT,
        complementary_info TEXT,
        workstation TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX dispensings_by_month ON dispensings (substr(created_at, 1, 7));

      CREATE TABLE sale_lines (
        id INTEGER PRIMARY KEY,
        dispensing_id TEXT NOT NULL REFERENCES dispensings(id),
        line_id TEXT,
        cip13 TEXT NOT NULL,
        label TEXT NOT NULL,
        packs INTEGER NOT NULL,
        batch TEXT,
        expiry TEXT,
        unit_price_cents INTEGER,
        reimbursement_rate INTEGER
      );

      CREATE TABLE outbox (
        execution_id TEXT PRIMARY KEY,
        dispensing_id TEXT NOT NULL UNIQUE REFERENCES dispensings(id),
        prescription_id TEXT NOT NULL,
        body_json TEXT NOT NULL,
        lease_token TEXT,
        state TEXT NOT NULL CHECK (state IN ('PENDING', 'SENT', 'REFUSED')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error_code TEXT,
        last_error_message TEXT,
        receipt_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        workstation TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        details_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

      CREATE TABLE settings (key TEXT PRIMARY KEY, value_json TEXT NOT NULL, updated_at TEXT NOT NULL);
    `),
};
