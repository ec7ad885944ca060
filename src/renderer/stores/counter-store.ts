import { create } from 'zustand';
import type { CallOutput, ReadEvent, RetrievedPrescription } from '../../shared/contract/ipc-contract.js';
import { formatPrescriptionId } from '../../shared/ids/prescription-id.js';
import { ofName, plural } from '../../shared/format/fr.js';
import { requireApi } from './app-store.js';
import { useAnnouncer } from './announcer-store.js';
import type { ProductView } from '../../shared/contract/counter-schemas.js';
import { isPatientMismatch, proposedOverrideReason } from '../../shared/rules/patient-match.js';
import {
  buildProposal,
  counterPatientOf,
  emptyJustification,
  type ItemEntry,
  type JustificationEntry,
  type LineEntry,
} from './counter-proposal.js';
import { usePatient } from './patient-store.js';
import { usePrescriptionHeader } from './prescription-header-store.js';
import { ordonnanceScan } from './ordonnance-scan.js';
import { paperPrescription } from './paper-prescription.js';
import { packReads } from './pack-reads.js';
import { degradedMode, type DegradedPackLabel } from './degraded-mode.js';
import { ordonnanceNumeriqueSteps } from './ordonnance-numerique-steps.js';
import { routeRead } from './read-routing.js';
import { dispensingPrints } from './dispensing-prints.js';

export type CounterStep =
  | 'idle'
  | 'code2d'
  | 'retrieving'
  | 'verification'
  | 'renewal'
  | 'products'
  | 'control'
  | 'degraded'
  | 'validating'
  | 'done'
  | 'scan'
  | 'rx';
/** A paper prescription's line as typed: a catalogue product, or a free line « Hors référentiel » (price in euros). */
export type RxEntry =
  | { kind: 'CATALOGUE'; cip13: string; label: string; packs: string; durationDays: string; batch: string; expiry: string; price?: string }
  | { kind: 'FREE'; label: string; price: string; packs: string };
export type DegradedItem = { cip13: string; packs: string; batch: string; expiry: string; price?: string };
type Assessment = CallOutput<'counter.assess'>;
type Validation = CallOutput<'counter.validate'>;

