import { create } from 'zustand';
import type { CallInput } from '../../shared/contract/ipc-contract.js';
import { savePdf } from '../api/save-pdf.js';
import { requireApi, useApp } from './app-store.js';

type Filter = CallInput<'ordonnancier.list'>;

/** Whether « Ordonnancier » (Alt+O) is open, its filter, and its print (F8). */
export const useOrdonnancier = create<{
  open: boolean;
  filter: Filter;
  setOpen: (open: boolean) => void;
  setFilter: (patch: Partial<Filter>) => void;
  toggleArchive: () => void;
  print: () => Promise<void>;
}>((set, get) => ({
  open: false,
  filter: { from: null, to: null, patient: '', product: '' },
  // Opened on the pharmacy's register; Alt+I shows this counter's archive (its file, before the server).
  setOpen: (open) => set((s) => ({ open, filter: { ...s.filter, archive: undefined } })),
  toggleArchive: () => {
    if (useApp.getState().status?.archive) set((s) => ({ filter: { ...s.filter, archive: s.filter.archive ? undefined : true } }));
  },
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  print: async () => {
    const result = await requireApi().call('ordonnancier.pdf', get().filter);
    if (result.ok) savePdf(result.value.fileName, result.value.base64);
  },
}));
