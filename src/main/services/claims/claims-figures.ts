import type { MailboxMessage, RspMessage, VirementMessage } from '../../../shared/claims/claims-schemas.js';
import { businessDaysBetween } from '../../../shared/rules/business-days.js';
import { daysBetween } from '../../../shared/rules/calendar.js';
import type { StoredLot } from '../store/claim-lots.js';
import type { FseSummary } from '../store/fses.js';

/** Outcomes after which the caisse will say nothing more for that payer. */
const FINAL = new Set(['PAYE', 'PAYE_PARTIEL', 'REJETE', 'PAYE_ASSURE']);
const PAID = new Set(['PAYE', 'PAYE_PARTIEL']);

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

const emptyAgeing = (): Ageing => ({ days0to7: 0, days8to30: 0, over30: 0, total: 0 });
function age(into: Ageing, cents: number, days: number): void {
  if (cents <= 0) return;
  if (days <= 7) into.days0to7 += cents;
  else if (days <= 30) into.days8to30 += cents;
  else into.over30 += cents;
  into.total += cents;
}

/** A virement's items against what its RSPs paid: each item one RSP's paid part and late fee. */
export function virementMatches(v: VirementMessage, rsps: RspMessage[]): boolean {
  const mine = rsps.filter((r) => r.virementId === v.virementId);
  const itemsTotal = v.items.reduce((s, i) => s + i.amountCents, 0);
  if (itemsTotal !== v.totalCents || mine.length !== v.items.length) return false;
  return v.items.every((i) => mine.some((r) => r.fseNumber === i.fseNumber && r.paidCents + r.lateFeeCents === i.amountCents));
}

/**
 * F7's figures (claims.md), always on screen: what the caisses still owe by age, what came in this
 * month, the rejects and their rate, partial payments' gaps, late fees, lots without ARL after 24 h,
 * FSEs not sent in time (3 business days when the patient paid, 8 in tiers payant).
 */
export function claimsFigures(
  fses: FseSummary[],
  lots: StoredLot[],
  messages: MailboxMessage[],
  today: string,
  nowMs: number,
): ClaimsFigures {
  const pendingAmo = emptyAgeing();
  const pendingAmc = emptyAgeing();
  let rejected = 0;
  let rejectedCents = 0;
  let answered = 0;
  let gapsCents = 0;
  let lateFeesCents = 0;
  const late = { patientPaid: 0, tiersPayant: 0 };
  for (const f of fses) {
    const days = daysBetween(f.dispensedOn, today);
    if (f.tiersPayant !== 'NONE' && !FINAL.has(f.amoOutcome ?? '')) age(pendingAmo, f.amoCents, days);
    if (f.tiersPayant === 'AMO_AMC' && !FINAL.has(f.amcOutcome ?? '')) age(pendingAmc, f.amcCents, days);
    if (FINAL.has(f.amoOutcome ?? '')) answered++;
    if (f.amoOutcome === 'REJETE' || f.amcOutcome === 'REJETE') {
      rejected++;
      rejectedCents += (f.amoOutcome === 'REJETE' ? f.amoCents : 0) + (f.amcOutcome === 'REJETE' ? f.amcCents : 0);
    }
    if (f.amoOutcome === 'PAYE_PARTIEL') gapsCents += f.amoCents - f.amoPaidCents;
    lateFeesCents += f.lateFeeCents;
    if (f.state === 'A_TRANSMETTRE' || f.state === 'EN_LOT') {
      const waited = businessDaysBetween(f.dispensedOn, today);
      if (f.patientPaid && waited > 3) late.patientPaid++;
      if (!f.patientPaid && waited > 8) late.tiersPayant++;
    }
  }
  const month = today.slice(0, 7);
  const rsps = messages.filter((m): m is RspMessage => m.type === 'RSP');
  const paidThisMonthCents = rsps
    .filter((r) => PAID.has(r.outcome) && r.paymentDate?.slice(0, 7) === month)
    .reduce((s, r) => s + r.paidCents + r.lateFeeCents, 0);
  const virements = messages.filter((m): m is VirementMessage => m.type === 'VIREMENT');
  const dayMs = 24 * 3600_000;
  return {
    pendingAmo,
    pendingAmc,
    paidThisMonthCents,
    rejects: { count: rejected, amountCents: rejectedCents, rate: answered === 0 ? null : rejected / answered },
    gapsCents,
    lateFeesCents,
    lotsWithoutArl: lots.filter((l) => l.arl === null && l.state !== 'REFUSED' && nowMs - Date.parse(l.createdAt) > dayMs).length,
    lateFses: late,
    virementGaps: virements.filter((v) => !virementMatches(v, rsps)).length,
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
