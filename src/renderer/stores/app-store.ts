import { create } from 'zustand';
import type { AppStatus, TeleserviceAccessState } from '../../shared/contract/ipc-contract.js';
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
  /** This counter's heartbeat on the pharmacy's server failed: its open prescriptions may go to another counter. */
  heartbeatFailed: boolean;
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
  heartbeatFailed: false,
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
      useAnnouncer
        .getState()
        .say(reachable ? 'Téléservice de nouveau joignable.' : 'Téléservice injoignable : les transmissions attendent son retour.');
    });
    api.on('teleservice.access', ({ access }) => {
      const status = get().status;
      if (!status || status.teleservice.access === access) return;
      set({ status: { ...status, teleservice: { ...status.teleservice, access } } });
      const problem = teleserviceAccessProblem(access);
      if (problem) useAnnouncer.getState().say(problem);
    });
    api.on('counter.heartbeat', ({ ok }) => {
      set({ heartbeatFailed: !ok });
      useAnnouncer.getState().say(ok ? 'Serveur de l’officine de nouveau joignable.' : HEARTBEAT_FAILED);
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

export const HEARTBEAT_FAILED = 'Serveur de l’officine injoignable : l’ordonnance ouverte ici peut être reprise à un autre poste.';

/** What stops this counter from sending, in the words of the status bar (null: nothing). */
export function teleserviceAccessProblem(access: TeleserviceAccessState): string | null {
  switch (access) {
    case 'token_refused':
      return 'Jeton du téléservice refusé pour ce poste : à corriger dans Configuration (Alt+C).';
    case 'wrong_pharmacy':
      return 'Le jeton de ce poste est celui d’une autre officine : à corriger dans Configuration (Alt+C).';
    case 'not_configured':
      return 'Aucun téléservice pour ce poste : adresse et jeton à indiquer dans Configuration (Alt+C).';
    default:
      return null;
  }
}
