import { DEMO_DIRECTORY, demoBeneficiaries } from './demo-beneficiaries.js';
import { SAMPLE_PRODUCTS, type SampleProductKey } from '../../shared/demo/sample-products.js';
import { makePrescriptionId } from '../../shared/ids/prescription-id.js';
import { DEMO_OTHER_PHARMACY, DEMO_PATIENT_TOKENS, DEMO_PATIENTS, DEMO_PHARMACY, DEMO_PRESCRIBERS } from './demo-actors.js';

/**
 * The demo data of the embedded téléservice, dated relative to `today` so that active stays
 * active and expired stays expired whatever the day. Sample data, not real patients.
 */
type Line = {
  product: SampleProductKey;
  posology: string;
  durationDays: number;
  quantity: number;
  repeats?: number;
  nonSubstitutable?: 'MTE' | 'EFG' | 'CIF';
  flags?: string[];
  dispensings?: { renewalNumber: number; packs: number; status?: 'DISPENSED' | 'PARTIAL' | 'NOT_DISPENSED' }[];
};
type Demo = {
  id: string;
  daysAgo: number;
  patient: keyof typeof DEMO_PATIENTS;
  prescriber?: keyof typeof DEMO_PRESCRIBERS;
  kind?: 'STANDARD' | 'SECURISEE' | 'EXCEPTION' | 'BIZONE';
  status?: 'CANCELLED';
  opposes?: boolean;
  notes?: string;
  lines: Line[];
};

const id = (body15: string): string => makePrescriptionId(body15);

