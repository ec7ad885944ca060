import type { StoreApi } from 'zustand';
import { isValidCip13 } from '../../shared/ids/cip13.js';
import { parisToday } from '../../shared/format/paris-date.js';
import { parseEuros } from '../../shared/billing/money.js';
import { requireApi } from './app-store.js';
import { counterPatientOf } from './counter-proposal.js';
import type { CounterState, DegradedItem } from './counter-store.js';
import { useOutbox } from './outbox-store.js';
import { usePatient } from './patient-store.js';

type CounterApi = {
  set: StoreApi<CounterState>['setState'];
  get: StoreApi<CounterState>['getState'];
  say: (t: string) => void;
  alert: (t: string) => void;
  fail: (t: string) => void;
};

const emptyItem = () => ({ cip13: '', packs: '1', batch: '', expiry: '' });
/** The price typed for a pack the catalogue does not price (only sent when typed). */
const typedPrice = (i: DegradedItem) => (i.price?.trim() ? { unitPriceCents: parseEuros(i.price) } : {});

/** What the degraded screen says of a pack typed or read: its catalogue label, or that the catalogue does not know it. */
export type DegradedPackLabel = { label: string; priceCents: number | null } | null;

/**
 * Degraded mode, a part of the counter's store: the téléservice away, the packs dispensed from the
 * paper (typed or read), each with its catalogue label, the bill of what is being dispensed (the same
 * billing as a paper prescription, an older answer never overwriting a newer one), and the recording
 * that sends the execution once the server is back.
 */
export function degradedMode({ set, get, say, alert, fail }: CounterApi) {
  let asked = 0;

  async function labelOf(cip13: string): Promise<DegradedPackLabel> {
    const found = await requireApi().call('catalogue.search', { query: cip13 });
    const product = found.ok ? found.value.find((p) => p.cip13 === cip13) : undefined;
    return product ? { label: product.label, priceCents: product.priceCents } : null;
  }

  async function refreshDegraded(): Promise<void> {
    const ask = ++asked;
    const items = get().degradedItems.filter((i) => isValidCip13(i.cip13) && (Number.parseInt(i.packs, 10) || 0) > 0);
    const labels = { ...get().degradedLabels };
    for (const cip13 of new Set(items.map((i) => i.cip13))) if (!(cip13 in labels)) labels[cip13] = await labelOf(cip13);
    if (ask !== asked) return;
    set({ degradedLabels: labels });
    if (items.length === 0) return set({ degradedBill: null });
    const called = usePatient.getState().called;
    const bill = await requireApi().call('billing.paper', {
      prescribedOn: parisToday(),
      prescriberRpps: null,
      counterPatient: counterPatientOf(called),
      patientSource: called?.source ?? 'MANUAL',
      lines: items.map((i) => ({
        kind: 'CATALOGUE' as const,
        cip13: i.cip13,
        packs: Math.min(99, Number.parseInt(i.packs, 10)),
        durationDays: 30,
        batch: null,
        expiry: null,
        ...typedPrice(i),
      })),
    });
    if (ask === asked) set({ degradedBill: bill.ok ? bill.value : null });
  }

  function start(): void {
    set({
      step: 'degraded',
      renewal: '0',
      degradedItems: [emptyItem()],
      degradedBill: null,
      error: null,
      validationId: crypto.randomUUID(),
    });
    say('Mode dégradé : saisissez ou lisez les boîtes délivrées d’après l’ordonnance papier.');
  }

  function setDegradedItem(index: number, patch: Partial<DegradedItem>): void {
    set((s) => ({ degradedItems: s.degradedItems.map((item, i) => (i === index ? { ...item, ...patch } : item)) }));
    void refreshDegraded();
  }

  function addDegradedItem(): void {
    set((s) => ({ degradedItems: [...s.degradedItems, emptyItem()].slice(0, 30) }));
  }

  /** A pack read: fills the first empty line, or adds one. */
  function addDegradedPack(cip13: string, batch: string | null, expiry: string | null): void {
    const items = get().degradedItems;
    const empty = items.findIndex((i) => i.cip13.trim() === '');
    const item = { cip13, packs: '1', batch: batch ?? '', expiry: expiry ?? '' };
    set({ degradedItems: empty >= 0 ? items.map((i, n) => (n === empty ? item : i)) : [...items, item] });
    say(`Boîte lue : CIP ${cip13}.`);
    void refreshDegraded();
  }

  /** F9: recorded now (same validationId if pressed again), the execution built and sent once the server answers. */
  async function validate(): Promise<void> {
    const items = get().degradedItems.filter((i) => i.cip13.trim() !== '');
    const called = usePatient.getState().called;
    set({ step: 'validating', error: null });
    const result = await requireApi().call('degraded.validate', {
      prescriptionId: get().code2d.trim(),
      renewalNumber: Number.parseInt(get().renewal, 10) || 0,
      items: items.map((i) => ({
        cip13: i.cip13.trim(),
        packs: Math.min(99, Number.parseInt(i.packs, 10) || 0),
        batch: i.batch.trim() || null,
        expiry: i.expiry || null,
        ...typedPrice(i),
      })),
      counterNir: called?.nir ?? null,
      counterPatient: counterPatientOf(called),
      patientSource: called?.source ?? 'MANUAL',
      complementaryInfo: get().complementaryInfo.trim() || null,
      validationId: get().validationId ?? undefined,
    });
    if (!result.ok) {
      set({ step: 'degraded' });
      return fail(result.error.message);
    }
    set({ step: 'done', result: result.value, degradedAllowed: false });
    alert(result.value.message);
    void useOutbox.getState().refresh();
  }

  return { start, validate, setDegradedItem, addDegradedItem, addDegradedPack };
}
