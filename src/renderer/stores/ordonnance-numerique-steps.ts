import type { StoreApi } from 'zustand';
import type { DispensingProposal } from '../../shared/rules/dispensing-types.js';
import { requireApi } from './app-store.js';
import { defaultEntries } from './counter-proposal.js';
import type { CounterState } from './counter-store.js';
import { useOutbox } from './outbox-store.js';
import { usePatient } from './patient-store.js';

type StepsApi = {
  set: StoreApi<CounterState>['setState'];
  get: StoreApi<CounterState>['getState'];
  fail: (message: string) => void;
  say: (t: string) => void;
  alert: (t: string) => void;
  proposal: () => DispensingProposal;
  patientMismatch: () => boolean;
  loadAlternatives: (lines: [string, string][]) => Promise<void>;
};

/**
 * F9 through an Ordonnance Numérique, a part of the counter's store: the prescription checked
 * (patient, médicament d'exception), the renewal number, the products, the control window, its
 * validation. Each step refuses in one sentence and keeps what was typed.
 */
export function ordonnanceNumeriqueSteps({ set, get, fail, say, alert, proposal, patientMismatch, loadAlternatives }: StepsApi) {
  /** The prescription and renewal the products' entries were made for. */
  let entriesFor: { id: string; renewal: number } | null = null;
  const steps = {
    verification: async () => {
      if (patientMismatch() && get().overrideReason.trim() === '')
        return fail(
          'Le patient appelé n’est pas celui de l’ordonnance : indiquez le motif (ayant droit, parent…) ou appelez le bon patient (F2).',
        );
      if (get().retrieved!.prescription.kind === 'EXCEPTION' && !get().exceptionConfirmed)
        return fail('Médicament d’exception : cochez « Mentions du formulaire d’exception vérifiées » après les avoir vérifiées.');
      const first = await requireApi().call('counter.assess', {
        prescriptionId: get().retrieved!.prescription.id,
        proposal: { ...proposal(), lines: [] },
      });
      const proposed = first.ok ? first.value.proposedRenewal : 0;
      if (proposed === null) return fail('Toutes les délivrances de cette ordonnance ont déjà été faites.');
      // No line can be renewed: nothing to choose, straight to the products (renewal 0).
      if (get().retrieved!.prescription.lines.every((l) => l.repeats === 0)) {
        set({ renewal: String(proposed), error: null });
        return steps.renewal();
      }
      set({ step: 'renewal', renewal: String(proposed), error: null });
      say(`Numéro de renouvellement proposé : ${proposed}.`);
    },
    renewal: async () => {
      const r = Number.parseInt(get().renewal, 10);
      const p = get().retrieved!.prescription;
      if (!Number.isInteger(r) || r < 0 || r > Math.max(...p.lines.map((l) => l.repeats)))
        return fail('Numéro de renouvellement hors des renouvellements prescrits.');
      const order = await requireApi().call('counter.assess', {
        prescriptionId: p.id,
        proposal: { ...proposal(), renewalNumber: r, lines: [] },
      });
      const outOfOrder = order.ok ? order.value.issues.find((i) => i.code === 'RENEWAL_OUT_OF_ORDER') : undefined;
      if (outOfOrder) return fail(outOfOrder.message);
      // Back to the renewal and on again with the same number: the products chosen are kept.
      const same = entriesFor?.id === p.id && entriesFor.renewal === r && Object.keys(get().entries).length > 0;
      entriesFor = { id: p.id, renewal: r };
      set(
        same
          ? { step: 'products', error: null }
          : { step: 'products', entries: defaultEntries(p, r), alternatives: {}, justifications: {}, overlapReason: '', error: null },
      );
      void loadAlternatives(p.lines.map((l) => [l.lineId, l.product.cip13]));
      await get().assess();
      say('Produits : vérifiez chaque ligne, F9 pour le contrôle.');
    },
    products: async () => {
      const a = await get().assess();
      if (!a) return;
      const hard = a.issues.find((i) => i.severity === 'blocking' && i.code !== 'REASON_REQUIRED' && i.code !== 'AGREEMENT_REQUIRED');
      if (hard) return fail(hard.message);
      set({ step: 'control', error: null, validationId: crypto.randomUUID() });
      say(`Contrôle d'ordonnance : ${a.lines.filter((l) => l.deviationType !== 'NONE').length} écart(s) à motiver.`);
    },
    control: async () => {
      const a = await get().assess();
      const blocking = a?.issues.find((i) => i.severity === 'blocking');
      if (!a || blocking) return fail(blocking?.message ?? 'Contrôle impossible.');
      set({ step: 'validating', error: null });
      say('Validation et transmission…');
      const result = await requireApi().call('counter.validate', {
        prescriptionId: get().retrieved!.prescription.id,
        proposal: proposal(),
        complementaryInfo: get().complementaryInfo.trim() || null,
        patientSource: usePatient.getState().called?.source ?? 'MANUAL',
        validationId: get().validationId ?? undefined,
      });
      if (!result.ok) {
        set({ step: 'control' });
        return fail(result.error.message);
      }
      set({ step: 'done', result: result.value });
      (result.value.transmission === 'SENT' ? say : alert)(result.value.message);
      void useOutbox.getState().refresh();
    },
  };
  return steps;
}
