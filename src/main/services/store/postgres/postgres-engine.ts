import { Kysely, PostgresDialect, sql, type RawBuilder, type SelectQueryBuilder, type Transaction } from 'kysely';
import pg from 'pg';
import { searchKey, upperBound } from '../patient-search.js';
import type { Executor, PatientRow, PatientTextQuery, StoreEngine } from '../store-engine.js';
import type { StoreTables } from '../store-tables.js';
import { migratePostgres, postgresSchemaVersion } from './postgres-database.js';
import { poolConfig, type ServerTarget } from './server-address.js';

/** One key for the audit chain: every counter appends under it, so the chain stays one chain in one order. */
const AUDIT_CHAIN_LOCK = 7_311_002;
const INT8 = 20;
/** Up to this many matches, sorting them all is cheaper than walking the name index. */
const RARE_MATCHES = 500;

/** The pharmacy's server: pg_trgm for the patient search, advisory locks, SKIP LOCKED. */
export class PostgresEngine implements StoreEngine {
  readonly kind = 'postgres' as const;
  readonly sqlite = null;
  readonly db: Kysely<StoreTables>;

  private constructor(readonly pool: pg.Pool) {
    this.db = new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) });
  }

  /** A small pool per counter (the screen and the senders), migrations run (under their own lock) before anything. */
  static async open(target: string | ServerTarget, options: { poolSize?: number; applicationName?: string } = {}): Promise<PostgresEngine> {
    const pool = new pg.Pool({
      ...poolConfig(target),
      max: options.poolSize ?? 6,
      connectionTimeoutMillis: 5_000,
      application_name: options.applicationName ?? 'comptoir',
      // count(*) is a bigint: read it as the number SQLite gives (a pharmacy never counts past 2^53).
      types: { getTypeParser: ((oid: number, format?: string) => (oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
    });
    // A client losing its server (idle in the pool, or between two queries) must not end the
    // process with an unhandled 'error' event: the next query says so, and the pool reconnects.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    try {
      await migratePostgres(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEngine(pool);
  }

  /**
   * The same seeks as SQLite's, one per name length, in one round trip: a lateral join over the
   * lengths (the longest read from the index), each seek limited, the whole in the ranking's order.
   */
  async patientsByName(ex: Executor, last: string, firstPrefix: string, limit: number): Promise<PatientRow[]> {
    const { rows } = await sql<PatientRow>`
      SELECT p.* FROM generate_series(${[...last].length}::int, (SELECT max(length(last_name_key)) FROM patients)) AS l(len)
      CROSS JOIN LATERAL (
        SELECT * FROM patients
        WHERE length(last_name_key) = l.len AND last_name_key >= ${last} AND last_name_key < ${upperBound(last)}
          AND first_name_key >= ${firstPrefix} AND first_name_key < ${upperBound(firstPrefix)}
        ORDER BY last_name_key, first_name_key LIMIT ${limit}
      ) p
      ORDER BY l.len, p.last_name_key, p.first_name_key
      LIMIT ${limit}`.execute(ex);
    return rows;
  }

  /**
   * One round trip. A rare word (« 1850 », a NIR's start) has few matches: found through the
   * trigram index and sorted. A common one (« léa », thousands of first names at 100 000 patients)
   * has too many to sort: then two parts read in the ranking's order — the last names starting with
   * the first word (a range of the name index, the exact name first), then the others walking the
   * (length, name, first name) index until the page is full. Which one runs is decided inside the
   * statement (a one-time filter on the probe's count): the other is never executed.
   */
  async patientsMatching(ex: Executor, query: PatientTextQuery, firstWord: string, limit: number): Promise<PatientRow[]> {
    const matches =
      query.kind === 'birthDate'
        ? sql`birth_date = ${query.date}`
        : sql.join(query.words.map((w) => sql`words LIKE ${`% ${searchKey(w)}%`}`), sql` AND `);
    const rank = sql`(last_name_key = ${firstWord}) DESC, (left(last_name_key, length(${firstWord})) = ${firstWord}) DESC, length(last_name_key), last_name_key, first_name_key`;
    const named = sql`last_name_key >= ${firstWord} AND last_name_key < ${upperBound(firstWord)}`;
    const { rows } = await sql<PatientRow & { part: number; words: string }>`
      WITH m AS MATERIALIZED (SELECT * FROM patients WHERE ${matches} LIMIT ${RARE_MATCHES + 1}),
      rare AS (SELECT count(*) <= ${RARE_MATCHES} AS yes FROM m)
      SELECT * FROM (
        (SELECT 0 AS part, m.* FROM m WHERE (SELECT yes FROM rare) ORDER BY ${rank} LIMIT ${limit})
        UNION ALL
        (SELECT 1 AS part, * FROM patients WHERE NOT (SELECT yes FROM rare) AND ${matches} AND ${named} ORDER BY ${rank} LIMIT ${limit})
        UNION ALL
        (SELECT 2 AS part, * FROM patients WHERE NOT (SELECT yes FROM rare) AND ${matches} AND NOT (${named}) ORDER BY length(last_name_key), last_name_key, first_name_key LIMIT ${limit})
      ) found
      ORDER BY part, ${rank}
      LIMIT ${limit}`.execute(ex);
    return rows.map(({ part: _part, words: _words, ...row }) => row);
  }

  joinedText(expression: RawBuilder<string>, separator: string): RawBuilder<string | null> {
    return sql<string | null>`string_agg(${expression}, ${separator})`;
  }

  async lockAuditChain(trx: Transaction<StoreTables>): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  }

  skipLocked<QB extends SelectQueryBuilder<StoreTables, keyof StoreTables, object>>(query: QB): QB {
    return query.forUpdate().skipLocked() as QB;
  }

  forUpdate<QB extends SelectQueryBuilder<StoreTables, keyof StoreTables, object>>(query: QB): QB {
    return query.forUpdate() as QB;
  }

  async analyze(table: 'products'): Promise<void> {
    await sql`ANALYZE ${sql.table(table)}`.execute(this.db);
  }

  async serverNow(ex: Executor): Promise<Date> {
    // clock_timestamp(), not now(): inside a long transaction, now() is the transaction's start.
    const { rows } = await sql<{ t: Date }>`SELECT clock_timestamp() AS t`.execute(ex);
    return new Date(rows[0]!.t);
  }

  async version(): Promise<string> {
    const { rows } = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(this.db);
    return `PostgreSQL ${rows[0]?.v ?? '?'}`;
  }

  async schemaVersion(): Promise<number> {
    return postgresSchemaVersion(this.pool);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
