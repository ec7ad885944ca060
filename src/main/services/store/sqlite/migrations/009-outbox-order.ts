import type { Migration } from './migration.js';

/**
 * The outbox's recording order as a column of its own (it was SQLite's rowid, which PostgreSQL has
 * not): one repository orders by `seq` on both engines. New rows take their rowid.
 */
export const migration009: Migration = {
  version: 9,
  name: 'the outbox recording order as a column',
  up: (db) =>
    db.exec(`
      ALTER TABLE outbox ADD COLUMN seq INTEGER;
      UPDATE outbox SET seq = rowid;
      CREATE TRIGGER outbox_seq AFTER INSERT ON outbox WHEN new.seq IS NULL BEGIN UPDATE outbox SET seq = new.rowid WHERE rowid = new.rowid; END;
      DROP INDEX outbox_by_prescription;
      CREATE INDEX outbox_by_prescription ON outbox (prescription_id, state, created_at, seq);
    `),
};
