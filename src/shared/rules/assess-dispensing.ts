import { formatDateFr } from '../format/fr.js';
import type { ExecutionLine, PrescriptionLine } from '../teleservice/schemas.js';
import { addMonths } from './calendar.js';
import type { AssessmentContext, DispensingAssessment, DispensingProposal, LineAssessment, RuleIssue } from './dispensing-types.js';
import { assessLine } from './line-assessment.js';
import { measureLine } from './line-units.js';
import { isPatientMismatch } from './patient-match.js';
import { RULE_LIMITS } from './rule-limits.js';
import { earlierOpenRenewal, lastDispensing, proposeRenewal } from './renewals.js';

/**
 * The pharmacist's safety net: the proposed renewal, every line's deviation (type, reason,
 * agreement), blocking errors versus warnings — one French sentence each. Pure: the same code runs
 * in the renderer (as the pharmacist types), in main (before sending) and in the tests.
 */
export function assessDispensing(ctx: AssessmentContext, proposal: DispensingProposal): DispensingAssessment {
  const p = ctx.prescription;
  const issues: RuleIssue[] = [];
  const measure = (line: PrescriptionLine) => measureLine(line, ctx.products);
  const renewal = proposal.renewalNumber;
  const nothingServed = p.lines.every((l) => l.dispensings.every((d) => d.status === 'NOT_DISPENSED'));
  // The first dispensing within 3 months of the prescription, whatever validity the server sends.
  const limit = [p.validUntil, addMonths(p.issuedAt, RULE_LIMITS.firstDispensingMonths)].sort()[0]!;
  if (nothingServed && ctx.today > limit) {
    issues.push({
      code: 'EXPIRED',
      severity: 'blocking',
      lineId: null,
      message: `Ordonnance expirée : la première délivrance devait avoir lieu au plus tard le ${formatDateFr(limit)}.`,
    });
  }
  if (p.status === 'CANCELLED')
    issues.push({ code: 'CANCELLED', severity: 'blocking', lineId: null, message: 'Ordonnance annulée par le prescripteur.' });
  if (p.kind === 'EXCEPTION' && !proposal.exceptionConfirmed) {
    issues.push({
      code: 'EXCEPTION_FORM',
      severity: 'blocking',
      lineId: null,
      message:
        'Médicament d’exception : vérifiez les mentions du formulaire dédié (indication conforme à la fiche d’information thérapeutique), puis confirmez.',
    });
  }
  patientIssues(ctx, proposal, issues);
  const earlier = earlierOpenRenewal(p, renewal, measure);
  if (earlier !== null)
    issues.push({
      code: 'RENEWAL_OUT_OF_ORDER',
      severity: 'blocking',
      lineId: null,
      message: `Renouvellement n° ${renewal} : le n° ${earlier} n’est pas encore délivré. Les renouvellements se délivrent dans l’ordre.`,
    });

  const lines: LineAssessment[] = p.lines.map((line) => {
    const result = assessLine(
      ctx,
      line,
      renewal,
      proposal.lines.find((l) => l.lineId === line.lineId),
    );
    issues.push(...result.issues);
    return applyJustification(result.line, proposal, issues);
  });
  overlapIssues(ctx, proposal, lines, issues);
  for (const l of proposal.lines) {
    if (!p.lines.some((line) => line.lineId === l.lineId))
      issues.push({ code: 'UNKNOWN_LINE', severity: 'blocking', lineId: l.lineId, message: 'Ligne inconnue de cette ordonnance.' });
  }
  if (lines.every((l) => l.packsDispensed === 0))
    issues.push({ code: 'NOTHING_DISPENSED', severity: 'warning', lineId: null, message: 'Aucun produit délivré sur cette ordonnance.' });
  return {
    renewalNumber: renewal,
    proposedRenewal: proposeRenewal(p, measure),
    lines,
    issues,
    blocking: issues.some((i) => i.severity === 'blocking'),
  };
}

