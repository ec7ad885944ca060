import type { DeviationType, Prescription } from '../teleservice/schemas.js';
import type { ProductFactsSource } from './product-facts.js';

/** What the pharmacist proposes to dispense, line by line, for one renewal number. */
/** `unitPriceCents`: typed at the counter for a pack the catalogue gives no price for (used only then). */
export type ProposedItem = {
  cip13: string;
  packs: number;
  batch?: string | null;
  expiry?: string | null;
  label?: string;
  unitPriceCents?: number | null;
};
/** `refusedGeneric`: the patient refused the generic (tiers payant contre génériques, billing.md). */
export type ProposedLine = { lineId: string; items: ProposedItem[]; refusedGeneric?: boolean };
export type Agreement = { date: string; channel: 'TEL' | 'MSSANTE' | 'OTHER' };
export type Justification = { type?: DeviationType; reason?: string | null; agreement?: Agreement | null };

/** The patient called at the counter: by NIR when known, else by name and birth date (`id`: their file, for the registers). */
export type CounterPatient = { id?: number; nir: string | null; lastName?: string; firstName?: string; birthDate?: string };

export type DispensingProposal = {
  renewalNumber: number;
  lines: ProposedLine[];
  /** The patient called at the counter (null: called straight from F3). */
  counterPatient: CounterPatient | null;
  patientOverrideReason?: string | null;
  /** The control window's answers: reason and agreement per line. */
  justifications?: Record<string, Justification>;
  /** Why a renewal comes before the previous dispensing's days have run out (chevauchement). */
  overlapReason?: string | null;
  /** Médicament d'exception: the pharmacist checked the dedicated form's mentions. */
  exceptionConfirmed?: boolean;
  /** Who collected a stupéfiant when it is not the patient (name, identity document): the ordonnancier records it. */
  collector?: string | null;
};

export type AssessmentContext = { prescription: Prescription; today: string; products: ProductFactsSource };

export type Severity = 'blocking' | 'warning';
export type RuleIssue = { code: string; severity: Severity; lineId: string | null; message: string };

/** One line for one renewal, in units and days of treatment as pharmacists count. */
export type LineAssessment = {
  lineId: string;
  status: 'DISPENSED' | 'PARTIAL' | 'NOT_DISPENSED';
  /** The deviation as computed (or as the pharmacist re-typed it within what is allowed). */
  deviationType: DeviationType;
  allowedTypes: DeviationType[];
  needsReason: boolean;
  needsAgreement: boolean;
  /** A reason the workstation can fill in itself (non-renewable line, already served…). */
  defaultReason: string | null;
  /** Units in one pack of the prescribed product (1 when the prescription does not say). */
  unitsPerPack: number;
  /** What this renewal is due, what earlier dispensings served of it, what this one hands out, what stays due. */
  unitsDue: number;
  unitsServedBefore: number;
  unitsDispensed: number;
  unitsRemainingAfter: number;
  /** Days of treatment this dispensing covers, and those still due after it for this renewal. */
  daysDispensed: number;
  daysRemainingAfter: number;
  /** Later renewals a large pack serves with this dispensing. */
  renewalsCovered: number[];
  packsDispensed: number;
  /** Units of each proposed item, as sent to the téléservice (`dispensed[].units`). */
  itemUnits: number[];
  /** A stupéfiant: its collector is asked when it is not the patient. */
  narcotic: boolean;
  /** A princeps dispensed instead of the prescribed product (a substitution inside the group the other way). */
  towardPrinceps?: boolean;
  explanation: string | null;
};

export type DispensingAssessment = {
  renewalNumber: number;
  proposedRenewal: number | null;
  lines: LineAssessment[];
  issues: RuleIssue[];
  blocking: boolean;
};
