import type { MailboxMessage } from '../../../shared/claims/claims-schemas.js';
import type { Store } from '../store/store.js';
import type { TeleserviceClient } from '../teleservice/teleservice-client.js';

const PAGE = 500;

/**
 * The caisse's mailbox (S2), read after the pharmacy's cursor: each page applied in one transaction
 * with the cursor, each message once by its `seq` (kept in `claim_messages`) — a crash between the
 * read and the write, or two counters reading at once, apply nothing twice.
 */
export class MailboxReader {
  constructor(
    private readonly store: Store,
    private readonly client: TeleserviceClient,
  ) {}

  async read(): Promise<{ applied: number }> {
    let applied = 0;
    for (;;) {
      const after = await this.store.claimMessages.cursor();
      const page = await this.client.readMailbox(after, PAGE);
      if (page.messages.length === 0) return { applied };
      applied += await this.store.transaction(async (tx) => {
        let n = 0;
        for (const m of page.messages)
          if (await tx.claimMessages.record(m)) {
            await applyMessage(tx, m);
            n++;
          }
        await tx.claimMessages.advance(page.cursor);
        return n;
      });
      if (page.messages.length < PAGE) return { applied };
    }
  }
}

/** An ARL's reason that a new lot alone would not cure: said on its FSE until corrected (then « Renvoyer »). */
const ARL_PROBLEMS: Readonly<Record<string, string>> = {
  ARL_DESTINATION: 'La caisse rattache ce patient à un autre organisme : corrigez-le (F2, Alt+G), puis « Renvoyer ».',
  ARL_TOTALS: 'Totaux refusés par la caisse : vérifiez la délivrance, puis « Renvoyer ».',
};

/** One message's effect, inside the transaction that records it. */
export async function applyMessage(tx: Store, m: MailboxMessage): Promise<boolean> {
  const now = new Date().toISOString();
  if (m.type === 'ARL') {
    const lot = await tx.claimLots.byId(m.lotId);
    if (!lot) return false;
    // The lot's answer was lost but the caisse has it: received now (never sent again).
    if (lot.state === 'PENDING') await tx.claimLots.markSent(m.lotId, m.availableAt, now);
    await tx.claimLots.setArl(m.lotId, m.status, m.reasons, now);
    if (m.status === 'POSITIF') {
      await tx.fses.moveLot(m.lotId, 'EN_LOT', 'ARL_POSITIF', now);
      await tx.fses.moveLot(m.lotId, 'TRANSMISE', 'ARL_POSITIF', now);
    } else {
      // ARL négatif: the lot was not processed; its FSEs leave again in a new lot, same numbers —
      // but one the caisse named for what a new lot would not change waits for its correction.
      const named = await tx.fses.inLot(m.lotId);
      await tx.fses.backToSend(m.lotId, now);
      for (const reason of m.reasons) {
        const problem = reason.fseNumber ? ARL_PROBLEMS[reason.code] : undefined;
        const fse = named.find((f) => f.fseNumber === reason.fseNumber);
        if (problem && fse) await tx.fses.setDestination(fse.fseNumber, fse.body, fse.destination, problem, now);
      }
    }
    await tx.audit.append('système', 'claims.arl', m.lotId, { lotNumber: m.lotNumber, status: m.status });
    return true;
  }
  if (m.type === 'RSP') return tx.fses.applyAnswer(m, now);
  return true;
}
