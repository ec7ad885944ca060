import type { Kysely, RawBuilder, SelectQueryBuilder, Selectable, Transaction } from 'kysely';
import type { StoreDb } from './sqlite/sqlite-database.js';
import type { StoreTables } from './store-tables.js';

/** Where a repository's queries go: the engine's database, or the transaction it is part of. */
export type Executor = Kysely<StoreTables> | Transaction<StoreTables>;

export type PatientRow = Selectable<StoreTables['patients']>;

/** What the patient search's second part asks of an engine: every word starting a word of the patient, or a birth date. */
export type PatientTextQuery = { kind: 'words'; words: string[] } | { kind: 'birthDate'; date: string };

/**
 * What differs between SQLite and PostgreSQL, and only that: every repository is written once over
 * Kysely and asks its engine for these few pieces of dialect.
 */
/** Copies the database, as it is now, into `toFile`. */
export type OnlineBackup = (toFile: string) => Promise<unknown>;

export interface StoreEngine {
  readonly kind: 'sqlite' | 'postgres';
  readonly db: Kysely<StoreTables>;
  /** The counter's SQLite connection (the store's own use, and tests); callers outside the store ask the capabilities below. */
  readonly sqlite: StoreDb | null;
  /** Several counters work on it: locks between counters, heartbeats, a counter's former file kept as its archive. */
  readonly shared: boolean;
  /** A consistent copy of the database into a file while it is in use (a counter's file); null where the server's own tools back it up. */
  readonly onlineBackup: OnlineBackup | null;
  /** Runs `change` so that what it deletes is overwritten on disk too, not only unlinked (a secret moved out of the database). */
  eraseFreedPages<T>(change: () => Promise<T>): Promise<T>;
  /** Last names starting with `last` (the exact name first, then by length) and first names with `firstPrefix`, in that order. */
  patientsByName(ex: Executor, last: string, firstPrefix: string, limit: number): Promise<PatientRow[]>;
  /** The patients matching a text query, in the search's ranking (exact last name, its prefix, length, name, first name). */
  patientsMatching(ex: Executor, query: PatientTextQuery, firstWord: string, limit: number): Promise<PatientRow[]>;
  /** `text` rows of a group joined by `separator` (group_concat / string_agg). */
  joinedText(expression: RawBuilder<string>, separator: string): RawBuilder<string | null>;
  /** Serializes the audit chain's appends across counters (an advisory lock on PostgreSQL; SQLite's write lock does it). */
  lockAuditChain(trx: Transaction<StoreTables>): Promise<void>;
  /** The rows read are held until the transaction ends (other counters wait); SQLite's write lock already does it. */
  forUpdate<QB extends SelectQueryBuilder<StoreTables, keyof StoreTables, object>>(query: QB): QB;
  /** Rows other counters hold are skipped, and the ones returned are held until the transaction ends. */
  skipLocked<QB extends SelectQueryBuilder<StoreTables, keyof StoreTables, object>>(query: QB): QB;
  /**
   * The database's clock: on the pharmacy's server, one clock for every counter (lock staleness and
   * heartbeats never depend on a counter's own time); a counter's file has only its own.
   */
  serverNow(ex: Executor): Promise<Date>;
  /** After a bulk change (a catalogue import): the planner's statistics brought up to date, so searches keep their index. */
  analyze(table: 'products'): Promise<void>;
  /** The engine's own version (« SQLite 3.46.1 », « PostgreSQL 15.8 »), for the diagnostic page. */
  version(): Promise<string>;
  /** The store's schema version (the last migration applied). */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
