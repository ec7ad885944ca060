import type { Migration } from './migration.js';

/**
 * A bill is what was billed: each dispensing keeps the amounts of its validating transaction
 * (lines, honoraires, AMO, AMC, reste à charge), and every reprint reads them — never recomputed
 * from later tariffs, prices or certificates. Older dispensings (null) are computed as before.
 */
export const migration017: Migration = {
  version: 17,
  name: 'each dispensing keeps its bill',
  up: (db) => db.exec('ALTER TABLE dispensings ADD COLUMN bill_json TEXT;'),
};
