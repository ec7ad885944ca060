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
  };
}

/** The rules' view of the sample catalogue (demo data and tests). */
export function sampleFactsSource(): ProductFactsSource {
  return factsFromList(Object.values(SAMPLE_PRODUCTS).map(sampleFacts));
}
