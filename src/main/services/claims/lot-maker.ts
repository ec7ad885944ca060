import { randomUUID } from 'node:crypto';
import type { Destination, Lot } from '../../../shared/claims/claims-schemas.js';
import type { Store } from '../store/store.js';

/** The most FSEs a lot carries (claims.md; the caisse refuses more with ARL_SIZE). */
export const LOT_SIZE = 50;

const destinationOf = (code: string): Destination => {
  const [regime = '', caisse = '', centre = ''] = code.split('-');
  return { regime, caisse, centre };
};

/**
 * Closes lots: per destination, up to 50 ready FSEs each, numbered from the pharmacy's sequence.
 * Each lot is made in one transaction with its FSEs held (SKIP LOCKED on the pharmacy's server: two
 * counters never put one FSE in two lots). Without `all`, only full lots (at 50); with it, every
 * ready FSE (every 15 minutes, and « Télétransmettre »).
 */
export async function makeLots(store: Store, all: boolean, now = new Date().toISOString()): Promise<Lot[]> {
  const made: Lot[] = [];
  for (const { destination, count } of await store.fses.readyByDestination()) {
    let left = count;
    while (left >= LOT_SIZE || (all && left > 0)) {
      const lot = await store.transaction(async (tx) => {
        const fses = await tx.fses.takeReady(destination, LOT_SIZE);
        if (fses.length === 0 || (!all && fses.length < LOT_SIZE)) return null;
        const body: Lot = {
          lotId: randomUUID(),
          lotNumber: await tx.claimLots.nextNumber(),
          destination: destinationOf(destination),
          fses: fses.map((f) => f.body),
          totals: {
            count: fses.length,
            totalCents: fses.reduce((s, f) => s + f.body.totals.totalCents, 0),
            amoCents: fses.reduce((s, f) => s + f.body.totals.amoCents, 0),
            amcCents: fses.reduce((s, f) => s + f.body.totals.amcCents, 0),
          },
        };
        await tx.claimLots.insert(body, now);
        await tx.fses.putInLot(
          fses.map((f) => f.fseNumber),
          body.lotId,
          now,
        );
        await tx.audit.append('système', 'claims.lot_made', body.lotId, { lotNumber: body.lotNumber, destination, fses: fses.length });
        return body;
      });
      if (lot === null) break;
      made.push(lot);
      left -= lot.fses.length;
    }
  }
  return made;
}
