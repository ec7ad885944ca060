import type { Migration } from './migration.js';

/**
 * The catalogue as the national drug base (BDPM) fills it: a price, a rate or a count of units may
 * be unknown (null, never 0); each product says where it comes from (BDPM, the pharmacy's FILE, the
 * demo's SAMPLE), whether it is still in the base (withdrawn: kept, dispensings refer to it), its
 * BDPM facts (CIP7, CIS, pack fee, generic groups, regulatory class, abrogation) and the pharmacy's
 * overlay (its file's cells, applied again over each BDPM import). The imports are recorded.
 */
export const PRODUCTS_V16_COLUMNS = `
  cip13 TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  form TEXT,
  pack_size INTEGER CHECK (pack_size IS NULL OR pack_size > 0),
  generic_group TEXT,
  list TEXT CHECK (list IN ('I', 'II', 'STUPEFIANT')),
  contraceptive INTEGER NOT NULL DEFAULT 0,
  biosimilar INTEGER NOT NULL DEFAULT 0,
  reimbursement_rate INTEGER,
  price_cents INTEGER,
  sample INTEGER NOT NULL DEFAULT 0,
  tfr_cents INTEGER,
  specific INTEGER NOT NULL DEFAULT 0,
  cip7 TEXT,
  cis TEXT,
  pack_fee_cents INTEGER,
  generic_groups_json TEXT NOT NULL DEFAULT '[]',
  regulatory TEXT CHECK (regulatory IN ('STUPEFIANT', 'ASSIMILE_STUPEFIANT', 'LISTE_I', 'LISTE_II')),
  marketed INTEGER NOT NULL DEFAULT 1,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL DEFAULT 'FILE' CHECK (source IN ('BDPM', 'FILE', 'SAMPLE')),
  abrogated_on TEXT,
  overlay_json TEXT
`;

export const migration016: Migration = {
  version: 16,
  name: 'the national catalogue',
  up: (db) =>
    db.exec(`
      CREATE TABLE products_v16 (${PRODUCTS_V16_COLUMNS});
      INSERT INTO products_v16 (cip13, label, form, pack_size, generic_group, list, contraceptive, biosimilar, reimbursement_rate, price_cents, sample, tfr_cents, specific, regulatory, source)
        SELECT cip13, label, form, pack_size, generic_group, list, contraceptive, biosimilar, reimbursement_rate, price_cents, sample, tfr_cents, specific,
          CASE list WHEN 'I' THEN 'LISTE_I' WHEN 'II' THEN 'LISTE_II' WHEN 'STUPEFIANT' THEN 'STUPEFIANT' END,
          CASE WHEN sample = 1 THEN 'SAMPLE' ELSE 'FILE' END
        FROM products;
      DROP TABLE products;
      ALTER TABLE products_v16 RENAME TO products;
      CREATE INDEX products_by_group ON products (generic_group);
      CREATE INDEX products_by_cis ON products (cis);
      CREATE TABLE catalogue_imports (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('BDPM', 'FILE')),
        published_on TEXT,
        files_json TEXT NOT NULL,
        summary_json TEXT NOT NULL,
        actor TEXT NOT NULL
      );
    `),
};
