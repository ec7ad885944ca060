import type { PostgresMigration } from './postgres-migration.js';

/** The counter file's migration 13: an ordonnancier entry may be a CORRECTION of an earlier one. */
export const postgresMigration005: PostgresMigration = {
  version: 5,
  name: 'ordonnancier corrections',
  sql: `
    ALTER TABLE ordonnancier DROP CONSTRAINT ordonnancier_kind_check;
    ALTER TABLE ordonnancier ADD CONSTRAINT ordonnancier_kind_check CHECK (kind IN ('ENTRY', 'CANCELLATION', 'CORRECTION'));
  `,
};
