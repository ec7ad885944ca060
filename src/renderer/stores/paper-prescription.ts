import type { StoreApi } from 'zustand';
import type { CallInput } from '../../shared/contract/ipc-contract.js';
import { parisToday } from '../../shared/format/paris-date.js';
import { parseEuros } from '../../shared/billing/money.js';
import { PAPER_ERRORS } from '../../shared/rules/paper-requirements.js';
import { requireApi } from './app-store.js';
import { useAnnouncer } from './announcer-store.js';
import { counterPatientOf } from './counter-proposal.js';
import type { CounterState, RxEntry } from './counter-store.js';
import { usePatient } from './patient-store.js';
import { usePrescriptionHeader } from './prescription-header-store.js';

type PaperPrescriptionState = Pick<
  CounterState,
  | 'rxLines'
  | 'rxQuery'
  | 'rxResults'
  | 'rxResultsFor'
  | 'rxSelected'
  | 'rxAssessment'
  | 'rxSecure'
  | 'rxMissing'
  | 'openPaper'
  | 'setRxQuery'
  | 'moveRx'
  | 'pickRx'
  | 'addRxLine'
  | 'setRxLine'
  | 'removeRxLine'
  | 'setRxSecure'
>;
type CounterApi = { set: StoreApi<CounterState>['setState']; get: StoreApi<CounterState>['getState']; fail: (message: string) => void };

const say = (t: string): void => useAnnouncer.getState().say(t);
/** The duration a new line starts with: a month, or the 28 days a stupéfiant (or assimilé) may be prescribed at most. */
const defaultDays = (p: { list: string | null; assimilatedNarcotic: boolean } | undefined): string =>
  p?.list === 'STUPEFIANT' || p?.assimilatedNarcotic ? '28' : '30';
const packsOf = (typed: string): number => Math.max(1, Math.min(99, Number.parseInt(typed, 10) || 1));

/**
 * « Ordonnance papier » (F4), a part of the counter's store: its lines (catalogue or « Hors
 * référentiel »), the catalogue search, the rules' verdict and the bill as the lines stand, the
 * packs read onto it, and its validation (F9).
 */
