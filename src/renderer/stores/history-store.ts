import { create } from 'zustand';
import type { HistoryEntryView } from '../../shared/contract/counter-schemas.js';
import { savePdf } from '../api/save-pdf.js';
import { requireApi, useApp } from './app-store.js';

export const ARCHIVE_READ_ONLY =
  'Archive du poste, en lecture seule : rien ne s’y annule ni ne s’y réimprime ; l’ordonnancier de l’archive s’imprime (Alt+O, Alt+I, F8).';
import { useAnnouncer } from './announcer-store.js';
import { useOutbox } from './outbox-store.js';

type HistoryState = {
  open: boolean;
  query: string;
  entries: HistoryEntryView[];
  selected: number;
  /** The reason being typed for « Annuler la délivrance » (null: not cancelling). */
  cancelReason: string | null;
  message: string | null;
  /** Showing this counter's own file, kept as its archive since it moved onto the pharmacy's server (read-only). */
  archive: boolean;
  toggleArchive: () => void;
  openHistory: () => void;
  close: () => void;
  setQuery: (q: string) => Promise<void>;
  move: (delta: number) => void;
  startCancel: () => void;
  setCancelReason: (v: string) => void;
  confirmCancel: () => Promise<void>;
  /** F8: the chosen dispensing's detail printed again (with its avoir once cancelled). */
  print: () => Promise<void>;
};

/** « Historique » (Alt+H): the dispensings, latest first, and cancelling one with its reason. */
export const useHistory = create<HistoryState>((set, get) => {
  const load = async (query: string): Promise<void> => {
    const archive = get().archive;
    const result = await requireApi().call('history.list', archive ? { query, archive } : { query });
    if (get().query !== query || get().archive !== archive) return;
    if (result.ok) set({ entries: result.value.entries, selected: Math.min(get().selected, Math.max(0, result.value.entries.length - 1)) });
    else set({ message: result.error.message });
  };
  return {
    open: false,
    query: '',
    entries: [],
    selected: 0,
    cancelReason: null,
    message: null,
    archive: false,
    toggleArchive: () => {
      if (!useApp.getState().status?.archive) return;
      set((s) => ({ archive: !s.archive, selected: 0, cancelReason: null, message: null, entries: [] }));
      void load(get().query);
    },
    openHistory: () => {
      set({ open: true, query: '', selected: 0, cancelReason: null, message: null, archive: false });
      void load('');
    },
    close: () => set({ open: false, cancelReason: null }),
    setQuery: async (query) => {
      set({ query: query.slice(0, 100), selected: 0, cancelReason: null });
      await load(query.slice(0, 100));
    },
    move: (delta) => set((s) => ({ selected: Math.max(0, Math.min(s.entries.length - 1, s.selected + delta)) })),
    startCancel: () => {
      const entry = get().entries[get().selected];
      if (!entry) return;
      if (get().archive) return set({ message: ARCHIVE_READ_ONLY });
      if (entry.cancelledAt) return set({ message: `Délivrance déjà annulée : ${entry.cancelReason ?? ''}` });
      set({ cancelReason: '', message: null });
    },
    setCancelReason: (v) => set({ cancelReason: v.slice(0, 300) }),
    print: async () => {
      const entry = get().entries[get().selected];
      if (!entry) return;
      if (get().archive) return set({ message: ARCHIVE_READ_ONLY });
      const result = await requireApi().call('counter.dispensingPdf', { dispensingId: entry.id });
      if (!result.ok) return set({ message: result.error.message });
      savePdf(result.value.fileName, result.value.base64);
      useAnnouncer.getState().say('Détail de la délivrance prêt à imprimer.');
    },
    confirmCancel: async () => {
      const entry = get().entries[get().selected];
      const reason = get().cancelReason?.trim() ?? '';
      if (!entry) return;
      if (reason === '') return set({ message: 'Indiquez le motif de l’annulation.' });
      const result = await requireApi().call('dispensings.cancel', { dispensingId: entry.id, reason });
      const message = result.ok ? result.value.message : result.error.message;
      // A refusal keeps the typed reason: nothing is lost.
      set(result.ok ? { cancelReason: null, message } : { message });
      useAnnouncer.getState()[result.ok ? 'say' : 'alert'](message);
      await load(get().query);
      void useOutbox.getState().refresh();
    },
  };
});
