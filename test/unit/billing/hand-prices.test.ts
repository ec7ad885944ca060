import { describe, expect, it } from 'vitest';
import { BillingPreview } from '../../../src/main/services/billing/billing-preview.js';
import { withPriceIssues } from '../../../src/main/services/billing/hand-prices.js';
import { assessDispensing } from '../../../src/shared/rules/assess-dispensing.js';
import type { DispensingProposal } from '../../../src/shared/rules/dispensing-types.js';
import { SAMPLE_PRODUCTS } from '../../../src/shared/demo/sample-products.js';
import { demoServerSuite } from '../../helpers/demo-server-suite.js';
import { recordFromServer } from '../../helpers/dispensing-fixture.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';

const demo = demoServerSuite();
const stores = testStores();
const ID = '013XJ9K2M4P6R8T0V0';
const PARACETAMOL = SAMPLE_PRODUCTS.paracetamol1g.cip13;

/** The paracetamol line priced by hand (or not) at the counter. */
const typed =
  (cents?: number) =>
  (p: DispensingProposal): DispensingProposal => ({
    ...p,
    lines: p.lines.map((l) => ({
      ...l,
      items: l.items.map((i) => (i.cip13 === PARACETAMOL && cents !== undefined ? { ...i, unitPriceCents: cents } : i)),
    })),
  });

describe.each(ENGINES)('a product the catalogue gives no price for, on an Ordonnance Numérique (%s)', (engine) => {
  it('blocks until its price is typed, then bills and records that price, never 0 €', async () => {
    const store = await stores.open(engine);
    await store.catalogue.upsertMany([{ ...(await store.catalogue.product(PARACETAMOL))!, priceCents: null }]);
    const prescription = await demo.client.getPrescription(ID);
    const base: DispensingProposal = {
      renewalNumber: 0,
      counterPatient: { nir: prescription.patient.nir },
      lines: prescription.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })),
    };
    const products = await store.catalogue.factsFor(prescription.lines.map((l) => l.product.cip13));
    const judge = (proposal: DispensingProposal) =>
      withPriceIssues(
        store.catalogue,
        assessDispensing({ prescription, today: new Date().toISOString().slice(0, 10), products }, proposal),
        proposal.lines.flatMap((l) => l.items.map((i) => ({ ...i, lineId: l.lineId }))),
      );
    const unpriced = await judge(base);
    expect(unpriced.blocking).toBe(true);
    expect(unpriced.issues.filter((i) => i.code === 'PRICE_REQUIRED')).toEqual([
      expect.objectContaining({ lineId: 'L2', severity: 'blocking', message: expect.stringContaining('PARACÉTAMOL 1 g') }),
    ]);
    const bill = await new BillingPreview(store).ordonnanceNumerique(prescription, base, 'VITALE');
    expect(bill.lines.find((l) => l.label.startsWith('PARACÉTAMOL'))).toMatchObject({
      priceCents: 0,
      note: expect.stringMatching(/^Prix à saisir/),
    });

    expect((await judge(typed(230)(base))).issues.map((i) => i.code)).not.toContain('PRICE_REQUIRED');
    const priced = await new BillingPreview(store).ordonnanceNumerique(prescription, typed(230)(base), 'VITALE');
    expect(priced.lines.find((l) => l.label.startsWith('PARACÉTAMOL'))).toMatchObject({ priceCents: 230, note: null });
    const { dispensingId } = await recordFromServer(store, demo.client, ID, typed(230));
    const sold = (await store.dispensings.byId(dispensingId))?.saleLines ?? [];
    expect(sold.find((s) => s.cip13 === PARACETAMOL)).toMatchObject({ unitPriceCents: 230 });
    expect(sold.find((s) => s.cip13 === SAMPLE_PRODUCTS.amoxicilline1g.cip13)).toMatchObject({
      unitPriceCents: SAMPLE_PRODUCTS.amoxicilline1g.priceCents,
    });
  });
});
