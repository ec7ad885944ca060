import type { Migration } from './migration.js';

/** Which dispensing of its renewal each one is, counting the pharmacy's active ones it was recorded after. */
export const RENEWAL_PART_BACKFILL = `
  UPDATE dispensings SET renewal_part = (
    SELECT COUNT(*) FROM dispensings earlier
    WHERE earlier.prescription_id = dispensings.prescription_id AND earlier.renewal_number = dispensings.renewal_number
      AND earlier.cancelled_at IS NULL
      AND (earlier.created_at < dispensings.created_at OR (earlier.created_at = dispensings.created_at AND earlier.id < dispensings.id))
  )
  WHERE prescription_id IS NOT NULL AND cancelled_at IS NULL;
`;

/**
 * One dispensing of a prescription's renewal per what its counter knew: `renewal_part` is how many
 * active dispensings of that renewal the counter saw when it opened the prescription (0: the first;
 * 1: completing a partial one…). Two counters that both opened it before either validated both say 0:
 * the database refuses the second, whatever the locks and the téléservice did. A cancelled one frees its place.
 */
export const migration015: Migration = {
  version: 15,
  name: 'one dispensing per renewal and part',
  up: (db) =>
    db.exec(`
      ALTER TABLE dispensings ADD COLUMN renewal_part INTEGER NOT NULL DEFAULT 0;
      ${RENEWAL_PART_BACKFILL}
      CREATE UNIQUE INDEX dispensings_one_per_renewal_part ON dispensings (prescription_id, renewal_number, renewal_part)
        WHERE prescription_id IS NOT NULL AND cancelled_at IS NULL;
    `),
};
