import type { Store } from '../../src/main/services/store/store.js';
import { DEMO_PRESCRIBERS } from '../../src/am-server/demo/demo-actors.js';

/** The prescriber a paper prescription names, once in the pharmacy's file (as F4 requires). */
export const PAPER_PRESCRIBER = DEMO_PRESCRIBERS.martin;

export async function withPaperPrescriber(store: Store): Promise<Store> {
  await store.prescribers.create({ rpps: PAPER_PRESCRIBER.rpps, name: PAPER_PRESCRIBER.name, specialty: 'médecine générale' });
  return store;
}
