import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { CLAIMS_SCHEMA, CLAIMS_TABLES } from './claims/claims-tables.js';

/**
 * The mock téléservice's own SQLite file. WAL + synchronous FULL: once an answer is sent, a
 * kill -9 loses nothing it acknowledged.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS actors (token TEXT PRIMARY KEY, kind TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS prescriptions (
  id TEXT PRIMARY KEY,
  prescriber_rpps TEXT NOT NULL,
  patient_nir TEXT NOT NULL,
  json TEXT NOT NULL,
  status_override TEXT,
  cancelled_at TEXT,
  created_seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS prescriptions_by_patient ON prescriptions (patient_nir);
CREATE TABLE IF NOT EXISTS leases (
  prescription_id TEXT PRIMARY KEY REFERENCES prescriptions(id),
  finess TEXT NOT NULL,
  token TEXT NOT NULL,
  since TEXT NOT NULL,
  expires_at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS executions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  execution_id TEXT NOT NULL UNIQUE,
  prescription_id TEXT NOT NULL REFERENCES prescriptions(id),
  finess TEXT,
  request_json TEXT NOT NULL,
  stored_json TEXT NOT NULL,
  received_at TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  signature TEXT NOT NULL,
  cancelled_at TEXT,
  cancel_reason TEXT
);
CREATE INDEX IF NOT EXISTS executions_by_prescription ON executions (prescription_id, seq);
CREATE TABLE IF NOT EXISTS scor_documents (
  document_id TEXT PRIMARY KEY,
  finess TEXT NOT NULL,
  request_sha256 TEXT NOT NULL,
  dispensing_id TEXT NOT NULL,
  circuit TEXT NOT NULL,
  prescription_id TEXT,
  prescribed_on TEXT NOT NULL,
  prescriber_rpps TEXT,
  received_at TEXT NOT NULL,
  pages INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  min_dpi INTEGER NOT NULL,
  pdf BLOB NOT NULL,
  fse_number TEXT
);
CREATE INDEX IF NOT EXISTS scor_by_pharmacy ON scor_documents (finess, received_at);
CREATE TABLE IF NOT EXISTS apcv_sessions (
  nonce TEXT PRIMARY KEY,
  nir TEXT NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  used_at TEXT
);
${CLAIMS_SCHEMA}
`;

export type AmDatabase = Database.Database;

export function openAmDatabase(file: string): AmDatabase {
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  addMissingColumn(db, 'scor_documents', 'fse_number', 'TEXT');
  db.exec(SCHEMA);
  return db;
}

/** The HMAC key that signs receipts: drawn once and kept in the file, so receipts survive restarts. */
export function receiptKey(db: AmDatabase): Buffer {
  const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'receipt_key'").get();
  if (row) return Buffer.from(row.value, 'hex');
  const key = randomBytes(32);
  db.prepare("INSERT INTO meta (key, value) VALUES ('receipt_key', ?)").run(key.toString('hex'));
  return key;
}

/** Empties everything but the key; the caller re-applies the seed (`POST /_mock/reset`). */
export function emptyAmDatabase(db: AmDatabase): void {
  db.transaction(() => {
    for (const table of [...CLAIMS_TABLES, 'apcv_sessions', 'scor_documents', 'executions', 'leases', 'prescriptions', 'actors'])
      db.exec(`DELETE FROM ${table}`);
  })();
}

/** Runs fn in a write transaction taken up front (BEGIN IMMEDIATE): two writers never interleave. */
export function writeTransaction<T>(db: AmDatabase, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** A file written by an older mock gains the columns added since (its rows keep NULL there). */
function addMissingColumn(db: AmDatabase, table: string, column: string, type: string): void {
  const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all();
  if (columns.length > 0 && !columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
}
