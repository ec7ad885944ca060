import { AppError } from '../../../shared/contract/result.js';
import type { CounterPatient } from '../../../shared/rules/dispensing-types.js';
import { formatPrescriptionId } from '../../../shared/ids/prescription-id.js';
import { missingPriceIssues } from '../billing/hand-prices.js';
import { TOKEN_REFUSED_WAITING, validationAnswer, validationIdReused, type CounterContext } from './counter-context.js';
import { recordPaperDispensing } from './dispensing-recorder.js';
import { PrescriptionRetrieval } from './prescription-retrieval.js';

export type DegradedInput = {
  prescriptionId: string;
  renewalNumber: number;
  items: { cip13: string; packs: number; batch: string | null; expiry: string | null; unitPriceCents?: number | null }[];
  counterNir: string | null;
  counterPatient?: CounterPatient | null;
  patientSource: 'VITALE' | 'APCV' | 'MANUAL';
  complementaryInfo: string | null;
  validationId?: string;
};

/**
 * Degraded mode: the téléservice away, an Ordonnance Numérique dispensed from its paper — recorded
 * now, turned into its execution and sent once the server answers (the outbox sender's reconciliation).
 */
export class DegradedDispensing {
  constructor(
    private readonly ctx: CounterContext,
    private readonly retrieval: PrescriptionRetrieval,
  ) {}

  /** F9 in degraded mode: what was dispensed from the paper, recorded (once, whatever the F9s). */
  async validate(input: DegradedInput) {
    const pharmacy = this.ctx.dispensingPharmacy();
    const id = PrescriptionRetrieval.checkedId(input.prescriptionId);
    const items = [];
    for (const i of input.items.filter((x) => x.packs > 0))
      items.push({ ...i, label: (await this.ctx.store.catalogue.product(i.cip13))?.label ?? `CIP ${i.cip13}` });
    if (items.length === 0) throw new AppError('NOTHING_DISPENSED', 'Aucun produit saisi : indiquez au moins une boîte délivrée.');
    const [unpriced] = await missingPriceIssues(
      this.ctx.store.catalogue,
      items.map((i) => ({ ...i, lineId: i.cip13 })),
    );
    if (unpriced) throw new AppError('RULE_PRICE_REQUIRED', unpriced.message);
    const { validationId, ...paper } = input;
    // The same validation again (its answer was lost): the dispensing it recorded, never a second.
    const already = validationId ? await this.ctx.store.outbox.byDispensingId(validationId) : null;
    if (already && already.prescriptionId !== id) throw validationIdReused();
    const recorded =
      already ??
      (await recordPaperDispensing(
        this.ctx.store,
        id,
        { ...paper, items, pharmacistRpps: pharmacy.pharmacistRpps, dispensedAt: new Date().toISOString() },
        validationId,
        this.retrieval.knownPart(id, input.renewalNumber),
      ));
    await this.ctx.sendBriefly();
    const item = await this.ctx.store.outbox.byExecutionId(recorded.executionId);
    const state = item?.state ?? 'PENDING';
    const message =
      state === 'SENT'
        ? `Exécution transmise : ordonnance ${formatPrescriptionId(id)}, accusé de réception reçu.`
        : state === 'REFUSED'
          ? (item?.lastErrorMessage ?? 'À régulariser.')
          : this.ctx.sender.access.state() === 'token_refused'
            ? TOKEN_REFUSED_WAITING
            : 'Mode dégradé : la délivrance est enregistrée ; l’exécution sera construite et transmise dès le retour du téléservice.';
    return validationAnswer(recorded, item, message, false);
  }
}
