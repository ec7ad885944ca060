import { create } from 'zustand';
import type { AppStatus } from '../../shared/contract/ipc-contract.js';
import type { ComptoirApi } from '../api/comptoir-api.js';
import { useAnnouncer } from './announcer-store.js';

export type Screen = 'facturation' | 'configuration' | 'wizard';

type AppState = {
  api: ComptoirApi | null;
  screen: Screen;
  setScreen: (screen: Screen) => void;
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
  status: AppStatus | null;
  statusError: string | null;
  connect: (api: ComptoirApi) => Promise<void>;
  refreshStatus: () => Promise<void>;
};

/** The workstation as a whole: which API, which pharmacy, is the téléservice reachable. */
export const useApp = create<AppState>((set, get) => ({
  api: null,
  screen: 'facturation',
  setScreen: (screen) => set({ screen }),
  helpOpen: false,
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  status: null,
  statusError: null,
  connect: async (api) => {
    set({ api });
    api.on('reader.status', (reader) => {
      const status = get().status;
      if (status) set({ status: { ...status, reader } });
    });
    api.on('teleservice.status', ({ reachable }) => {
      const status = get().status;
      if (!status || status.teleservice.reachable === reachable) return;
      set({ status: { ...status, teleservice: { ...status.teleservice, reachable } } });
      useAnnouncer.getState().say(reachable ? 'Téléservice de nouveau joignable.' : 'Téléservice injoignable : les transmissions attendent son retour.');
    });
    await get().refreshStatus();
  },
  refreshStatus: async () => {
    const api = get().api;
    if (!api) return;
    const result = await api.call('app.status', {});
    if (result.ok) set({ status: result.value, statusError: null, ...(result.value.setupRequired ? { screen: 'wizard' as const } : {}) });
    else set({ statusError: result.error.message });
  },
}));

export function requireApi(): ComptoirApi {
  const api = useApp.getState().api;
  if (!api) throw new Error('API not connected');
  return api;
}