/** The demo prescriptions; the first ids are the spec's examples. */
export const DEMO_PRESCRIPTIONS: Demo[] = [
  {
    id: '013XJ9K2M4P6R8T0V0',
    daysAgo: 2,
    patient: 'durand',
    lines: [
      { product: 'amoxicilline1g', posology: '1 comprimé matin et soir pendant 6 jours', durationDays: 6, quantity: 2 },
      { product: 'paracetamol1g', posology: '1 comprimé si douleur, 3 par jour au plus', durationDays: 6, quantity: 1 },
      { product: 'omeprazole20', posology: '1 gélule le matin', durationDays: 28, quantity: 1 },
    ],
  },
  {
    id: '010000000000000ABZ',
    daysAgo: 5,
    patient: 'lefevre',
    lines: [
      {
        product: 'metformine1000',
        posology: '1 comprimé matin et soir au cours des repas',
        durationDays: 30,
        quantity: 2,
        repeats: 2,
        flags: ['ALD'],
      },
      { product: 'atorvastatine20', posology: '1 comprimé le soir', durationDays: 30, quantity: 1, repeats: 2, flags: ['ALD'] },
    ],
  },
  {
    id: '01M9S346Q3D25VT4FZ',
    daysAgo: 10,
    patient: 'nguyen',
    lines: [
      {
        product: 'levothyrox75',
        posology: '1 comprimé le matin à jeun',
        durationDays: 30,
        quantity: 1,
        repeats: 5,
        nonSubstitutable: 'MTE',
      },
      { product: 'kardegic75', posology: '1 sachet par jour', durationDays: 30, quantity: 1, repeats: 5 },
    ],
  },
  {
    id: '015V37E3S3E28JT97C',
    daysAgo: 1,
    patient: 'moreau',
    prescriber: 'benali',
    lines: [
      {
        product: 'amoxicillineSuspension',
        posology: '5 ml matin, midi et soir pendant 8 jours',
        durationDays: 8,
        quantity: 2,
        nonSubstitutable: 'EFG',
      },
    ],
  },
  {
    id: '01KB6CQ643DZVMXXQA',
    daysAgo: 3,
    patient: 'garcia',
    lines: [
      { product: 'lamictal100', posology: '1 comprimé matin et soir', durationDays: 30, quantity: 2, repeats: 2, nonSubstitutable: 'CIF' },
    ],
  },
  {
    id: id('DEM0000000000A1'),
    daysAgo: 1,
    patient: 'petit',
    kind: 'SECURISEE',
    lines: [{ product: 'skenan30', posology: '1 gélule matin et soir', durationDays: 14, quantity: 2 }],
  },
  {
    id: id('DEM0000000000A2'),
    daysAgo: 6,
    patient: 'bernard',
    kind: 'SECURISEE',
    notes: 'Délivrance fractionnée par 7 jours.',
    lines: [{ product: 'skenan30', posology: '1 gélule matin et soir', durationDays: 28, quantity: 4 }],
  },
  {
    id: id('DEM0000000000A3'),
    daysAgo: 4,
    patient: 'roux',
    kind: 'EXCEPTION',
    lines: [{ product: 'humira40', posology: '1 injection sous-cutanée toutes les 2 semaines', durationDays: 28, quantity: 1, repeats: 2 }],
  },
  {
    id: id('DEM0000000000A4'),
    daysAgo: 8,
    patient: 'lefevre',
    kind: 'BIZONE',
    lines: [
      { product: 'ramipril5', posology: '1 gélule le matin', durationDays: 30, quantity: 1, repeats: 2, flags: ['ALD'] },
      { product: 'omeprazole20', posology: '1 gélule le matin', durationDays: 28, quantity: 1 },
    ],
  },
  {
    id: id('DEM0000000000A5'),
    daysAgo: 40,
    patient: 'lefevre',
    lines: [
      {
        product: 'metformine1000',
        posology: '1 comprimé matin et soir',
        durationDays: 30,
        quantity: 2,
        repeats: 2,
        dispensings: [{ renewalNumber: 0, packs: 2 }],
      },
    ],
  },
  {
    id: id('DEM0000000000A6'),
    daysAgo: 12,
    patient: 'durand',
    lines: [
      {
        product: 'ventoline',
        posology: '2 bouffées si gêne respiratoire',
        durationDays: 30,
        quantity: 2,
        dispensings: [{ renewalNumber: 0, packs: 1, status: 'PARTIAL' }],
      },
      {
        product: 'paracetamol1g',
        posology: '1 comprimé si douleur',
        durationDays: 5,
        quantity: 1,
        dispensings: [{ renewalNumber: 0, packs: 1 }],
      },
    ],
  },
  {
    id: id('DEM0000000000A7'),
    daysAgo: 20,
    patient: 'nguyen',
    lines: [
      {
        product: 'doliprane1g',
        posology: '1 comprimé 3 fois par jour',
        durationDays: 5,
        quantity: 2,
        dispensings: [{ renewalNumber: 0, packs: 2 }],
      },
    ],
  },
  {
    id: id('DEM0000000000A8'),
    daysAgo: 9,
    patient: 'garcia',
    status: 'CANCELLED',
    lines: [{ product: 'clamoxyl1g', posology: '1 comprimé matin et soir', durationDays: 6, quantity: 2 }],
  },
  {
    id: id('DEM0000000000A9'),
    daysAgo: 120,
    patient: 'bernard',
    lines: [{ product: 'tahor20', posology: '1 comprimé le soir', durationDays: 30, quantity: 1 }],
  },
  {
    id: id('DEM0000000000AA'),
    daysAgo: 15,
    patient: 'roux',
    opposes: true,
    lines: [{ product: 'leeloo', posology: '1 comprimé par jour 21 jours sur 28', durationDays: 84, quantity: 1, repeats: 3 }],
  },
  {
    id: id('DEM0000000000AB'),
    daysAgo: 3,
    patient: 'nguyen',
    lines: [
      { product: 'metformine1000', posology: '1 comprimé matin et soir', durationDays: 90, quantity: 6, flags: ['ALD'] },
      { product: 'ramipril5', posology: '1 gélule le matin', durationDays: 90, quantity: 3, flags: ['ALD'] },
    ],
  },
  {
    id: id('DEM0000000000AC'),
    daysAgo: 2,
    patient: 'petit',
    lines: [
      {
        product: 'previscan20',
        posology: '3/4 de comprimé le soir selon INR',
        durationDays: 30,
        quantity: 1,
        repeats: 2,
        nonSubstitutable: 'MTE',
      },
    ],
  },
  {
    id: id('DEM0000000000AD'),
    daysAgo: 7,
    patient: 'moreau',
    prescriber: 'benali',
    lines: [{ product: 'methylphenidate10', posology: '1 comprimé le matin et 1 à midi', durationDays: 28, quantity: 2 }],
  },
  {
    id: id('DEM0000000000AE'),
    daysAgo: 60,
    patient: 'durand',
    lines: [
      {
        product: 'levothyroxine75',
        posology: '1 comprimé le matin à jeun',
        durationDays: 30,
        quantity: 1,
        repeats: 3,
        dispensings: [
          { renewalNumber: 0, packs: 1 },
          { renewalNumber: 1, packs: 1 },
        ],
      },
    ],
  },
  {
    id: id('DEM0000000000AF'),
    daysAgo: 1,
    patient: 'bernard',
    lines: [
      { product: 'bandeCohesive', posology: 'Contention du poignet, renouveler la bande chaque jour', durationDays: 10, quantity: 3 },
      { product: 'paracetamol1g', posology: '1 comprimé si douleur', durationDays: 5, quantity: 1 },
    ],
  },
  {
    id: id('DEM0000000000AG'),
    daysAgo: 0,
    patient: 'garcia',
    prescriber: 'benali',
    lines: [
      { product: 'mopral20', posology: '1 gélule le matin', durationDays: 28, quantity: 1 },
      { product: 'tahor20', posology: '1 comprimé le soir', durationDays: 30, quantity: 1, repeats: 2 },
      { product: 'ventoline', posology: '2 bouffées si gêne', durationDays: 30, quantity: 1 },
    ],
  },
  {
    id: id('DEM0000000000AH'),
    daysAgo: 95,
    patient: 'lefevre',
    lines: [
      {
        product: 'ramipril5',
        posology: '1 gélule le matin',
        durationDays: 30,
        quantity: 1,
        repeats: 3,
        dispensings: [
          { renewalNumber: 0, packs: 1 },
          { renewalNumber: 1, packs: 1 },
          { renewalNumber: 2, packs: 1 },
        ],
      },
    ],
  },
];

