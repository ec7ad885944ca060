import type { SaleLine } from '../store/dispensings.js';
import type { Patient } from '../store/patients.js';
import { BillingPreview } from '../billing/billing-preview.js';
import type { Store } from '../store/store.js';
import { ensureFse } from '../claims/fse-builder.js';

export type RegisterFacts = {
  prescribedOn: string | null;
  prescriber: string | null;
  /** The prescriber in the pharmacy's file, for the address the register keeps. */
  prescriberRpps?: string | null;
  /** The patient called at the counter: their file's id when known, else their NIR. */
  patientId?: number | null;
  patientNir: string | null;
  patientName: string | null;
  collector?: string | null;
  at: string;
};

/**
 * Inside the dispensing's own transaction: its invoice number, and an ordonnancier entry for each
 * line of a listed medicine (list I, list II, stupéfiants) — numbers with no gap and no reuse.
 */
export async function registerDispensing(
  tx: Store,
  dispensingId: string,
  saleLines: SaleLine[],
  facts: RegisterFacts,
): Promise<{ invoiceNumber: number; registerNumbers: number[] }> {
  const invoiceNumber = await tx.registers.next('invoice');
  await tx.registers.setInvoiceNumber(dispensingId, invoiceNumber);
  // The bill as billed now, kept for every reprint (later tariffs, prices or certificates never change it).
  const record = await tx.dispensings.byId(dispensingId);
  if (record) await tx.dispensings.setBill(dispensingId, await new BillingPreview(tx).ofRecord(record));
  // Its FSE, numbered with this invoice number (claims.md); a degraded dispensing's waits for its prescription.
  await ensureFse(tx, dispensingId, { prescribedOn: facts.prescribedOn, prescriberRpps: facts.prescriberRpps ?? null });
  const file = await patientFile(tx, facts);
  const patient = facts.patientName ?? (file ? `${file.lastName} ${file.firstName}` : null);
  const prescriberAddress = facts.prescriberRpps ? ((await tx.prescribers.byRpps(facts.prescriberRpps))?.address ?? null) : null;
  const registerNumbers: number[] = [];
  for (const line of saleLines) {
    const product = await tx.catalogue.product(line.cip13);
    const list = product?.list ?? null;
    if (list === null) continue;
    // Who collected it, for a stupéfiant and an assimilé alike (issue #23.1).
    const collected = list === 'STUPEFIANT' || product?.assimilatedNarcotic === true;
    registerNumbers.push(
      await tx.registers.write({
        dispensingId,
        kind: 'ENTRY',
        refersTo: null,
        recordedAt: facts.at,
        prescribedOn: facts.prescribedOn,
        prescriber: facts.prescriber,
        patient,
        patientNir: facts.patientNir,
        cip13: line.cip13,
        product: line.label,
        list,
        packs: line.packs,
        collector: collected ? (facts.collector ?? null) : null,
        patientAddress: file?.address ?? null,
        prescriberAddress,
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

/**
 * A degraded-mode dispensing, once the server gives its prescription: each register entry written
 * without the prescription's facts is completed by a CORRECTION entry that refers to it (the date,
 * the prescriber and their address; quantity 0: what was dispensed does not change). Once only.
 */
export async function registerCompletion(
  tx: Store,
  dispensingId: string,
  facts: { prescribedOn: string; prescriber: string; prescriberRpps: string; patientName: string },
  at: string,
): Promise<number> {
  const entries = await tx.registers.ofDispensing(dispensingId);
  const corrected = new Set(entries.filter((e) => e.kind === 'CORRECTION').map((e) => e.refersTo));
  const prescriberAddress = (await tx.prescribers.byRpps(facts.prescriberRpps))?.address ?? null;
  let written = 0;
  for (const entry of entries.filter(
    (e) => e.kind === 'ENTRY' && !corrected.has(e.number) && (e.prescriber === null || e.prescribedOn === null),
  )) {
    await tx.registers.write({
      ...entry,
      kind: 'CORRECTION',
      refersTo: entry.number,
      recordedAt: at,
      prescribedOn: facts.prescribedOn,
      prescriber: facts.prescriber,
      prescriberAddress,
      patient: entry.patient ?? facts.patientName,
      packs: 0,
    });
    written++;
  }
  await ensureFse(tx, dispensingId, { prescribedOn: facts.prescribedOn, prescriberRpps: facts.prescriberRpps }, at);
  return written;
}

async function patientFile(tx: Store, facts: RegisterFacts): Promise<Patient | null> {
  const byId = facts.patientId ? await tx.patients.byId(facts.patientId) : null;
  // An id that does not match the NIR the dispensing names is not this patient.
  if (byId && (!facts.patientNir || byId.nir === facts.patientNir)) return byId;
  return facts.patientNir ? tx.patients.byNir(facts.patientNir) : null;
}
