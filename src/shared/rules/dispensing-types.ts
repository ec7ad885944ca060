import type { DeviationType, Prescription } from '../teleservice/schemas.js';
import type { ProductFactsSource } from './product-facts.js';

/** What the pharmacist proposes to dispense, line by line, for one renewal number. */
export type ProposedItem = { cip13: string; packs: number; batch?: string | null; expiry?: string | null; label?: string };
export type ProposedLine = { lineId: string; items: ProposedItem[] };
export type Agreement = { date: string; channel: 'TEL' | 'MSSANTE' | 'OTHER' };
export type Justification = { type?: DeviationType; reason?: string | null; agreement?: Agreement | null };

export type DispensingProposal = {
  renewalNumber: number;
  lines: ProposedLine[];
  /** The patient called at the counter (null: called straight from F3). */
  counterPatient: { nir: string } | null;
  patientOverrideReason?: string | null;
  /** The control window's answers: reason and agreement per line. */
  justifications?: Record<string, Justification>;
};

export type AssessmentContext = { prescription: Prescription; today: string; products: ProductFactsSource };

export type Severity = 'blocking' | 'warning';
export type RuleIssue = { code: string; severity: Severity; lineId: string | null; message: string };

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
  packsPrescribed: number;
  packsServedBefore: number;
  packsDispensed: number;
  packsRemainingAfter: number;
  explanation: string | null;
};

export type DispensingAssessment = {
  renewalNumber: number;
  proposedRenewal: number | null;
  lines: LineAssessment[];
  issues: RuleIssue[];
  blocking: boolean;
};
