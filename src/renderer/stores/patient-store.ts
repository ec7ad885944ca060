import { create } from 'zustand';
import type { PatientView } from '../../shared/contract/counter-schemas.js';
import { requireApi } from './app-store.js';
import { useAnnouncer } from './announcer-store.js';
import type { PatientIdentity } from '../../shared/teleservice/schemas.js';
import type { TiersPayantView } from '../../shared/contract/tiers-payant-schemas.js';
import { formatDateFr } from '../../shared/format/fr.js';

/** One sentence for the screen and the screen reader: the mutuelle, its rights, whether they hold today. */
export function tiersPayantSummary(v: TiersPayantView): string {
  return `Tiers payant : mutuelle ${v.amc}, droits du ${formatDateFr(v.validFrom)} au ${formatDateFr(v.validTo)}${v.valid ? '' : ' — HORS DROITS'}`;
}

type NewPatient = {
  nir: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  sex: 'F' | 'M' | '';
  beneficiaryOfCalled: boolean;
  relationship: 'conjoint' | 'enfant' | 'autre';
  address: string;
  /** The organisme on the patient's attestation de droits (claims.md): where their FSEs go. */
  regime: string;
  caisse: string;
  centre: string;
};

type PatientState = {
  open: boolean;
  mode: 'search' | 'create' | 'address' | 'organisme';
  query: string;
  results: PatientView[];
  selected: number;
  error: string | null;
  draft: NewPatient;
  called: PatientView | null;
  tiersPayant: string | null;
  attachTiersPayant: (text: string) => Promise<TiersPayantView | null>;
  /** The mutuelle attached (read or typed): shown under the patient, and said. */
  showTiersPayant: (view: TiersPayantView) => void;
  openSearch: () => void;
  close: () => void;
  setQuery: (q: string) => Promise<void>;
  move: (delta: number) => void;
  pick: (index?: number) => void;
  call: (p: PatientView) => void;
  /** The dispensing is over: nobody called any more. */
  release: () => void;
  /** F3 with nobody called: the prescription's patient, from the file or added to it. */
  callFromPrescription: (p: PatientIdentity) => Promise<void>;
  readVitale: () => Promise<void>;
  redeemApcv: (nonce: string) => Promise<void>;
  startCreate: () => void;
  setDraft: (patch: Partial<NewPatient>) => void;
  create: () => Promise<void>;
  /** Alt+M: the address of the patient highlighted in the list, else of the one called. */
  addressFor: PatientView | null;
  addressDraft: string;
  /** Alt+G: the organisme (régime, caisse, centre) of the highlighted or called patient, being typed. */
  organismeDraft: { regime: string; caisse: string; centre: string };
  startOrganisme: () => void;
  setOrganismeDraft: (patch: Partial<{ regime: string; caisse: string; centre: string }>) => void;
  saveOrganisme: () => Promise<void>;
  startAddress: () => void;
  setAddressDraft: (text: string) => void;
  saveAddress: () => Promise<void>;
};

const emptyDraft = (): NewPatient => ({
  nir: '',
  lastName: '',
  firstName: '',
  birthDate: '',
  sex: '',
  beneficiaryOfCalled: false,
  relationship: 'enfant',
  address: '',
  regime: '',
  caisse: '',
  centre: '',
});

