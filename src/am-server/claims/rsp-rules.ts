import { PRODUCT_CODE_OF_RATE, type Fse, type RspOutcome } from '../../shared/claims/claims-schemas.js';
import { shareOf } from '../../shared/billing/money.js';
import { isValidNir } from '../../shared/ids/nir.js';
import { isValidRpps } from '../../shared/ids/professional.js';
import { addMonths } from '../../shared/rules/calendar.js';
import type { Beneficiary } from './beneficiaries.js';

export type Reject = { code: string; label: string };
/** The caisse's answer for one payer, before its day (and so its late fee) is known. */
export type Decision = {
  outcome: Exclude<RspOutcome, 'TRAITEMENT_CAISSE'>;
  requestedCents: number;
  paidCents: number;
  reject: Reject | null;
};

/** What the rules look up in the caisse's files. */
export type CaisseLookups = {
  beneficiary: (nir: string) => Beneficiary | null;
  knowsPrescriber: (rpps: string) => boolean;
  /** An earlier FSE with this number, in a POSITIF lot, whose AMO outcome is not (yet) REJETE. */
  isDoublon: (fse: Fse) => boolean;
  hasPieceJustificative: (fse: Fse) => boolean;
};

export const REJECTS = {
  doublon: { code: 'M004-001', label: 'Doublon de FSE' },
  nirKey: { code: 'M001-003', label: 'NIR ou clé invalide' },
  unknownBeneficiary: { code: 'M001-002', label: 'Bénéficiaire inconnu' },
  rights: { code: 'M001-001', label: 'Droits AMO non ouverts à la date des soins' },
  unknownPrescriber: { code: 'M002-001', label: 'Prescripteur inconnu' },
  prescriptionDate: { code: 'M002-002', label: 'Date de prescription incohérente' },
  codeRate: { code: 'M003-001', label: 'Code prestation incompatible avec le taux' },
  ald: { code: 'M006-001', label: 'Exonération ALD inconnue' },
  pieceJustificative: { code: 'M005-001', label: 'Pièce justificative absente' },
  amcUnknown: { code: 'A001-002', label: 'AMC inconnue' },
  amcContract: { code: 'A001-001', label: 'Contrat AMC non valide à la date des soins' },
} as const satisfies Record<string, Reject>;

/** The AMO's first matching reject (claims.md, in its order), or null. */
export function amoReject(fse: Fse, look: CaisseLookups): Reject | null {
  if (look.isDoublon(fse)) return REJECTS.doublon;
  if (!isValidNir(fse.beneficiary.nir)) return REJECTS.nirKey;
  const b = look.beneficiary(fse.beneficiary.nir);
  if (!b) return REJECTS.unknownBeneficiary;
  if (fse.dispensedOn < b.rightsFrom || fse.dispensedOn > b.rightsUntil) return REJECTS.rights;
  if (!isValidRpps(fse.prescriber.rpps) || !look.knowsPrescriber(fse.prescriber.rpps)) return REJECTS.unknownPrescriber;
  if (fse.prescribedOn > fse.dispensedOn || addMonths(fse.prescribedOn, 12) < fse.dispensedOn) return REJECTS.prescriptionDate;
  if (fse.lines.some((l) => l.cip13 !== null && PRODUCT_CODE_OF_RATE[l.rate] !== l.code)) return REJECTS.codeRate;
  if (fse.exoneration === 'ALD' && !b.ald) return REJECTS.ald;
  if (!look.hasPieceJustificative(fse)) return REJECTS.pieceJustificative;
  return null;
}

/** The AMO's answer: a reject, or what the caisse recomputes (never more than requested). */
export function amoDecision(fse: Fse, look: CaisseLookups): Decision {
  const requestedCents = fse.totals.amoCents;
  const reject = amoReject(fse, look);
  if (reject) return { outcome: 'REJETE', requestedCents, paidCents: 0, reject };
  const recomputed = fse.lines.reduce((total, l) => total + shareOf(l.baseCents, l.rate), 0);
  const paidCents = Math.min(recomputed, requestedCents);
  if (fse.tiersPayant === 'NONE') return { outcome: 'PAYE_ASSURE', requestedCents, paidCents, reject: null };
  return { outcome: paidCents === requestedCents ? 'PAYE' : 'PAYE_PARTIEL', requestedCents, paidCents, reject: null };
}

/** The AMC's answer (tiers payant AMO_AMC only): a doublon rejects it too, else its own rules. */
export function amcDecision(fse: Fse, look: CaisseLookups, doublon: boolean): Decision {
  const requestedCents = fse.totals.amcCents;
  const rejected = (reject: Reject): Decision => ({ outcome: 'REJETE', requestedCents, paidCents: 0, reject });
  if (doublon) return rejected(REJECTS.doublon);
  const contract = look.beneficiary(fse.beneficiary.nir)?.amc ?? null;
  if (!contract || !fse.amc || contract.number !== fse.amc.number) return rejected(REJECTS.amcUnknown);
  if (contract.validUntil < fse.dispensedOn) return rejected(REJECTS.amcContract);
  return { outcome: 'PAYE', requestedCents, paidCents: requestedCents, reject: null };
}

/** Décret 2016-1069: 1 € on the 8th or 9th business day after the lot, 10 % of the part from the 10th. */
export function lateFeeCents(paidCents: number, businessDaysAfterLot: number): number {
  if (paidCents <= 0 || businessDaysAfterLot < 8) return 0;
  if (businessDaysAfterLot < 10) return 100;
  return shareOf(paidCents, 10);
}
