import type { PostgresMigration } from './postgres-migration.js';

/** Each dispensing keeps the bill of its validating transaction (SQLite's migration 17). */
export const postgresMigration011: PostgresMigration = {
  version: 11,
  name: 'each dispensing keeps its bill',
  sql: `ALTER TABLE dispensings ADD COLUMN bill_json text;`,
};
