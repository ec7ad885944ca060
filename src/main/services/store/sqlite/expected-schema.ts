import Database from 'better-sqlite3';
import { migrate } from './sqlite-database.js';
import { MIGRATIONS } from './migrations/index.js';

type SchemaRow = { type: string; name: string; tbl_name: string; sql: string | null };
export type SchemaDifference = { kind: 'extra' | 'missing' | 'changed'; type: string; name: string };

const normalized = (sql: string | null): string => (sql ?? '').replace(/\s+/g, ' ').trim();
/**
 * SQLite's own bookkeeping is not the schema: AUTOINCREMENT's counters, the planner's statistics and
 * the automatic indexes (no SQL). Any other `sqlite_` name (a trigger hidden under that prefix) is compared.
 */
const isInternal = (row: SchemaRow): boolean =>
  (row.type === 'table' && /^sqlite_(sequence|stat[1-4])$/.test(row.name)) ||
  (row.type === 'index' && row.name.startsWith('sqlite_autoindex_') && row.sql === null);

function schemaOf(db: Database.Database): Map<string, SchemaRow> {
  const rows = db.prepare<[], SchemaRow>('SELECT type, name, tbl_name, sql FROM sqlite_master').all();
  return new Map(rows.filter((r) => !isInternal(r)).map((r) => [`${r.type} ${r.name}`, r]));
}

const expectedByVersion = new Map<number, Map<string, SchemaRow>>();

/** The exact schema Comptoir's migrations make at `version`: every table, index, trigger and view. */
export function expectedSchema(version: number): Map<string, SchemaRow> {
  const known = expectedByVersion.get(version);
  if (known) return known;
  const db = new Database(':memory:');
  try {
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= version),
    );
    const schema = schemaOf(db);
    expectedByVersion.set(version, schema);
    return schema;
  } finally {
    db.close();
  }
}

/**
 * A file's schema against the one its version must have (#28.3): an extra trigger or view, a dropped
 * append-only trigger, a changed index — each a difference. Compared on `sqlite_master`'s text.
 */
export function schemaDifferences(db: Database.Database, version: number): SchemaDifference[] {
  const expected = expectedSchema(version);
  const actual = schemaOf(db);
  const differences: SchemaDifference[] = [];
  for (const [key, row] of actual) {
    const wanted = expected.get(key);
    if (!wanted) differences.push({ kind: 'extra', type: row.type, name: row.name });
    else if (normalized(wanted.sql) !== normalized(row.sql) || wanted.tbl_name !== row.tbl_name)
      differences.push({ kind: 'changed', type: row.type, name: row.name });
  }
  for (const [key, row] of expected) if (!actual.has(key)) differences.push({ kind: 'missing', type: row.type, name: row.name });
  return differences;
}

const WORDS = { extra: 'en trop', missing: 'manquant', changed: 'modifié' } as const;
const TYPES: Record<string, string> = { table: 'table', index: 'index', trigger: 'déclencheur', view: 'vue' };

/** « déclencheur en trop : x ; déclencheur manquant : y » — the first few, for the refusal's sentence. */
export function describeDifferences(differences: SchemaDifference[]): string {
  const shown = differences.slice(0, 4).map((d) => `${TYPES[d.type] ?? d.type} ${WORDS[d.kind]} : ${d.name}`);
  return shown.join(' ; ') + (differences.length > 4 ? ` (et ${differences.length - 4} autre(s))` : '');
}
