import { AppError } from '../../../shared/contract/result.js';
import type { ProductView } from '../../../shared/contract/counter-schemas.js';
import { assessDispensing } from '../../../shared/rules/assess-dispensing.js';
import type { DispensingAssessment, DispensingProposal } from '../../../shared/rules/dispensing-types.js';
import { formatPrescriptionId } from '../../../shared/ids/prescription-id.js';
import { parisToday } from '../../../shared/format/paris-date.js';
import { withPriceIssues } from '../billing/hand-prices.js';
import {
  TOKEN_REFUSED_WAITING,
  validationAnswer,
  validationIdReused,
  type CounterContext,
  type PharmacyIdentity,
} from './counter-context.js';
import { lineAlternatives } from './line-alternatives.js';
import { recordDispensing } from './dispensing-recorder.js';
import type { PrescriptionRetrieval } from './prescription-retrieval.js';

/** The Ordonnance Numérique at the counter: F3's prescription, its products, the control window and its validation. */
export class CounterService {
  private readonly validating = new Set<string>();

  constructor(
    private readonly ctx: CounterContext,
    private readonly retrieval: PrescriptionRetrieval,
  ) {}

  private get store() {
    return this.ctx.store;
  }

  /** F3: the prescription fetched (lease and all); its prescriber joins the pharmacy's file. */
  async retrieve(id: string) {
    const retrieved = await this.retrieval.retrieve(id);
    const { rpps, name, amNumber } = retrieved.prescription.prescriber;
    await this.store.prescribers.upsertFromOn({ rpps, name, amNumber: amNumber || null });
    return retrieved;
  }

  async assess(prescriptionId: string, proposal: DispensingProposal): Promise<DispensingAssessment> {
    const prescription = this.retrieval.retrieved(prescriptionId);
    const products = await this.store.catalogue.factsFor([
      ...prescription.lines.map((l) => l.product.cip13),
      ...proposal.lines.flatMap((l) => l.items.map((i) => i.cip13)),
    ]);
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
  async validate(input: {
    prescriptionId: string;
    proposal: DispensingProposal;
    complementaryInfo: string | null;
    patientSource: 'VITALE' | 'APCV' | 'MANUAL';
    validationId?: string;
  }) {
    const pharmacy = this.ctx.dispensingPharmacy();
    if (this.validating.has(input.prescriptionId))
      throw new AppError('ALREADY_VALIDATING', 'Validation déjà en cours pour cette ordonnance.');
    this.validating.add(input.prescriptionId);
    try {
      // The same validation again (its answer was lost: the server went away after the commit): never a second dispensing.
      const already = input.validationId ? await this.store.outbox.byDispensingId(input.validationId) : null;
      if (already && already.prescriptionId !== input.prescriptionId) throw validationIdReused();
      const recorded = already ?? (await this.recordValidation(input, pharmacy));
      this.retrieval.forget(input.prescriptionId);
      await this.ctx.sendBriefly();
      const item = await this.store.outbox.byExecutionId(recorded.executionId);
      const state = item?.state ?? 'PENDING';
      const id = formatPrescriptionId(input.prescriptionId);
      const message =
        state === 'SENT'
          ? `Exécution transmise : ordonnance ${id}, accusé de réception reçu.`
          : state === 'REFUSED'
            ? `Exécution refusée par le téléservice, à régulariser : ${item?.lastErrorMessage ?? ''}`
            : this.ctx.sender.access.state() === 'token_refused'
              ? TOKEN_REFUSED_WAITING
              : item && item.attempts === 0
                ? 'Délivrance enregistrée ; le téléservice tarde à répondre : la transmission se poursuit et partira dès sa réponse.'
                : 'Téléservice injoignable : la délivrance est enregistrée et partira dès son retour.';
      return validationAnswer(recorded, item, message, (await this.store.scor.byDispensingId(recorded.dispensingId))?.state === 'TO_SCAN');
    } finally {
      this.validating.delete(input.prescriptionId);
    }
  }

  /** Re-checked here (the renderer is not trusted with the law), then recorded with its outbox row. */
  private async recordValidation(
    input: {
      prescriptionId: string;
      proposal: DispensingProposal;
      complementaryInfo: string | null;
      patientSource: 'VITALE' | 'APCV' | 'MANUAL';
      validationId?: string;
    },
    pharmacy: PharmacyIdentity,
  ) {
    const prescription = this.retrieval.retrieved(input.prescriptionId);
    const assessment = await this.assess(input.prescriptionId, input.proposal);
    const blocking = assessment.issues.find((i) => i.severity === 'blocking');
    if (blocking) throw new AppError(`RULE_${blocking.code}`, blocking.message);
    return recordDispensing(this.store, {
      prescription,
      proposal: input.proposal,
      assessment,
      leaseToken: this.retrieval.leaseTokenOf(input.prescriptionId),
      pharmacistRpps: pharmacy.pharmacistRpps,
      patientSource: input.patientSource,
      complementaryInfo: input.complementaryInfo,
      dispensingId: input.validationId,
      renewalPart: this.retrieval.knownPart(input.prescriptionId, input.proposal.renewalNumber),
      confirmOpen: (tx) => this.retrieval.confirmOpen(tx, input.prescriptionId),
    });
  }
}
