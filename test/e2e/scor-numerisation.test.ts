import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DEMO_PATIENTS, DEMO_PHARMACY, DEMO_PRESCRIBERS } from '../../src/am-server/demo/demo-actors.js';
import { SAMPLE_PRODUCTS } from '../../src/shared/demo/sample-products.js';
import { chromiumAndServe, counterPagePerTest, keepScreenshot, postJson } from '../helpers/browser.js';
import { LABELS } from '../helpers/counter-screens.js';

const env = chromiumAndServe();
const counter = counterPagePerTest(env);

const dir = mkdtempSync(join(tmpdir(), 'scor-e2e-'));
/** The document scanner's file: an A5 page scanned at 212 dpi. */
function scannerFile(): string {
  const image = new PNG({ width: 1240, height: 1754 });
  image.data.fill(245);
  const file = join(dir, `scan-${Date.now()}.png`);
  writeFileSync(file, PNG.sync.write(image));
  return file;
}

async function newPrescription(): Promise<string> {
  const { cip13, label, packSize } = SAMPLE_PRODUCTS.paracetamol1g;
  const body = {
    patient: DEMO_PATIENTS.durand,
    lines: [{ product: { cip13, label, unitsPerPack: packSize }, posology: '1 comprimé si douleur', durationDays: 5, quantity: 1 }],
  };
  const res = await fetch(`${env.ws.embeddedAmUrl}/v1/prescriptions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEMO_PRESCRIBERS.martin.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await res.json()) as { id: string }).id;
}

const setPhase = (phase: 1 | 2): Promise<void> => counter.screens.setPhase(phase);

/** An Ordonnance Numérique dispensed as prescribed, up to « Délivrance enregistrée ». */
async function dispense(id: string): Promise<void> {
  await counter.screens.openCode2d();
  await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: id });
  await counter.screens.confirmToProducts();
  await counter.screens.toControl();
  expect(await counter.screens.validate()).toMatch(LABELS.transmitted);
}

const documentsAt = async () =>
  (
    (await (
      await fetch(`${env.ws.embeddedAmUrl}/v1/scor/documents`, { headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` } })
    ).json()) as { documents: { documentId: string; prescriptionId: string; minDpi: number }[] }
  ).documents;

describe('« Numérisation de l’ordonnance » (SCOR)', () => {
  it('in phase 1, after an Ordonnance Numérique: the scanner’s file becomes a PDF of 200 dpi that reaches the téléservice', async () => {
    await setPhase(1);
    const id = await newPrescription();
    await dispense(id);
    await counter.page.keyboard.press('F9');
    await counter.page.getByRole('heading', { name: "Numérisation de l'ordonnance" }).waitFor();
    await counter.screens.chooseFile(scannerFile());
    await counter.page.getByTestId('scan-result').getByText('Ordonnance numérisée (A5, 212 ppp) et transmise pour SCOR.').waitFor();
    await keepScreenshot(counter.page, 'flow-scor');
    await counter.page.keyboard.press('F9');
    await counter.screens.dialog.waitFor({ state: 'detached' });
    const [doc] = (await documentsAt()).filter((d) => d.prescriptionId === id);
    expect(doc).toMatchObject({ minDpi: 212 });
    // What reached the téléservice, read back by poppler: one image of 1240 × 1754, at 200 dpi at least.
    const pdf = Buffer.from(await (await env.ws.mockGet(`/_mock/scor/${doc!.documentId}.pdf`)).arrayBuffer());
    writeFileSync(join(dir, 'received.pdf'), pdf);
    const listed = execFileSync('pdfimages', ['-list', join(dir, 'received.pdf')])
      .toString()
      .trim()
      .split('\n')
      .at(-1)!
      .trim()
      .split(/\s+/);
    expect([Number(listed[3]), Number(listed[4])]).toEqual([1240, 1754]);
    expect(Number(listed[12])).toBeGreaterThanOrEqual(200);
  });

  it('Échap leaves it « à numériser » in the transmissions; done later from there', async () => {
    await setPhase(1);
    const id = await newPrescription();
    await dispense(id);
    await counter.page.keyboard.press('F9');
    await counter.page.getByRole('heading', { name: "Numérisation de l'ordonnance" }).waitFor();
    await counter.page.keyboard.press('Escape');
    await counter.screens.dialog.waitFor({ state: 'detached' });
    const waiting = counter.page.getByTestId('scor-TO_SCAN').filter({ hasText: id.slice(0, 4) });
    await waiting.waitFor();
    expect((await documentsAt()).some((d) => d.prescriptionId === id)).toBe(false);
    await waiting.getByRole('button', { name: 'Numériser' }).focus();
    await counter.page.keyboard.press('Enter');
    await counter.screens.chooseFile(scannerFile());
    await counter.page
      .getByTestId('scan-result')
      .getByText(/transmise pour SCOR/)
      .waitFor();
    expect((await documentsAt()).filter((d) => d.prescriptionId === id)).toHaveLength(1);
  });

  it('in phase 2 an Ordonnance Numérique skips it entirely', async () => {
    await setPhase(2);
    const id = await newPrescription();
    await dispense(id);
    await counter.page.getByRole('button', { name: /Terminer/ }).waitFor();
    await counter.page.keyboard.press('F9');
    await counter.screens.dialog.waitFor({ state: 'detached' });
    expect((await documentsAt()).some((d) => d.prescriptionId === id)).toBe(false);
  });
});