export type CounterState = {
  step: CounterStep;
  code2d: string;
  error: string | null;
  lastRead: string | null;
  retrieved: RetrievedPrescription | null;
  overrideReason: string;
  renewal: string;
  entries: Record<string, LineEntry>;
  /** Per line: the prescribed product, its generics and other packs (the catalogue's answer). */
  alternatives: Record<string, ProductView[]>;
  justifications: Record<string, JustificationEntry>;
  overlapReason: string;
  exceptionConfirmed: boolean;
  /** Who collects a stupéfiant when it is not the patient (name, identity document). */
  collector: string;
  setCollector: (v: string) => void;
  complementaryInfo: string;
  /** This control window's validation: F9 again (after an error) is the same one, never a second dispensing. */
  validationId: string | null;
  assessment: Assessment | null;
  /** What the dispensing costs and who pays it, as the lines stand. */
  bill: CallOutput<'billing.paper'> | null;
  result: Validation | null;
  /** The patient was called by the prescription itself (F3 with nobody called): abandoning it releases them. */
  calledByPrescription: boolean;
  /** The téléservice is away for this number: the pharmacist may dispense from the paper. */
  degradedAllowed: boolean;
  degradedItems: DegradedItem[];
  /** Degraded mode: each pack's catalogue label (null: unknown to the catalogue), and the bill so far. */
  degradedLabels: Record<string, DegradedPackLabel>;
  degradedBill: CallOutput<'billing.paper'> | null;
  /** « Ordonnance papier » (F4): its lines, the catalogue search, the rules' verdict. */
  circuit: 'ON' | 'PAPER';
  rxLines: RxEntry[];
  rxQuery: string;
  rxResults: CallOutput<'catalogue.search'>;
  /** The query `rxResults` answer (a list still showing a shorter query's answer is not picked from). */
  rxResultsFor: string;
  rxSelected: number;
  rxAssessment: Assessment | null;
  /** « Ordonnance sécurisée vérifiée » (a stupéfiant on paper asks for it, Alt+S). */
  rxSecure: boolean;
  setRxSecure: (v: boolean) => void;
  /** What F9 last refused for, for the window to put the focus on it (`n` changes at each refusal). */
  rxMissing: { what: 'date' | 'prescriber' | 'product'; n: number } | null;
  openPaper: () => void;
  setRxQuery: (q: string) => Promise<void>;
  moveRx: (delta: number) => void;
  pickRx: (index?: number) => Promise<void>;
  addRxLine: (line: RxEntry) => void;
  setRxLine: (index: number, patch: Partial<RxEntry>) => void;
  removeRxLine: (index: number) => void;
  /** « Numérisation de l'ordonnance »: the dispensing whose paper is being scanned, and what came of it. */
  scanFor: string | null;
  scanMessage: string | null;
  scanDone: boolean;
  openScan: (dispensingId: string) => void;
  attachScan: (image: Blob) => Promise<void>;
  setDegradedItem: (index: number, patch: Partial<DegradedItem>) => void;
  addDegradedItem: () => void;
  openOrdonnanceNumerique: () => void;
  setCode2d: (value: string) => void;
  submitCode2d: () => Promise<void>;
  onRead: (read: ReadEvent) => void;
  setOverrideReason: (v: string) => void;
  setRenewal: (v: string) => void;
  setEntry: (lineId: string, patch: Partial<LineEntry>) => void;
  /** The line's main product chosen (a generic, another pack size): the boxes it needs proposed. */
  chooseProduct: (lineId: string, cip13: string, label: string) => void;
  /** Another pack beside the line's main one (several pack sizes for one line), or one taken away. */
  addItem: (lineId: string, item?: ItemEntry) => void;
  setItem: (lineId: string, index: number, patch: Partial<ItemEntry>) => void;
  removeItem: (lineId: string, index: number) => void;
  setOverlapReason: (v: string) => void;
  setExceptionConfirmed: (v: boolean) => void;
  setJustification: (lineId: string, patch: Partial<JustificationEntry>) => void;
  setComplementaryInfo: (v: string) => void;
  assess: () => Promise<Assessment | null>;
  forward: () => Promise<void>;
  stepBack: () => Promise<void>;
  printDetail: () => Promise<void>;
  printTicket: () => Promise<void>;
  /** « Patient suivant » (Alt+X): the called patient released, the prescription's header cleared. */
  releasePatient: () => void;
};

export const DEGRADED_MESSAGE =
  'Mode dégradé : téléservice injoignable. Ordonnance reprise de la dernière délivrance faite sur ce poste ; la transmission partira dès son retour.';
const say = (t: string): void => useAnnouncer.getState().say(t);
const alert = (t: string): void => useAnnouncer.getState().alert(t);

