import { AppError } from '../../../shared/contract/result.js';
import type { HistoryEntryView, PrescriberView, ProductView } from '../../../shared/contract/counter-schemas.js';
import { assessDispensing } from '../../../shared/rules/assess-dispensing.js';
import type { CounterPatient, DispensingAssessment, DispensingProposal } from '../../../shared/rules/dispensing-types.js';
import { formatPrescriptionId } from '../../../shared/ids/prescription-id.js';
import { parisToday } from '../../../shared/format/paris-date.js';
import { BillingPreview } from '../billing/billing-preview.js';
import { missingPriceIssues, withPriceIssues } from '../billing/hand-prices.js';
import { dispensingDetailPdf } from '../pdf/dispensing-detail-pdf.js';
import { ticketPdf } from '../pdf/ticket-pdf.js';
import type { OrdonnancierFilter } from '../store/registers.js';
import { scannedOrdonnancePdf } from '../pdf/scanned-ordonnance-pdf.js';
import type { Store } from '../store/store.js';
import { teleserviceMessage } from '../teleservice/teleservice-messages.js';
import { cancelDispensing } from './dispensing-cancellation.js';
import { lineAlternatives } from './line-alternatives.js';
import { dispensingHistory, ordonnancierPrint } from './register-views.js';
import { assessPaper, paperParties, recordPaperPrescription, type PaperPrescriptionInput } from './paper-prescription.js';
import { recordDispensing, recordPaperDispensing } from './dispensing-recorder.js';
import type { OutboxSender } from './outbox-sender.js';
import { PrescriptionRetrieval } from './prescription-retrieval.js';

export type PharmacyIdentity = { finess: string; name: string; pharmacistRpps: string; address?: string | null };

/**
 * How long a validation waits for its transmission's answer before saying it is recorded and on its
 * way: a téléservice that answers says « transmise » at once, one that hangs never holds the counter
 * (the sender goes on in the background, the outbox panel follows it).
 */
export const TRANSMISSION_GRACE_MS = 1_000;

const TOKEN_REFUSED_WAITING = 'Délivrance enregistrée ; le jeton du téléservice est refusé pour ce poste : elle partira d’un autre poste, ou d’ici une fois le jeton corrigé (Configuration, Alt+C).';

