import type { Prescription, PrescriptionLine } from '../teleservice/schemas.js';
import type { ProductFactsSource } from './product-facts.js';
import { RULE_LIMITS } from './rule-limits.js';
import { servedFor } from './renewals.js';

export type ExceptionalRenewal = { lineId: string; allowed: boolean; maxDispensings: number; message: string };

/**
 * Exceptional renewal: an expired renewable treatment of 3 months or more may be extended by up to
 * 3 one-month dispensings — never for a stupéfiant. Recorded locally; it is not an execution of the
 * Ordonnance Numérique (the téléservice refuses renewals beyond `repeats`).
 */
export function exceptionalRenewal(p: Prescription, line: PrescriptionLine, products: ProductFactsSource): ExceptionalRenewal {
  const facts = products.facts(line.product.cip13);
  const no = (message: string): ExceptionalRenewal => ({ lineId: line.lineId, allowed: false, maxDispensings: 0, message });
  if (p.kind === 'SECURISEE' || facts?.list === 'STUPEFIANT') return no('Pas de renouvellement exceptionnel pour un stupéfiant.');
  if (line.repeats === 0) return no('Traitement non renouvelable : pas de renouvellement exceptionnel.');
  if (line.durationDays * (line.repeats + 1) < RULE_LIMITS.longTreatmentDays) return no('Traitement de moins de 3 mois : pas de renouvellement exceptionnel.');
  const allServed = Array.from({ length: line.repeats + 1 }, (_, r) => servedFor(line, r).complete).every(Boolean);
  if (!allServed) return no('Il reste des renouvellements prévus par l’ordonnance.');
  return { lineId: line.lineId, allowed: true, maxDispensings: RULE_LIMITS.exceptionalRenewalMaxDispensings, message: 'Renouvellement exceptionnel possible : 3 délivrances d’un mois au plus.' };
}
