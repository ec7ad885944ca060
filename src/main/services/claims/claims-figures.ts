import { businessDaysBetween } from '../../../shared/rules/business-days.js';
import { daysBetween } from '../../../shared/rules/calendar.js';
import type { FseGroup } from '../store/fses.js';

/** Outcomes after which the caisse will say nothing more for that payer. */
const FINAL = new Set(['PAYE', 'PAYE_PARTIEL', 'REJETE', 'PAYE_ASSURE']);

export type Ageing = { days0to7: number; days8to30: number; over30: number; total: number };
export type ClaimsFigures = {
  pendingAmo: Ageing;
  pendingAmc: Ageing;
  paidThisMonthCents: number;
  rejects: { count: number; amountCents: number; rate: number | null };
  gapsCents: number;
  lateFeesCents: number;
  lotsWithoutArl: number;
  lateFses: { patientPaid: number; tiersPayant: number };
  virementGaps: number;
};

/** What the store sums itself: the month's virements, their gaps, the lots still without ARL after 24 h. */
export type MoneyFacts = { paidThisMonthCents: number; virementGaps: number; lotsWithoutArl: number };

const emptyAgeing = (): Ageing => ({ days0to7: 0, days8to30: 0, over30: 0, total: 0 });
function age(into: Ageing, cents: number, days: number): void {
  if (cents <= 0) return;
  if (days <= 7) into.days0to7 += cents;
  else if (days <= 30) into.days8to30 += cents;
  else into.over30 += cents;
  into.total += cents;
}

/** Not yet received by the caisse, past its deadline: 3 business days when the patient paid, 8 in tiers payant (R161-47). */
export function sentLate(f: Pick<FseGroup, 'state' | 'patientPaid' | 'dispensedOn'>, today: string): boolean {
  if (f.state !== 'A_TRANSMETTRE' && f.state !== 'EN_LOT') return false;
  return businessDaysBetween(f.dispensedOn, today) > (f.patientPaid ? 3 : 8);
}

/**
 * F7's figures (claims.md), always on screen: what the caisses still owe by age, what came in this
 * month, the rejects and their rate (rejected FSEs ÷ FSEs with a final answer), partial payments'
 * gaps, late fees, lots without ARL after 24 h, FSEs not sent in time.
 */
export function claimsFigures(groups: FseGroup[], money: MoneyFacts, today: string): ClaimsFigures {
  const pendingAmo = emptyAgeing();
  const pendingAmc = emptyAgeing();
  let rejected = 0;
  let rejectedCents = 0;
  let answered = 0;
  let gapsCents = 0;
  let lateFeesCents = 0;
  const late = { patientPaid: 0, tiersPayant: 0 };
  for (const g of groups) {
    const days = daysBetween(g.dispensedOn, today);
    if (g.tiersPayant !== 'NONE' && !FINAL.has(g.amoOutcome ?? '')) age(pendingAmo, g.amoCents, days);
    if (g.tiersPayant === 'AMO_AMC' && !FINAL.has(g.amcOutcome ?? '')) age(pendingAmc, g.amcCents, days);
    // « FSEs with a final answer »: a payer's final outcome (so a rejected FSE is always among them).
    if (FINAL.has(g.amoOutcome ?? '') || FINAL.has(g.amcOutcome ?? '')) answered += g.count;
    if (g.amoOutcome === 'REJETE' || g.amcOutcome === 'REJETE') {
      rejected += g.count;
      rejectedCents += (g.amoOutcome === 'REJETE' ? g.amoCents : 0) + (g.amcOutcome === 'REJETE' ? g.amcCents : 0);
    }
    if (g.amoOutcome === 'PAYE_PARTIEL') gapsCents += g.amoCents - g.amoPaidCents;
    lateFeesCents += g.lateFeeCents;
    if (sentLate(g, today)) late[g.patientPaid ? 'patientPaid' : 'tiersPayant'] += g.count;
  }
  return {
    pendingAmo,
    pendingAmc,
    paidThisMonthCents: money.paidThisMonthCents,
    rejects: { count: rejected, amountCents: rejectedCents, rate: answered === 0 ? null : rejected / answered },
    gapsCents,
    lateFeesCents,
    lotsWithoutArl: money.lotsWithoutArl,
    lateFses: late,
    virementGaps: money.virementGaps,
  };
}

/** What the pharmacist does about each motif (F7 « Rejets »). */
export const WHAT_TO_CORRECT: Readonly<Record<string, string>> = {
  'M004-001': 'Doublon : cette FSE a déjà été reçue ; ne la renvoyez pas (vérifiez le retour de la première).',
  'M001-003': 'NIR ou clé faux : corrigez le NIR dans la fiche du patient (F2), puis recyclez.',
  'M001-002': 'Bénéficiaire inconnu : vérifiez le NIR et la date de naissance du patient (F2), puis recyclez.',
  'M001-001': 'Droits fermés à la date des soins : relisez la carte Vitale ou l’attestation de droits, corrigez la fiche, puis recyclez.',
  'M002-001': 'Prescripteur inconnu : vérifiez son RPPS dans le fichier des prescripteurs, puis recyclez.',
  'M002-002': 'Date de prescription incohérente : vérifiez la date de l’ordonnance, puis recyclez.',
  'M003-001': 'Code et taux incohérents : vérifiez le produit au catalogue, puis recyclez.',
  'M006-001': 'ALD inconnue de la caisse : vérifiez l’exonération du patient, puis recyclez.',
  'M005-001': 'Pièce justificative absente : numérisez l’ordonnance (« Numérisation de l’ordonnance »), puis recyclez.',
  'A001-002': 'Mutuelle inconnue : vérifiez l’attestation de tiers payant (F6), puis recyclez.',
  'A001-001': 'Contrat mutuelle non valide à la date des soins : demandez l’attestation en cours (F6), puis recyclez.',
};
