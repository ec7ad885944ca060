import type { StoredLot } from '../store/claim-lots.js';
import type { Store } from '../store/store.js';
import type { TeleserviceClient } from '../teleservice/teleservice-client.js';
import type { SendReport, Transmission, Transmitter } from '../counter/transmission.js';

type Record = (fn: (tx: Store) => Promise<void>) => Promise<void>;

/**
 * The lots' side of the one transmission queue: each sent with its lotId (a resend after a lost
 * answer or a crash gets the first answer back, never a second lot), held by the counter sending
 * it, retried with the one backoff. Once received, its FSEs are « Transmise » until the ARL.
 */
export class ClaimsSender {
  constructor(
    private readonly store: Store,
    private readonly client: TeleserviceClient,
    private readonly transmitter: Transmitter,
  ) {}

  async sendDue(now: Date, all: boolean): Promise<SendReport> {
    const report: SendReport = { sent: 0, retried: 0, refused: 0 };
    // Page after page until none is due: a month's catch-up is many pages; each lot is tried once per run.
    for (let after = 0; ;) {
      const page = await this.store.claimLots.due(now.toISOString(), all, 50, after);
      if (page.length === 0) return report;
      for (const due of page) {
        after = due.lotNumber;
        const outcome = await this.store.withClaimedLot(due.lotId, (lot, record) =>
          this.transmitter.transmit(this.transmission(lot, record), 'claims.lot'),
        );
        if (outcome === null) continue;
        if (outcome === 'paused') return report;
        report[outcome]++;
      }
    }
  }

  private transmission(lot: StoredLot, record: Record): Transmission {
    let receivedAt = '';
    return {
      attempts: lot.attempts,
      send: async () => void ({ receivedAt } = await this.client.submitLot(lot.body)),
      sent: () =>
        record(async (tx) => {
          await tx.claimLots.markSent(lot.lotId, receivedAt);
          await tx.fses.moveLot(lot.lotId, 'EN_LOT', 'TRANSMISE');
          await tx.audit.append('système', 'claims.lot_sent', lot.lotId, { lotNumber: lot.lotNumber, fses: lot.fseCount });
        }),
      retry: (code, message, next) => record(async (tx) => void (await tx.claimLots.markRetry(lot.lotId, code, message, next))),
      // Refused whole (a shape the caisse does not read): its FSEs wait, saying why, for a correction.
      refused: (code, message) =>
        record(async (tx) => {
          await tx.claimLots.markRefused(lot.lotId, code, message);
          const fses = await tx.fses.inLot(lot.lotId);
          await tx.fses.backToSend(lot.lotId);
          for (const f of fses) await tx.fses.setDestination(f.fseNumber, f.body, f.destination, `Lot refusé (${code}) : ${message}`);
          await tx.audit.append('système', 'claims.lot_refused', lot.lotId, { lotNumber: lot.lotNumber, code });
        }),
    };
  }
}
