import type { DeviationType, Prescription } from '../../shared/teleservice/schemas.js';
import type { DispensingProposal, Justification } from '../../shared/rules/dispensing-types.js';

/** What the pharmacist has entered for one line (« Produits »). */
export type LineEntry = { cip13: string; label: string; packs: string; batch: string; expiry: string; notDispensed: boolean };
/** The control window's answers for one line. */
export type JustificationEntry = { type: DeviationType | ''; reason: string; agreementDate: string; agreementChannel: 'TEL' | 'MSSANTE' | 'OTHER' | '' };

export function defaultEntries(p: Prescription, renewal: number): Record<string, LineEntry> {
  return Object.fromEntries(
    p.lines.map((l) => {
      const served = l.dispensings.filter((d) => d.renewalNumber === renewal).reduce((s, d) => s + d.packs, 0);
      const remaining = renewal > l.repeats ? 0 : Math.max(0, l.quantity - served);
      return [l.lineId, { cip13: l.product.cip13, label: l.product.label, packs: String(remaining), batch: '', expiry: '', notDispensed: remaining === 0 }];
    }),
  );
}

export const emptyJustification = (): JustificationEntry => ({ type: '', reason: '', agreementDate: '', agreementChannel: '' });

/** UI state → the proposal the rules and main understand (packs typed as text become numbers). */
export function buildProposal(input: {
  renewalNumber: number;
  entries: Record<string, LineEntry>;
  justifications: Record<string, JustificationEntry>;
  counterNir: string | null;
  overrideReason: string;
}): DispensingProposal {
  const justifications: Record<string, Justification> = {};
  for (const [lineId, j] of Object.entries(input.justifications)) {
    justifications[lineId] = {
      ...(j.type ? { type: j.type } : {}),
      reason: j.reason.trim() || null,
      agreement: j.agreementDate && j.agreementChannel ? { date: j.agreementDate, channel: j.agreementChannel } : null,
    };
  }
  return {
    renewalNumber: input.renewalNumber,
    counterPatient: input.counterNir ? { nir: input.counterNir } : null,
    patientOverrideReason: input.overrideReason.trim() || null,
    lines: Object.entries(input.entries).map(([lineId, e]) => ({
      lineId,
      items: e.notDispensed ? [] : [{ cip13: e.cip13, packs: Math.max(0, Math.min(99, Number.parseInt(e.packs, 10) || 0)), batch: e.batch.trim() || null, expiry: e.expiry || null, label: e.label }],
    })),
    justifications,
  };
}