/** Products, the control window and its validation: the work behind steps 5 to 7 of the flow. */
export class CounterService {
  private readonly validating = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly retrieval: PrescriptionRetrieval,
    private readonly sender: OutboxSender,
    private readonly pharmacy: () => PharmacyIdentity | null,
    /** A database switch saved for the next start: nothing more is recorded on the store it leaves. */
    private readonly switchPending: () => boolean = () => false,
  ) {}

  private refuseWhileSwitching(): void {
    if (this.switchPending()) throw new AppError('DATABASE_SWITCH_PENDING', 'La base de ce poste change au prochain démarrage : redémarrez Comptoir avant d’enregistrer (rien n’est enregistré).');
  }

  /**
   * Who dispenses: the pharmacy, known, with a téléservice (a counter of a shared database without
   * its address dispenses nothing: it would never be transmitted).
   */
  private dispensingPharmacy(): PharmacyIdentity {
    this.refuseWhileSwitching();
    if (this.sender.access.state() === 'not_configured') throw new AppError('TELESERVICE_NOT_CONFIGURED', teleserviceMessage('TELESERVICE_NOT_CONFIGURED'));
    const pharmacy = this.pharmacy();
    if (!pharmacy) throw new AppError('PHARMACY_UNKNOWN', 'Officine non identifiée : renseignez FINESS et RPPS dans les paramètres officine.');
    return pharmacy;
  }

  /** What was just recorded goes out now; its answer is awaited a moment at most (TRANSMISSION_GRACE_MS). */
  private async sendBriefly(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, TRANSMISSION_GRACE_MS)));
    const sending = this.sender.sendDue().then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([sending, grace]);
    clearTimeout(timer);
  }

  async assess(prescriptionId: string, proposal: DispensingProposal): Promise<DispensingAssessment> {
    const prescription = this.retrieval.retrieved(prescriptionId);
    const products = await this.store.catalogue.factsFor([...prescription.lines.map((l) => l.product.cip13), ...proposal.lines.flatMap((l) => l.items.map((i) => i.cip13))]);
    const priced = proposal.lines.flatMap((l) => l.items.map((i) => ({ ...i, lineId: l.lineId })));
    return withPriceIssues(this.store.catalogue, assessDispensing({ prescription, today: parisToday(), products }, proposal), priced);
  }

  /** The products step's choices for a line (`lineAlternatives`). */
  alternatives(cip13: string): Promise<ProductView[]> {
    return lineAlternatives(this.store.catalogue, cip13);
  }

  /**
   * Validating the control: re-checked here (the renderer is not trusted with the law), recorded
   * with its outbox row, then sent at once; a server away leaves it waiting, never lost.
   * A second validation of the same prescription while one runs is refused (double Entrée/F9).
   */
  async validate(input: { prescriptionId: string; proposal: DispensingProposal; complementaryInfo: string | null; patientSource: 'VITALE' | 'APCV' | 'MANUAL'; validationId?: string }) {
    const pharmacy = this.dispensingPharmacy();
    if (this.validating.has(input.prescriptionId)) throw new AppError('ALREADY_VALIDATING', 'Validation déjà en cours pour cette ordonnance.');
    this.validating.add(input.prescriptionId);
    try {
      // The same validation again (its answer was lost: the server went away after the commit): never a second dispensing.
      const already = input.validationId ? await this.store.outbox.byDispensingId(input.validationId) : null;
      const recorded = already ?? (await this.recordValidation(input, pharmacy));
      this.retrieval.forget(input.prescriptionId);
      await this.sendBriefly();
      const item = await this.store.outbox.byExecutionId(recorded.executionId);
      const state = item?.state ?? 'PENDING';
      const id = formatPrescriptionId(input.prescriptionId);
      const message =
        state === 'SENT' ? `Exécution transmise : ordonnance ${id}, accusé de réception reçu.`
        : state === 'REFUSED' ? `Exécution refusée par le téléservice, à régulariser : ${item?.lastErrorMessage ?? ''}`
        : this.sender.access.state() === 'token_refused' ? TOKEN_REFUSED_WAITING
        : item && item.attempts === 0 ? 'Délivrance enregistrée ; le téléservice tarde à répondre : la transmission se poursuit et partira dès sa réponse.'
        : 'Téléservice injoignable : la délivrance est enregistrée et partira dès son retour.';
      return {
        dispensingId: recorded.dispensingId, executionId: recorded.executionId, transmission: state, message,
        receipt: item?.receipt ? { receivedAt: item.receipt.receivedAt, sha256: item.receipt.sha256 } : null,
        scanRequired: (await this.store.scor.byDispensingId(recorded.dispensingId))?.state === 'TO_SCAN',
      };
    } finally {
      this.validating.delete(input.prescriptionId);
    }
  }

  /** Re-checked here (the renderer is not trusted with the law), then recorded with its outbox row. */
  private async recordValidation(input: { prescriptionId: string; proposal: DispensingProposal; complementaryInfo: string | null; patientSource: 'VITALE' | 'APCV' | 'MANUAL'; validationId?: string }, pharmacy: PharmacyIdentity) {
    const prescription = this.retrieval.retrieved(input.prescriptionId);
    const assessment = await this.assess(input.prescriptionId, input.proposal);
    const blocking = assessment.issues.find((i) => i.severity === 'blocking');
    if (blocking) throw new AppError(`RULE_${blocking.code}`, blocking.message);
    return recordDispensing(this.store, {
      prescription, proposal: input.proposal, assessment, leaseToken: this.retrieval.leaseTokenOf(input.prescriptionId),
      pharmacistRpps: pharmacy.pharmacistRpps, patientSource: input.patientSource, complementaryInfo: input.complementaryInfo, dispensingId: input.validationId,
      renewalPart: this.retrieval.knownPart(input.prescriptionId, input.proposal.renewalNumber), confirmOpen: (tx) => this.retrieval.confirmOpen(tx, input.prescriptionId),
    });
  }

  /** F3: the prescription fetched (lease and all); its prescriber joins the pharmacy's file. */
  async retrieve(id: string) {
    const retrieved = await this.retrieval.retrieve(id);
    const { rpps, name, amNumber } = retrieved.prescription.prescriber;
    await this.store.prescribers.upsertFromOn({ rpps, name, amNumber: amNumber || null });
    return retrieved;
  }

  /** « Prescripteur » created at the counter (its RPPS key checked at the boundary). */
  async createPrescriber(input: { rpps: string; name: string; specialty: string | null; address?: string | null }): Promise<PrescriberView> {
    if (!(await this.store.prescribers.create(input))) throw new AppError('PRESCRIBER_EXISTS', 'Ce RPPS est déjà dans le fichier des prescripteurs : retrouvez-le par la recherche.');
    return (await this.store.prescribers.byRpps(input.rpps))!;
  }

  /** The cabinet's address, for the ordonnancier's next entries (those written keep theirs). */
  async setPrescriberAddress(rpps: string, address: string | null): Promise<PrescriberView> {
    const changed = await this.store.transaction(async (tx) => {
      if (!(await tx.prescribers.setAddress(rpps, address))) return false;
      await tx.audit.append(this.pharmacy()?.pharmacistRpps ?? 'inconnu', 'prescriber.address_changed', rpps, { address: address !== null });
      return true;
    });
    if (!changed) throw new AppError('PRESCRIBER_NOT_FOUND', 'Prescripteur introuvable : recherchez-le à nouveau.');
    return (await this.store.prescribers.byRpps(rpps))!;
  }

  /** « Historique »: the latest dispensings, where each execution and cancellation stands, and what each invoice says. */
  history(query: string): Promise<HistoryEntryView[]> {
    return dispensingHistory(this.store, query);
  }

  /**
   * « Annuler la délivrance », for any dispensing: its avoir and counter-entries recorded at once, then
   * the execution's cancellation sent when there is one (or kept waiting for the téléservice).
   */
  async cancel(input: { dispensingId: string; reason: string }): Promise<{ state: 'PENDING' | 'SENT' | 'LOCAL' | 'REFUSED'; message: string }> {
    this.refuseWhileSwitching();
    const cancelled = await cancelDispensing(this.store, { ...input, actor: this.pharmacy()?.pharmacistRpps ?? 'inconnu' });
    const avoir = `avoir n° ${cancelled.creditNoteNumber}${cancelled.invoiceNumber ? ` sur la facture n° ${cancelled.invoiceNumber}` : ''}`;
    if (!cancelled.executionId) return { state: 'LOCAL', message: `Délivrance annulée : ${avoir}, ordonnancier contre-passé.` };
    await this.sendBriefly();
    const c = await this.store.cancellations.byExecutionId(cancelled.executionId);
    const state = c?.state ?? 'PENDING';
    const message =
      state === 'SENT' ? `Délivrance annulée (${avoir}) : le téléservice l’a enregistré, ses renouvellements sont de nouveau dus.`
      : state === 'LOCAL' ? `Délivrance annulée (${avoir}) avant sa transmission : rien n’a été envoyé.`
      : state === 'REFUSED' ? `Délivrance annulée ici (${avoir}) ; ${c?.lastErrorMessage ?? 'annulation refusée par le téléservice, à régulariser.'}`
      : `Délivrance annulée ici (${avoir}) ; l’annulation partira dès le retour du téléservice.`;
    return { state, message };
  }

  /**
   * « Numérisation de l'ordonnance »: the scanner's image made into the SCOR PDF (200 dpi at
   * least), kept with the dispensing, then sent through the outbox (or kept waiting).
   */
  async attachScan(input: { dispensingId: string; imageBase64: string; mime: 'image/jpeg' | 'image/png' }): Promise<{ state: 'PENDING' | 'SENT' | 'REFUSED'; message: string }> {
    this.refuseWhileSwitching();
    const expected = await this.store.scor.byDispensingId(input.dispensingId);
    if (!expected) throw new AppError('NO_SCAN_EXPECTED', 'Cette délivrance n’attend aucune numérisation.');
    if (expected.state === 'SENT' || expected.state === 'PENDING') throw new AppError('ALREADY_SCANNED', 'Ordonnance déjà numérisée pour cette délivrance.');
    const scan = await scannedOrdonnancePdf(Buffer.from(input.imageBase64, 'base64'), input.mime);
    await this.store.transaction(async (tx) => {
      await tx.scor.attach(input.dispensingId, scan.pdf, scan.pages, scan.dpi);
      await tx.audit.append(this.pharmacy()?.pharmacistRpps ?? 'inconnu', 'scor.scanned', expected.prescriptionId ?? input.dispensingId, { documentId: expected.documentId, dpi: scan.dpi, format: scan.format });
    });
    await this.sendBriefly();
    const sent = await this.store.scor.byDispensingId(input.dispensingId);
    const state = sent?.state ?? 'PENDING';
    const what = `${scan.format}${scan.landscape ? ' paysage' : ''}, ${scan.dpi} ppp`;
    const message =
      state === 'SENT' ? `Ordonnance numérisée (${what}) et transmise pour SCOR.`
      : state === 'REFUSED' ? (sent?.lastErrorMessage ?? 'Numérisation refusée, à refaire.')
      : `Ordonnance numérisée (${what}) : elle partira dès le retour du téléservice.`;
    return { state: state === 'TO_SCAN' ? 'PENDING' : state, message };
  }

  /** A paper prescription as typed so far: the rules' verdict (validity, stupéfiants, durations). */
  async assessPaper(input: PaperPrescriptionInput): Promise<DispensingAssessment> {
    return assessPaper(input, this.store.catalogue, parisToday());
  }

  /**
   * F9 on a paper prescription: re-checked here, recorded as a PAPER dispensing (its numérisation
   * expected next: a paper prescription is always scanned for SCOR).
   */
  async validatePaperPrescription(input: PaperPrescriptionInput) {
    const pharmacy = this.dispensingPharmacy();
    // The same validation again (its answer was lost): the dispensing it recorded, never a second.
    const already = input.validationId ? await this.store.dispensings.byId(input.validationId) : null;
    if (already && already.circuit !== 'PAPER') throw new AppError('VALIDATION_ID_REUSED', 'Validation déjà utilisée pour une autre délivrance : rouvrez l’ordonnance papier (F4).');
    const { dispensingId } = already ? { dispensingId: already.id } : await this.recordPaper(input, pharmacy);
    const scanRequired = (await this.store.scor.byDispensingId(dispensingId))?.state === 'TO_SCAN';
    return { dispensingId, executionId: dispensingId, transmission: 'SENT' as const, message: 'Ordonnance papier enregistrée.', receipt: null, scanRequired };
  }

  private async recordPaper(input: PaperPrescriptionInput, pharmacy: PharmacyIdentity): Promise<{ dispensingId: string }> {
    if (input.prescribedOn > parisToday()) throw new AppError('DATE_IN_FUTURE', 'Date de l’ordonnance dans le futur : vérifiez-la.');
    await paperParties(this.store, input);
    const blocking = (await this.assessPaper(input)).issues.find((i) => i.severity === 'blocking');
    if (blocking) throw new AppError(`RULE_${blocking.code}`, blocking.message);
    return recordPaperPrescription(this.store, input, pharmacy.pharmacistRpps);
  }

  /** Degraded mode from the paper: recorded now, turned into the execution and sent once the server answers. */
  async validatePaper(input: { prescriptionId: string; renewalNumber: number; items: { cip13: string; packs: number; batch: string | null; expiry: string | null; unitPriceCents?: number | null }[]; counterNir: string | null; counterPatient?: CounterPatient | null; patientSource: 'VITALE' | 'APCV' | 'MANUAL'; complementaryInfo: string | null; validationId?: string }) {
    const pharmacy = this.dispensingPharmacy();
    const id = PrescriptionRetrieval.checkedId(input.prescriptionId);
    const items = [];
    for (const i of input.items.filter((x) => x.packs > 0)) items.push({ ...i, label: (await this.store.catalogue.product(i.cip13))?.label ?? `CIP ${i.cip13}` });
    if (items.length === 0) throw new AppError('NOTHING_DISPENSED', 'Aucun produit saisi : indiquez au moins une boîte délivrée.');
    const [unpriced] = await missingPriceIssues(this.store.catalogue, items.map((i) => ({ ...i, lineId: i.cip13 })));
    if (unpriced) throw new AppError('RULE_PRICE_REQUIRED', unpriced.message);
    const { validationId, ...paper } = input;
    // The same validation again (its answer was lost): the dispensing it recorded, never a second.
    const already = validationId ? await this.store.outbox.byDispensingId(validationId) : null;
    const recorded = already ?? (await recordPaperDispensing(this.store, id, { ...paper, items, pharmacistRpps: pharmacy.pharmacistRpps, dispensedAt: new Date().toISOString() }, validationId, this.retrieval.knownPart(id, input.renewalNumber)));
    await this.sendBriefly();
    const item = await this.store.outbox.byExecutionId(recorded.executionId);
    const state = item?.state ?? 'PENDING';
    const message =
      state === 'SENT' ? `Exécution transmise : ordonnance ${formatPrescriptionId(id)}, accusé de réception reçu.`
      : state === 'REFUSED' ? (item?.lastErrorMessage ?? 'À régulariser.')
      : this.sender.access.state() === 'token_refused' ? TOKEN_REFUSED_WAITING
      : 'Mode dégradé : la délivrance est enregistrée ; l’exécution sera construite et transmise dès le retour du téléservice.';
    return { dispensingId: recorded.dispensingId, executionId: recorded.executionId, transmission: state, message, receipt: item?.receipt ? { receivedAt: item.receipt.receivedAt, sha256: item.receipt.sha256 } : null, scanRequired: false };
  }

  async dispensingPdf(dispensingId: string): Promise<{ fileName: string; base64: string }> {
    const record = await this.store.dispensings.byId(dispensingId);
    if (!record) throw new AppError('DISPENSING_NOT_FOUND', 'Délivrance introuvable sur ce poste.');
    const pharmacy = this.pharmacy() ?? { name: 'Officine', finess: '—', pharmacistRpps: record.pharmacistRpps };
    const registerNumbers = (await this.store.registers.ofDispensing(dispensingId)).filter((e) => e.kind === 'ENTRY').map((e) => ({ cip13: e.cip13, number: e.number }));
    const bytes = await dispensingDetailPdf(record, pharmacy, { bill: await new BillingPreview(this.store).ofRecord(record), registerNumbers });
    return { fileName: `delivrance-${record.prescriptionId ?? record.id}.pdf`, base64: Buffer.from(bytes).toString('base64') };
  }

  /** The patient's « Ticket »: the same amounts as the screen and the F8 print. */
  async ticketPdf(dispensingId: string): Promise<{ fileName: string; base64: string }> {
    const record = await this.store.dispensings.byId(dispensingId);
    if (!record) throw new AppError('DISPENSING_NOT_FOUND', 'Délivrance introuvable sur ce poste.');
    const pharmacy = this.pharmacy() ?? { name: 'Officine', finess: '—', pharmacistRpps: record.pharmacistRpps };
    const bytes = await ticketPdf(record, pharmacy, await new BillingPreview(this.store).ofRecord(record));
    return { fileName: `ticket-${record.invoiceNumber ?? record.id}.pdf`, base64: Buffer.from(bytes).toString('base64') };
  }

  /** « Ordonnancier » printed for a date range, a patient, a product. */
  ordonnancierPdf(filter: OrdonnancierFilter): Promise<{ fileName: string; base64: string }> {
    return ordonnancierPrint(this.store, this.printingPharmacy(), filter);
  }

  /** The pharmacy as its prints carry it (still printable before it is identified). */
  printingPharmacy(): PharmacyIdentity {
    return this.pharmacy() ?? { name: 'Officine', finess: '—', pharmacistRpps: '' };
  }
}
