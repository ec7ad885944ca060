/**
 * The caisse's side of the claims (claims.md), in the mock's SQLite file. A message gets its `seq`
 * only when it becomes available (`sv_messages`); until then it waits in `sv_pending`, so following
 * the mailbox's cursor never skips one.
 */
export const CLAIMS_SCHEMA = `
CREATE TABLE IF NOT EXISTS sv_beneficiaries (nir TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sv_directory (rpps TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sv_rules (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sv_lots (
  lot_id TEXT PRIMARY KEY,
  finess TEXT NOT NULL,
  lot_number INTEGER NOT NULL,
  request_sha256 TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_day TEXT NOT NULL,
  arl TEXT NOT NULL,
  fse_count INTEGER NOT NULL,
  organisme TEXT NOT NULL,
  answer_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sv_lots_by_pharmacy ON sv_lots (finess, received_at);
CREATE TABLE IF NOT EXISTS sv_fses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  finess TEXT NOT NULL,
  fse_number TEXT NOT NULL,
  lot_id TEXT NOT NULL REFERENCES sv_lots(lot_id),
  json TEXT NOT NULL,
  amo_state TEXT,
  amo_final_json TEXT
);
CREATE INDEX IF NOT EXISTS sv_fses_by_number ON sv_fses (finess, fse_number, id);
CREATE TABLE IF NOT EXISTS sv_pending (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  fse_id INTEGER NOT NULL REFERENCES sv_fses(id),
  kind TEXT NOT NULL CHECK (kind IN ('EXAMINE', 'RELEASE')),
  due_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sv_pending_by_due ON sv_pending (due_at_ms, id);
CREATE TABLE IF NOT EXISTS sv_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  finess TEXT NOT NULL,
  type TEXT NOT NULL,
  fse_number TEXT,
  json TEXT NOT NULL,
  available_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sv_messages_by_pharmacy ON sv_messages (finess, seq);
CREATE INDEX IF NOT EXISTS sv_messages_by_fse ON sv_messages (finess, fse_number, seq);
`;

/** Emptied by `/_mock/reset`, children first. */
export const CLAIMS_TABLES = ['sv_messages', 'sv_pending', 'sv_fses', 'sv_lots', 'sv_rules', 'sv_directory', 'sv_beneficiaries'];
