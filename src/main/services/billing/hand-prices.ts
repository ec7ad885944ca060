import type { DispensingAssessment, RuleIssue } from '../../../shared/rules/dispensing-types.js';
import { formatEuros } from '../../../shared/format/fr.js';
import type { CatalogueRepository, Product } from '../store/catalogue.js';

/** A pack to sell, with the price typed at the counter when the catalogue gives none. */
export type PricedItem = { lineId: string; cip13: string; packs: number; label?: string | null; unitPriceCents?: number | null };

/**
 * The price a pack is sold at: the catalogue's; without one (the BDPM leaves non-reimbursable
 * prices empty; a product outside the catalogue), the price typed at the counter (catalogue.md:
 * « a null price is priced by hand at the counter », never 0).
 */
export function unitPriceOf(product: Product | null, typedCents: number | null | undefined): number | null {
  return product?.priceCents ?? typedCents ?? null;
}

/** The message that asks for a price, said the same way by every circuit. */
export function priceRequiredMessage(label: string): string {
  return `Prix à saisir : « ${label} » n’a pas de prix dans la base ; tapez son prix de vente dans « Prix (€) » (ex. ${formatEuros(1250)}).`;
}

/** One blocking issue per pack sold without any price: nothing is recorded or billed at 0 € by mistake. */
export async function missingPriceIssues(catalogue: CatalogueRepository, items: PricedItem[]): Promise<RuleIssue[]> {
  const issues: RuleIssue[] = [];
  for (const item of items.filter((i) => i.packs > 0)) {
    const product = await catalogue.product(item.cip13);
    if (unitPriceOf(product, item.unitPriceCents) !== null) continue;
    issues.push({
      code: 'PRICE_REQUIRED',
      severity: 'blocking',
      lineId: item.lineId,
      message: priceRequiredMessage(product?.label ?? item.label ?? `CIP ${item.cip13}`),
    });
  }
  return issues;
}

/** The assessment with the prices still to type, blocking when one is missing. */
export async function withPriceIssues(
  catalogue: CatalogueRepository,
  assessment: DispensingAssessment,
  items: PricedItem[],
): Promise<DispensingAssessment> {
  const issues = await missingPriceIssues(catalogue, items);
  return issues.length === 0 ? assessment : { ...assessment, issues: [...assessment.issues, ...issues], blocking: true };
}
