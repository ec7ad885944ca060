import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type RawBuilder } from 'kysely';
import { upperBound } from '../patient-search.js';
import type { Executor, OnlineBackup, PatientRow, PatientTextQuery, StoreEngine } from '../store-engine.js';
import { openStoreDatabase, schemaVersion, type StoreDb } from './sqlite-database.js';
import type { StoreTables } from '../store-tables.js';

/** A text query as FTS5 reads it: quoted prefixes (no operator from the user ever reaches FTS5), or the birth date column. */
function ftsQuery(query: PatientTextQuery): string {
  if (query.kind === 'birthDate') return `birth_date : "${query.date}"`;
  return query.words.map((w) => `"${w.replace(/"/g, '')}"*`).join(' AND ');
}

/**
 * Transactions that take SQLite's write lock at BEGIN (BEGIN IMMEDIATE): two connections to one file
 * (the workstation and a command, or a test's counters) then wait their turn (busy_timeout) instead
 * of failing when a reader upgrades to a writer.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(private readonly database: StoreDb) {
    super({ database });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /** SQLite already rolled back after some errors (SQLITE_FULL): the original error must reach the caller, not « no transaction ». */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.database.inTransaction) await super.rollbackTransaction(connection);
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: StoreDb) {
    super({ database });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.database);
  }
}

/** The counter's own SQLite file: FTS5 for the patient search, its write lock for the audit chain. */
export class SqliteEngine implements StoreEngine {
  readonly kind = 'sqlite' as const;
  readonly shared = false;
  readonly db: Kysely<StoreTables>;
  readonly onlineBackup: OnlineBackup = (toFile) => this.sqlite.backup(toFile);

  constructor(readonly sqlite: StoreDb) {
    this.db = new Kysely<StoreTables>({ dialect: new ImmediateSqliteDialect(sqlite) });
  }

  static open(file: string): SqliteEngine {
    return new SqliteEngine(openStoreDatabase(file));
  }

  /** One indexed seek per name length: each is a few microseconds on a local file. */
  async patientsByName(ex: Executor, last: string, firstPrefix: string, limit: number): Promise<PatientRow[]> {
    const rows: PatientRow[] = [];
    const longest = Number(
      (
        await ex
          .selectFrom('patients')
          .select((eb) => eb.fn.max(eb.fn('length', ['last_name_key'])).as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    for (let length = [...last].length; length <= longest && rows.length < limit; length++) {
      rows.push(
        ...(await ex
          .selectFrom('patients')
          .selectAll()
          .where((eb) => eb(eb.fn('length', ['last_name_key']), '=', length))
          .where('last_name_key', '>=', last)
          .where('last_name_key', '<', upperBound(last))
          .where('first_name_key', '>=', firstPrefix)
          .where('first_name_key', '<', upperBound(firstPrefix))
          .orderBy('last_name_key')
          .orderBy('first_name_key')
          .limit(limit - rows.length)
          .execute()),
      );
    }
    return rows;
  }

  async patientsMatching(ex: Executor, query: PatientTextQuery, firstWord: string, limit: number): Promise<PatientRow[]> {
    const { rows } = await sql<PatientRow>`
      SELECT p.* FROM patients_fts JOIN patients p ON p.id = patients_fts.rowid
      WHERE patients_fts MATCH ${ftsQuery(query)}
      ORDER BY (p.last_name_key = ${firstWord}) DESC, (substr(p.last_name_key, 1, length(${firstWord})) = ${firstWord}) DESC,
               length(p.last_name_key), p.last_name_key, p.first_name_key
      LIMIT ${limit}`.execute(ex);
    return rows;
  }

  joinedText(expression: RawBuilder<string>, separator: string): RawBuilder<string | null> {
    return sql<string | null>`group_concat(${expression}, ${separator})`;
  }

  async eraseFreedPages<T>(change: () => Promise<T>): Promise<T> {
    this.sqlite.pragma('secure_delete = ON');
    try {
      return await change();
    } finally {
      this.sqlite.pragma('secure_delete = OFF');
      // The old pages also leave the write-ahead log.
      this.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    }
  }

  async lockAuditChain(): Promise<void> {
    // One connection, one transaction at a time: appends are already in order.
  }

  skipLocked<QB>(query: QB): QB {
    return query;
  }

  forUpdate<QB>(query: QB): QB {
    return query;
  }

  async analyze(table: 'products'): Promise<void> {
    this.sqlite.exec(`ANALYZE ${table}`);
  }

  async serverNow(): Promise<Date> {
    return new Date();
  }

  async version(): Promise<string> {
    return `SQLite ${(this.sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v}`;
  }

  async schemaVersion(): Promise<number> {
    return schemaVersion(this.sqlite);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
