import type { DeviationType } from '../teleservice/schemas.js';

/**
 * The reasons pharmacists give most for each kind of deviation, offered in the control window:
 * the first is taken by Entrée, another by the arrows, and any free text may still be typed.
 * Ordered by how often they are the right one at a French counter.
 */
export const USUAL_REASONS: Record<DeviationType, readonly string[]> = {
  NONE: [],
  GENERIC_SUBSTITUTION: [
    'Substitution par le générique (droit de substitution du pharmacien)',
    'Générique demandé par le patient',
    'Princeps indisponible (rupture)',
  ],
  BIOSIMILAR_SUBSTITUTION: [
    'Substitution par un biosimilaire du même groupe (liste ANSM), patient informé',
    'Biosimilaire déjà délivré au patient : continuité du traitement',
  ],
  QUANTITY_ADAPTED: [
    'Conditionnement adapté à la durée du traitement',
    'Conditionnement prescrit indisponible',
    'Mêmes unités en d’autres boîtes',
  ],
  LARGE_PACK: ['Traitement chronique stabilisé : grand conditionnement', 'Grand conditionnement couvrant les renouvellements'],
  POSOLOGY_CHANGED: ['Posologie modifiée après accord du prescripteur'],
  NOT_DISPENSED: ['Patient encore en possession du traitement', 'Refus du patient', 'Produit en rupture : délivré plus tard'],
  SHORTAGE: ['Rupture chez le grossiste', 'Rupture nationale (ANSM)'],
  STUPS_REDUCED_DURATION: ['Présentée au-delà de 3 jours : durée restante seulement'],
  EXCEPTIONAL_RENEWAL: ['Traitement chronique expiré : renouvellement exceptionnel en attendant la consultation'],
  OTHER: [],
};

/** A princeps dispensed instead of the prescribed generic: a substitution inside the group, the other way. */
export const PRINCEPS_REASONS: readonly string[] = [
  'Princeps demandé par le patient (différence de prix expliquée)',
  'Générique prescrit indisponible (rupture)',
  'Continuité du traitement : le patient prend ce princeps',
];

/** The usual reasons for a type (a princeps dispensed has its own) that start like what is typed (accents and case aside). */
export function reasonsMatching(type: DeviationType, typed: string, towardPrinceps = false): string[] {
  const key = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .trim();
  const start = key(typed);
  const reasons = towardPrinceps && type === 'GENERIC_SUBSTITUTION' ? PRINCEPS_REASONS : USUAL_REASONS[type];
  return reasons.filter((r) => key(r).startsWith(start));
}
