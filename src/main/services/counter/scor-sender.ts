import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { TeleserviceError, type TeleserviceClient } from '../teleservice/teleservice-client.js';
import { isTokenRefusal, type TeleserviceAccess } from '../teleservice/teleservice-access.js';

/**
 * The scanned ordonnances' side of the outbox, run inside the outbox sender's one run: each with its
 * own documentId (a resend after a lost answer or a crash gets the first answer back, never a
 * second document), backing off while the server is away, a refusal kept « à régulariser ».
 */
export class ScorSender {
  constructor(
    private readonly store: Store,
    private readonly client: TeleserviceClient,
    private readonly log: Logger,
    private readonly access: TeleserviceAccess,
    private readonly backoff: (attempts: number) => number,
  ) {}

  async sendDue(now: Date, all: boolean): Promise<{ sent: number; retried: number; refused: number }> {
    const report = { sent: 0, retried: 0, refused: 0 };
    for (const d of await this.store.scor.due(now.toISOString(), all)) {
      if (!d.pdf) continue;
      try {
        await this.client.submitScorDocument({
          documentId: d.documentId, dispensingId: d.dispensingId, circuit: d.circuit, prescriptionId: d.prescriptionId,
          prescribedOn: d.prescribedOn, prescriberRpps: d.prescriberRpps, pdfBase64: d.pdf.toString('base64'),
        });
        await this.store.transaction(async (tx) => {
          await tx.scor.markSent(d.documentId);
          await tx.audit.append('système', 'scor.sent', d.prescriptionId ?? d.dispensingId, { documentId: d.documentId, pages: d.pages });
        });
        report.sent++;
      } catch (error) {
        const e = TeleserviceError.from(error);
        // This counter's token refused: the item waits, untouched, for a counter that can send it.
        if (isTokenRefusal(e) && !(await this.access.refusedItem(e))) break;
        if (e.transient) {
          await this.store.scor.markRetry(d.documentId, e.code, e.message, new Date(now.getTime() + this.backoff(d.attempts)).toISOString());
          report.retried++;
        } else {
          await this.store.scor.markRefused(d.documentId, e.code, `Numérisation refusée, à refaire : ${e.message}`);
          report.refused++;
        }
        this.log.warn('scor.not_sent', { code: e.code });
      }
    }
    return report;
  }
}
