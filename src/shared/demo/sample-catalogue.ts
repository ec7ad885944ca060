import { makeCip13 } from '../ids/cip13.js';
import { sampleGenericType } from './sample-facts.js';
import { SAMPLE_PRODUCTS } from './sample-products.js';

/**
 * The demo catalogue: SAMPLE DATA, not a drug database. The demo prescriptions' products plus a
 * few hundred plausible packs (common molecules × strengths × pack sizes) with made-up CIP13s.
 */
export type SampleCatalogueEntry = {
  cip13: string;
  label: string;
  form: string;
  packSize: number;
  genericGroup: string | null;
  list: 'I' | 'II' | 'STUPEFIANT' | null;
  contraceptive: boolean;
  biosimilar: boolean;
  reimbursementRate: number;
  priceCents: number;
  assimilatedNarcotic: boolean;
  /** As the répertoire would say it: the group and this pack's type in it (princeps 0, générique 1). */
  genericGroups: { id: string; type: 0 | 1; label: string }[];
};

/** As the répertoire would say it; the group's common name from its id (« ZOLPIDEM-10 » → « ZOLPIDEM 10 »). */
const groupsOf = (genericGroup: string | null, type: 0 | 1 | null) =>
  genericGroup === null || type === null ? [] : [{ id: genericGroup, type, label: genericGroup.replace(/-/g, ' ') }];

const MOLECULES: [name: string, form: string, strengths: string[], packs: number[], list: 'I' | 'II' | null, rate: number][] = [
  ['AMLODIPINE', 'gélule', ['5 mg', '10 mg'], [30, 90], 'I', 65],
  ['BISOPROLOL', 'comprimé', ['2,5 mg', '5 mg', '10 mg'], [30, 90], 'I', 65],
  ['PERINDOPRIL', 'comprimé', ['2 mg', '4 mg', '8 mg'], [30, 90], 'I', 65],
  ['LOSARTAN', 'comprimé', ['50 mg', '100 mg'], [30, 90], 'I', 65],
  ['SIMVASTATINE', 'comprimé', ['20 mg', '40 mg'], [28, 84], 'I', 65],
  ['ROSUVASTATINE', 'comprimé', ['5 mg', '10 mg', '20 mg'], [30, 90], 'I', 65],
  ['PRAVASTATINE', 'comprimé', ['20 mg', '40 mg'], [28, 84], 'I', 65],
  ['ESOMEPRAZOLE', 'gélule', ['20 mg', '40 mg'], [14, 28], 'II', 65],
  ['PANTOPRAZOLE', 'comprimé', ['20 mg', '40 mg'], [14, 28], 'II', 65],
  ['LANSOPRAZOLE', 'gélule', ['15 mg', '30 mg'], [14, 28], 'II', 65],
  ['SERTRALINE', 'gélule', ['25 mg', '50 mg'], [7, 28], 'I', 65],
  ['ESCITALOPRAM', 'comprimé', ['5 mg', '10 mg', '20 mg'], [14, 28], 'I', 65],
  ['FLUOXETINE', 'gélule', ['20 mg'], [14, 28], 'I', 65],
  ['PAROXETINE', 'comprimé', ['20 mg'], [14, 28], 'I', 65],
  ['ALPRAZOLAM', 'comprimé', ['0,25 mg', '0,5 mg'], [30], 'I', 65],
  ['CETIRIZINE', 'comprimé', ['10 mg'], [7, 15, 30], null, 30],
  ['DESLORATADINE', 'comprimé', ['5 mg'], [15, 30], 'II', 30],
  ['IBUPROFENE', 'comprimé', ['200 mg', '400 mg'], [20, 30], 'II', 65],
  ['KETOPROFENE', 'gélule', ['50 mg', '100 mg'], [24, 30], 'II', 65],
  ['TRAMADOL', 'gélule', ['50 mg'], [30], 'I', 65],
  ['CODEINE PARACETAMOL', 'comprimé', ['30 mg/500 mg'], [16], 'I', 65],
  ['AZITHROMYCINE', 'comprimé', ['250 mg'], [6], 'I', 65],
  ['CLARITHROMYCINE', 'comprimé', ['500 mg'], [14], 'I', 65],
  ['CEFPODOXIME', 'comprimé', ['100 mg'], [10], 'I', 65],
  ['AMOXICILLINE ACIDE CLAVULANIQUE', 'comprimé', ['1 g/125 mg'], [8, 16], 'I', 65],
  ['PREDNISOLONE', 'comprimé orodispersible', ['5 mg', '20 mg'], [20, 30], 'I', 65],
  ['FUROSEMIDE', 'comprimé', ['40 mg'], [30, 90], 'I', 65],
  ['INDAPAMIDE', 'comprimé', ['1,5 mg'], [30, 90], 'I', 65],
  ['SITAGLIPTINE', 'comprimé', ['100 mg'], [28, 84], 'I', 65],
  ['GLICLAZIDE', 'comprimé', ['30 mg', '60 mg'], [30, 90], 'I', 65],
  ['ALLOPURINOL', 'comprimé', ['100 mg', '300 mg'], [28, 84], 'I', 65],
  ['TAMSULOSINE', 'gélule', ['0,4 mg'], [30, 90], 'I', 65],
  ['MONTELUKAST', 'comprimé', ['10 mg'], [28], 'I', 65],
  ['LEVETIRACETAM', 'comprimé', ['500 mg', '1000 mg'], [60], 'I', 65],
  ['VALPROATE', 'comprimé', ['500 mg'], [30], 'I', 65],
  ['CLOPIDOGREL', 'comprimé', ['75 mg'], [30, 90], 'I', 65],
  ['APIXABAN', 'comprimé', ['2,5 mg', '5 mg'], [60], 'I', 65],
  ['RIVAROXABAN', 'comprimé', ['15 mg', '20 mg'], [28], 'I', 65],
  ['COLECALCIFEROL', 'solution buvable', ['100 000 UI'], [1], null, 65],
];

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toUpperCase();
}

