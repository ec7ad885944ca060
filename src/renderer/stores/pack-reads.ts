import type { StoreApi } from 'zustand';
import type { CounterState } from './counter-store.js';
import { placeScannedPack, proposedPacks } from './pack-scan.js';

type CounterApi = {
  set: StoreApi<CounterState>['setState'];
  get: StoreApi<CounterState>['getState'];
  say: (t: string) => void;
  alert: (t: string) => void;
};

/**
 * Packs read or chosen while dispensing, a part of the counter's store: a pack's DataMatrix at
 * « Produits » (one scan, one box — pack-scan.ts), a product chosen for a line (its boxes
 * proposed).
 */
export function packReads({ set, get, say, alert }: CounterApi) {
  const renewal = (): number => Number.parseInt(get().renewal, 10) || 0;

  /** At « Produits »: onto the line whose pack it is, else onto the line of its generic group. */
  function applyPack(cip13: string, batch: string | null, expiry: string | null): void {
    const { entries, alternatives, retrieved } = get();
    const same = Object.entries(entries).find(([, e]) => e.cip13 === cip13 || e.extra.some((x) => x.cip13 === cip13));
    const group = Object.entries(entries).find(([lineId]) => (alternatives[lineId] ?? []).some((o) => o.cip13 === cip13));
    const target = same ?? group;
    if (!target || !retrieved) return alert(`Boîte lue (CIP ${cip13}) : elle ne correspond à aucune ligne de l’ordonnance.`);
    const [lineId, e] = target;
    const product = (alternatives[lineId] ?? []).find((o) => o.cip13 === cip13);
    const label = product?.label ?? e.label;
    const packsIfNew = product?.packSize ? proposedPacks(retrieved.prescription, renewal(), lineId, product.packSize) : 1;
    set((s) => ({
      entries: { ...s.entries, [lineId]: placeScannedPack(e, { cip13, label, batch: batch ?? '', expiry: expiry ?? '' }, packsIfNew) },
    }));
    void get().assess();
    say(`Boîte lue pour la ligne ${lineId} : ${label}, lot ${batch ?? 'inconnu'}.`);
  }

  /** A product chosen for a line's main pack: the boxes its size needs are proposed. */
  function chooseProduct(lineId: string, cip13: string, label: string): void {
    const { alternatives, retrieved } = get();
    const packSize = (alternatives[lineId] ?? []).find((o) => o.cip13 === cip13)?.packSize;
    const packs = retrieved && packSize ? String(proposedPacks(retrieved.prescription, renewal(), lineId, packSize)) : undefined;
    get().setEntry(lineId, { cip13, label, ...(packs ? { packs } : {}) });
  }

  return { applyPack, chooseProduct };
}