/** The counter flow (Facturation): F3 → Code 2D → vérification → renouvellement → produits → contrôle. */
export const useCounter = create<CounterState>((set, get) => {
  const proposal = () => {
    const s = get();
    return buildProposal({
      renewalNumber: Number.parseInt(s.renewal, 10) || 0,
      entries: s.entries,
      justifications: s.justifications,
      counterPatient: counterPatientOf(usePatient.getState().called),
      overrideReason: s.overrideReason,
      overlapReason: s.overlapReason,
      exceptionConfirmed: s.exceptionConfirmed,
      collector: s.collector,
    });
  };
  const patientMismatch = (): boolean => {
    const p = get().retrieved?.prescription;
    return p !== undefined && isPatientMismatch(counterPatientOf(usePatient.getState().called), p.patient);
  };
  const proposedOverride = (): string => proposedOverrideReason(usePatient.getState().called, get().retrieved?.prescription);
  const fail = (message: string): void => {
    set({ error: message });
    alert(message);
  };

  const paper = paperPrescription({ set, get, fail });
  const scan = ordonnanceScan({ set, get, fail, nextPatient });
  const { applyPack, chooseProduct } = packReads({ set, get, say, alert });
  const degraded = degradedMode({ set, get, say, alert, fail });
  const onSteps = ordonnanceNumeriqueSteps({ set, get, fail, say, alert, proposal, patientMismatch, loadAlternatives });
  const steps: Partial<Record<CounterStep, () => Promise<void>>> = {
    rx: paper.validate,
    scan: scan.finish,
    code2d: async () => (get().degradedAllowed ? degraded.start() : get().submitCode2d()),
    degraded: degraded.validate,
    ...onSteps,
    done: async () => {
      const result = get().result;
      if (result?.scanRequired) {
        set({ step: 'scan', scanFor: result.dispensingId, scanMessage: null, scanDone: false, retrieved: null, code2d: '' });
        return say('Numérisation de l’ordonnance : Ctrl+O fichier du scanner, Ctrl+K webcam ; Échap pour plus tard.');
      }
      set({ step: 'idle', retrieved: null, result: null, code2d: '' });
      nextPatient();
    },
  };

  return {
    ...paper.state,
    ...scan.state,
    step: 'idle',
    code2d: '',
    error: null,
    lastRead: null,
    retrieved: null,
    overrideReason: '',
    renewal: '0',
    entries: {},
    alternatives: {},
    justifications: {},
    overlapReason: '',
    exceptionConfirmed: false,
    collector: '',
    setCollector: (v) => set({ collector: v.slice(0, 200) }),
    complementaryInfo: '',
    validationId: null,
    assessment: null,
    bill: null,
    result: null,
    calledByPrescription: false,
    degradedAllowed: false,
    degradedItems: [],
    degradedLabels: {},
    degradedBill: null,
    circuit: 'ON',
    setDegradedItem: degraded.setDegradedItem,
    addDegradedItem: degraded.addDegradedItem,

    openOrdonnanceNumerique: () => {
      if (get().step !== 'idle' && get().step !== 'code2d') return;
      // One window at a time: the newest is on top with the focus (the patient call closes).
      usePatient.getState().close();
      set({
        step: 'code2d',
        code2d: '',
        error: null,
        retrieved: null,
        overrideReason: '',
        complementaryInfo: '',
        assessment: null,
        result: null,
        degradedAllowed: false,
      });
      say('Ordonnance Numérique : lisez le QR code ou saisissez le numéro.');
    },
    setCode2d: (value) => set({ code2d: value, error: null, degradedAllowed: false }),
    submitCode2d: async () => {
      const id = get().code2d.trim();
      if (id === '' || get().step === 'retrieving') return;
      set({ step: 'retrieving', error: null });
      say('Récupération de l’ordonnance…');
      const result = await requireApi().call('prescriptions.retrieve', { id });
      if (!result.ok) {
        const outage = result.error.code === 'UNAVAILABLE' || result.error.code === 'TELESERVICE_UNREACHABLE';
        set({ step: 'code2d', degradedAllowed: outage });
        return fail(outage ? `${result.error.message} F9 : délivrer d’après le papier (mode dégradé).` : result.error.message);
      }
      const p = result.value.prescription;
      set({ step: 'verification', retrieved: result.value, code2d: p.id });
      // F3 pre-fills the prescription's date and prescriber and, when nobody is called, its patient.
      usePrescriptionHeader.getState().prefill(p);
      if (!usePatient.getState().called) {
        set({ calledByPrescription: true });
        void usePatient.getState().callFromPrescription(p.patient);
      }
      set({ overrideReason: proposedOverride() });
      say(
        `Ordonnance ${formatPrescriptionId(p.id)} ${ofName(`${p.patient.firstName} ${p.patient.lastName}`)} : ${plural(p.lines.length, 'ligne')}.`,
      );
      if (result.value.degraded) alert(DEGRADED_MESSAGE);
      if (patientMismatch()) alert('Attention : le patient appelé n’est pas celui de l’ordonnance.');
    },
    onRead: routeRead({ set, get, say, alert, applyPack, addDegradedPack: degraded.addDegradedPack, addPaperPack: paper.addPack }),
    setOverrideReason: (v) => set({ overrideReason: v }),
    setRenewal: (v) => set({ renewal: v.replace(/[^0-9]/g, '').slice(0, 2), error: null }),
    setEntry: (lineId, patch) => {
      set((s) => ({ entries: { ...s.entries, [lineId]: { ...s.entries[lineId]!, ...patch } } }));
      void get().assess();
    },
    chooseProduct: (lineId, cip13, label) => chooseProduct(lineId, cip13, label),
    addItem: (lineId, item) => {
      const e = get().entries[lineId];
      if (!e || e.extra.length >= 9) return;
      get().setEntry(lineId, {
        notDispensed: false,
        extra: [...e.extra, item ?? { cip13: e.cip13, label: e.label, packs: '1', batch: '', expiry: '' }],
      });
    },
    setItem: (lineId, index, patch) => {
      const e = get().entries[lineId];
      if (e) get().setEntry(lineId, { extra: e.extra.map((x, i) => (i === index ? { ...x, ...patch } : x)) });
    },
    removeItem: (lineId, index) => {
      const e = get().entries[lineId];
      if (e) get().setEntry(lineId, { extra: e.extra.filter((_, i) => i !== index) });
    },
    setOverlapReason: (v) => {
      set({ overlapReason: v.slice(0, 300) });
      void get().assess();
    },
    setExceptionConfirmed: (v) => set({ exceptionConfirmed: v, error: null }),
    setJustification: (lineId, patch) => {
      set((s) => ({
        justifications: { ...s.justifications, [lineId]: { ...(s.justifications[lineId] ?? emptyJustification()), ...patch } },
      }));
      void get().assess();
    },
    setComplementaryInfo: (v) => set({ complementaryInfo: v.slice(0, 2000) }),
    assess: async () => {
      const p = get().retrieved?.prescription;
      if (!p) return null;
      const result = await requireApi().call('counter.assess', { prescriptionId: p.id, proposal: proposal() });
      if (!result.ok) {
        fail(result.error.message);
        return null;
      }
      set({ assessment: result.value });
      const billed = await requireApi().call('billing.ordonnanceNumerique', {
        prescriptionId: p.id,
        proposal: proposal(),
        patientSource: usePatient.getState().called?.source ?? 'MANUAL',
      });
      set({ bill: billed.ok ? billed.value : null });
      return result.value;
    },
    forward: async () => {
      const run = steps[get().step];
      if (run) await run();
    },
    stepBack: async () => {
      const { step, retrieved } = get();
      if (step === 'scan') return get().forward();
      if (step === 'rx') {
        set({ step: 'idle', error: null });
        return say('Ordonnance papier mise de côté : F4 la reprend telle quelle.');
      }
      // The renewal step is skipped when no line can be renewed: back from the products goes to the verification.
      const renewable = retrieved?.prescription.lines.some((l) => l.repeats > 0) ?? true;
      const back: Partial<Record<CounterStep, CounterStep>> = {
        renewal: 'verification',
        products: renewable ? 'renewal' : 'verification',
        control: 'products',
        degraded: 'code2d',
      };
      const previous = back[step];
      if (previous) {
        set({ step: previous, error: null });
        return say('Étape précédente.');
      }
      if (step === 'validating' || step === 'retrieving') return;
      const released = step === 'verification' && get().calledByPrescription;
      if (step === 'verification' && retrieved) {
        await requireApi().call('prescriptions.release', { id: retrieved.prescription.id });
        usePrescriptionHeader.getState().reset();
        // The patient came with this prescription: they go with it (the next one is not stopped on « Patient différent »).
        if (released) usePatient.getState().release();
      }
      set({ step: 'idle', code2d: '', error: null, retrieved: null, assessment: null, result: null, calledByPrescription: false });
      say(
        step === 'verification'
          ? `Ordonnance abandonnée : le verrou est rendu${released ? ', le patient libéré' : ''}.`
          : 'Fenêtre fermée.',
      );
    },
    releasePatient: () => {
      if (get().step !== 'idle') return;
      const called = usePatient.getState().called;
      nextPatient();
      say(
        called
          ? `${called.firstName} ${called.lastName} libéré(e) : Facturation est prête pour le patient suivant.`
          : 'Facturation est prête pour le patient suivant.',
      );
    },
    ...dispensingPrints({ get, fail, say }),
  };

  /** A dispensing finished: « Facturation » is ready for the next patient (header and called patient cleared). */
  function nextPatient(): void {
    set({ circuit: 'ON', collector: '', calledByPrescription: false });
    usePrescriptionHeader.getState().reset();
    usePatient.getState().release();
  }

  /** The catalogue's products for each line (prescribed, generics, other packs), for choices and scans. */
  async function loadAlternatives(lines: [string, string][]): Promise<void> {
    const all = await Promise.all(
      lines.map(async ([lineId, cip13]) => [lineId, await requireApi().call('catalogue.alternatives', { cip13 })] as const),
    );
    set({ alternatives: Object.fromEntries(all.map(([lineId, r]) => [lineId, r.ok ? r.value : []])) });
  }
});
