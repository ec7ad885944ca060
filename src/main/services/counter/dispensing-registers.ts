import type { SaleLine } from '../store/dispensings.js';
import type { Store } from '../store/store.js';

export type RegisterFacts = { prescribedOn: string | null; prescriber: string | null; patientNir: string | null; patientName: string | null; collector?: string | null; at: string };

/**
 * Inside the dispensing's own transaction: its invoice number, and an ordonnancier entry for each
 * line of a listed medicine (list I, list II, stupéfiants) — numbers with no gap and no reuse.
 */
export function registerDispensing(store: Store, dispensingId: string, saleLines: SaleLine[], facts: RegisterFacts): { invoiceNumber: number; registerNumbers: number[] } {
  const invoiceNumber = store.registers.next('invoice');
  store.db.prepare('UPDATE dispensings SET invoice_number = ? WHERE id = ?').run(invoiceNumber, dispensingId);
  const patient = facts.patientName ?? (facts.patientNir ? nameOf(store, facts.patientNir) : null);
  const registerNumbers = saleLines.flatMap((line) => {
    const list = store.catalogue.product(line.cip13)?.list ?? null;
    if (list === null) return [];
    return [
      store.registers.write({
        dispensingId, kind: 'ENTRY', refersTo: null, recordedAt: facts.at, prescribedOn: facts.prescribedOn, prescriber: facts.prescriber, patient, patientNir: facts.patientNir,
        cip13: line.cip13, product: line.label, list, packs: line.packs, collector: list === 'STUPEFIANT' ? (facts.collector ?? null) : null,
      }),
    ];
  });
  return { invoiceNumber, registerNumbers };
}

/** A cancelled dispensing: each of its ordonnancier entries answered by a new one that refers to it. */
export function registerCancellation(store: Store, dispensingId: string, at: string): void {
  for (const entry of store.registers.ofDispensing(dispensingId).filter((e) => e.kind === 'ENTRY')) {
    store.registers.write({ ...entry, kind: 'CANCELLATION', refersTo: entry.number, recordedAt: at });
  }
}

function nameOf(store: Store, nir: string): string | null {
  const p = store.patients.byNir(nir);
  return p ? `${p.lastName} ${p.firstName}` : null;
}
