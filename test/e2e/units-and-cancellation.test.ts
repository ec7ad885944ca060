import { describe, expect, it } from 'vitest';
import { DEMO_PATIENTS, DEMO_PHARMACY, DEMO_PRESCRIBERS } from '../../src/am-server/demo/demo-actors.js';
import { SAMPLE_PRODUCTS, type SampleProductKey } from '../../src/shared/demo/sample-products.js';
import { USUAL_REASONS } from '../../src/shared/rules/usual-reasons.js';
import { chromiumAndServe, counterPagePerTest, postJson } from '../helpers/browser.js';
import { LABELS } from '../helpers/counter-screens.js';

const env = chromiumAndServe();
const counter = counterPagePerTest(env);

const am = (path: string, init: RequestInit = {}, token: string = DEMO_PHARMACY.token) =>
  fetch(`${env.ws.embeddedAmUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));

/** A prescription of one line, as the LAP sends it (with the pack's units), for the demo patient. */
async function newPrescription(
  product: SampleProductKey,
  line: { durationDays: number; quantity: number; repeats?: number },
): Promise<string> {
  const { cip13, label, packSize } = SAMPLE_PRODUCTS[product];
  const body = {
    patient: DEMO_PATIENTS.durand,
    lines: [{ product: { cip13, label, unitsPerPack: packSize }, posology: '1 comprimé par jour', ...line }],
  };
  return (await am('/v1/prescriptions', { method: 'POST', body: JSON.stringify(body) }, DEMO_PRESCRIBERS.martin.token)).body.id as string;
}

async function toProductsOf(id: string): Promise<void> {
  await counter.screens.openCode2d();
  await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: id });
  await counter.screens.confirmToProducts();
}

describe('units and days at the counter, and cancelling from « Historique »', () => {
  it('a 90-unit pack for 90 days dispensed as prescribed: « Aucun écart », transmitted', async () => {
    const id = await newPrescription('metformine1000x90', { durationDays: 90, quantity: 1 });
    await toProductsOf(id);
    await counter.screens.productLines
      .first()
      .getByTestId('line-units')
      .getByText(/90 unités, 90 jours de traitement/)
      .waitFor();
    await counter.screens.toControl();
    await counter.page.getByText(LABELS.noDeviation).waitFor();
    expect(await counter.screens.validate()).toMatch(LABELS.transmitted);
    expect((await am(`/v1/prescriptions/${id}`)).body.status).toBe('DISPENSED');
  });

  it('a 30-unit line renewable twice served by one 90-unit pack (LARGE_PACK) leaves nothing due; cancelled from « Historique », all is due again', async () => {
    const id = await newPrescription('metformine1000', { durationDays: 30, quantity: 1, repeats: 2 });
    await toProductsOf(id);
    await counter.screens.productChoices(1);
    // The 90-unit pack read at the products step goes onto the line of its group.
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: `010${SAMPLE_PRODUCTS.metformine1000x90.cip13}17300131` + '10L90' });
    await counter.screens.productLines
      .first()
      .getByTestId('line-units')
      .getByText(/sert aussi les renouvellements 1, 2/)
      .waitFor();
    await counter.screens.toControl();
    await counter.page.getByText('Grand conditionnement', { exact: false }).first().waitFor();
    await counter.page.keyboard.press('Enter');
    await expect(counter.screens.reasons.inputValue()).resolves.toBe(USUAL_REASONS.LARGE_PACK[0]);
    expect(await counter.screens.validate()).toMatch(LABELS.transmitted);
    await counter.screens.close();
    const served = (await am(`/v1/prescriptions/${id}`)).body;
    expect(served.status).toBe('DISPENSED');
    expect(served.lines[0].dispensings.map((d: { renewalNumber: number }) => d.renewalNumber)).toEqual([0, 1, 2]);

    await counter.page.keyboard.press('Alt+h');
    await counter.page.getByLabel(/Rechercher \(patient/).pressSequentially(id.slice(0, 10));
    await counter.page
      .getByTestId('history-entry')
      .first()
      .getByText(/transmise/)
      .waitFor();
    await counter.page.keyboard.press('Alt+a');
    await counter.page.getByLabel(/Motif de l’annulation/).pressSequentially('erreur : le patient avait encore son traitement');
    await counter.page.keyboard.press('Enter');
    await counter.page
      .getByTestId('history-message')
      .getByText(/Délivrance annulée \(avoir n° \d+ sur la facture n° \d+\) : le téléservice l’a enregistré/)
      .waitFor();
    await counter.page
      .getByTestId('history-entry')
      .first()
      .getByText(/Annulée \(avoir n° \d+, annulation transmise\)/)
      .waitFor();
    const [execution] = (await am(`/v1/prescriptions/${id}/executions`)).body.executions;
    expect(execution).toMatchObject({ cancelled: true, cancelReason: 'erreur : le patient avait encore son traitement' });
    const again = (await am(`/v1/prescriptions/${id}`)).body;
    expect([again.status, again.lines[0].dispensings]).toEqual(['ACTIVE', []]);
    await counter.page.keyboard.press('Escape');
    await counter.screens.dialog.waitFor({ state: 'detached' });
    // The renewals are due again: the counter proposes renewal 0.
    await counter.screens.openCode2d();
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: id });
    await counter.screens.confirmButton.waitFor();
    await counter.page.keyboard.press('F9');
    await expect(counter.screens.renewalNumber.inputValue()).resolves.toBe('0');
  });

  it('one scan, one box: a line of 2 boxes read twice gives two boxes with their own lot and expiry, as prescribed', async () => {
    const id = await newPrescription('amoxicilline1g', { durationDays: 6, quantity: 2 });
    await toProductsOf(id);
    await counter.screens.productChoices(1);
    const line = counter.screens.productLines.first();
    for (const lot of ['LOTA', 'LOTB'])
      await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: `010${SAMPLE_PRODUCTS.amoxicilline1g.cip13}17280131` + `10${lot}` });
    await expect.poll(async () => Promise.all((await line.getByLabel('Lot').all()).map((l) => l.inputValue()))).toEqual(['LOTA', 'LOTB']);
    expect(await Promise.all((await line.getByLabel('Boîtes').all()).map((l) => l.inputValue()))).toEqual(['1', '1']);
    await counter.screens.toControl();
    await counter.page.getByText(LABELS.noDeviation).waitFor();
    expect(await counter.screens.validate()).toMatch(LABELS.transmitted);
    const [execution] = (await am(`/v1/prescriptions/${id}/executions`)).body.executions;
    expect(execution.lines[0].dispensed.map((d: { packs: number; batch: string; expiry: string }) => [d.packs, d.batch, d.expiry])).toEqual(
      [
        [1, 'LOTA', '2028-01-31'],
        [1, 'LOTB', '2028-01-31'],
      ],
    );
  });

  it('a 3-month pack for a 3-month treatment: 2 × 90 metformin for 2 × 30 renewable twice, the boxes proposed, accepted as a large pack', async () => {
    const id = await newPrescription('metformine1000', { durationDays: 30, quantity: 2, repeats: 2 });
    await toProductsOf(id);
    const choices = await counter.screens.productChoices(1);
    await choices.selectOption(SAMPLE_PRODUCTS.metformine1000x90.cip13);
    await expect.poll(() => counter.screens.productLines.first().getByLabel('Boîtes').first().inputValue()).toBe('2');
    await counter.screens.productLines
      .first()
      .getByTestId('line-units')
      .getByText(/sert aussi les renouvellements 1, 2/)
      .waitFor();
    await counter.screens.toControl();
    await counter.page.keyboard.press('Enter');
    expect(await counter.screens.validate()).toMatch(LABELS.transmitted);
    const served = (await am(`/v1/prescriptions/${id}`)).body;
    expect([served.status, served.lines[0].dispensings.map((d: { renewalNumber: number }) => d.renewalNumber)]).toEqual([
      'DISPENSED',
      [0, 1, 2],
    ]);
  });
});
