import type { DeviationType, PrescriptionLine } from '../teleservice/schemas.js';
import type { LineMeasure } from './line-units.js';
import { shareGroup, type ProductFacts } from './product-facts.js';
import { RULE_LIMITS } from './rule-limits.js';

/** `towardPrinceps`: a princeps of the group dispensed instead of the prescribed product (its reasons differ from a generic's). */
export type ProductChange = { type: DeviationType; outsideRight: boolean; message: string; towardPrinceps?: boolean } | null;
export type ItemFacts = { cip13: string; facts: ProductFacts | null };

/** A pack of about three months of this line's treatment ("conditionnement trimestriel"). */
/** A large pack: one that lasts 3 months at the line's dose, or a conditionnement trimestriel (several may serve one dose). */
export const isLargePack = (measure: LineMeasure, cip13: string): boolean =>
  (measure.packDays(cip13) ?? 0) >= RULE_LIMITS.longTreatmentDays || (measure.unitsOf(cip13, 1) ?? 0) >= RULE_LIMITS.quarterlyPackUnits;

/**
 * What dispensing other packs than the prescribed one amounts to: a generic or biosimilar of the
 * same group (the substitution right), a large pack, another pack size (quantity adapted), or a
 * product outside the right (the prescriber's agreement). In a biologic group (`BIO-`) the right
 * goes from the reference to a biosimilar, never to the reference.
 */
export function productChange(
  line: PrescriptionLine,
  prescribed: ProductFacts | null,
  items: ItemFacts[],
  measure: LineMeasure,
  longTreatment: boolean,
): ProductChange {
  const changed = items.filter((i) => i.cip13 !== line.product.cip13);
  if (changed.length === 0) return null;
  if (!prescribed || changed.some((i) => !i.facts))
    return {
      type: 'OTHER',
      outsideRight: true,
      message: 'Produit différent de celui prescrit, hors catalogue local : substitution non vérifiable.',
    };
  const facts = changed.map((i) => i.facts!);
  if (facts.some((f) => !shareGroup(f, prescribed))) {
    return {
      type: 'OTHER',
      outsideRight: true,
      message: 'Produit hors du groupe générique du produit prescrit : accord du prescripteur requis.',
    };
  }
  const biologic = prescribed.genericGroup?.startsWith('BIO-') === true || prescribed.biosimilar || facts.some((f) => f.biosimilar);
  if (biologic && facts.some((f) => !f.biosimilar)) {
    return {
      type: 'OTHER',
      outsideRight: true,
      message:
        'Médicament biologique de référence à la place d’un biosimilaire : hors droit de substitution, accord du prescripteur requis.',
    };
  }
  if (longTreatment && changed.some((i) => isLargePack(measure, i.cip13)))
    return { type: 'LARGE_PACK', outsideRight: false, message: 'Grand conditionnement pour un traitement de 3 mois ou plus.' };
  if (facts.every((f) => f.packSize === prescribed.packSize)) {
    if (biologic)
      return { type: 'BIOSIMILAR_SUBSTITUTION', outsideRight: false, message: 'Substitution par un biosimilaire du même groupe.' };
    // Inside the group either way; what was dispensed is said as the répertoire names it.
    if (facts.some((f) => f.genericType === 0))
      return {
        type: 'GENERIC_SUBSTITUTION',
        outsideRight: false,
        message: 'Princeps du même groupe délivré à la place du produit prescrit.',
        towardPrinceps: true,
      };
    return { type: 'GENERIC_SUBSTITUTION', outsideRight: false, message: 'Substitution par un générique du même groupe.' };
  }
  return { type: 'QUANTITY_ADAPTED', outsideRight: false, message: 'Conditionnement différent : mêmes unités en d’autres boîtes.' };
}
