import type { Fse, Lot } from '../../shared/claims/claims-schemas.js';
import type { Beneficiary } from './beneficiaries.js';

export type ArlReason = { code: string; message: string; fseNumber?: string };

/** The most FSEs a lot may carry. */
export const MAX_FSES_PER_LOT = 50;

type ArlFacts = { today: string; beneficiary: (nir: string) => Beneficiary | null; forced: boolean };

/**
 * The ARL's checks (claims.md): every reason found, in the spec's order. An empty list is POSITIF;
 * an unknown NIR is not the ARL's business (it is M001-002 in the RSP).
 */
export function arlReasons(lot: Lot, facts: ArlFacts): ArlReason[] {
  const reasons: ArlReason[] = [...lotTotalsReasons(lot)];
  for (const fse of lot.fses) reasons.push(...fseTotalsReasons(fse));
  for (const fse of lot.fses) {
    const b = facts.beneficiary(fse.beneficiary.nir);
    const d = lot.destination;
    if (b && (b.regime !== d.regime || b.caisse !== d.caisse || b.centre !== d.centre))
      reasons.push({
        code: 'ARL_DESTINATION',
        message: `Bénéficiaire rattaché à l’organisme ${b.regime}-${b.caisse}-${b.centre}, pas à celui du lot.`,
        fseNumber: fse.fseNumber,
      });
  }
  if (lot.fses.length > MAX_FSES_PER_LOT)
    reasons.push({ code: 'ARL_SIZE', message: `Lot de ${lot.fses.length} FSE : ${MAX_FSES_PER_LOT} au plus.` });
  for (const fse of lot.fses)
    if (fse.dispensedOn > facts.today)
      reasons.push({ code: 'ARL_DATE', message: 'Date de délivrance postérieure à la date de réception.', fseNumber: fse.fseNumber });
  const seen = new Set<string>();
  for (const fse of lot.fses) {
    if (seen.has(fse.fseNumber))
      reasons.push({ code: 'ARL_DUPLICATE', message: 'Numéro de FSE présent deux fois dans le lot.', fseNumber: fse.fseNumber });
    seen.add(fse.fseNumber);
  }
  if (facts.forced) reasons.push({ code: 'ARL_FORCED', message: 'Lot refusé (règle du simulateur).' });
  return reasons;
}

const sum = <T>(items: T[], of: (item: T) => number): number => items.reduce((total, item) => total + of(item), 0);

function lotTotalsReasons(lot: Lot): ArlReason[] {
  const t = lot.totals;
  const matches =
    t.count === lot.fses.length &&
    t.totalCents === sum(lot.fses, (f) => f.totals.totalCents) &&
    t.amoCents === sum(lot.fses, (f) => f.totals.amoCents) &&
    t.amcCents === sum(lot.fses, (f) => f.totals.amcCents);
  return matches ? [] : [{ code: 'ARL_TOTALS', message: 'Les totaux du lot ne sont pas la somme de ses FSE.' }];
}

/** An FSE's totals against its lines, and each line's AMO + AMC within its base. */
export function fseTotalsReasons(fse: Fse): ArlReason[] {
  const t = fse.totals;
  const reasons: ArlReason[] = [];
  const total = sum(fse.lines, (l) => l.quantity * l.unitPriceCents);
  const amo = sum(fse.lines, (l) => l.amoCents);
  const amc = sum(fse.lines, (l) => l.amcCents);
  if (t.totalCents !== total || t.amoCents !== amo || t.amcCents !== amc || t.patientCents !== t.totalCents - t.amoCents - t.amcCents)
    reasons.push({ code: 'ARL_TOTALS', message: 'Les totaux de la FSE ne sont pas la somme de ses lignes.', fseNumber: fse.fseNumber });
  if (fse.lines.some((l) => l.amoCents + l.amcCents > l.baseCents))
    reasons.push({ code: 'ARL_TOTALS', message: 'Une ligne demande plus que sa base de remboursement.', fseNumber: fse.fseNumber });
  return reasons;
}
