import { create } from 'zustand';
import type { CallOutput } from '../../shared/contract/ipc-contract.js';
import { requireApi } from './app-store.js';

type OutboxState = {
  items: CallOutput<'outbox.list'>['items'];
  counts: CallOutput<'outbox.list'>['counts'];
  documents: CallOutput<'outbox.list'>['documents'];
  indicator: CallOutput<'indicator.monthly'>;
  refresh: () => Promise<void>;
};

/** « À régulariser » and waiting transmissions, and the 35 % indicator. */
export const useOutbox = create<OutboxState>((set) => ({
  items: [],
  counts: { PENDING: 0, SENT: 0, REFUSED: 0 },
  documents: [],
  indicator: [],
  refresh: async () => {
    const api = requireApi();
    const [list, indicator] = await Promise.all([api.call('outbox.list', {}), api.call('indicator.monthly', { months: 6 })]);
    if (list.ok) set({ items: list.value.items, counts: list.value.counts, documents: list.value.documents });
    if (indicator.ok) set({ indicator: indicator.value });
  },
}));