export function sampleCatalogue(): SampleCatalogueEntry[] {
  const entries: SampleCatalogueEntry[] = Object.values(SAMPLE_PRODUCTS).map((p) => ({
    cip13: p.cip13,
    label: p.label,
    form: p.label.split(',')[1]?.trim() ?? '',
    packSize: p.packSize,
    genericGroup: p.genericGroup,
    list: p.list,
    contraceptive: p.contraceptive === true,
    biosimilar: p.biosimilar === true,
    reimbursementRate: p.reimbursementRate,
    priceCents: p.priceCents,
    genericGroups: groupsOf(p.genericGroup, sampleGenericType(p)),
    assimilatedNarcotic: p.assimilatedNarcotic === true,
  }));
  let n = 1000;
  for (const [name, form, strengths, packs, list, rate] of MOLECULES) {
    for (const strength of strengths) {
      for (const [labIndex, lab] of ['BIOGARAN', 'SANDOZ', 'VIATRIS', 'ZENTIVA'].entries()) {
        for (const pack of packs) {
          const base = 180 + (n % 37) * 23 + pack * 9;
          entries.push({
            cip13: makeCip13(`34009${String(3000000 + n++).padStart(7, '0')}`),
            label: `${name} ${lab} ${strength}, ${form}, boîte de ${pack}`,
            form,
            packSize: pack,
            genericGroup: `${slug(name)}-${slug(strength)}`,
            list,
            contraceptive: false,
            biosimilar: false,
            reimbursementRate: rate,
            priceCents: base + labIndex * 7,
            genericGroups: groupsOf(`${slug(name)}-${slug(strength)}`, 1),
            assimilatedNarcotic: false,
          });
        }
      }
    }
  }
  return entries;
}
