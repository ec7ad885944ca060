import { assessDispensing, toExecutionLines } from '../../../shared/rules/assess-dispensing.js';
import type { DispensingProposal, Justification } from '../../../shared/rules/dispensing-types.js';
import type { ProductFactsSource } from '../../../shared/rules/product-facts.js';
import type { ExecutionBody, Prescription } from '../../../shared/teleservice/schemas.js';
import type { PaperDispensing } from '../store/outbox.js';

export const DEGRADED_REASON = 'Délivrance en mode dégradé d’après l’ordonnance papier (téléservice injoignable).';

export type Reconciliation = { body: ExecutionBody } | { refusal: { code: string; message: string } };

/**
 * A dispensing made from the paper, matched against the prescription once the server gives it:
 * each pack to the line of the same product (or of its generic group), the others « non délivré »,
 * the same rules as at the counter. Anything the rules refuse stays « à régulariser » with its reason.
 */
export function executionFromPaper(
  p: Prescription,
  paper: PaperDispensing,
  products: ProductFactsSource,
  executionId: string,
  phase: 1 | 2,
): Reconciliation {
  const lines: DispensingProposal['lines'] = p.lines.map((l) => ({ lineId: l.lineId, items: [] }));
  for (const item of paper.items) {
    const group = products.facts(item.cip13)?.genericGroup ?? null;
    const line =
      p.lines.find((l) => l.product.cip13 === item.cip13) ??
      (group ? p.lines.find((l) => products.facts(l.product.cip13)?.genericGroup === group) : undefined);
    if (!line)
      return {
        refusal: {
          code: 'PAPER_UNMATCHED',
          message: `À régulariser : ${item.label} délivré en mode dégradé ne correspond à aucune ligne de l’ordonnance.`,
        },
      };
    lines
      .find((l) => l.lineId === line.lineId)
      ?.items.push({ cip13: item.cip13, packs: item.packs, batch: item.batch, expiry: item.expiry, label: item.label });
  }
  const justifications: Record<string, Justification> = Object.fromEntries(p.lines.map((l) => [l.lineId, { reason: DEGRADED_REASON }]));
  // The patient check runs here too: the called patient (by NIR, or by name and birth date) against the prescription's.
  const counterPatient = paper.counterPatient ?? (paper.counterNir ? { nir: paper.counterNir } : null);
  const proposal: DispensingProposal = { renewalNumber: paper.renewalNumber, lines, counterPatient, justifications };
  const assessment = assessDispensing({ prescription: p, today: paper.dispensedAt.slice(0, 10), products }, proposal);
  const blocking = assessment.issues.find((i) => i.severity === 'blocking');
  if (blocking) return { refusal: { code: `PAPER_${blocking.code}`, message: `À régulariser : ${blocking.message}` } };
  return {
    body: {
      executionId,
      dispensedAt: paper.dispensedAt,
      renewalNumber: paper.renewalNumber,
      phase,
      pharmacistRpps: paper.pharmacistRpps,
      patient: { nir: paper.counterNir ?? p.patient.nir, source: paper.patientSource, override: null },
      lines: toExecutionLines(assessment, proposal),
      complementaryInfo: [paper.complementaryInfo, 'Délivrance faite en mode dégradé.'].filter(Boolean).join(' '),
    },
  };
}
