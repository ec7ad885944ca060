import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract/result.js';
import { PAPER_ERRORS } from '../../../shared/rules/paper-requirements.js';
import { addMonths } from '../../../shared/rules/calendar.js';
import { assessDispensing } from '../../../shared/rules/assess-dispensing.js';
import type { CounterPatient, DispensingAssessment, DispensingProposal } from '../../../shared/rules/dispensing-types.js';
import type { ProductFactsSource } from '../../../shared/rules/product-facts.js';
import type { Prescription } from '../../../shared/teleservice/schemas.js';
import type { CatalogueRepository } from '../store/catalogue.js';
import type { SaleLine } from '../store/dispensings.js';
import type { Store } from '../store/store.js';
import { priceRequiredMessage, unitPriceOf, withPriceIssues } from '../billing/hand-prices.js';
import { registerDispensing } from './dispensing-registers.js';

/** A free line: a product missing from the national base (some LPP devices), with its label and price. */
export const FREE_LINE_CODE = 'HORS_REFERENTIEL';

export type PaperLine =
  | {
      kind: 'CATALOGUE';
      cip13: string;
      packs: number;
      durationDays: number;
      batch: string | null;
      expiry: string | null;
      unitPriceCents?: number | null;
    }
  /** `priceCents` null: not typed, or unreadable (refused, never 0 €). */
  | { kind: 'FREE'; label: string; priceCents: number | null; packs: number };
export type PaperPrescriptionInput = {
  prescribedOn: string;
  prescriberRpps: string | null;
  counterPatient: CounterPatient | null;
  patientSource: 'VITALE' | 'APCV' | 'MANUAL';
  lines: PaperLine[];
  /** Who collected a stupéfiant, when not the patient (written in the ordonnancier). */
  collector?: string | null;
  /** Checked by the pharmacist: the paper is an ordonnance sécurisée (a stupéfiant needs one). */
  securePrescription?: boolean;
  /** The counter's id for this validation, the dispensing's own (F9 again is the same dispensing). */
  validationId?: string;
};

/**
 * The paper prescription as the rules see it: each catalogue line prescribed as dispensed (the
 * pharmacist reads the paper), dated, lasting the days typed. The same engine then says what the
 * law says — validity, stupéfiants, one month per dispensing, in units and days. Free lines (« hors
 * référentiel ») have no facts to check.
 */
export async function paperAsPrescription(
  input: PaperPrescriptionInput,
  catalogue: CatalogueRepository,
): Promise<{ prescription: Prescription; proposal: DispensingProposal; products: ProductFactsSource }> {
  const lines = input.lines.flatMap((l, i) => (l.kind === 'CATALOGUE' ? [{ line: l, lineId: `P${i + 1}` }] : []));
  const products = await catalogue.factsFor(lines.map(({ line }) => line.cip13));
  const prescription: Prescription = {
    id: 'PAPIER',
    qrPayload: '',
    status: 'ACTIVE',
    issuedAt: input.prescribedOn,
    validUntil: addMonths(input.prescribedOn, 3),
    kind: input.securePrescription ? 'SECURISEE' : 'STANDARD',
    prescriber: { rpps: input.prescriberRpps ?? '', name: '', amNumber: '' },
    patient: {
      nir: input.counterPatient?.nir ?? '',
      lastName: input.counterPatient?.lastName ?? '',
      firstName: input.counterPatient?.firstName ?? '',
      birthDate: input.counterPatient?.birthDate ?? '1900-01-01',
      sex: 'F',
    },
    patientOpposesPrescriberAccess: false,
    notes: null,
    lines: lines.map(({ line, lineId }) => {
      const product = products.facts(line.cip13);
      return {
        lineId,
        kind: 'MEDICINE' as const,
        product: {
          cip13: line.cip13,
          label: product?.label ?? `CIP ${line.cip13}`,
          ...(product?.packSize ? { unitsPerPack: product.packSize } : {}),
        },
        posology: '',
        durationDays: line.durationDays,
        quantity: line.packs,
        repeats: 0,
        narcotic: false,
        substitutable: true,
        nonSubstitutableReason: null,
        flags: [],
        dispensings: [],
      };
    }),
  };
  const proposal: DispensingProposal = {
    renewalNumber: 0,
    counterPatient: null,
    lines: lines.map(({ line, lineId }) => ({
      lineId,
      items: [{ cip13: line.cip13, packs: line.packs, batch: line.batch, expiry: line.expiry }],
    })),
  };
  return { prescription, proposal, products };
}

/**
 * The rules' verdict on a paper prescription; a stupéfiant asks the pharmacist to confirm the
 * ordonnance sécurisée first (then the stupéfiants' rules run on it: 28 days, fractions, never renewed).
 */
