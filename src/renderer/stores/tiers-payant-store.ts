import { create } from 'zustand';
import type { TiersPayantView } from '../../shared/contract/tiers-payant-schemas.js';
import { requireApi } from './app-store.js';
import { useAnnouncer } from './announcer-store.js';
import { usePatient } from './patient-store.js';

/** The F6 window's fields as typed (shares as text: « 100 » until changed). */
export type TiersPayantDraft = {
  amc: string;
  conv: string;
  csr: string;
  adh: string;
  validFrom: string;
  validTo: string;
  ph7: string;
  ph4: string;
  ph2: string;
  ph1: string;
};

type TiersPayantState = {
  open: boolean;
  draft: TiersPayantDraft;
  error: string | null;
  /** F6: the called patient's mutuelle, as known, ready to be typed over. */
  openWindow: () => Promise<void>;
  close: () => void;
  edit: (patch: Partial<TiersPayantDraft>) => void;
  save: () => Promise<void>;
  /** A certificate read with the e-reader while the window is open fills it. */
  show: (view: TiersPayantView) => void;
};

const emptyDraft = (): TiersPayantDraft => ({
  amc: '',
  conv: '',
  csr: '',
  adh: '',
  validFrom: '',
  validTo: '',
  ph7: '100',
  ph4: '100',
  ph2: '100',
  ph1: '100',
});
const draftOf = (v: TiersPayantView): TiersPayantDraft => ({
  amc: v.amc,
  conv: v.conv,
  csr: v.csr,
  adh: v.adh,
  validFrom: v.validFrom,
  validTo: v.validTo,
  ph7: String(v.cover.ph7),
  ph4: String(v.cover.ph4),
  ph2: String(v.cover.ph2),
  ph1: String(v.cover.ph1),
});

/** A share typed as text: a whole number, or NaN (main refuses it with its sentence). */
const shareOf = (text: string): number => (/^\s*\d{1,3}\s*$/.test(text) ? Number(text) : Number.NaN);

/** F6 « Tiers payant »: the mutuelle attached by hand (AMC number, contract, validity, cover per rate) besides its code. */
export const useTiersPayant = create<TiersPayantState>((set, get) => ({
  open: false,
  draft: emptyDraft(),
  error: null,
  openWindow: async () => {
    const called = usePatient.getState().called;
    if (!called) return useAnnouncer.getState().alert('Tiers payant : appelez d’abord le patient (F2).');
    set({ open: true, draft: emptyDraft(), error: null });
    const known = await requireApi().call('patients.tiersPayant', { patientId: called.id });
    if (known.ok && known.value && get().open) set({ draft: draftOf(known.value) });
  },
  close: () => set({ open: false, error: null }),
  edit: (patch) => set((s) => ({ draft: { ...s.draft, ...patch }, error: null })),
  save: async () => {
    const called = usePatient.getState().called;
    if (!called) return set({ error: 'Patient introuvable : appelez-le à nouveau (F2).' });
    const d = get().draft;
    if (!d.validFrom || !d.validTo) return set({ error: 'Indiquez les dates des droits (jj/mm/aaaa).' });
    const result = await requireApi().call('patients.typeTiersPayant', {
      patientId: called.id,
      amc: d.amc,
      conv: d.conv,
      csr: d.csr,
      adh: d.adh,
      validFrom: d.validFrom,
      validTo: d.validTo,
      cover: { ph7: shareOf(d.ph7), ph4: shareOf(d.ph4), ph2: shareOf(d.ph2), ph1: shareOf(d.ph1) },
    });
    // A refusal keeps every field as typed, and says which one is wrong.
    if (!result.ok) return set({ error: result.error.message });
    set({ open: false, error: null });
    usePatient.getState().showTiersPayant(result.value);
  },
  show: (view) => set({ draft: draftOf(view), error: null }),
}));
