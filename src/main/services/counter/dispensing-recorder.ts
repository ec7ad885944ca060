import { randomUUID } from 'node:crypto';
import type { DispensingProposal, DispensingAssessment } from '../../../shared/rules/dispensing-types.js';
import { unitPriceOf } from '../billing/hand-prices.js';
import { toExecutionLines } from '../../../shared/rules/assess-dispensing.js';
import type { ExecutionBody, Prescription } from '../../../shared/teleservice/schemas.js';
import type { Store } from '../store/store.js';
import type { SaleLine } from '../store/dispensings.js';
import type { PaperDispensing } from '../store/outbox.js';
import { cheapestGenericPrice } from '../billing/billing-preview.js';
import { registerDispensing } from './dispensing-registers.js';

export type RecordInput = {
  prescription: Prescription;
  proposal: DispensingProposal;
  assessment: DispensingAssessment;
  leaseToken: string | null;
  pharmacistRpps: string;
  patientSource: 'VITALE' | 'APCV' | 'MANUAL';
  complementaryInfo: string | null;
  dispensedAt?: Date;
  /** The id the counter chose for this validation: the dispensing's own, so a validation made again is the same one. */
  dispensingId?: string;
  /** Which dispensing of its renewal this is, by what the counter knew when it opened it (default: the pharmacy's now). */
  renewalPart?: number | null;
  /** Inside the transaction, before anything is written: the prescription is still open at this counter. */
  confirmOpen?: (tx: Store) => Promise<void>;
};

/** The place of a dispensing among its renewal's: what the counter knew, or the pharmacy's count now. */
async function renewalPartOf(tx: Store, prescriptionId: string, renewalNumber: number, known: number | null | undefined): Promise<number> {
  return known ?? (await tx.dispensings.activeByRenewal(prescriptionId)).get(renewalNumber) ?? 0;
}

/**
 * Validating the control: the dispensing, its sale lines, its outbox row and its audit entry are
 * written in one transaction, before any network call — a crash or an outage loses nothing.
 */
export async function recordDispensing(
  store: Store,
  input: RecordInput,
): Promise<{ dispensingId: string; executionId: string; body: ExecutionBody }> {
  const { prescription: p, proposal, assessment } = input;
  const executionId = randomUUID();
  const dispensingId = input.dispensingId ?? randomUUID();
  const at = input.dispensedAt ?? new Date();
  const phase = await store.settings.get('regulation.transmissionPhase');
  const counterNir = proposal.counterPatient?.nir ?? p.patient.nir;
  // A reason given at the counter is recorded even when the NIRs agree (a patient without NIR, known by name).
  const override = proposal.patientOverrideReason?.trim() ? { reason: proposal.patientOverrideReason.trim() } : null;
  const body: ExecutionBody = {
    executionId,
    dispensedAt: at.toISOString(),
    renewalNumber: proposal.renewalNumber,
    phase,
    pharmacistRpps: input.pharmacistRpps,
    patient: { nir: counterNir, source: input.patientSource, override },
    lines: toExecutionLines(assessment, proposal),
    // A chevauchement's reason goes to the prescriber with the rest of the complementary information.
    complementaryInfo:
      [input.complementaryInfo?.trim(), proposal.overlapReason?.trim() ? `Chevauchement : ${proposal.overlapReason.trim()}` : '']
        .filter(Boolean)
        .join(' — ')
        .slice(0, 2000) || null,
  };
  const saleLines: SaleLine[] = [];
  for (const l of body.lines) {
    // The proposal's items as the execution lists them (packs > 0, same order): their typed prices.
    const proposed = proposal.lines.find((pl) => pl.lineId === l.lineId)?.items.filter((i) => i.packs > 0) ?? [];
    for (const [n, d] of l.dispensed.entries()) {
      const product = await store.catalogue.product(d.cip13);
      const prescribed = p.lines.find((pl) => pl.lineId === l.lineId);
      saleLines.push({
        lineId: l.lineId,
        cip13: d.cip13,
        label: product?.label ?? d.label ?? (prescribed?.product.cip13 === d.cip13 ? prescribed.product.label : d.cip13),
        packs: d.packs,
        batch: d.batch ?? null,
        expiry: d.expiry ?? null,
        unitPriceCents: unitPriceOf(product, proposed[n]?.unitPriceCents),
        reimbursementRate: product?.reimbursementRate ?? null,
        refusedGenericCents:
          proposal.lines.find((pl) => pl.lineId === l.lineId)?.refusedGeneric && prescribed?.substitutable
            ? await cheapestGenericPrice(store.catalogue, d.cip13)
            : null,
      });
    }
  }
  await store.transaction(async (tx) => {
    await input.confirmOpen?.(tx);
    await tx.dispensings.insert({
      id: dispensingId,
      circuit: 'ON',
      prescriptionId: p.id,
      renewalNumber: proposal.renewalNumber,
      phase,
      pharmacistRpps: input.pharmacistRpps,
      patientNir: counterNir,
      patientSource: input.patientSource,
      patientOverrideReason: override?.reason ?? null,
      prescription: p,
      execution: body,
      complementaryInfo: body.complementaryInfo ?? null,
      workstation: tx.workstation,
      createdAt: at.toISOString(),
      saleLines,
      renewalPart: await renewalPartOf(tx, p.id, proposal.renewalNumber, input.renewalPart),
    });
    await registerDispensing(tx, dispensingId, saleLines, {
      prescribedOn: p.issuedAt,
      prescriber: p.prescriber.name,
      prescriberRpps: p.prescriber.rpps,
      patientId: proposal.counterPatient?.id ?? null,
      patientNir: counterNir,
      patientName: counterNir === p.patient.nir ? `${p.patient.lastName} ${p.patient.firstName}` : null,
      collector: proposal.collector ?? null,
      at: at.toISOString(),
    });
    await tx.outbox.enqueue({ executionId, dispensingId, prescriptionId: p.id, body, leaseToken: input.leaseToken });
    // Phase 1: the paper is still scanned for SCOR; « à numériser » from this very transaction, never lost.
    if (phase === 1)
      await tx.scor.expect({
        documentId: randomUUID(),
        dispensingId,
        circuit: 'ON',
        prescriptionId: p.id,
        prescribedOn: p.issuedAt,
        prescriberRpps: p.prescriber.rpps,
      });
    await tx.audit.append(input.pharmacistRpps, 'dispensing.recorded', p.id, {
      dispensingId,
      executionId,
      renewalNumber: proposal.renewalNumber,
      lines: body.lines.length,
    });
  });
  return { dispensingId, executionId, body };
}

