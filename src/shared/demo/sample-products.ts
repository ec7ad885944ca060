import { makeCip13 } from '../ids/cip13.js';

/**
 * Sample data, not a real drug database: plausible medicines with made-up CIP13 codes (valid keys),
 * used by the demo téléservice seed and the workstation's demo catalogue.
 */
export type SampleProduct = {
  cip13: string;
  label: string;
  genericGroup: string | null;
  packSize: number;
  list: 'I' | 'II' | 'STUPEFIANT' | null;
  contraceptive?: boolean;
  /** A biosimilar of its group's reference biologic (the reference itself is not). */
  biosimilar?: boolean;
  /** Liste I on an ordonnance sécurisée: an assimilé stupéfiant (the catalogue's `ASSIMILE_STUPEFIANT`). */
  assimilatedNarcotic?: boolean;
  /** The group's princeps (type 0 in the répertoire); the group's other packs are its generics (type 1). */
  princeps?: boolean;
  priceCents: number;
  reimbursementRate: number;
};

function product(n: number, p: Omit<SampleProduct, 'cip13'>): SampleProduct {
  return { cip13: makeCip13(`3400930${String(n).padStart(5, '0')}`), ...p };
}

export const SAMPLE_PRODUCTS = {
  amoxicilline1g: product(101, {
    label: 'AMOXICILLINE 1 g, comprimé dispersible, boîte de 6',
    genericGroup: 'AMOXICILLINE-1G',
    packSize: 6,
    list: 'I',
    priceCents: 350,
    reimbursementRate: 65,
  }),
  clamoxyl1g: product(102, {
    label: 'CLAMOXYL 1 g, comprimé dispersible, boîte de 6',
    genericGroup: 'AMOXICILLINE-1G',
    packSize: 6,
    list: 'I',
    priceCents: 420,
    reimbursementRate: 65,
    princeps: true,
  }),
  paracetamol1g: product(103, {
    label: 'PARACÉTAMOL 1 g, comprimé, boîte de 8',
    genericGroup: 'PARACETAMOL-1G',
    packSize: 8,
    list: null,
    priceCents: 216,
    reimbursementRate: 65,
  }),
  doliprane1g: product(104, {
    label: 'DOLIPRANE 1000 mg, comprimé, boîte de 8',
    genericGroup: 'PARACETAMOL-1G',
    packSize: 8,
    list: null,
    priceCents: 216,
    reimbursementRate: 65,
    princeps: true,
  }),
  levothyrox75: product(105, {
    label: 'LEVOTHYROX 75 µg, comprimé sécable, boîte de 30',
    genericGroup: 'LEVOTHYROXINE-75',
    packSize: 30,
    list: 'II',
    priceCents: 265,
    reimbursementRate: 65,
    princeps: true,
  }),
  levothyroxine75: product(106, {
    label: 'LÉVOTHYROXINE 75 µg, comprimé, boîte de 30',
    genericGroup: 'LEVOTHYROXINE-75',
    packSize: 30,
    list: 'II',
    priceCents: 240,
    reimbursementRate: 65,
  }),
  metformine1000: product(107, {
    label: 'METFORMINE 1000 mg, comprimé pelliculé, boîte de 30',
    genericGroup: 'METFORMINE-1000',
    packSize: 30,
    list: 'II',
    priceCents: 310,
    reimbursementRate: 65,
  }),
  metformine1000x90: product(108, {
    label: 'METFORMINE 1000 mg, comprimé pelliculé, boîte de 90',
    genericGroup: 'METFORMINE-1000',
    packSize: 90,
    list: 'II',
    priceCents: 820,
    reimbursementRate: 65,
  }),
  glucophage1000: product(109, {
    label: 'GLUCOPHAGE 1000 mg, comprimé pelliculé, boîte de 30',
    genericGroup: 'METFORMINE-1000',
    packSize: 30,
    list: 'II',
    priceCents: 355,
    reimbursementRate: 65,
    princeps: true,
  }),
  ramipril5: product(110, {
    label: 'RAMIPRIL 5 mg, gélule, boîte de 30',
    genericGroup: 'RAMIPRIL-5',
    packSize: 30,
    list: 'I',
    priceCents: 420,
    reimbursementRate: 65,
  }),
  ramipril5x90: product(111, {
    label: 'RAMIPRIL 5 mg, gélule, boîte de 90',
    genericGroup: 'RAMIPRIL-5',
    packSize: 90,
    list: 'I',
    priceCents: 1150,
    reimbursementRate: 65,
  }),
  atorvastatine20: product(112, {
    label: 'ATORVASTATINE 20 mg, comprimé pelliculé, boîte de 30',
    genericGroup: 'ATORVASTATINE-20',
    packSize: 30,
    list: 'I',
    priceCents: 745,
    reimbursementRate: 65,
  }),
  tahor20: product(113, {
    label: 'TAHOR 20 mg, comprimé pelliculé, boîte de 30',
    genericGroup: 'ATORVASTATINE-20',
    packSize: 30,
    list: 'I',
    priceCents: 980,
    reimbursementRate: 65,
    princeps: true,
  }),
  kardegic75: product(114, {
    label: 'KARDÉGIC 75 mg, poudre pour solution buvable, boîte de 30 sachets',
    genericGroup: null,
    packSize: 30,
    list: null,
    priceCents: 305,
    reimbursementRate: 65,
  }),
  previscan20: product(115, {
    label: 'PREVISCAN 20 mg, comprimé sécable, boîte de 30',
    genericGroup: null,
    packSize: 30,
    list: 'I',
    priceCents: 290,
    reimbursementRate: 65,
  }),
  lamotrigine100: product(116, {
    label: 'LAMOTRIGINE 100 mg, comprimé, boîte de 30',
    genericGroup: 'LAMOTRIGINE-100',
    packSize: 30,
    list: 'I',
    priceCents: 1390,
    reimbursementRate: 65,
  }),
  lamictal100: product(117, {
    label: 'LAMICTAL 100 mg, comprimé dispersible, boîte de 30',
    genericGroup: 'LAMOTRIGINE-100',
    packSize: 30,
    list: 'I',
    priceCents: 1650,
    reimbursementRate: 65,
    princeps: true,
  }),
  amoxicillineSuspension: product(118, {
    label: 'AMOXICILLINE 250 mg/5 ml, poudre pour suspension buvable, flacon de 60 ml',
    genericGroup: 'AMOXICILLINE-SUSP-250',
    packSize: 1,
    list: 'I',
    priceCents: 280,
    reimbursementRate: 65,
  }),
  skenan30: product(119, {
    label: 'SKENAN LP 30 mg, gélule à libération prolongée, boîte de 14',
    genericGroup: null,
    packSize: 14,
    list: 'STUPEFIANT',
    priceCents: 920,
    reimbursementRate: 65,
  }),
  methylphenidate10: product(120, {
    label: 'MÉTHYLPHÉNIDATE 10 mg, comprimé sécable, boîte de 30',
    genericGroup: 'METHYLPHENIDATE-10',
    packSize: 30,
    list: 'STUPEFIANT',
    priceCents: 1020,
    reimbursementRate: 65,
  }),
  leeloo: product(121, {
    label: 'LEELOO 0,1 mg/0,02 mg, comprimé, boîte de 3 plaquettes de 21',
    genericGroup: 'LEVONORGESTREL-EE-0.1',
    packSize: 63,
    list: 'I',
    contraceptive: true,
    priceCents: 265,
    reimbursementRate: 65,
  }),
  omeprazole20: product(122, {
    label: 'OMÉPRAZOLE 20 mg, gélule gastro-résistante, boîte de 28',
    genericGroup: 'OMEPRAZOLE-20',
    packSize: 28,
    list: 'II',
    priceCents: 575,
    reimbursementRate: 65,
  }),
  mopral20: product(123, {
    label: 'MOPRAL 20 mg, gélule gastro-résistante, boîte de 28',
    genericGroup: 'OMEPRAZOLE-20',
    packSize: 28,
    list: 'II',
    priceCents: 690,
    reimbursementRate: 65,
    princeps: true,
  }),
  ventoline: product(124, {
    label: 'VENTOLINE 100 µg/dose, suspension pour inhalation, 1 flacon de 200 doses',
    genericGroup: 'SALBUTAMOL-100',
    packSize: 1,
    list: 'I',
    priceCents: 392,
    reimbursementRate: 65,
    princeps: true,
  }),
  humira40: product(125, {
    label: 'HUMIRA 40 mg, solution injectable en stylo prérempli, boîte de 2',
    genericGroup: 'BIO-ADALIMUMAB-40',
    packSize: 2,
    list: 'I',
    priceCents: 73_500,
    reimbursementRate: 100,
  }),
  amgevita40: product(126, {
    label: 'AMGEVITA 40 mg, solution injectable en stylo prérempli, boîte de 2',
    genericGroup: 'BIO-ADALIMUMAB-40',
    packSize: 2,
    list: 'I',
    biosimilar: true,
    priceCents: 58_800,
    reimbursementRate: 100,
  }),
  bandeCohesive: product(127, {
    label: 'BANDE COHÉSIVE 10 cm x 3,5 m',
    genericGroup: null,
    packSize: 1,
    list: null,
    priceCents: 450,
    reimbursementRate: 60,
  }),
  stilnox10: product(128, {
    label: 'STILNOX 10 mg, comprimé pelliculé sécable, boîte de 14',
    genericGroup: 'ZOLPIDEM-10',
    packSize: 14,
    list: 'I',
    assimilatedNarcotic: true,
    priceCents: 310,
    reimbursementRate: 65,
    princeps: true,
  }),
  zolpidem10: product(129, {
    label: 'ZOLPIDEM 10 mg, comprimé pelliculé sécable, boîte de 14',
    genericGroup: 'ZOLPIDEM-10',
    packSize: 14,
    list: 'I',
    assimilatedNarcotic: true,
    priceCents: 245,
    reimbursementRate: 65,
  }),
} satisfies Record<string, SampleProduct>;

export type SampleProductKey = keyof typeof SAMPLE_PRODUCTS;
