import { create } from 'zustand';
import { displayText } from '../../shared/codes/display-text.js';
import type { ReadEvent, RetrievedPrescription } from '../../shared/contract/ipc-contract.js';
import { formatPrescriptionId } from '../../shared/ids/prescription-id.js';
import { requireApi } from './app-store.js';
import { useAnnouncer } from './announcer-store.js';
import { describeRead } from './read-messages.js';

export type CounterStep = 'idle' | 'code2d' | 'retrieving' | 'verification';

type CounterState = {
  step: CounterStep;
  code2d: string;
  error: string | null;
  lastRead: string | null;
  retrieved: RetrievedPrescription | null;
  openOrdonnanceNumerique: () => void;
  setCode2d: (value: string) => void;
  submitCode2d: () => Promise<void>;
  onRead: (read: ReadEvent) => void;
  stepBack: () => Promise<void>;
};

/** The counter flow (Facturation): F3 → Code 2D → récupération → vérification. */
export const useCounter = create<CounterState>((set, get) => ({
  step: 'idle',
  code2d: '',
  error: null,
  lastRead: null,
  retrieved: null,

  openOrdonnanceNumerique: () => {
    if (get().step === 'retrieving') return;
    set({ step: 'code2d', code2d: '', error: null, retrieved: null });
    useAnnouncer.getState().say('Ordonnance Numérique : lisez le QR code ou saisissez le numéro.');
  },

  setCode2d: (value) => set({ code2d: value, error: null }),

  submitCode2d: async () => {
    const id = get().code2d.trim();
    if (id === '' || get().step === 'retrieving') return;
    set({ step: 'retrieving', error: null });
    useAnnouncer.getState().say('Récupération de l’ordonnance…');
    const result = await requireApi().call('prescriptions.retrieve', { id });
    if (!result.ok) {
      set({ step: 'code2d', error: result.error.message });
      useAnnouncer.getState().alert(result.error.message);
      return;
    }
    const p = result.value.prescription;
    set({ step: 'verification', retrieved: result.value, code2d: p.id });
    useAnnouncer.getState().say(`Ordonnance ${formatPrescriptionId(p.id)} de ${p.patient.firstName} ${p.patient.lastName} : ${p.lines.length} ligne(s).`);
  },

  onRead: (read) => {
    const message = describeRead(read.code);
    set({ lastRead: displayText(read.code.text) });
    if (read.code.kind !== 'eprescription') {
      if (get().step === 'code2d') set({ error: message });
      useAnnouncer.getState().alert(message);
      return;
    }
    useAnnouncer.getState().say(message);
    if (get().step === 'retrieving' || get().step === 'verification') return;
    set({ step: 'code2d', code2d: read.code.id, error: null, retrieved: null });
    void get().submitCode2d();
  },

  stepBack: async () => {
    const { step, retrieved } = get();
    if (step === 'verification' && retrieved) await requireApi().call('prescriptions.release', { id: retrieved.prescription.id });
    set({ step: 'idle', code2d: '', error: null, retrieved: null });
    useAnnouncer.getState().say(step === 'verification' ? 'Ordonnance abandonnée : le verrou est rendu.' : 'Fenêtre fermée.');
  },
}));
