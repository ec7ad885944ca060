import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migratePostgres } from '../../../src/main/services/store/postgres/postgres-database.js';
import { PostgresEngine } from '../../../src/main/services/store/postgres/postgres-engine.js';
import { POSTGRES_LATEST_VERSION, POSTGRES_MIGRATIONS } from '../../../src/main/services/store/postgres/migrations/index.js';
import { MIGRATIONS } from '../../../src/main/services/store/sqlite/migrations/index.js';
import { MIGRATION_PAIRS } from '../../../src/main/services/store/migration-pairs.js';
import { kyselyOverSqlite } from '../../../src/main/services/store/sqlite/sqlite-kysely.js';
import { openStoreDatabase } from '../../../src/main/services/store/sqlite/sqlite-database.js';
import { STORE_COLUMNS, type StoreTables } from '../../../src/main/services/store/store-tables.js';
import { postgresSuite } from '../../helpers/postgres-suite.js';
import { tempStoreFile } from '../../helpers/store-fixture.js';

const pgSuite = postgresSuite();
const sorted = (o: Record<string, string[]>): Record<string, string[]> =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((table) => [table, [...(o[table] ?? [])].sort()]),
  );
const expected = sorted(STORE_COLUMNS as Record<string, string[]>);

describe('one schema, two engines', () => {
  it('SQLite has exactly the tables and columns of StoreTables', () => {
    const db = openStoreDatabase(tempStoreFile());
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'patients_fts%' AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    const found = Object.fromEntries(
      tables.map(({ name }) => [
        name,
        db
          .prepare<[], { name: string }>(`PRAGMA table_info(${name})`)
          .all()
          .map((c) => c.name),
      ]),
    );
    expect(sorted(found)).toEqual(expected);
    db.close();
  });

  it('PostgreSQL has exactly the same, plus its schema_version', async () => {
    const store = await PostgresEngine.open(await pgSuite.cluster.createDatabase('schema'));
    const rows = (
      await store.pool.query<{ table_name: string; column_name: string }>(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
      )
    ).rows;
    const found: Record<string, string[]> = {};
    for (const r of rows) (found[r.table_name] ??= []).push(r.column_name);
    expect(found.schema_version?.sort()).toEqual(['applied_at', 'name', 'version']);
    delete found.schema_version;
    // Its own text-search column, generated (StoreTables says why).
    found.patients = found.patients!.filter((c) => c !== 'words');
    expect(sorted(found)).toEqual(expected);
    await store.close();
  });

  it('gives every column the same kind of value and the same NOT NULL on both engines', async () => {
    const kind = (type: string): string => {
      const t = type.toLowerCase();
      if (/int|bool/.test(t)) return 'integer';
      if (/real|double|numeric|float/.test(t)) return 'real';
      if (/blob|bytea/.test(t)) return 'bytes';
      return 'text';
    };
    const db = openStoreDatabase(tempStoreFile());
    const onSqlite: Record<string, string> = {};
    for (const table of Object.keys(STORE_COLUMNS)) {
      for (const c of db.prepare<[], { name: string; type: string; notnull: number; pk: number }>(`PRAGMA table_info(${table})`).all()) {
        onSqlite[`${table}.${c.name}`] = `${kind(c.type)}${c.notnull || c.pk ? ' not null' : ''}`;
      }
    }
    db.close();
    const store = await PostgresEngine.open(await pgSuite.cluster.createDatabase('types'));
    const rows = (
      await store.pool.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public'",
      )
    ).rows;
    await store.close();
    const onPostgres: Record<string, string> = {};
    for (const r of rows)
      if (`${r.table_name}.${r.column_name}` in onSqlite)
        onPostgres[`${r.table_name}.${r.column_name}`] = `${kind(r.data_type)}${r.is_nullable === 'NO' ? ' not null' : ''}`;
    // SQLite cannot add a NOT NULL column to a table that has rows: its migration 9 fills `seq` for every row and each insert sets it.
    expect(onPostgres).toEqual({ ...onSqlite, 'outbox.seq': 'integer not null' });
  });

  it('pairs each SQLite migration with its PostgreSQL one, every migration once and in order', () => {
    expect(MIGRATION_PAIRS.flatMap((p) => p.sqlite)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(MIGRATION_PAIRS.flatMap((p) => p.postgres)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
  });

  it('reads back the same JavaScript values from both engines, through the same typed query', async () => {
    const pgStore = await PostgresEngine.open(await pgSuite.cluster.createDatabase('values'));
    const sqlite = kyselyOverSqlite(openStoreDatabase(tempStoreFile()));
    const rows: unknown[] = [];
    for (const db of [sqlite, pgStore.db]) {
      const now = '2026-11-27T10:00:00.000Z';
      const patient = await db
        .insertInto('patients')
        .values({
          nir: '2850575123456',
          last_name: 'Durand',
          first_name: 'Léa',
          last_name_key: 'durand',
          first_name_key: 'lea',
          birth_date: '1985-05-12',
          sex: 'F',
          source: 'VITALE',
          beneficiary_of: null,
          relationship: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('dispensings')
        .values({
          id: 'd1',
          circuit: 'ON',
          prescription_id: 'P1',
          renewal_number: 0,
          phase: 2,
          pharmacist_rpps: '10001234565',
          patient_nir: null,
          patient_source: 'VITALE',
          patient_override_reason: null,
          prescription_json: '{}',
          execution_json: null,
          complementary_info: null,
          workstation: 'poste-1',
          created_at: now,
          cancelled_at: null,
          cancel_reason: null,
          prescribed_on: '2026-11-20',
          prescriber_rpps: null,
          invoice_number: 12,
        })
        .execute();
      await db
        .insertInto('scor_documents')
        .values({
          document_id: 'doc',
          dispensing_id: 'd1',
          circuit: 'ON',
          prescription_id: 'P1',
          prescribed_on: '2026-11-20',
          prescriber_rpps: null,
          state: 'PENDING',
          pdf: Buffer.from('%PDF-1.7'),
          pages: 1,
          dpi: 300,
          next_attempt_at: now,
          last_error_code: null,
          last_error_message: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      rows.push({
        patient: await db.selectFrom('patients').select(STORE_COLUMNS.patients).where('id', '=', patient.id).executeTakeFirst(),
        dispensing: await db.selectFrom('dispensings').selectAll().executeTakeFirst(),
        scor: await db.selectFrom('scor_documents').selectAll().executeTakeFirst(),
        sequences: await db.selectFrom('sequences').selectAll().orderBy('name').execute(),
      });
    }
    expect(rows[1]).toEqual(rows[0]);
    expect((rows[0] as { scor: StoreTables['scor_documents'] }).scor.pdf).toEqual(Buffer.from('%PDF-1.7'));
    await sqlite.destroy();
    await pgStore.close();
  });
});

describe('PostgreSQL migrations', () => {
  it('run once even when four counters start together, and again do nothing', async () => {
    const url = await pgSuite.cluster.createDatabase('migrate');
    const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: url, max: 1 }));
    const outcomes = await Promise.all(pools.map((p) => migratePostgres(p)));
    expect(outcomes.filter((o) => o.from === 0)).toHaveLength(1);
    expect(outcomes.every((o) => o.to === POSTGRES_LATEST_VERSION)).toBe(true);
    expect(await migratePostgres(pools[0]!)).toEqual({ from: POSTGRES_LATEST_VERSION, to: POSTGRES_LATEST_VERSION });
    expect((await pools[0]!.query('SELECT count(*)::int AS n FROM schema_version')).rows[0]).toEqual({ n: POSTGRES_LATEST_VERSION });
    await Promise.all(pools.map((p) => p.end()));
  });

  it('refuse a database from a newer Comptoir, untouched', async () => {
    const url = await pgSuite.cluster.createDatabase('newer');
    const pool = new pg.Pool({ connectionString: url });
    await migratePostgres(pool);
    await pool.query("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01')");
    await expect(migratePostgres(pool)).rejects.toMatchObject({ code: 'DATABASE_TOO_NEW' });
    await pool.end();
  });

  it('keep the audit trail and the ordonnancier append-only, as SQLite does', async () => {
    const store = await PostgresEngine.open(await pgSuite.cluster.createDatabase('appendonly'));
    await store.db
      .insertInto('audit_log')
      .values({
        seq: 1,
        at: 'now',
        workstation: 'p',
        actor: 'a',
        action: 'x',
        subject: null,
        details_json: '{}',
        prev_hash: '0',
        hash: '1',
      })
      .execute();
    await expect(store.db.updateTable('audit_log').set({ actor: 'b' }).execute()).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await store.close();
  });

  it('say « Serveur de l’officine injoignable » when nothing answers', async () => {
    await expect(PostgresEngine.open('postgres://comptoir@127.0.0.1:1/none')).rejects.toMatchObject({
      code: 'SERVER_UNREACHABLE',
      message: "Serveur de l'officine injoignable.",
    });
  });
});