/**
 * Degraded mode from the paper: the téléservice cannot give the prescription, the pharmacist
 * dispenses from the paper; the dispensing is recorded now and its execution built and sent
 * once the server answers (OutboxSender → executionFromPaper).
 */
export async function recordPaperDispensing(
  store: Store,
  prescriptionId: string,
  paper: PaperDispensing,
  dispensingId: string = randomUUID(),
  knownPart: number | null = null,
): Promise<{ dispensingId: string; executionId: string }> {
  const executionId = randomUUID();
  const phase = await store.settings.get('regulation.transmissionPhase');
  const saleLines: SaleLine[] = [];
  for (const i of paper.items) {
    const product = await store.catalogue.product(i.cip13);
    saleLines.push({
      lineId: null,
      cip13: i.cip13,
      label: product?.label ?? i.label,
      packs: i.packs,
      batch: i.batch,
      expiry: i.expiry,
      unitPriceCents: unitPriceOf(product, i.unitPriceCents),
      reimbursementRate: product?.reimbursementRate ?? null,
    });
  }
  await store.transaction(async (tx) => {
    await tx.dispensings.insert({
      id: dispensingId,
      circuit: 'ON',
      prescriptionId,
      renewalNumber: paper.renewalNumber,
      phase,
      pharmacistRpps: paper.pharmacistRpps,
      patientNir: paper.counterNir,
      patientSource: paper.patientSource,
      patientOverrideReason: null,
      prescription: null,
      execution: null,
      complementaryInfo: paper.complementaryInfo,
      workstation: tx.workstation,
      createdAt: paper.dispensedAt,
      saleLines,
      renewalPart: await renewalPartOf(tx, prescriptionId, paper.renewalNumber, knownPart),
    });
    await registerDispensing(tx, dispensingId, saleLines, {
      prescribedOn: null,
      prescriber: null,
      patientId: paper.counterPatient?.id ?? null,
      patientNir: paper.counterNir,
      patientName: null,
      at: paper.dispensedAt,
    });
    await tx.outbox.enqueuePaper({ executionId, dispensingId, prescriptionId, paper });
    await tx.audit.append(paper.pharmacistRpps, 'dispensing.recorded_degraded', prescriptionId, {
      dispensingId,
      executionId,
      renewalNumber: paper.renewalNumber,
      items: paper.items.length,
    });
  });
  return { dispensingId, executionId };
}
