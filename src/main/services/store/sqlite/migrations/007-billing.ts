import type { Migration } from './migration.js';

/**
 * Billing (billing.md): the catalogue's TFR and "specific" mark, the dated tariffs of the
 * honoraires that replace the defaults, and the mutuelle's cover per rate on its certificate.
 */
export const migration007: Migration = {
  version: 7,
  name: 'billing: TFR, specific medicines, tariffs, the mutuelle cover',
  up: (db) =>
    db.exec(`
      ALTER TABLE products ADD COLUMN tfr_cents INTEGER;
      ALTER TABLE products ADD COLUMN specific INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE tariffs (
        code TEXT NOT NULL CHECK (code IN ('HD', 'HD3', 'HDR', 'HDA', 'HDE', 'HDC')),
        since TEXT NOT NULL,
        amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
        rate INTEGER CHECK (rate BETWEEN 0 AND 100),
        imported_at TEXT NOT NULL,
        PRIMARY KEY (code, since)
      );
      ALTER TABLE tiers_payant_certificates ADD COLUMN ph7 INTEGER NOT NULL DEFAULT 100;
      ALTER TABLE tiers_payant_certificates ADD COLUMN ph4 INTEGER NOT NULL DEFAULT 100;
      ALTER TABLE tiers_payant_certificates ADD COLUMN ph2 INTEGER NOT NULL DEFAULT 100;
      ALTER TABLE tiers_payant_certificates ADD COLUMN ph1 INTEGER NOT NULL DEFAULT 100;
    `),
};
