import type pg from 'pg';
import { AppError } from '../../../../shared/contract/result.js';
import { SERVER_UNREACHABLE_MESSAGE } from '../store-errors.js';
import { POSTGRES_LATEST_VERSION, POSTGRES_MIGRATIONS } from './migrations/index.js';
import type { PostgresMigration } from './migrations/postgres-migration.js';

/** One key for every counter: two counters starting together never migrate at once. */
const MIGRATION_LOCK = 7_311_001;

export const POSTGRES_ERRORS = {
  DATABASE_TOO_NEW: (found: number) =>
    new AppError('DATABASE_TOO_NEW', `La base de l’officine vient d’une version plus récente de Comptoir (schéma ${found}, celle-ci connaît ${POSTGRES_LATEST_VERSION}) : mettez ce poste à jour. Rien n’a été modifié.`),
  SERVER_UNREACHABLE: () => new AppError('SERVER_UNREACHABLE', SERVER_UNREACHABLE_MESSAGE),
};

/** Applies the migrations above the database's version, each in its own transaction, under an advisory lock. */
export async function migratePostgres(pool: pg.Pool, migrations: PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<{ from: number; to: number }> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch {
    throw POSTGRES_ERRORS.SERVER_UNREACHABLE();
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
    const from = Number((await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version')).rows[0]?.v ?? 0);
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (from > latest) throw POSTGRES_ERRORS.DATABASE_TOO_NEW(from);
    for (const m of migrations.filter((x) => x.version > from)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return { from, to: Math.max(from, latest) };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

export async function postgresSchemaVersion(pool: pg.Pool): Promise<number> {
  return Number((await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version')).rows[0]?.v ?? 0);
}
