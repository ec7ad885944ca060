import type { Store } from '../store/store.js';
import type { TeleserviceClient } from '../teleservice/teleservice-client.js';
import type { SendReport, Transmission, Transmitter } from './transmission.js';

/**
 * The scanned ordonnances' side of the outbox, run inside the outbox sender's one run: each with its
 * own documentId (a resend after a lost answer or a crash gets the first answer back, never a
 * second document), sent as every queue's item is (`Transmitter`), a refusal kept « à régulariser ».
 */
export class ScorSender {
  constructor(
    private readonly store: Store,
    private readonly client: TeleserviceClient,
    private readonly transmitter: Transmitter,
  ) {}

  async sendDue(now: Date, all: boolean): Promise<SendReport> {
    return this.transmitter.drain(
      await this.store.scor.due(now.toISOString(), all),
      (d): Transmission | null => {
        const pdf = d.pdf;
        if (!pdf) return null;
        return {
          attempts: d.attempts,
          send: async () =>
            void (await this.client.submitScorDocument({
              documentId: d.documentId,
              dispensingId: d.dispensingId,
              circuit: d.circuit,
              prescriptionId: d.prescriptionId,
              prescribedOn: d.prescribedOn,
              prescriberRpps: d.prescriberRpps,
              pdfBase64: pdf.toString('base64'),
            })),
          sent: () =>
            this.store.transaction(async (tx) => {
              await tx.scor.markSent(d.documentId);
              await tx.audit.append('système', 'scor.sent', d.prescriptionId ?? d.dispensingId, {
                documentId: d.documentId,
                pages: d.pages,
              });
            }),
          retry: async (code, message, next) => void (await this.store.scor.markRetry(d.documentId, code, message, next)),
          refused: async (code, message) =>
            void (await this.store.scor.markRefused(d.documentId, code, `Numérisation refusée, à refaire : ${message}`)),
        };
      },
      'scor',
    );
  }
}
