/** What the rules need to know of a product; the catalogue provides it (the rules stay pure). */
export type ProductFacts = {
  cip13: string;
  label: string;
  genericGroup: string | null;
  /** Units per pack (tablets, sachets, doses…); null when the catalogue does not count them (the rules warn, never block). */
  packSize: number | null;
  list: 'I' | 'II' | 'STUPEFIANT' | null;
  contraceptive: boolean;
  biosimilar: boolean;
  /** Liste I on an ordonnance sécurisée (catalogue `ASSIMILE_STUPEFIANT`): the stupéfiants' rules but the 3-month presentation delay. */
  assimilatedNarcotic?: boolean;
  /** Its type in its generic group (répertoire: 0 princeps, 1 générique, 2 complémentarité posologique, 4 substituable); null or absent: unknown. */
  genericType?: GenericType | null;
  /** Every group it belongs to (the répertoire puts a few presentations in two); absent: its `genericGroup` alone. */
  groupIds?: string[];
};

/** The groups of a product: all the répertoire gives, else its one group. */
export function groupsOf(f: Pick<ProductFacts, 'genericGroup' | 'groupIds'>): string[] {
  return f.groupIds ?? (f.genericGroup === null ? [] : [f.genericGroup]);
}

/** Two products in one generic group (the substitution right's condition). */
export function shareGroup(
  a: Pick<ProductFacts, 'genericGroup' | 'groupIds'>,
  b: Pick<ProductFacts, 'genericGroup' | 'groupIds'>,
): boolean {
  const theirs = groupsOf(b);
  return groupsOf(a).some((g) => theirs.includes(g));
}

export type GenericType = 0 | 1 | 2 | 4;

/** What a product is, from the catalogue's facts only: never a « générique » the répertoire does not say so. */
export type ProductKind = 'princeps' | 'generic' | 'biosimilar' | 'reference-biologic';

export function productKind(f: Pick<ProductFacts, 'genericGroup' | 'genericType' | 'biosimilar'>): ProductKind | null {
  if (f.biosimilar) return 'biosimilar';
  if (f.genericGroup?.startsWith('BIO-')) return 'reference-biologic';
  if (f.genericType === 0) return 'princeps';
  if (f.genericType === 1 || f.genericType === 2 || f.genericType === 4) return 'generic';
  return null;
}

export interface ProductFactsSource {
  /** Facts of a pack, or null when the catalogue does not know it (the rules then warn, never block). */
  facts(cip13: string): ProductFacts | null;
  /** Every pack of a generic group (for large packs and generics). */
  packsOfGroup(group: string): ProductFacts[];
}

/** A facts source over a plain list (tests, the demo catalogue). */
export function factsFromList(list: ProductFacts[]): ProductFactsSource {
  const byCip = new Map(list.map((p) => [p.cip13, p]));
  return {
    facts: (cip13) => byCip.get(cip13) ?? null,
    packsOfGroup: (group) => list.filter((p) => p.genericGroup === group),
  };
}
