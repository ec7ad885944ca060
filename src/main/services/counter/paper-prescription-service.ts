import { AppError } from '../../../shared/contract/result.js';
import type { DispensingAssessment } from '../../../shared/rules/dispensing-types.js';
import { parisToday } from '../../../shared/format/paris-date.js';
import type { CounterContext, PharmacyIdentity } from './counter-context.js';
import { assessPaper, paperParties, recordPaperPrescription, type PaperPrescriptionInput } from './paper-prescription.js';

/** « Ordonnance papier » (F4): the rules on what is typed, then the PAPER dispensing recorded. */
export class PaperPrescriptionService {
  constructor(private readonly ctx: CounterContext) {}

  /** A paper prescription as typed so far: the rules' verdict (validity, stupéfiants, durations). */
  async assess(input: PaperPrescriptionInput): Promise<DispensingAssessment> {
    return assessPaper(input, this.ctx.store.catalogue, parisToday());
  }

  /**
   * F9 on a paper prescription: re-checked here, recorded as a PAPER dispensing (its numérisation
   * expected next: a paper prescription is always scanned for SCOR).
   */
  async validate(input: PaperPrescriptionInput) {
    const pharmacy = this.ctx.dispensingPharmacy();
    // The same validation again (its answer was lost): the dispensing it recorded, never a second.
    const already = input.validationId ? await this.ctx.store.dispensings.byId(input.validationId) : null;
    if (already && already.circuit !== 'PAPER')
      throw new AppError('VALIDATION_ID_REUSED', 'Validation déjà utilisée pour une autre délivrance : rouvrez l’ordonnance papier (F4).');
    const { dispensingId } = already ? { dispensingId: already.id } : await this.recordPaper(input, pharmacy);
    const scanRequired = (await this.ctx.store.scor.byDispensingId(dispensingId))?.state === 'TO_SCAN';
    return {
      dispensingId,
      executionId: dispensingId,
      transmission: 'SENT' as const,
      message: 'Ordonnance papier enregistrée.',
      receipt: null,
      scanRequired,
    };
  }

  private async recordPaper(input: PaperPrescriptionInput, pharmacy: PharmacyIdentity): Promise<{ dispensingId: string }> {
    if (input.prescribedOn > parisToday()) throw new AppError('DATE_IN_FUTURE', 'Date de l’ordonnance dans le futur : vérifiez-la.');
    await paperParties(this.ctx.store, input);
    const blocking = (await this.assess(input)).issues.find((i) => i.severity === 'blocking');
    if (blocking) throw new AppError(`RULE_${blocking.code}`, blocking.message);
    return recordPaperPrescription(this.ctx.store, input, pharmacy.pharmacistRpps);
  }
}
