import type { Insertable, Selectable } from 'kysely';
import { factsFromList, type ProductFacts, type ProductFactsSource } from '../../../shared/rules/product-facts.js';
import type { Executor } from './store-engine.js';
import type { StoreTables } from './store-tables.js';

export type Product = ProductFacts & {
  form: string | null;
  /** Null: not reimbursable (rate 0 for billing). */
  reimbursementRate: number | null;
  /** Null: no price in the base — priced by hand at the counter, never 0. */
  priceCents: number | null;
  sample: boolean;
  /** The group's tarif forfaitaire de responsabilité per pack, when the file gives one. */
  tfrCents?: number | null;
  /** A "specific" medicine (honoraire HDE). */
  specific?: boolean;
  /** The répertoire's groups and this product's type in each (0 princeps, 1 générique, 2, 4); empty outside the BDPM. */
  genericGroups?: { id: string; type: 0 | 1 | 2 | 4; label?: string }[];
};

/** A product's facts as `comptoir catalogue show --json` prints them (catalogue.md). */
export type CatalogueFacts = {
  cip13: string;
  cip7: string | null;
  cis: string | null;
  label: string;
  form: string | null;
  priceCents: number | null;
  packFeeCents: number | null;
  reimbursementRate: number | null;
  genericGroups: { id: string; type: 0 | 1 | 2 | 4 }[];
  regulatory: StoreTables['products']['regulatory'];
  unitsPerPack: number | null;
  marketed: boolean;
  withdrawn: boolean;
  source: 'BDPM' | 'FILE' | 'SAMPLE';
  abrogatedOn: string | null;
};

type Row = Selectable<StoreTables['products']>;
/** A product's row as it is written (an import, the pharmacy's file). */
export type ProductRow = Insertable<StoreTables['products']>;
const REGULATORY_OF_LIST = { I: 'LISTE_I', II: 'LISTE_II', STUPEFIANT: 'STUPEFIANT', none: null } as const;
const toProduct = (r: Row): Product => {
  const genericGroups = JSON.parse(r.generic_groups_json) as NonNullable<Product['genericGroups']>;
  return {
    cip13: r.cip13,
    label: r.label,
    form: r.form,
    packSize: r.pack_size,
    genericGroup: r.generic_group,
    list: r.list,
    contraceptive: r.contraceptive === 1,
    biosimilar: r.biosimilar === 1,
    reimbursementRate: r.reimbursement_rate,
    priceCents: r.price_cents,
    sample: r.sample === 1,
    tfrCents: r.tfr_cents,
    specific: r.specific === 1,
    genericGroups,
    genericType: genericGroups.find((g) => g.id === r.generic_group)?.type ?? null,
    assimilatedNarcotic: r.regulatory === 'ASSIMILE_STUPEFIANT',
    groupIds: genericGroups.length > 0 ? genericGroups.map((g) => g.id) : r.generic_group ? [r.generic_group] : [],
  };
};

/** The product catalogue; the rules read their product facts from what `factsFor` loads of it. */
export class CatalogueRepository {
  constructor(
    private readonly ex: Executor,
    private readonly memo: CatalogueMemo,
  ) {}

  /** Adds or replaces products; the caller holds the transaction when it needs all or nothing. */
  async upsertMany(products: Product[]): Promise<number> {
    this.memo.forget();
    for (const p of products) {
      const values = {
        label: p.label,
        form: p.form,
        pack_size: p.packSize,
        generic_group: p.genericGroup,
        list: p.list,
        contraceptive: p.contraceptive ? 1 : 0,
        biosimilar: p.biosimilar ? 1 : 0,
        reimbursement_rate: p.reimbursementRate,
        price_cents: p.priceCents,
        sample: p.sample ? 1 : 0,
        tfr_cents: p.tfrCents ?? null,
        specific: p.specific ? 1 : 0,
        source: p.sample ? ('SAMPLE' as const) : ('FILE' as const),
        regulatory: p.assimilatedNarcotic ? ('ASSIMILE_STUPEFIANT' as const) : REGULATORY_OF_LIST[p.list ?? 'none'],
        withdrawn: 0,
        generic_groups_json: JSON.stringify(p.genericGroups ?? []),
      };
      await this.ex
        .insertInto('products')
        .values({ cip13: p.cip13, ...values })
        .onConflict((oc) => oc.column('cip13').doUpdateSet(values))
        .execute();
    }
    return products.length;
  }

  /** `comptoir catalogue show`: the product as catalogue.md names its keys (cents, rates and units as numbers or null). */
  async productFacts(cip13: string): Promise<CatalogueFacts | null> {
    const r = await this.ex.selectFrom('products').selectAll().where('cip13', '=', cip13).executeTakeFirst();
    if (!r) return null;
    return {
      cip13: r.cip13,
      cip7: r.cip7,
      cis: r.cis,
      label: r.label,
      form: r.form,
      priceCents: r.price_cents,
      packFeeCents: r.pack_fee_cents,
      reimbursementRate: r.reimbursement_rate,
      // As catalogue.md names them: { id, type } (the group's common name is the search's).
      genericGroups: (JSON.parse(r.generic_groups_json) as CatalogueFacts['genericGroups']).map(({ id, type }) => ({ id, type })),
      regulatory: r.regulatory,
      unitsPerPack: r.pack_size,
      marketed: r.marketed === 1,
      withdrawn: r.withdrawn === 1,
      source: r.source,
      abrogatedOn: r.abrogated_on,
    };
  }

  /** The pharmacy's overlay of a product (null: none yet), or undefined when the catalogue lacks it. */
  async overlayOf(cip13: string): Promise<string | null | undefined> {
    return (await this.ex.selectFrom('products').select('overlay_json').where('cip13', '=', cip13).executeTakeFirst())?.overlay_json;
  }

