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
};

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
