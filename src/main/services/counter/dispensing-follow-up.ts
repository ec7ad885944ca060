import { AppError } from '../../../shared/contract/result.js';
import type { HistoryEntryView } from '../../../shared/contract/counter-schemas.js';
import { convertScanOffThread } from '../pdf/scan-conversion.js';
import type { CounterContext } from './counter-context.js';
import { cancelDispensing } from './dispensing-cancellation.js';
import { dispensingHistory } from './register-views.js';

/** After a dispensing: « Historique », its cancellation (avoir, counter-entries), its numérisation for SCOR. */
export class DispensingFollowUp {
  constructor(private readonly ctx: CounterContext) {}

  /** « Historique »: the latest dispensings, where each execution and cancellation stands, and what each invoice says. */
  history(query: string): Promise<HistoryEntryView[]> {
    return dispensingHistory(this.ctx.store, query);
  }

  /**
   * « Annuler la délivrance », for any dispensing: its avoir and counter-entries recorded at once, then
   * the execution's cancellation sent when there is one (or kept waiting for the téléservice).
   */
  async cancel(input: {
    dispensingId: string;
    reason: string;
  }): Promise<{ state: 'PENDING' | 'SENT' | 'LOCAL' | 'REFUSED'; message: string }> {
    this.ctx.refuseWhileSwitching();
    const cancelled = await cancelDispensing(this.ctx.store, { ...input, actor: this.ctx.actor() });
    const avoir = `avoir n° ${cancelled.creditNoteNumber}${cancelled.invoiceNumber ? ` sur la facture n° ${cancelled.invoiceNumber}` : ''}`;
    if (!cancelled.executionId) return { state: 'LOCAL', message: `Délivrance annulée : ${avoir}, ordonnancier contre-passé.` };
    await this.ctx.sendBriefly();
    const c = await this.ctx.store.cancellations.byExecutionId(cancelled.executionId);
    const state = c?.state ?? 'PENDING';
    const message =
      state === 'SENT'
        ? `Délivrance annulée (${avoir}) : le téléservice l’a enregistré, ses renouvellements sont de nouveau dus.`
        : state === 'LOCAL'
          ? `Délivrance annulée (${avoir}) avant sa transmission : rien n’a été envoyé.`
          : state === 'REFUSED'
            ? `Délivrance annulée ici (${avoir}) ; ${c?.lastErrorMessage ?? 'annulation refusée par le téléservice, à régulariser.'}`
            : `Délivrance annulée ici (${avoir}) ; l’annulation partira dès le retour du téléservice.`;
    return { state, message };
  }

  /**
   * « Numérisation de l'ordonnance »: the scanner's image made into the SCOR PDF (200 dpi at
   * least), kept with the dispensing, then sent through the outbox (or kept waiting).
   */
  async attachScan(input: {
    dispensingId: string;
    imageBase64: string;
    mime: 'image/jpeg' | 'image/png';
  }): Promise<{ state: 'PENDING' | 'SENT' | 'REFUSED'; message: string }> {
    this.ctx.refuseWhileSwitching();
    const expected = await this.ctx.store.scor.byDispensingId(input.dispensingId);
    if (!expected) throw new AppError('NO_SCAN_EXPECTED', 'Cette délivrance n’attend aucune numérisation.');
    if (expected.state === 'SENT' || expected.state === 'PENDING')
      throw new AppError('ALREADY_SCANNED', 'Ordonnance déjà numérisée pour cette délivrance.');
    const scan = await convertScanOffThread(Buffer.from(input.imageBase64, 'base64'), input.mime);
    // Two submits at once: the first attaches, the second finds it done — one scan, one audit entry.
    const attached = await this.ctx.store.transaction(async (tx) => {
      if (!(await tx.scor.attach(input.dispensingId, scan.pdf, scan.pages, scan.dpi))) return false;
      await tx.audit.append(this.ctx.actor(), 'scor.scanned', expected.prescriptionId ?? input.dispensingId, {
        documentId: expected.documentId,
        dpi: scan.dpi,
        format: scan.format,
      });
      return true;
    });
    if (!attached) throw new AppError('ALREADY_SCANNED', 'Ordonnance déjà numérisée pour cette délivrance.');
    await this.ctx.sendBriefly();
    const sent = await this.ctx.store.scor.byDispensingId(input.dispensingId);
    const state = sent?.state ?? 'PENDING';
    const what = `${scan.format}${scan.landscape ? ' paysage' : ''}, ${scan.dpi} ppp`;
    const message =
      state === 'SENT'
        ? `Ordonnance numérisée (${what}) et transmise pour SCOR.`
        : state === 'REFUSED'
          ? (sent?.lastErrorMessage ?? 'Numérisation refusée, à refaire.')
          : `Ordonnance numérisée (${what}) : elle partira dès le retour du téléservice.`;
    return { state: state === 'TO_SCAN' ? 'PENDING' : state, message };
  }
}
