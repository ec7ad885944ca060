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
/** How far the first, bounded walk goes: a word dense enough (« léa ») fills its page within these index tuples. */
const DENSE_WALK_TUPLES = 5000;

/** The pharmacy's server: pg_trgm for the patient search, advisory locks, SKIP LOCKED. */
export class PostgresEngine implements StoreEngine {
  readonly kind = 'postgres' as const;
  readonly sqlite = null;
  readonly shared = true;
  /** The pharmacy's server is backed up with its own tools (`comptoir db backup`). */
  readonly onlineBackup = null;
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
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
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
   * One round trip, three ways decided inside the statement (one-time filters: the others never run).
   * A dense word (« léa », « zoé »: thousands of first names at 100 000 patients) fills its page
   * within the first index tuples of the ranking's order (length, last name, first name): a walk
   * bounded to them finds it, after the last names starting with the first word (a range of the
   * name index, the exact name first). Otherwise a probe counts the matches: few (« 1850 », a NIR's
   * start), they are found through the trigram index and sorted; many, the same two parts walk on
   * until the page is full. The walks match the words on the index's own tuples (`patients_walk`
   * carries them, and the id): only the page's rows are read whole.
   */
  async patientsMatching(ex: Executor, query: PatientTextQuery, firstWord: string, limit: number): Promise<PatientRow[]> {
    const matches =
      query.kind === 'birthDate'
        ? sql`birth_date = ${query.date}`
        : sql.join(
            query.words.map((w) => sql`words LIKE ${`% ${searchKey(w)}%`}`),
            sql` AND `,
          );
    const rank = sql`(last_name_key = ${firstWord}) DESC, (left(last_name_key, length(${firstWord})) = ${firstWord}) DESC, length(last_name_key), last_name_key, first_name_key`;
    const named = sql`last_name_key >= ${firstWord} AND last_name_key < ${upperBound(firstWord)}`;
    const walk = sql`length(last_name_key), last_name_key, first_name_key`;
    // Only the index's own columns, so the bounded walk never reads the table (a birth date is never dense: no walk).
    const tuples = query.kind === 'birthDate' ? sql`id, last_name_key, birth_date` : sql`id, last_name_key, words`;
    const { rows } = await sql<PatientRow & { part: number; words: string }>`
      WITH first_tuples AS MATERIALIZED (
        SELECT id FROM (SELECT ${tuples} FROM patients ORDER BY ${walk} LIMIT ${query.kind === 'birthDate' ? 0 : DENSE_WALK_TUPLES}) t
        WHERE ${matches} AND NOT (${named}) LIMIT ${limit}
      ),
      dense AS (SELECT count(*) >= ${limit} AS yes FROM first_tuples),
      m AS MATERIALIZED (SELECT id FROM patients WHERE NOT (SELECT yes FROM dense) AND ${matches} LIMIT ${RARE_MATCHES + 1}),
      rare AS (SELECT NOT (SELECT yes FROM dense) AND count(*) <= ${RARE_MATCHES} AS yes FROM m)
      SELECT * FROM (
        (SELECT 0 AS part, * FROM patients WHERE (SELECT yes FROM rare) AND id IN (SELECT id FROM m) ORDER BY ${rank} LIMIT ${limit})
        UNION ALL
        (SELECT 1 AS part, * FROM patients WHERE NOT (SELECT yes FROM rare) AND ${matches} AND ${named} ORDER BY ${rank} LIMIT ${limit})
        UNION ALL
        (SELECT 2 AS part, * FROM patients WHERE (SELECT yes FROM dense) AND id IN (SELECT id FROM first_tuples))
        UNION ALL
        (SELECT 2 AS part, p.* FROM (
          SELECT id, ${walk} FROM patients WHERE NOT (SELECT yes FROM rare) AND NOT (SELECT yes FROM dense) AND ${matches} AND NOT (${named}) ORDER BY ${walk} LIMIT ${limit}
        ) page JOIN patients p USING (id))
      ) found
      ORDER BY part, ${rank}
      LIMIT ${limit}`.execute(ex);
    return rows.map(({ part: _part, words: _words, ...row }) => row);
  }

  /** The server's storage is the server's own: nothing to overwrite from a counter. */
  eraseFreedPages<T>(change: () => Promise<T>): Promise<T> {
    return change();
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
