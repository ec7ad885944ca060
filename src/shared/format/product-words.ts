import type { ProductKind } from '../rules/product-facts.js';
import { formatEuros } from './fr.js';

/** How a product is named beside its label; nothing when the catalogue does not say what it is. */
export const PRODUCT_KIND_WORDS: Record<ProductKind, string> = {
  princeps: 'princeps',
  generic: 'générique',
  biosimilar: 'biosimilaire',
  'reference-biologic': 'biologique de référence',
};

/** « princeps », « générique », or '' when the catalogue does not say. */
export function productKindWord(kind: ProductKind | null): string {
  return kind === null ? '' : PRODUCT_KIND_WORDS[kind];
}

/**
 * A product dearer per pack than the one prescribed says so (issue #23.9: ↓ never moves to a
 * dearer product silently); null when it is not dearer or a price is unknown.
 */
export function dearerThanPrescribed(priceCents: number | null, prescribedCents: number | null): string | null {
  if (priceCents === null || prescribedCents === null || priceCents <= prescribedCents) return null;
  return `plus cher que le prescrit de ${formatEuros(priceCents - prescribedCents)} par boîte`;
}

/** « liste I », « liste II », « stupéfiants », « liste I, assimilé stupéfiant ». */
export function listWords(p: { list: 'I' | 'II' | 'STUPEFIANT' | null; assimilatedNarcotic?: boolean }): string {
  if (p.list === null) return '';
  if (p.list === 'STUPEFIANT') return 'stupéfiants';
  return p.assimilatedNarcotic ? `liste ${p.list}, assimilé stupéfiant` : `liste ${p.list}`;
}
