import type { Insertable, Selectable } from 'kysely';
import type { CatalogueMemo } from './catalogue.js';
import type { Executor } from './store-engine.js';
import type { StoreTables } from './store-tables.js';

type ProductRow = Insertable<StoreTables['products']>;
type Stored = Pick<Selectable<StoreTables['products']>, 'cip13' | 'source' | 'withdrawn' | 'overlay_json'> & { fingerprint: string };
export type CatalogueChanges = { added: number; changed: number; withdrawn: number; kept: number };
export type CatalogueImportRecord = {
  at: string;
  source: 'BDPM' | 'FILE';
  publishedOn: string | null;
  files: unknown;
  summary: unknown;
  actor: string;
};

/** The BDPM's facts of a row, compared to say what an import changed. */
const FACTS: (keyof ProductRow)[] = [
  'label',
  'form',
  'pack_size',
  'generic_group',
  'list',
  'reimbursement_rate',
  'price_cents',
  'cip7',
  'cis',
  'pack_fee_cents',
  'generic_groups_json',
  'regulatory',
  'marketed',
  'abrogated_on',
];
const fingerprint = (row: Partial<ProductRow>): string => JSON.stringify(FACTS.map((k) => row[k] ?? null));
/** Rows per INSERT: well under SQLite's and PostgreSQL's bound parameters (24 columns each). */
const BATCH = 400;

/**
 * Catalogue imports, each in the caller's transaction (all or nothing): the BDPM's products upserted
 * over the earlier ones (the pharmacy's overlay applied again on top), those of an earlier import
 * (or the demo's sample) now absent marked withdrawn — never deleted, dispensings refer to them —
 * and the import recorded for « Configuration › Catalogue » and `comptoir catalogue status`.
 */
export class CatalogueImportsRepository {
  constructor(
    private readonly ex: Executor,
    private readonly memo: CatalogueMemo,
  ) {}

  async replaceBdpm(rows: ProductRow[], onProgress: (done: number) => void = () => undefined): Promise<CatalogueChanges> {
    this.memo.forget();
    const stored = new Map<string, Stored>();
    for (const r of await this.ex.selectFrom('products').selectAll().execute())
      stored.set(r.cip13, {
        cip13: r.cip13,
        source: r.source,
        withdrawn: r.withdrawn,
        overlay_json: r.overlay_json,
        fingerprint: fingerprint(r),
      });
    const incoming = new Set(rows.map((r) => r.cip13));
    const changes: CatalogueChanges = { added: 0, changed: 0, withdrawn: 0, kept: rows.length };
    for (const s of stored.values()) if (s.source !== 'FILE' && s.withdrawn === 0 && !incoming.has(s.cip13)) changes.withdrawn++;
    // Everything the BDPM (or the demo) brought is withdrawn, then what this import holds is back.
    await this.ex
      .updateTable('products')
      .set({ withdrawn: 1 })
      .where('source', 'in', ['BDPM', 'SAMPLE'])
      .where('withdrawn', '=', 0)
      .execute();
    const final = rows.map((row) => {
      const before = stored.get(row.cip13);
      // New, or back in the base: added; in force and different: changed.
      if (!before || before.withdrawn === 1) changes.added++;
      else if (before.fingerprint !== fingerprint(row)) changes.changed++;
      return withOverlay(row, before?.overlay_json ?? null);
    });
    for (let i = 0; i < final.length; i += BATCH) {
      const batch = final.slice(i, i + BATCH);
      await this.ex
        .insertInto('products')
        .values(batch)
        .onConflict((oc) =>
          oc.column('cip13').doUpdateSet((eb) => ({
            label: eb.ref('excluded.label'),
            form: eb.ref('excluded.form'),
            pack_size: eb.ref('excluded.pack_size'),
            generic_group: eb.ref('excluded.generic_group'),
            list: eb.ref('excluded.list'),
            reimbursement_rate: eb.ref('excluded.reimbursement_rate'),
            price_cents: eb.ref('excluded.price_cents'),
            sample: 0,
            cip7: eb.ref('excluded.cip7'),
            cis: eb.ref('excluded.cis'),
            pack_fee_cents: eb.ref('excluded.pack_fee_cents'),
            generic_groups_json: eb.ref('excluded.generic_groups_json'),
            regulatory: eb.ref('excluded.regulatory'),
            marketed: eb.ref('excluded.marketed'),
            withdrawn: 0,
            source: 'BDPM',
            abrogated_on: eb.ref('excluded.abrogated_on'),
            tfr_cents: eb.ref('excluded.tfr_cents'),
            specific: eb.ref('excluded.specific'),
          })),
        )
        .execute();
      onProgress(Math.min(final.length, i + BATCH));
    }
    return changes;
  }

  async record(entry: CatalogueImportRecord): Promise<void> {
    await this.ex
      .insertInto('catalogue_imports')
      .values({
        at: entry.at,
        source: entry.source,
        published_on: entry.publishedOn,
        files_json: JSON.stringify(entry.files),
        summary_json: JSON.stringify(entry.summary),
        actor: entry.actor,
      })
      .execute();
  }

  async last(): Promise<CatalogueImportRecord | null> {
    const row = await this.ex.selectFrom('catalogue_imports').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row
      ? {
          at: row.at,
          source: row.source,
          publishedOn: row.published_on,
          files: JSON.parse(row.files_json),
          summary: JSON.parse(row.summary_json),
          actor: row.actor,
        }
      : null;
  }

  /** Presentations in force by source, and the withdrawn ones apart. */
  async counts(): Promise<{ BDPM: number; FILE: number; SAMPLE: number; withdrawn: number }> {
    const rows = await this.ex
      .selectFrom('products')
      .select(['source', 'withdrawn', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['source', 'withdrawn'])
      .execute();
    const counts = { BDPM: 0, FILE: 0, SAMPLE: 0, withdrawn: 0 };
    for (const r of rows) {
      if (r.withdrawn === 1) counts.withdrawn += Number(r.n);
      else counts[r.source] += Number(r.n);
    }
    return counts;
  }
}

/** The pharmacy's cells (its file's non-empty ones) win over the BDPM's. */
function withOverlay(row: ProductRow, overlay: string | null): ProductRow {
  if (!overlay) return row;
  const cells = JSON.parse(overlay) as Partial<ProductRow>;
  return { ...row, ...Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== null && v !== '')) };
}
