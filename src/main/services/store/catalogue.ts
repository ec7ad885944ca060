import type { ProductFacts, ProductFactsSource } from '../../../shared/rules/product-facts.js';
import type { StoreDb } from './store-database.js';

export type Product = ProductFacts & {
  form: string | null;
  reimbursementRate: number;
  priceCents: number;
  sample: boolean;
  /** The group's tarif forfaitaire de responsabilité per pack, when the file gives one. */
  tfrCents?: number | null;
  /** A "specific" medicine (honoraire HDE). */
  specific?: boolean;
};

type Row = {
  cip13: string; label: string; form: string | null; pack_size: number; generic_group: string | null; list: Product['list']; contraceptive: number; biosimilar: number;
  reimbursement_rate: number; price_cents: number; sample: number; tfr_cents: number | null; specific: number;
};
const toProduct = (r: Row): Product => ({
  cip13: r.cip13, label: r.label, form: r.form, packSize: r.pack_size, genericGroup: r.generic_group, list: r.list,
  contraceptive: r.contraceptive === 1, biosimilar: r.biosimilar === 1, reimbursementRate: r.reimbursement_rate, priceCents: r.price_cents, sample: r.sample === 1,
  tfrCents: r.tfr_cents, specific: r.specific === 1,
});

/** The product catalogue; it is also the rules' source of product facts. */
export class CatalogueRepository implements ProductFactsSource {
  /** Labels without accents, for the search; forgotten whenever the catalogue changes. */
  private labels: { key: string; product: Product }[] | null = null;

  constructor(private readonly db: StoreDb) {}

  upsertMany(products: Product[]): number {
    this.labels = null;
    const insert = this.db.prepare(
      `INSERT INTO products (cip13, label, form, pack_size, generic_group, list, contraceptive, biosimilar, reimbursement_rate, price_cents, sample, tfr_cents, specific)
       VALUES (@cip13, @label, @form, @packSize, @genericGroup, @list, @contraceptive, @biosimilar, @reimbursementRate, @priceCents, @sample, @tfrCents, @specific)
       ON CONFLICT(cip13) DO UPDATE SET label = excluded.label, form = excluded.form, pack_size = excluded.pack_size, generic_group = excluded.generic_group,
         list = excluded.list, contraceptive = excluded.contraceptive, biosimilar = excluded.biosimilar, reimbursement_rate = excluded.reimbursement_rate,
         price_cents = excluded.price_cents, sample = excluded.sample, tfr_cents = excluded.tfr_cents, specific = excluded.specific`,
    );
    this.db.transaction(() => {
      for (const p of products) insert.run({ ...p, contraceptive: p.contraceptive ? 1 : 0, biosimilar: p.biosimilar ? 1 : 0, sample: p.sample ? 1 : 0, tfrCents: p.tfrCents ?? null, specific: p.specific ? 1 : 0 });
    })();
    return products.length;
  }

  product(cip13: string): Product | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM products WHERE cip13 = ?').get(cip13);
    return row ? toProduct(row) : null;
  }

  facts(cip13: string): ProductFacts | null {
    return this.product(cip13);
  }

  /**
   * « Produit » as the pharmacist types: digits are a CIP13's start, words each somewhere in the
   * label (« doli 1000 », « levo » finds LÉVOTHYROXINE), over labels kept in memory without accents.
   */
  search(query: string, limit = 20): Product[] {
    const q = query.trim();
    if (q === '') return [];
    if (/^\d+$/.test(q)) return this.db.prepare<[string, number], Row>(`SELECT * FROM products WHERE cip13 LIKE ? || '%' ORDER BY label LIMIT ?`).all(q, limit).map(toProduct);
    const words = labelKey(q).split(/\s+/).filter(Boolean).slice(0, 4);
    this.labels ??= this.db.prepare<[], Row>('SELECT * FROM products ORDER BY label').all().map((r) => ({ key: labelKey(r.label), product: toProduct(r) }));
    const found: Product[] = [];
    for (const { key, product } of this.labels) {
      if (words.every((w) => key.includes(w))) found.push(product);
      if (found.length === limit) break;
    }
    return found;
  }

  packsOfGroup(group: string): Product[] {
    return this.db.prepare<[string], Row>('SELECT * FROM products WHERE generic_group = ? ORDER BY pack_size').all(group).map(toProduct);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM products').get() as { n: number }).n;
  }
}

const labelKey = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