export async function assessPaper(
  input: PaperPrescriptionInput,
  catalogue: CatalogueRepository,
  today: string,
): Promise<DispensingAssessment> {
  const { prescription, proposal, products } = await paperAsPrescription(input, catalogue);
  const judged =
    prescription.lines.length === 0
      ? { renewalNumber: 0, proposedRenewal: 0, lines: [], issues: [], blocking: false }
      : assessDispensing({ prescription, today, products }, proposal);
  const priced = input.lines.flatMap((l, i) => (l.kind === 'CATALOGUE' ? [{ ...l, lineId: `P${i + 1}` }] : []));
  // A free line's price unreadable or not typed: asked for, never counted 0 €.
  const unpricedFree = input.lines.flatMap((l, i) =>
    l.kind === 'FREE' && l.priceCents === null
      ? [{ code: 'PRICE_REQUIRED', severity: 'blocking' as const, lineId: `P${i + 1}`, message: priceRequiredMessage(l.label) }]
      : [],
  );
  const withPrices = await withPriceIssues(catalogue, judged, priced);
  const assessment =
    unpricedFree.length === 0 ? withPrices : { ...withPrices, issues: [...withPrices.issues, ...unpricedFree], blocking: true };
  if (input.securePrescription || !assessment.lines.some((l) => l.narcotic)) return assessment;
  const issue = {
    code: 'SECURE_PRESCRIPTION_REQUIRED',
    severity: 'blocking' as const,
    lineId: null,
    message: PAPER_ERRORS.SECURE_PRESCRIPTION_REQUIRED,
  };
  return { ...assessment, issues: [issue, ...assessment.issues], blocking: true };
}

/** Who the register and the claim need: the patient and the prescriber, both known to the pharmacy. */
export async function paperParties(store: Store, input: PaperPrescriptionInput): Promise<{ patientName: string; prescriber: string }> {
  const patient = input.counterPatient;
  if (!patient?.lastName?.trim()) throw new AppError('PATIENT_REQUIRED', PAPER_ERRORS.PATIENT_REQUIRED);
  const prescriber = input.prescriberRpps ? await store.prescribers.byRpps(input.prescriberRpps) : null;
  if (!prescriber) throw new AppError('PRESCRIBER_REQUIRED', PAPER_ERRORS.PRESCRIBER_REQUIRED);
  return { patientName: `${patient.lastName} ${patient.firstName ?? ''}`.trim(), prescriber: prescriber.name };
}

/**
 * Validating a paper prescription: the PAPER dispensing with its date, prescriber, patient and sale
 * lines, its SCOR document expected (a paper prescription is always scanned), its audit entry — one
 * transaction. Nothing leaves for the Ordonnance Numérique's téléservice: there is no execution.
 */
export async function recordPaperPrescription(
  store: Store,
  input: PaperPrescriptionInput,
  pharmacistRpps: string,
  at = new Date(),
): Promise<{ dispensingId: string }> {
  const parties = await paperParties(store, input);
  const dispensingId = input.validationId ?? randomUUID();
  const saleLines: SaleLine[] = [];
  for (const l of input.lines) {
    if (l.kind === 'FREE') {
      saleLines.push({
        lineId: null,
        cip13: FREE_LINE_CODE,
        label: l.label,
        packs: l.packs,
        batch: null,
        expiry: null,
        unitPriceCents: l.priceCents,
        reimbursementRate: 0,
      });
      continue;
    }
    const product = await store.catalogue.product(l.cip13);
    saleLines.push({
      lineId: null,
      cip13: l.cip13,
      label: product?.label ?? `CIP ${l.cip13}`,
      packs: l.packs,
      batch: l.batch,
      expiry: l.expiry,
      unitPriceCents: unitPriceOf(product, l.unitPriceCents),
      reimbursementRate: product?.reimbursementRate ?? null,
    });
  }
  const phase = await store.settings.get('regulation.transmissionPhase');
  await store.transaction(async (tx) => {
    await tx.dispensings.insert({
      id: dispensingId,
      circuit: 'PAPER',
      prescriptionId: null,
      renewalNumber: 0,
      phase,
      pharmacistRpps,
      patientNir: input.counterPatient?.nir ?? null,
      patientSource: input.patientSource,
      patientOverrideReason: null,
      prescription: null,
      execution: null,
      complementaryInfo: null,
      workstation: tx.workstation,
      createdAt: at.toISOString(),
      saleLines,
      prescribedOn: input.prescribedOn,
      prescriberRpps: input.prescriberRpps,
    });
    await registerDispensing(tx, dispensingId, saleLines, {
      prescribedOn: input.prescribedOn,
      prescriber: parties.prescriber,
      prescriberRpps: input.prescriberRpps,
      patientId: input.counterPatient?.id ?? null,
      patientNir: input.counterPatient?.nir ?? null,
      patientName: parties.patientName,
      collector: input.collector ?? null,
      at: at.toISOString(),
    });
    await tx.scor.expect({
      documentId: randomUUID(),
      dispensingId,
      circuit: 'PAPER',
      prescriptionId: null,
      prescribedOn: input.prescribedOn,
      prescriberRpps: input.prescriberRpps,
    });
    await tx.audit.append(pharmacistRpps, 'dispensing.recorded_paper', dispensingId, {
      lines: input.lines.length,
      prescribedOn: input.prescribedOn,
    });
  });
  return { dispensingId };
}
