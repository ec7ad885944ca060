import { DEMO_PATIENTS } from '../../am-server/demo/demo-actors.js';
import { SAMPLE_PRODUCTS } from '../../shared/demo/sample-products.js';

const line = (
  product: keyof typeof SAMPLE_PRODUCTS,
  posology: string,
  durationDays: number,
  quantity: number,
  extra: Record<string, unknown> = {},
) => ({
  kind: 'MEDICINE',
  product: { cip13: SAMPLE_PRODUCTS[product].cip13, label: SAMPLE_PRODUCTS[product].label },
  posology,
  durationDays,
  quantity,
  repeats: 0,
  substitutable: true,
  nonSubstitutableReason: null,
  flags: [],
  ...extra,
});

/** What `comptoir lap demo` writes: a few prescriptions of each kind a counter meets (sample data). */
export const LAP_DEMO_BODIES = [
  {
    kind: 'STANDARD',
    patient: DEMO_PATIENTS.durand,
    lines: [
      line('amoxicilline1g', '1 comprimé matin et soir pendant 6 jours', 6, 2),
      line('paracetamol1g', '1 comprimé si douleur, 3 par jour au plus', 6, 1),
    ],
  },
  {
    kind: 'STANDARD',
    patient: DEMO_PATIENTS.nguyen,
    lines: [line('levothyrox75', '1 comprimé le matin à jeun', 30, 1, { repeats: 2, substitutable: false, nonSubstitutableReason: 'MTE' })],
  },
  {
    kind: 'BIZONE',
    patient: DEMO_PATIENTS.lefevre,
    lines: [
      line('metformine1000', '1 comprimé matin et soir', 30, 2, { repeats: 2, flags: ['ALD'] }),
      line('ramipril5', '1 gélule le matin', 30, 1, { repeats: 2, flags: ['ALD'] }),
    ],
  },
  {
    kind: 'SECURISEE',
    patient: DEMO_PATIENTS.petit,
    lines: [line('skenan30', '1 gélule matin et soir', 14, 2)],
    notes: 'Délivrance en une fois.',
  },
];