function daysBefore(today: string, days: number): string {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export function demoSeed(today: string) {
  return {
    beneficiaries: demoBeneficiaries(today),
    prescribers: DEMO_DIRECTORY,
    actors: [
      DEMO_PHARMACY,
      DEMO_OTHER_PHARMACY,
      ...Object.values(DEMO_PRESCRIBERS),
      { token: DEMO_PATIENT_TOKENS.durand, kind: 'patient', ...DEMO_PATIENTS.durand },
    ],
    prescriptions: DEMO_PRESCRIPTIONS.map((p) => ({
      id: p.id,
      prescriberRpps: DEMO_PRESCRIBERS[p.prescriber ?? 'martin'].rpps,
      issuedAt: daysBefore(today, p.daysAgo),
      kind: p.kind ?? 'STANDARD',
      patient: DEMO_PATIENTS[p.patient],
      patientOpposesPrescriberAccess: p.opposes ?? false,
      notes: p.notes ?? null,
      ...(p.status ? { status: p.status } : {}),
      lines: p.lines.map((l) => {
        const product = SAMPLE_PRODUCTS[l.product];
        return {
          kind: l.product === 'bandeCohesive' ? 'DEVICE' : 'MEDICINE',
          product: { cip13: product.cip13, label: product.label, unitsPerPack: product.packSize },
          posology: l.posology,
          durationDays: l.durationDays,
          quantity: l.quantity,
          repeats: l.repeats ?? 0,
          substitutable: l.nonSubstitutable === undefined,
          nonSubstitutableReason: l.nonSubstitutable ?? null,
          flags: l.flags ?? [],
          dispensings: (l.dispensings ?? []).map((d) => ({
            renewalNumber: d.renewalNumber,
            packs: d.packs,
            status: d.status ?? 'DISPENSED',
          })),
        };
      }),
    })),
  };
}