  /** The pharmacy's file's cells over a product, and the whole overlay kept for the next BDPM import. */
  async overlay(cip13: string, cells: Partial<Insertable<StoreTables['products']>>, overlayJson: string): Promise<void> {
    this.memo.forget();
    await this.ex
      .updateTable('products')
      .set({ ...cells, overlay_json: overlayJson })
      .where('cip13', '=', cip13)
      .execute();
  }

  /** A product the BDPM lacks, from the pharmacy's file (never withdrawn by a BDPM import). */
  async addFromFile(row: Insertable<StoreTables['products']>): Promise<void> {
    this.memo.forget();
    await this.ex
      .insertInto('products')
      .values({ ...row, source: 'FILE', withdrawn: 0, sample: 0 })
      .execute();
  }

  async product(cip13: string): Promise<Product | null> {
    const row = await this.ex.selectFrom('products').selectAll().where('cip13', '=', cip13).executeTakeFirst();
    return row ? toProduct(row) : null;
  }

  /**
   * What the rules need, loaded before they run (they are pure and synchronous): these packs and
   * every pack of their generic groups (for large packs and generics).
   */
  async factsFor(cip13s: Iterable<string>): Promise<ProductFactsSource> {
    const wanted = [...new Set(cip13s)];
    if (wanted.length === 0) return factsFromList([]);
    const rows = await this.ex
      .selectFrom('products')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('cip13', 'in', wanted),
          eb(
            'generic_group',
            'in',
            eb
              .selectFrom('products as g')
              .select('g.generic_group')
              .where('g.cip13', 'in', wanted)
              .where('g.generic_group', 'is not', null),
          ),
        ]),
      )
      .orderBy('pack_size')
      .execute();
    return factsFromList(rows.map(toProduct));
  }

  /**
   * « Produit » as the pharmacist types: digits are a CIP13's start, words each somewhere in the
   * label (« doli 1000 », « levo » finds LÉVOTHYROXINE), over labels kept in memory without accents.
   * A product withdrawn from the base is never offered (dispensings made of it still read it).
   */
  async search(query: string, limit = 20): Promise<Product[]> {
    const q = query.trim();
    if (q === '') return [];
    // Digits: a range of the primary key in code order (':' follows '9'), never a sort of the whole base.
    if (/^\d+$/.test(q))
      return (
        await this.ex
          .selectFrom('products')
          .selectAll()
          .where('cip13', '>=', q)
          .where('cip13', '<', `${q}:`)
          .where('withdrawn', '=', 0)
          .orderBy('cip13')
          .limit(limit)
          .execute()
      ).map(toProduct);
    const words = labelKey(q).split(/\s+/).filter(Boolean).slice(0, 4);
    const found: Product[] = [];
    const labels = await this.memo.labels.get(async () =>
      (await this.ex.selectFrom('products').selectAll().where('withdrawn', '=', 0).orderBy('label').execute()).map((row) => {
        const product = toProduct(row);
        // A princeps is found by its group's common name too (« zolpidem » finds STILNOX).
        const groups = (product.genericGroups ?? []).map((g) => g.label ?? '').join(' ');
        return { key: labelKey(`${product.label} ${groups}`), product };
      }),
    );
    for (const { key, product } of labels) {
      if (words.every((w) => key.includes(w))) found.push(product);
      if (found.length === limit) break;
    }
    return found;
  }

  /**
   * The packs of these groups still in the base: those whose first group it is (the indexed
   * column), and the few the répertoire also puts in it as a second group.
   */
  async packsOfGroups(groups: string[]): Promise<Product[]> {
    if (groups.length === 0) return [];
    const first = (
      await this.ex
        .selectFrom('products')
        .selectAll()
        .where('generic_group', 'in', groups)
        .where('withdrawn', '=', 0)
        .orderBy('pack_size')
        .execute()
    ).map(toProduct);
    const seen = new Set(first.map((p) => p.cip13));
    const others = (await this.inSeveralGroups()).filter((p) => !seen.has(p.cip13) && p.groupIds?.some((g) => groups.includes(g)));
    return [...first, ...others];
  }

  /** Presentations in two groups or more (a few dozen in the BDPM), read once a minute at most. */
  private inSeveralGroups(): Promise<Product[]> {
    return this.memo.multiGroup.get(async () =>
      (await this.ex.selectFrom('products').selectAll().where('generic_groups_json', 'like', '%},{%').where('withdrawn', '=', 0).execute())
        .map(toProduct)
        .filter((p) => (p.groupIds?.length ?? 0) > 1),
    );
  }

  async count(): Promise<number> {
    return Number(
      (
        await this.ex
          .selectFrom('products')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  }
}

/** A list read from the catalogue and kept a while; forgotten at once by this counter's own writes. */
class Memo<T> {
  private cached: { at: number; value: T[] } | null = null;

  constructor(private readonly ttlMs: number) {}

  async get(load: () => Promise<T[]>): Promise<T[]> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.value;
    const value = await load();
    this.cached = { at: Date.now(), value };
    return value;
  }

  forget(): void {
    this.cached = null;
  }
}

/**
 * What the catalogue's readers keep in memory for a minute: long enough for a search as you type,
 * short enough that another counter's catalogue import shows up on its own. The labels without
 * accents the search walks; the few presentations the répertoire puts in several groups (their
 * other groups are not in the `generic_group` column).
 */
export class CatalogueMemo {
  readonly labels: Memo<{ key: string; product: Product }>;
  readonly multiGroup: Memo<Product>;

  constructor(ttlMs = 60_000) {
    this.labels = new Memo(ttlMs);
    this.multiGroup = new Memo(ttlMs);
  }

  forget(): void {
    this.labels.forget();
    this.multiGroup.forget();
  }
}

const labelKey = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
