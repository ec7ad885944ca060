import { Kysely, SqliteDialect } from 'kysely';
import type { StoreDb } from './sqlite-database.js';
import type { StoreTables } from '../store-tables.js';

/** Kysely over the counter's own SQLite connection: the same typed queries as on PostgreSQL. */
export function kyselyOverSqlite(db: StoreDb): Kysely<StoreTables> {
  return new Kysely<StoreTables>({ dialect: new SqliteDialect({ database: db }) });
}