/** « Appel du patient » (F2): search as you type, Carte Vitale, Appli carte Vitale, creation. */
export const usePatient = create<PatientState>((set, get) => ({
  open: false,
  mode: 'search',
  query: '',
  results: [],
  selected: 0,
  error: null,
  draft: emptyDraft(),
  called: null,
  tiersPayant: null,
  addressFor: null,
  addressDraft: '',
  organismeDraft: { regime: '', caisse: '', centre: '' },
  attachTiersPayant: async (text) => {
    const patient = get().called;
    if (!patient) return (useAnnouncer.getState().alert('Attestation de tiers payant lue : appelez d’abord le patient (F2).'), null);
    const result = await requireApi().call('patients.attachTiersPayant', { patientId: patient.id, text });
    if (!result.ok) return (useAnnouncer.getState().alert(result.error.message), null);
    get().showTiersPayant(result.value);
    return result.value;
  },
  showTiersPayant: (view) => {
    const summary = tiersPayantSummary(view);
    set({ tiersPayant: summary });
    (view.valid ? useAnnouncer.getState().say : useAnnouncer.getState().alert)(summary);
  },
  openSearch: () => set({ open: true, mode: 'search', error: null }),
  // Échap from the address goes back to the search it came from; elsewhere it closes.
  close: () =>
    set(
      get().mode === 'address' || get().mode === 'organisme'
        ? { mode: 'search', addressFor: null, error: null }
        : { open: false, error: null },
    ),
  startOrganisme: () => {
    const target = get().results[get().selected] ?? get().called;
    if (!target) return set({ error: 'Choisissez d’abord le patient dans la liste, ou appelez-le.' });
    const o = target.organisme;
    set({ mode: 'organisme', addressFor: target, organismeDraft: o ? { ...o } : { regime: '', caisse: '', centre: '' }, error: null });
  },
  setOrganismeDraft: (patch) => set((s) => ({ organismeDraft: { ...s.organismeDraft, ...patch } })),
  saveOrganisme: async () => {
    const target = get().addressFor;
    if (!target) return;
    const d = get().organismeDraft;
    const organisme = d.regime || d.caisse || d.centre ? d : null;
    const result = await requireApi().call('patients.setOrganisme', { patientId: target.id, organisme });
    // A refusal keeps what was typed.
    if (!result.ok) return set({ error: result.error.message });
    const p = result.value;
    set((s) => ({
      mode: 'search',
      addressFor: null,
      error: null,
      called: s.called?.id === p.id ? p : s.called,
      results: s.results.map((r) => (r.id === p.id ? p : r)),
    }));
    useAnnouncer.getState().say(`Organisme de ${p.firstName} ${p.lastName} enregistré : ses FSE en attente partent au prochain lot.`);
  },
  setQuery: async (query) => {
    set({ query });
    const result = await requireApi().call('patients.search', { query });
    if (get().query !== query) return;
    set({ results: result.ok ? result.value : [], selected: 0, error: result.ok ? null : result.error.message });
  },
  move: (delta) => set((s) => ({ selected: Math.max(0, Math.min(s.results.length - 1, s.selected + delta)) })),
  pick: (index) => {
    const p = get().results[index ?? get().selected];
    if (p) get().call(p);
  },
  call: (p) => {
    set({ called: p, open: false, query: '', results: [], tiersPayant: null });
    useAnnouncer.getState().say(`Patient appelé : ${p.firstName} ${p.lastName}.`);
  },
  release: () => set({ called: null, tiersPayant: null }),
  callFromPrescription: async (p) => {
    const found = await requireApi().call('patients.search', { query: p.nir });
    const known = found.ok ? found.value.find((x) => x.nir === p.nir) : undefined;
    // Silently: the prescription's own announcement (its lines) is what the pharmacist needs to hear.
    if (known) return set({ called: known, tiersPayant: null });
    const created = await requireApi().call('patients.create', {
      nir: p.nir,
      lastName: p.lastName,
      firstName: p.firstName,
      birthDate: p.birthDate,
      sex: p.sex,
    });
    if (created.ok) set({ called: created.value, tiersPayant: null });
  },
  readVitale: async () => {
    const result = await requireApi().call('patients.readVitale', {});
    if (result.ok) get().call(result.value);
    else set({ error: result.error.message });
  },
  redeemApcv: async (nonce) => {
    const result = await requireApi().call('patients.redeemApcv', { nonce });
    if (result.ok) get().call(result.value);
    else {
      set({ error: result.error.message });
      useAnnouncer.getState().alert(result.error.message);
    }
  },
  startCreate: () => set({ mode: 'create', draft: { ...emptyDraft(), lastName: get().query.toUpperCase() }, error: null }),
  setDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  create: async () => {
    const d = get().draft;
    if (!d.sex) return set({ error: 'Indiquez le sexe (F ou M).' });
    const insured = d.beneficiaryOfCalled ? get().called : null;
    const result = await requireApi().call('patients.create', {
      nir: d.nir,
      lastName: d.lastName,
      firstName: d.firstName,
      birthDate: d.birthDate,
      sex: d.sex,
      beneficiaryOf: insured?.id ?? null,
      relationship: insured ? d.relationship : null,
      address: d.address,
      // All three or none: the caisse's file is by régime, caisse and centre together.
      organisme: d.regime || d.caisse || d.centre ? { regime: d.regime, caisse: d.caisse, centre: d.centre } : null,
    });
    if (result.ok) get().call(result.value);
    else set({ error: result.error.message });
  },
  startAddress: () => {
    const target = get().results[get().selected] ?? get().called;
    if (!target) return set({ error: 'Choisissez d’abord le patient dans la liste, ou appelez-le.' });
    set({ mode: 'address', addressFor: target, addressDraft: target.address ?? '', error: null });
  },
  setAddressDraft: (text) => set({ addressDraft: text }),
  saveAddress: async () => {
    const target = get().addressFor;
    if (!target) return;
    const result = await requireApi().call('patients.setAddress', { patientId: target.id, address: get().addressDraft });
    // A refusal keeps what was typed.
    if (!result.ok) return set({ error: result.error.message });
    const p = result.value;
    set((s) => ({
      mode: 'search',
      addressFor: null,
      error: null,
      called: s.called?.id === p.id ? p : s.called,
      results: s.results.map((r) => (r.id === p.id ? p : r)),
    }));
    useAnnouncer
      .getState()
      .say(p.address ? `Adresse de ${p.firstName} ${p.lastName} enregistrée.` : `Adresse de ${p.firstName} ${p.lastName} effacée.`);
  },
}));
