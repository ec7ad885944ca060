import type { ProductView } from '../../../shared/contract/counter-schemas.js';
import { groupsOf, productKind } from '../../../shared/rules/product-facts.js';
import type { CatalogueRepository, Product } from '../store/catalogue.js';

/**
 * The prescribed pack, the other packs of its generic groups: its substitutes of the same size —
 * in the répertoire, types 1, 2 and 4 (générique, complémentarité posologique, substituable), never
 * another princeps — cheapest first, then the other packs.
 */
export async function lineAlternatives(catalogue: CatalogueRepository, cip13: string): Promise<ProductView[]> {
  const prescribed = await catalogue.product(cip13);
  if (!prescribed) return [];
  // Every group of the prescribed product: the répertoire puts a few presentations in two.
  const groups = groupsOf(prescribed);
  const group = groups.length > 0 ? await catalogue.packsOfGroups(groups) : [prescribed];
  if (!group.some((p) => p.cip13 === cip13)) group.unshift(prescribed);
  const substitute = (p: Product): boolean => {
    const type = p.genericGroups?.find((g) => groups.includes(g.id))?.type;
    // Outside the BDPM (the pharmacy's file, an older demo) a group says nothing of types: every pack of it substitutes.
    return type === undefined || type === 1 || type === 2 || type === 4;
  };
  const views = group.map((p): ProductView => ({
    cip13: p.cip13,
    label: p.label,
    packSize: p.packSize,
    genericGroup: p.genericGroup,
    priceCents: p.priceCents,
    kind: productKind(p),
    relation: p.cip13 === cip13 ? 'prescribed' : p.packSize === prescribed.packSize && substitute(p) ? 'generic' : 'other-pack',
  }));
  // The prescribed product first, then its generics cheapest first (↓ takes the usual choice), then other packs.
  const order = { prescribed: 0, generic: 1, 'other-pack': 2 } as const;
  // Unknown sizes and prices sort last (the base does not give them).
  const last = (n: number | null) => n ?? Number.MAX_SAFE_INTEGER;
  return views.sort(
    (a, b) => order[a.relation] - order[b.relation] || last(a.packSize) - last(b.packSize) || last(a.priceCents) - last(b.priceCents),
  );
}
