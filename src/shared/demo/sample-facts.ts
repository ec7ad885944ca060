import { factsFromList, type ProductFacts, type ProductFactsSource } from '../rules/product-facts.js';
import { SAMPLE_PRODUCTS, type SampleProduct } from './sample-products.js';

export function sampleFacts(p: SampleProduct): ProductFacts {
  return {
    cip13: p.cip13,
    label: p.label,
    genericGroup: p.genericGroup,
    packSize: p.packSize,
    list: p.list,
    contraceptive: p.contraceptive === true,
    biosimilar: p.biosimilar === true,
    genericType: sampleGenericType(p),
    assimilatedNarcotic: p.assimilatedNarcotic === true,
  };
}

/** The répertoire's type a sample pack would have: its group's princeps 0, the others 1; biologic groups are outside the répertoire. */
export function sampleGenericType(p: Pick<SampleProduct, 'genericGroup' | 'princeps'>): 0 | 1 | null {
  if (p.genericGroup === null || p.genericGroup.startsWith('BIO-')) return null;
  return p.princeps ? 0 : 1;
}

/** The rules' view of the sample catalogue (demo data and tests). */
export function sampleFactsSource(): ProductFactsSource {
  return factsFromList(Object.values(SAMPLE_PRODUCTS).map(sampleFacts));
}