function patientIssues(ctx: AssessmentContext, proposal: DispensingProposal, issues: RuleIssue[]): void {
  if (!isPatientMismatch(proposal.counterPatient, ctx.prescription.patient)) return;
  const reason = proposal.patientOverrideReason?.trim();
  issues.push(
    reason
      ? {
          code: 'PATIENT_OVERRIDE',
          severity: 'warning',
          lineId: null,
          message: `Patient différent de celui de l’ordonnance, motif enregistré : ${reason}.`,
        }
      : {
          code: 'PATIENT_MISMATCH',
          severity: 'blocking',
          lineId: null,
          message: 'Le patient au comptoir n’est pas celui de l’ordonnance : indiquez le motif (ayant droit, parent…) pour poursuivre.',
        },
  );
}

/**
 * Chevauchement: a line dispensed again (a renewal, or another prescription's line served here
 * before) while the units of its last dispensing still last. Said, and a reason asked.
 */
function overlapIssues(ctx: AssessmentContext, proposal: DispensingProposal, lines: LineAssessment[], issues: RuleIssue[]): void {
  for (const assessed of lines.filter((l) => l.unitsDispensed > 0)) {
    const line = ctx.prescription.lines.find((l) => l.lineId === assessed.lineId)!;
    const last = lastDispensing(line, measureLine(line, ctx.products));
    if (!last || last.renewal === proposal.renewalNumber || last.coversUntil <= ctx.today) continue;
    const message = `Chevauchement : la délivrance du ${formatDateFr(last.on)} couvre le traitement jusqu’au ${formatDateFr(last.coversUntil)}.`;
    issues.push(
      proposal.overlapReason?.trim()
        ? { code: 'OVERLAP', severity: 'warning', lineId: line.lineId, message: `${message} Motif : ${proposal.overlapReason.trim()}.` }
        : {
            code: 'OVERLAP_REASON_REQUIRED',
            severity: 'blocking',
            lineId: line.lineId,
            message: `${message} Indiquez le motif du chevauchement pour continuer.`,
          },
    );
    return;
  }
}

/** The control window's answers: a re-typed deviation (within what is allowed), its reason, the agreement. */
function applyJustification(line: LineAssessment, proposal: DispensingProposal, issues: RuleIssue[]): LineAssessment {
  const j = proposal.justifications?.[line.lineId];
  const type = j?.type && line.allowedTypes.includes(j.type) ? j.type : line.deviationType;
  const posology = type === 'POSOLOGY_CHANGED';
  const result = {
    ...line,
    deviationType: type,
    needsReason: line.needsReason || posology,
    needsAgreement: line.needsAgreement || posology,
  };
  if (!result.needsReason) return result;
  if (!(j?.reason?.trim() || line.defaultReason))
    issues.push({ code: 'REASON_REQUIRED', severity: 'blocking', lineId: line.lineId, message: 'Écart à motiver.' });
  if (result.needsAgreement && !j?.agreement)
    issues.push({
      code: 'AGREEMENT_REQUIRED',
      severity: 'blocking',
      lineId: line.lineId,
      message: 'Accord du prescripteur requis (date et moyen).',
    });
  return result;
}

/** The execution's lines as the téléservice wants them: units on every item, so the server counts as the rules did. */
export function toExecutionLines(assessment: DispensingAssessment, proposal: DispensingProposal): ExecutionLine[] {
  return assessment.lines.map((line) => {
    const j = proposal.justifications?.[line.lineId];
    const items = proposal.lines.find((l) => l.lineId === line.lineId)?.items.filter((i) => i.packs > 0) ?? [];
    const reason = line.deviationType === 'NONE' ? null : j?.reason?.trim() || line.defaultReason;
    return {
      lineId: line.lineId,
      status: line.status,
      dispensed:
        line.status === 'NOT_DISPENSED'
          ? []
          : items.map((i, n) => ({
              cip13: i.cip13,
              packs: i.packs,
              ...(line.itemUnits[n] ? { units: line.itemUnits[n] } : {}),
              batch: i.batch ?? null,
              expiry: i.expiry ?? null,
              ...(i.label ? { label: i.label } : {}),
            })),
      deviation: {
        type: line.deviationType,
        reason: reason ?? null,
        prescriberAgreement: line.needsAgreement ? (j?.agreement ?? null) : null,
      },
    };
  });
}
