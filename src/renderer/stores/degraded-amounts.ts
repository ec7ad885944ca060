import type { StoreApi } from 'zustand';
import { isValidCip13 } from '../../shared/ids/cip13.js';
import { parisToday } from '../../shared/format/paris-date.js';
import { requireApi } from './app-store.js';
import { counterPatientOf } from './counter-proposal.js';
import type { CounterState } from './counter-store.js';
import { usePatient } from './patient-store.js';

type CounterApi = { set: StoreApi<CounterState>['setState']; get: StoreApi<CounterState>['getState'] };

/** What the degraded screen says of a pack typed or read: its catalogue label, or that the catalogue does not know it. */
export type PaperPackLabel = { label: string; priceCents: number } | null;

/**
 * Degraded mode's labels and amounts, a part of the counter's store: each pack's label from the
 * catalogue, and the bill of what is being dispensed (the same billing as a paper prescription),
 * brought up to date after each change; an older answer never overwrites a newer one.
 */
export function degradedAmounts({ set, get }: CounterApi) {
  let asked = 0;

  async function labelOf(cip13: string): Promise<PaperPackLabel> {
    const found = await requireApi().call('catalogue.search', { query: cip13 });
    const product = found.ok ? found.value.find((p) => p.cip13 === cip13) : undefined;
    return product ? { label: product.label, priceCents: product.priceCents } : null;
  }

  async function refreshDegraded(): Promise<void> {
    const ask = ++asked;
    const items = get().paperItems.filter((i) => isValidCip13(i.cip13) && (Number.parseInt(i.packs, 10) || 0) > 0);
    const labels = { ...get().paperLabels };
    for (const cip13 of new Set(items.map((i) => i.cip13))) if (!(cip13 in labels)) labels[cip13] = await labelOf(cip13);
    if (ask !== asked) return;
    set({ paperLabels: labels });
    if (items.length === 0) return set({ paperBill: null });
    const called = usePatient.getState().called;
    const bill = await requireApi().call('billing.paper', {
      prescribedOn: parisToday(), prescriberRpps: null, counterPatient: counterPatientOf(called), patientSource: called?.source ?? 'MANUAL',
      lines: items.map((i) => ({ kind: 'CATALOGUE' as const, cip13: i.cip13, packs: Math.min(99, Number.parseInt(i.packs, 10)), durationDays: 30, batch: null, expiry: null })),
    });
    if (ask === asked) set({ paperBill: bill.ok ? bill.value : null });
  }

  return { refreshDegraded };
}
