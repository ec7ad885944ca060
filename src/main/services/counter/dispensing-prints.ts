import { AppError } from '../../../shared/contract/result.js';
import { BillingPreview } from '../billing/billing-preview.js';
import { dispensingDetailPdf } from '../pdf/dispensing-detail-pdf.js';
import { ticketPdf } from '../pdf/ticket-pdf.js';
import type { OrdonnancierFilter } from '../store/registers.js';
import type { CounterContext } from './counter-context.js';
import { ordonnancierPrint } from './register-views.js';

/** What the counter prints: the detail for the back of the ordonnance (F8), the patient's ticket, the ordonnancier. */
export class DispensingPrints {
  constructor(private readonly ctx: CounterContext) {}

  /** The detail for the back of the paper ordonnance: amounts, honoraires, register numbers. */
  async dispensingPdf(dispensingId: string): Promise<{ fileName: string; base64: string }> {
    const record = await this.ctx.store.dispensings.byId(dispensingId);
    if (!record) throw new AppError('DISPENSING_NOT_FOUND', 'Délivrance introuvable sur ce poste.');
    const pharmacy = this.ctx.pharmacy() ?? { name: 'Officine', finess: '—', pharmacistRpps: record.pharmacistRpps };
    const registerNumbers = (await this.ctx.store.registers.ofDispensing(dispensingId))
      .filter((e) => e.kind === 'ENTRY')
      .map((e) => ({ cip13: e.cip13, number: e.number }));
    const bytes = await dispensingDetailPdf(record, pharmacy, {
      bill: await new BillingPreview(this.ctx.store).ofRecord(record),
      registerNumbers,
    });
    return { fileName: `delivrance-${record.prescriptionId ?? record.id}.pdf`, base64: Buffer.from(bytes).toString('base64') };
  }

  /** The patient's « Ticket »: the same amounts as the screen and the F8 print. */
  async ticketPdf(dispensingId: string): Promise<{ fileName: string; base64: string }> {
    const record = await this.ctx.store.dispensings.byId(dispensingId);
    if (!record) throw new AppError('DISPENSING_NOT_FOUND', 'Délivrance introuvable sur ce poste.');
    const pharmacy = this.ctx.pharmacy() ?? { name: 'Officine', finess: '—', pharmacistRpps: record.pharmacistRpps };
    const fse = await this.ctx.store.fses.byDispensing(record.id);
    const bytes = await ticketPdf(record, pharmacy, await new BillingPreview(this.ctx.store).ofRecord(record), fse?.fseNumber ?? null);
    return { fileName: `ticket-${record.invoiceNumber ?? record.id}.pdf`, base64: Buffer.from(bytes).toString('base64') };
  }

  /** « Ordonnancier » printed for a date range, a patient, a product. */
  ordonnancierPdf(filter: OrdonnancierFilter): Promise<{ fileName: string; base64: string }> {
    return ordonnancierPrint(this.ctx.store, this.ctx.printingPharmacy(), filter);
  }
}