export function paperPrescription({ set, get, fail }: CounterApi) {
  /** Entrée's pick in flight: F9 waits for it (a scanner's Entrée, then the pharmacist's F9). */
  let picking: Promise<void> | null = null;
  /** The paper prescription as the contract takes it, or null without any line. */
  function input(): CallInput<'paper.validate'> | null {
    const lines = get().rxLines.map((l): CallInput<'paper.validate'>['lines'][number] =>
      l.kind === 'FREE'
        ? { kind: 'FREE', label: l.label.trim() || 'Produit hors référentiel', priceCents: parseEuros(l.price), packs: packsOf(l.packs) }
        : {
            kind: 'CATALOGUE',
            cip13: l.cip13,
            packs: packsOf(l.packs),
            durationDays: Math.max(1, Math.min(366, Number.parseInt(l.durationDays, 10) || 30)),
            batch: l.batch.trim() || null,
            expiry: l.expiry || null,
            ...(l.price?.trim() ? { unitPriceCents: parseEuros(l.price) } : {}),
          },
    );
    if (lines.length === 0) return null;
    const header = usePrescriptionHeader.getState();
    const called = usePatient.getState().called;
    return {
      prescribedOn: header.prescribedOn || parisToday(),
      prescriberRpps: header.prescriber?.rpps ?? null,
      counterPatient: counterPatientOf(called),
      patientSource: called?.source ?? 'MANUAL',
      lines,
      collector: get().collector.trim() || null,
      securePrescription: get().rxSecure,
    };
  }

  /** The rules' verdict and the bill on the paper prescription as it stands. */
  async function assess(): Promise<void> {
    const current = input();
    if (!current) return set({ rxAssessment: null, bill: null });
    const [result, billed] = await Promise.all([requireApi().call('paper.assess', current), requireApi().call('billing.paper', current)]);
    if (get().step === 'rx') set({ rxAssessment: result.ok ? result.value : null, bill: billed.ok ? billed.value : null });
  }

  // The patient called (F2), the date or the prescriber changed while the window is open: the rules and the bill again.
  usePatient.subscribe((s, before) => {
    if (s.called !== before.called && get().step === 'rx') void assess();
  });
  usePrescriptionHeader.subscribe((s, before) => {
    if ((s.prescribedOn !== before.prescribedOn || s.prescriber !== before.prescriber) && get().step === 'rx') void assess();
  });

  const state: PaperPrescriptionState = {
    rxLines: [],
    rxQuery: '',
    rxResults: [],
    rxResultsFor: '',
    rxSelected: 0,
    rxAssessment: null,
    rxSecure: false,
    rxMissing: null,
    setRxSecure: (v) => {
      set({ rxSecure: v, error: null });
      void assess();
    },
    openPaper: () => {
      if (get().step !== 'idle') return;
      usePatient.getState().close();
      set({
        step: 'rx',
        circuit: 'PAPER',
        error: null,
        rxQuery: '',
        rxResults: [],
        rxResultsFor: '',
        rxMissing: null,
        validationId: crypto.randomUUID(),
      });
      say(
        'Ordonnance papier : le patient (F2), la date, le prescripteur, puis les boîtes lues ou le produit cherché par son nom ; F9 pour valider.',
      );
      void assess();
    },
    setRxQuery: async (q) => {
      const query = q.slice(0, 100);
      set({ rxQuery: query, rxSelected: 0 });
      const result = await requireApi().call('catalogue.search', { query });
      if (get().rxQuery === query) set({ rxResults: result.ok ? result.value : [], rxResultsFor: query });
    },
    moveRx: (delta) => set((s) => ({ rxSelected: Math.max(0, Math.min(s.rxResults.length - 1, s.rxSelected + delta)) })),
    pickRx: (index) => {
      const current = pick(index).finally(() => {
        if (picking === current) picking = null;
      });
      picking = current;
      return current;
    },
    addRxLine: (line) => {
      set((s) => ({ rxLines: [...s.rxLines, line].slice(0, 30), error: null }));
      say(`Ligne ajoutée : ${line.label || 'hors référentiel'}.`);
      void assess();
    },
    setRxLine: (index, patch) => {
      set((s) => ({ rxLines: s.rxLines.map((l, i) => (i === index ? ({ ...l, ...patch } as RxEntry) : l)) }));
      void assess();
    },
    removeRxLine: (index) => {
      set((s) => ({ rxLines: s.rxLines.filter((_, i) => i !== index) }));
      void assess();
    },
  };

  /** Entrée in « Produit »: the product of what is typed, added as a line. */
  async function pick(index?: number): Promise<void> {
    const picked = get().rxQuery;
    let results = get().rxResults;
    // Entrée right after the last digit (a scanner typing a CIP13): the answer to what is typed, not a shorter query's.
    if (index === undefined && get().rxResultsFor !== picked) {
      const answer = await requireApi().call('catalogue.search', { query: picked });
      results = answer.ok ? answer.value : [];
    }
    const typed = picked.trim();
    const exact = /^\d{13}$/.test(typed) ? results.find((r) => r.cip13 === typed) : undefined;
    const p = exact ?? results[index ?? get().rxSelected];
    if (!p) return;
    // What was typed after Entrée while the answer came is the next search's, never lost.
    const now = get().rxQuery;
    const next = now.startsWith(picked) ? now.slice(picked.length) : now === picked ? '' : now;
    set({ rxQuery: '', rxResults: [], rxResultsFor: '' });
    get().addRxLine({ kind: 'CATALOGUE', cip13: p.cip13, label: p.label, packs: '1', durationDays: defaultDays(p), batch: '', expiry: '' });
    if (next !== '') void get().setRxQuery(next);
  }

  /** What F9 refuses for, the focus put on it: the field (date, prescriber), or the patient's call (F2). */
  function missing(what: 'date' | 'prescriber' | 'patient' | 'product', message: string): void {
    fail(message);
    if (what === 'patient') return usePatient.getState().openSearch();
    set((s) => ({ rxMissing: { what, n: (s.rxMissing?.n ?? 0) + 1 } }));
  }

  /** F9: the date, the patient and the prescriber checked (the register and the claim need them), then the dispensing recorded as PAPER. */
  async function validate(): Promise<void> {
    await picking;
    const header = usePrescriptionHeader.getState();
    if (header.prescribedOn === '') return missing('date', 'Indiquez la « Date de l’ordonnance » (jj/mm/aaaa) avant de valider.');
    if (header.dateProblem?.severity === 'blocking') return missing('date', header.dateProblem.message);
    if (!usePatient.getState().called) return missing('patient', PAPER_ERRORS.PATIENT_REQUIRED);
    if (!header.prescriber) return missing('prescriber', PAPER_ERRORS.PRESCRIBER_REQUIRED);
    const current = input();
    if (!current)
      return missing(
        'product',
        'Ajoutez au moins un produit : lisez la boîte, cherchez-le dans « Produit », ou une ligne hors référentiel (Alt+L).',
      );
    set({ step: 'validating', error: null });
    const result = await requireApi().call('paper.validate', { ...current, validationId: get().validationId ?? undefined });
    if (!result.ok) {
      set({ step: 'rx' });
      if (result.error.code === 'PATIENT_REQUIRED') return missing('patient', result.error.message);
      if (result.error.code === 'PRESCRIBER_REQUIRED') return missing('prescriber', result.error.message);
      return fail(result.error.message);
    }
    set({ step: 'done', result: result.value, rxLines: [], rxAssessment: null, rxSecure: false, rxMissing: null });
    say(result.value.message);
  }

  /** A pack read while the paper prescription is open: one more of a line already there, or a new line. */
  async function addPack(cip13: string, batch: string | null, expiry: string | null): Promise<void> {
    const index = get().rxLines.findIndex(
      (l) => l.kind === 'CATALOGUE' && l.cip13 === cip13 && (l.batch === '' || l.batch === (batch ?? '')),
    );
    const line = get().rxLines[index];
    if (line?.kind === 'CATALOGUE')
      return get().setRxLine(index, {
        packs: String((Number.parseInt(line.packs, 10) || 0) + (line.batch === '' ? 0 : 1)) || '1',
        batch: batch ?? line.batch,
        expiry: expiry ?? line.expiry,
      } as Partial<RxEntry>);
    const found = await requireApi().call('catalogue.search', { query: cip13 });
    const product = found.ok ? found.value.find((p) => p.cip13 === cip13) : undefined;
    get().addRxLine({
      kind: 'CATALOGUE',
      cip13,
      label: product?.label ?? `CIP ${cip13}`,
      packs: '1',
      durationDays: defaultDays(product),
      batch: batch ?? '',
      expiry: expiry ?? '',
    });
  }

  return { state, validate, addPack };
}
