import type pg from 'pg';
import { AppError } from '../../../../shared/contract/result.js';
import { SERVER_UNREACHABLE_MESSAGE } from '../store-errors.js';
import { POSTGRES_LATEST_VERSION, POSTGRES_MIGRATIONS } from './migrations/index.js';
import type { PostgresMigration } from './migrations/postgres-migration.js';

/** One key for every counter: two counters starting together never migrate at once. */
const MIGRATION_LOCK = 7_311_001;

export const POSTGRES_ERRORS = {
  DATABASE_TOO_NEW: (found: number) =>
    new AppError(
      'DATABASE_TOO_NEW',
      `La base de l’officine vient d’une version plus récente de Comptoir (schéma ${found}, celle-ci connaît ${POSTGRES_LATEST_VERSION}) : mettez ce poste à jour. Rien n’a été modifié.`,
    ),
  SERVER_UNREACHABLE: () => new AppError('SERVER_UNREACHABLE', SERVER_UNREACHABLE_MESSAGE),
  SCHEMA_UPDATE_NEEDED: () =>
    new AppError(
      'SCHEMA_UPDATE_NEEDED',
      'La base de l’officine est à mettre à jour, et ce poste n’en a pas le droit : lancez « comptoir db migrate » avec l’adresse de son propriétaire (c’est l’affaire de qui a installé le serveur). Rien n’a été modifié.',
    ),
};

/** PostgreSQL's insufficient_privilege: the runtime role may read and write rows, never change the schema. */
const INSUFFICIENT_PRIVILEGE = '42501';

/** Applies the migrations above the database's version, each in its own transaction, under an advisory lock. */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<{ from: number; to: number }> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch {
    throw POSTGRES_ERRORS.SERVER_UNREACHABLE();
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const from = await versionOf(client);
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (from > latest) throw POSTGRES_ERRORS.DATABASE_TOO_NEW(from);
    if (from === latest) return { from, to: from };
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)',
      );
      for (const m of migrations.filter((x) => x.version > from)) {
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [
            m.version,
            m.name,
            new Date().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } catch (error) {
      // A counter's runtime role behind the schema: the owner migrates (comptoir db migrate), never a counter.
      if ((error as { code?: string }).code === INSUFFICIENT_PRIVILEGE) throw POSTGRES_ERRORS.SCHEMA_UPDATE_NEEDED();
      throw error;
    }
    return { from, to: latest };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** The schema's version, without writing anything (a runtime role may not create the table). */
async function versionOf(client: pg.PoolClient): Promise<number> {
  const exists = (await client.query<{ t: string | null }>("SELECT to_regclass('schema_version')::text AS t")).rows[0]?.t;
  return exists ? Number((await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version')).rows[0]?.v ?? 0) : 0;
}

/**
 * `comptoir db migrate` as the owner: the counters' runtime role gets what a counter needs and no
 * more — rows read and written, the append-only registers only added to (no UPDATE, DELETE or
 * TRUNCATE), the schema's version read, nothing of the schema changed.
 */
export async function grantRuntimeRole(pool: pg.Pool, role: string): Promise<void> {
  const client = await pool.connect();
  try {
    const r = client.escapeIdentifier(role);
    await client.query(`
      GRANT USAGE ON SCHEMA public TO ${r};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
      REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${r};
      REVOKE UPDATE, DELETE ON audit_log, ordonnancier FROM ${r};
      REVOKE INSERT, UPDATE, DELETE ON schema_version FROM ${r};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
    `);
  } finally {
    client.release();
  }
}

export async function postgresSchemaVersion(pool: pg.Pool): Promise<number> {
  return Number((await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version')).rows[0]?.v ?? 0);
}
