import type { DeviationType, Prescription } from '../../shared/teleservice/schemas.js';
import type { CounterPatient, DispensingProposal, Justification } from '../../shared/rules/dispensing-types.js';
import { measureLine } from '../../shared/rules/line-units.js';
import { servedFor } from '../../shared/rules/renewals.js';
import { parseEuros } from '../../shared/billing/money.js';
import type { PatientView } from '../../shared/contract/counter-schemas.js';

/** One pack choice of a line: product, packs, batch and expiry as typed (« Produits »); its price when the catalogue has none. */
export type ItemEntry = { cip13: string; label: string; packs: string; batch: string; expiry: string; price?: string };
/** What the pharmacist has entered for one line: its main pack, other packs beside it, or not dispensed. */
export type LineEntry = ItemEntry & { notDispensed: boolean; extra: ItemEntry[]; refusedGeneric?: boolean };
/** The control window's answers for one line. */
export type JustificationEntry = {
  type: DeviationType | '';
  reason: string;
  agreementDate: string;
  agreementChannel: 'TEL' | 'MSSANTE' | 'OTHER' | '';
};

/** The rules' measure without the catalogue: the prescription's own units per pack. */
const noCatalogue = { facts: () => null, packsOfGroup: () => [] };

/** Each line as prescribed, with what remains of the renewal in packs of the prescribed product. */
export function defaultEntries(p: Prescription, renewal: number): Record<string, LineEntry> {
  return Object.fromEntries(
    p.lines.map((l) => {
      const measure = measureLine(l, noCatalogue);
      const left = renewal > l.repeats ? 0 : Math.max(0, measure.due - servedFor(l, renewal, measure).units);
      const packs = Math.ceil(left / measure.unitsPerPack);
      return [
        l.lineId,
        {
          cip13: l.product.cip13,
          label: l.product.label,
          packs: String(packs),
          batch: '',
          expiry: '',
          notDispensed: packs === 0,
          extra: [],
        },
      ];
    }),
  );
}

export const emptyJustification = (): JustificationEntry => ({ type: '', reason: '', agreementDate: '', agreementChannel: '' });

const packsOf = (text: string): number => Math.max(0, Math.min(99, Number.parseInt(text, 10) || 0));
const toItem = (e: ItemEntry) => ({
  cip13: e.cip13,
  packs: packsOf(e.packs),
  batch: e.batch.trim() || null,
  expiry: e.expiry || null,
  label: e.label,
  ...(e.price?.trim() ? { unitPriceCents: parseEuros(e.price) } : {}),
});

/** The called patient as the rules compare them: NIR, or name and birth date. */
export const counterPatientOf = (called: PatientView | null): CounterPatient | null =>
  called ? { id: called.id, nir: called.nir, lastName: called.lastName, firstName: called.firstName, birthDate: called.birthDate } : null;

/** UI state → the proposal the rules and main understand (packs typed as text become numbers). */
export function buildProposal(input: {
  renewalNumber: number;
  entries: Record<string, LineEntry>;
  justifications: Record<string, JustificationEntry>;
  counterPatient: CounterPatient | null;
  overrideReason: string;
  overlapReason: string;
  exceptionConfirmed: boolean;
  collector?: string;
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
    counterPatient: input.counterPatient,
    patientOverrideReason: input.overrideReason.trim() || null,
    overlapReason: input.overlapReason.trim() || null,
    exceptionConfirmed: input.exceptionConfirmed,
    collector: input.collector?.trim() || null,
    lines: Object.entries(input.entries).map(([lineId, e]) => ({
      lineId,
      items: e.notDispensed ? [] : [e, ...e.extra].map(toItem).filter((i) => i.packs > 0),
      ...(e.refusedGeneric ? { refusedGeneric: true } : {}),
    })),
    justifications,
  };
}
