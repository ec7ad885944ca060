import { CLAIMS_COLUMNS_SQL, CLAIMS_TABLES_SQL } from '../../claims-schema.js';
import type { PostgresMigration } from './postgres-migration.js';

/** Getting paid (SQLite's migration 18). */
export const postgresMigration012: PostgresMigration = {
  version: 12,
  name: 'claims: FSE, lots, mailbox',
  sql: CLAIMS_COLUMNS_SQL + CLAIMS_TABLES_SQL,
};
