import { sql, type Transaction } from 'kysely';
import { AppError } from '../../../shared/contract/result.js';
import type { Store } from './store.js';
import { STORE_COLUMNS, type StoreTables } from './store-tables.js';

/** Parents before children (foreign keys), the way the rows are copied. */
const TABLES: (keyof StoreTables)[] = [
  'patients',
  'tiers_payant_certificates',
  'products',
  'catalogue_imports',
  'prescribers',
  'tariffs',
  'settings',
  'dispensings',
  'sale_lines',
  'outbox',
  'cancellations',
  'scor_documents',
  'fses',
  'claim_lots',
  'claim_messages',
  'ordonnancier',
  'audit_log',
  'sequences',
];
/** Identity columns whose next value must follow the rows copied in. */
const IDENTITIES: [keyof StoreTables, string][] = [
  ['patients', 'id'],
  ['sale_lines', 'id'],
  ['outbox', 'seq'],
  ['catalogue_imports', 'id'],
];
const BATCH = 500;

export type ImportReport = { rows: Partial<Record<keyof StoreTables, number>>; auditEntries: number };

/**
 * `comptoir db import --from FILE.sqlite`: a one-counter pharmacy moves onto its server. Every row
 * of every table, as it is (ids, numbers, the audit chain's hashes), in one transaction: all of it
 * or nothing. Refused into a database that already holds the pharmacy's records. The audit chain
 * is verified on the server before the report is given.
 */
export async function importIntoServer(from: Store, into: Store): Promise<ImportReport> {
  if (into.engine.kind !== 'postgres')
    throw new AppError('IMPORT_TARGET', 'L’import se fait vers la base PostgreSQL de l’officine (COMPTOIR_DATABASE_URL).');
  const source = await from.audit.verify();
  if (!source.ok) throw new AppError('SOURCE_AUDIT_BROKEN', `Journal d’audit du fichier altéré, rien n’a été importé : ${source.message}`);
  const occupied = (await into.patients.count()) + (await into.dispensings.count()) + (await into.audit.head()).seq;
  if (occupied > 0)
    throw new AppError(
      'TARGET_NOT_EMPTY',
      'La base de l’officine contient déjà des patients, des délivrances ou un journal : rien n’a été importé.',
    );
  const rows: ImportReport['rows'] = {};
  await into.engine.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx);
    // The server's fresh database has its own sequences rows and products may be seeded: the file's win.
    await trx.deleteFrom('sequences').execute();
    await trx.deleteFrom('products').execute();
    for (const table of TABLES) rows[table] = await copyTable(from, trx, table);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(trx);
    for (const [table, column] of IDENTITIES)
      await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}), GREATEST(1, (SELECT coalesce(max(${sql.ref(column)}), 0) FROM ${sql.table(table)})))`.execute(
        trx,
      );
  });
  const copied = await into.audit.verify();
  if (!copied.ok || copied.entries !== source.entries)
    throw new AppError(
      'IMPORT_AUDIT_MISMATCH',
      `Journal d’audit différent après l’import : ${copied.ok ? `${copied.entries} entrées au lieu de ${source.entries}` : copied.message}`,
    );
  return { rows, auditEntries: copied.entries };
}

/** A table's rows in the file's order, a page at a time. */
async function copyTable(from: Store, trx: Transaction<StoreTables>, table: keyof StoreTables): Promise<number> {
  const columns = STORE_COLUMNS[table] as string[];
  let copied = 0;
  for (let offset = 0; ; offset += BATCH) {
    const page = (
      await sql<
        Record<string, unknown>
      >`SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(table)} ORDER BY rowid LIMIT ${BATCH} OFFSET ${offset}`.execute(
        from.engine.db,
      )
    ).rows;
    if (page.length === 0) return copied;
    await trx
      .insertInto(table)
      .values(page as never)
      .execute();
    copied += page.length;
  }
}
