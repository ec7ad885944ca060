import type { ExecutionLine } from '../teleservice/schemas.js';
import type { AssessmentContext, DispensingAssessment, DispensingProposal, LineAssessment, RuleIssue } from './dispensing-types.js';
import { assessLine } from './line-assessment.js';
import { proposeRenewal } from './renewals.js';

/**
 * The pharmacist's safety net: the proposed renewal, every line's deviation (type, reason,
 * agreement), blocking errors versus warnings — one French sentence each. Pure: the same code runs
 * in the renderer (as the pharmacist types), in main (before sending) and in the tests.
 */
export function assessDispensing(ctx: AssessmentContext, proposal: DispensingProposal): DispensingAssessment {
  const p = ctx.prescription;
  const issues: RuleIssue[] = [];
  const renewal = proposal.renewalNumber;
  if (renewal === 0 && ctx.today > p.validUntil) {
    issues.push({ code: 'EXPIRED', severity: 'blocking', lineId: null, message: `Ordonnance expirée : la première délivrance devait avoir lieu au plus tard le ${p.validUntil.split('-').reverse().join('/')}.` });
  }
  if (p.status === 'CANCELLED') issues.push({ code: 'CANCELLED', severity: 'blocking', lineId: null, message: 'Ordonnance annulée par le prescripteur.' });
  patientIssues(ctx, proposal, issues);

  const lines: LineAssessment[] = p.lines.map((line) => {
    const result = assessLine(ctx, line, renewal, proposal.lines.find((l) => l.lineId === line.lineId));
    issues.push(...result.issues);
    return applyJustification(result.line, proposal, issues);
  });
  for (const l of proposal.lines) {
    if (!p.lines.some((line) => line.lineId === l.lineId)) issues.push({ code: 'UNKNOWN_LINE', severity: 'blocking', lineId: l.lineId, message: 'Ligne inconnue de cette ordonnance.' });
  }
  if (lines.every((l) => l.packsDispensed === 0)) issues.push({ code: 'NOTHING_DISPENSED', severity: 'warning', lineId: null, message: 'Aucun produit délivré sur cette ordonnance.' });
  return { renewalNumber: renewal, proposedRenewal: proposeRenewal(p), lines, issues, blocking: issues.some((i) => i.severity === 'blocking') };
}

function patientIssues(ctx: AssessmentContext, proposal: DispensingProposal, issues: RuleIssue[]): void {
  const counter = proposal.counterPatient;
  if (!counter || counter.nir === ctx.prescription.patient.nir) return;
  const reason = proposal.patientOverrideReason?.trim();
  issues.push(
    reason
      ? { code: 'PATIENT_OVERRIDE', severity: 'warning', lineId: null, message: `Patient différent de celui de l’ordonnance, motif enregistré : ${reason}.` }
      : { code: 'PATIENT_MISMATCH', severity: 'blocking', lineId: null, message: 'Le patient au comptoir n’est pas celui de l’ordonnance : indiquez le motif (ayant droit, parent…) pour poursuivre.' },
  );
}

/** The control window's answers: a re-typed deviation (within what is allowed), its reason, the agreement. */
function applyJustification(line: LineAssessment, proposal: DispensingProposal, issues: RuleIssue[]): LineAssessment {
  const j = proposal.justifications?.[line.lineId];
  const type = j?.type && line.allowedTypes.includes(j.type) ? j.type : line.deviationType;
  const posology = type === 'POSOLOGY_CHANGED';
  const result = { ...line, deviationType: type, needsReason: line.needsReason || posology, needsAgreement: line.needsAgreement || posology };
  if (!result.needsReason) return result;
  if (!(j?.reason?.trim() || line.defaultReason)) issues.push({ code: 'REASON_REQUIRED', severity: 'blocking', lineId: line.lineId, message: 'Écart à motiver.' });
  if (result.needsAgreement && !j?.agreement) issues.push({ code: 'AGREEMENT_REQUIRED', severity: 'blocking', lineId: line.lineId, message: 'Accord du prescripteur requis (date et moyen).' });
  return result;
}

/** The execution's lines as the téléservice wants them, from the assessment and the proposal. */
export function toExecutionLines(assessment: DispensingAssessment, proposal: DispensingProposal): ExecutionLine[] {
  return assessment.lines.map((line) => {
    const j = proposal.justifications?.[line.lineId];
    const items = proposal.lines.find((l) => l.lineId === line.lineId)?.items.filter((i) => i.packs > 0) ?? [];
    const reason = line.deviationType === 'NONE' ? null : j?.reason?.trim() || line.defaultReason;
    return {
      lineId: line.lineId,
      status: line.status,
      dispensed: line.status === 'NOT_DISPENSED' ? [] : items.map((i) => ({ cip13: i.cip13, packs: i.packs, batch: i.batch ?? null, expiry: i.expiry ?? null, ...(i.label ? { label: i.label } : {}) })),
      deviation: { type: line.deviationType, reason: reason ?? null, prescriberAgreement: line.needsAgreement ? (j?.agreement ?? null) : null },
    };
  });
}
