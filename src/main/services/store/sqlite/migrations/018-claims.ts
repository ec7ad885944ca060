import { CLAIMS_COLUMNS_SQL, CLAIMS_TABLES_SQL } from '../../claims-schema.js';
import type { Migration } from './migration.js';

/** Getting paid (claims.md): FSEs, their lots, the mailbox's messages; the patient's organisme. */
export const migration018: Migration = {
  version: 18,
  name: 'claims: FSE, lots, mailbox',
  up: (db) => db.exec(CLAIMS_COLUMNS_SQL + CLAIMS_TABLES_SQL),
};
