import { create } from 'zustand';
import type { PrescriberView } from '../../shared/contract/counter-schemas.js';
import { formatDateFr } from '../../shared/format/fr.js';
import { parisToday } from '../../shared/format/paris-date.js';
import { addMonths } from '../../shared/rules/calendar.js';
import type { Prescription } from '../../shared/teleservice/schemas.js';
import { requireApi } from './app-store.js';
import { useAnnouncer } from './announcer-store.js';

type NewPrescriber = { rpps: string; name: string; specialty: string; address: string };

type HeaderState = {
  /** « Date de l'ordonnance » (ISO, '' while not a date) and what is wrong or worth saying about it. */
  prescribedOn: string;
  dateProblem: { severity: 'blocking' | 'warning'; message: string } | null;
  /** « Prescripteur »: the one chosen, and the search as the pharmacist types. */
  prescriber: PrescriberView | null;
  query: string;
  results: PrescriberView[];
  /** The query `results` answer: an answer with nothing says so (and how to create the prescriber). */
  answeredFor: string;
  selected: number;
  creating: NewPrescriber | null;
  error: string | null;
  setDate: (iso: string) => void;
  setQuery: (q: string) => Promise<void>;
  move: (delta: number) => void;
  pick: (index?: number) => void;
  startCreate: () => void;
  setCreating: (patch: Partial<NewPrescriber>) => void;
  create: () => Promise<void>;
  /** Alt+M: the chosen prescriber's cabinet address, typed (null: not being changed). */
  addressDraft: string | null;
  startAddress: () => void;
  setAddressDraft: (text: string) => void;
  saveAddress: () => Promise<void>;
  /** F3: the date and the prescriber the Ordonnance Numérique carries. */
  prefill: (p: Prescription) => void;
  reset: () => void;
};

/** A prescription's date: never in the future; older than 3 months, said (its first dispensing is over). */
export function dateProblem(iso: string, today = parisToday()): HeaderState['dateProblem'] {
  if (iso === '') return null;
  if (iso > today) return { severity: 'blocking', message: 'Date de l’ordonnance dans le futur : vérifiez-la.' };
  if (addMonths(iso, 3) < today)
    return {
      severity: 'warning',
      message: `Ordonnance du ${formatDateFr(iso)}, de plus de 3 mois : seuls ses renouvellements peuvent encore être délivrés.`,
    };
  return null;
}

/** The current dispensing's prescription header in « Facturation »: date and prescriber. */
export const usePrescriptionHeader = create<HeaderState>((set, get) => ({
  prescribedOn: '',
  dateProblem: null,
  prescriber: null,
  query: '',
  results: [],
  answeredFor: '',
  selected: 0,
  creating: null,
  error: null,
  addressDraft: null,
  setDate: (iso) => {
    const problem = dateProblem(iso);
    set({ prescribedOn: iso, dateProblem: problem });
    if (problem) useAnnouncer.getState()[problem.severity === 'blocking' ? 'alert' : 'say'](problem.message);
  },
  setQuery: async (query) => {
    set({ query: query.slice(0, 100), selected: 0, error: null });
    const result = await requireApi().call('prescribers.search', { query: query.slice(0, 100) });
    if (get().query === query.slice(0, 100))
      set(result.ok ? { results: result.value, answeredFor: query.slice(0, 100) } : { error: result.error.message });
  },
  move: (delta) => set((s) => ({ selected: Math.max(0, Math.min(s.results.length - 1, s.selected + delta)) })),
  pick: (index) => {
    const chosen = get().results[index ?? get().selected];
    if (!chosen) return;
    set({ prescriber: chosen, query: '', results: [], error: null, addressDraft: null });
    useAnnouncer.getState().say(`Prescripteur : ${chosen.name}.`);
  },
  startCreate: () =>
    set({
      creating: {
        rpps: /^\d+$/.test(get().query) ? get().query : '',
        name: /^\d+$/.test(get().query) ? '' : get().query,
        specialty: '',
        address: '',
      },
      error: null,
    }),
  setCreating: (patch) => set((s) => ({ creating: s.creating ? { ...s.creating, ...patch } : null })),
  create: async () => {
    const c = get().creating;
    if (!c) return;
    const result = await requireApi().call('prescribers.create', {
      rpps: c.rpps.replace(/\s+/g, ''),
      name: c.name,
      specialty: c.specialty.trim() || null,
      address: c.address,
    });
    // A refusal keeps what was typed: nothing is lost.
    if (!result.ok) return set({ error: result.error.message });
    set({ prescriber: result.value, creating: null, query: '', results: [], error: null });
    useAnnouncer.getState().say(`Prescripteur créé : ${result.value.name}.`);
  },
  startAddress: () => {
    const chosen = get().prescriber;
    if (!chosen) return set({ error: 'Choisissez d’abord le prescripteur.' });
    set({ addressDraft: chosen.address ?? '', creating: null, error: null });
  },
  setAddressDraft: (text) => set({ addressDraft: text }),
  saveAddress: async () => {
    const chosen = get().prescriber;
    const draft = get().addressDraft;
    if (!chosen || draft === null) return;
    const result = await requireApi().call('prescribers.setAddress', { rpps: chosen.rpps, address: draft });
    // A refusal keeps what was typed.
    if (!result.ok) return set({ error: result.error.message });
    set({ prescriber: result.value, addressDraft: null, error: null });
    useAnnouncer.getState().say(`Adresse du cabinet de ${result.value.name} enregistrée.`);
  },
  prefill: (p) => {
    get().setDate(p.issuedAt);
    set({
      prescriber: {
        rpps: p.prescriber.rpps,
        name: p.prescriber.name,
        specialty: null,
        amNumber: p.prescriber.amNumber || null,
        source: 'ON',
        address: null,
      },
      query: '',
      results: [],
      creating: null,
      addressDraft: null,
    });
    // The file may know more of them (their cabinet's address): shown once it answers.
    void requireApi()
      .call('prescribers.search', { query: p.prescriber.rpps })
      .then((found) => {
        const known = found.ok ? found.value.find((x) => x.rpps === p.prescriber.rpps) : undefined;
        if (known && get().prescriber?.rpps === known.rpps) set({ prescriber: known });
      });
  },
  reset: () =>
    set({ prescribedOn: '', dateProblem: null, prescriber: null, query: '', results: [], creating: null, error: null, addressDraft: null }),
}));

/** The Facturation header holds what a paper prescription starts from: its date (readable) and its prescriber. */
export function paperHeaderReady(): boolean {
  const h = usePrescriptionHeader.getState();
  return h.prescribedOn !== '' && h.dateProblem?.severity !== 'blocking' && h.prescriber !== null;
}
