import type { ScorDocument } from '../store/scor-documents.js';
import type { Store } from '../store/store.js';
import type { TeleserviceClient } from '../teleservice/teleservice-client.js';
import type { SendReport, Transmission, Transmitter } from './transmission.js';

type Record = (fn: (tx: Store) => Promise<void>) => Promise<void>;

/**
 * The scanned ordonnances' side of the outbox, run inside the outbox sender's one run: each with its
 * own documentId (a resend after a lost answer or a crash gets the first answer back, never a
 * second document), held by the counter sending it as an execution is (one counter sends each), sent
 * as every queue's item is (`Transmitter`), a refusal kept « à régulariser ».
 */
export class ScorSender {
  constructor(
    private readonly store: Store,
    private readonly client: TeleserviceClient,
    private readonly transmitter: Transmitter,
  ) {}

  async sendDue(now: Date, all: boolean): Promise<SendReport> {
    const report: SendReport = { sent: 0, retried: 0, refused: 0 };
    for (const due of await this.store.scor.due(now.toISOString(), all)) {
      if (!due.pdf) continue;
      const outcome = await this.store.withClaimedScorDocument(due.documentId, async (d, record) => {
        // Its FSE's number, fixed before the first sending (a later FSE never changes a resent body).
        if (d.attempts === 0 && d.fseNumber === null) {
          const fseNumber = (await this.store.fses.byDispensing(d.dispensingId))?.fseNumber ?? null;
          await record(async (tx) => tx.scor.fixFseNumber(d.documentId, fseNumber));
          d = { ...d, fseNumber };
        }
        return this.transmitter.transmit(this.transmission(d, record), 'scor');
      });
      // Null: another counter is sending it right now.
      if (outcome === null) continue;
      if (outcome === 'paused') break;
      report[outcome]++;
    }
    return report;
  }

  private transmission(d: ScorDocument, record: Record): Transmission {
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
          fseNumber: d.fseNumber,
          pdfBase64: (d.pdf ?? Buffer.alloc(0)).toString('base64'),
        })),
      sent: () =>
        record(async (tx) => {
          await tx.scor.markSent(d.documentId);
          await tx.audit.append('système', 'scor.sent', d.prescriptionId ?? d.dispensingId, { documentId: d.documentId, pages: d.pages });
        }),
      retry: (code, message, next) => record(async (tx) => void (await tx.scor.markRetry(d.documentId, code, message, next))),
      refused: (code, message) =>
        record(async (tx) => void (await tx.scor.markRefused(d.documentId, code, `Numérisation refusée, à refaire : ${message}`))),
    };
  }
}
