import type { SaleLine } from '../store/dispensings.js';
import type { Store } from '../store/store.js';

export type RegisterFacts = { prescribedOn: string | null; prescriber: string | null; patientNir: string | null; patientName: string | null; collector?: string | null; at: string };

/**
 * Inside the dispensing's own transaction: its invoice number, and an ordonnancier entry for each
 * line of a listed medicine (list I, list II, stupéfiants) — numbers with no gap and no reuse.
 */
export async function registerDispensing(tx: Store, dispensingId: string, saleLines: SaleLine[], facts: RegisterFacts): Promise<{ invoiceNumber: number; registerNumbers: number[] }> {
  const invoiceNumber = await tx.registers.next('invoice');
  await tx.registers.setInvoiceNumber(dispensingId, invoiceNumber);
  const patient = facts.patientName ?? (facts.patientNir ? await nameOf(tx, facts.patientNir) : null);
  const registerNumbers: number[] = [];
  for (const line of saleLines) {
    const list = (await tx.catalogue.product(line.cip13))?.list ?? null;
    if (list === null) continue;
    registerNumbers.push(
      await tx.registers.write({
        dispensingId, kind: 'ENTRY', refersTo: null, recordedAt: facts.at, prescribedOn: facts.prescribedOn, prescriber: facts.prescriber, patient, patientNir: facts.patientNir,
        cip13: line.cip13, product: line.label, list, packs: line.packs, collector: list === 'STUPEFIANT' ? (facts.collector ?? null) : null,
      }),
    );
  }
  return { invoiceNumber, registerNumbers };
}

/**
 * A cancelled dispensing: each of its ordonnancier entries answered by a counter-entry that refers
 * to it, with the quantity taken back (negative), the rest as the entry says.
 */
export async function registerCancellation(tx: Store, dispensingId: string, at: string): Promise<void> {
  for (const entry of (await tx.registers.ofDispensing(dispensingId)).filter((e) => e.kind === 'ENTRY')) {
    await tx.registers.write({ ...entry, kind: 'CANCELLATION', refersTo: entry.number, recordedAt: at, packs: -entry.packs });
  }
}

async function nameOf(tx: Store, nir: string): Promise<string | null> {
  const p = await tx.patients.byNir(nir);
  return p ? `${p.lastName} ${p.firstName}` : null;
}
