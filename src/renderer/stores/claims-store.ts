import { create } from 'zustand';
import type { ClaimsOverview } from '../../shared/contract/claims-contract.js';
import { savePdf } from '../api/save-pdf.js';
import { useAnnouncer } from './announcer-store.js';
import { requireApi, useApp } from './app-store.js';

export const CLAIMS_TABS = ['A_TRANSMETTRE', 'LOTS', 'RETOURS', 'REJETS'] as const;
export type ClaimsTab = (typeof CLAIMS_TABS)[number];
export const CLAIMS_TAB_LABELS: Record<ClaimsTab, string> = {
  A_TRANSMETTRE: 'À transmettre',
  LOTS: 'Lots',
  RETOURS: 'Retours',
  REJETS: 'Rejets',
};

type ClaimsState = {
  open: boolean;
  tab: ClaimsTab;
  overview: ClaimsOverview | null;
  /** The chosen row of « Lots » or « Rejets » (↑ ↓). */
  selected: number;
  busy: boolean;
  message: string | null;
  openWindow: () => Promise<void>;
  close: () => void;
  moveTab: (delta: number) => void;
  move: (delta: number) => void;
  refresh: () => Promise<void>;
  transmit: () => Promise<void>;
  readMailbox: () => Promise<void>;
  recycle: () => Promise<void>;
  /** F8 in « Lots »: the chosen lot's bordereau. */
  printBordereau: () => Promise<void>;
};

/** F7 « Télétransmission »: the FSEs, their lots, the caisses' answers and the rejects to correct. */
export const useClaims = create<ClaimsState>((set, get) => {
  const say = (text: string, error = false): void => {
    set({ message: text });
    if (error) useAnnouncer.getState().alert(text);
    else useAnnouncer.getState().say(text);
  };
  /** Runs one of the window's actions: one at a time, its answer said, the figures read again. */
  const act = async (work: () => Promise<{ ok: true; message: string } | { ok: false; message: string }>): Promise<void> => {
    if (get().busy) return;
    set({ busy: true });
    try {
      const outcome = await work();
      say(outcome.message, !outcome.ok);
      await get().refresh();
      void useApp.getState().refreshStatus();
    } finally {
      set({ busy: false });
    }
  };
  return {
    open: false,
    tab: 'A_TRANSMETTRE',
    overview: null,
    selected: 0,
    busy: false,
    message: null,
    openWindow: async () => {
      set({ open: true, message: null });
      await get().refresh();
    },
    close: () => set({ open: false }),
    moveTab: (delta) => {
      const i = CLAIMS_TABS.indexOf(get().tab);
      set({ tab: CLAIMS_TABS[(i + delta + CLAIMS_TABS.length) % CLAIMS_TABS.length]!, selected: 0 });
    },
    move: (delta) => {
      const o = get().overview;
      const tab = get().tab;
      const count = tab === 'LOTS' ? (o?.lots.length ?? 0) : tab === 'REJETS' ? (o?.rejects.length ?? 0) : (o?.toSend.length ?? 0);
      set({ selected: Math.max(0, Math.min(count - 1, get().selected + delta)) });
    },
    refresh: async () => {
      const result = await requireApi().call('claims.overview', {});
      if (result.ok) set({ overview: result.value, selected: Math.min(get().selected, Math.max(0, result.value.rejects.length - 1)) });
      else say(result.error.message, true);
    },
    transmit: () =>
      act(async () => {
        const r = await requireApi().call('claims.transmit', {});
        return r.ok ? { ok: true, message: r.value.message } : { ok: false, message: r.error.message };
      }),
    readMailbox: () =>
      act(async () => {
        const r = await requireApi().call('claims.readMailbox', {});
        return r.ok ? { ok: true, message: `${r.value.applied} retour(s) lu(s).` } : { ok: false, message: r.error.message };
      }),
    printBordereau: async () => {
      const lot = get().overview?.lots[get().selected];
      if (!lot) return say('Aucun lot choisi.', true);
      const r = await requireApi().call('claims.bordereauPdf', { lotId: lot.lotId });
      if (!r.ok) return say(r.error.message, true);
      savePdf(r.value.fileName, r.value.base64);
      say(`Bordereau du lot n° ${lot.lotNumber} imprimé.`);
    },
    recycle: () =>
      act(async () => {
        const o = get().overview;
        const chosen = get().tab === 'REJETS' ? o?.rejects[get().selected] : o?.toSend[get().selected];
        if (!chosen) return { ok: false, message: 'Aucune FSE choisie.' };
        if ('canRecycle' in chosen && !chosen.canRecycle)
          return { ok: false, message: 'Cette FSE ne se renvoie pas : voir « ce qu’il faut faire ».' };
        if ('problem' in chosen && chosen.problem === null)
          return { ok: false, message: 'Cette FSE part au prochain lot : rien à corriger.' };
        const r = await requireApi().call('claims.recycle', { fseNumber: chosen.fseNumber });
        return r.ok ? { ok: true, message: r.value.message } : { ok: false, message: r.error.message };
      }),
  };
});
