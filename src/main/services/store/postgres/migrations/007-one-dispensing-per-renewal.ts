import { RENEWAL_PART_BACKFILL } from '../../sqlite/migrations/015-one-dispensing-per-renewal.js';
import type { PostgresMigration } from './postgres-migration.js';

/** The counter file's migration 15: a second dispensing of one renewal, unaware of the first, is refused by the database. */
export const postgresMigration007: PostgresMigration = {
  version: 7,
  name: 'one dispensing per renewal and part',
  sql: `
    ALTER TABLE dispensings ADD COLUMN renewal_part integer NOT NULL DEFAULT 0;
    ${RENEWAL_PART_BACKFILL}
    CREATE UNIQUE INDEX dispensings_one_per_renewal_part ON dispensings (prescription_id, renewal_number, renewal_part)
      WHERE prescription_id IS NOT NULL AND cancelled_at IS NULL;
  `,
};
