import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startAmServer, type RunningAmServer } from '../../src/am-server/am-server.js';
import { DEMO_PHARMACY } from '../../src/am-server/demo/demo-actors.js';
import { demoSeed } from '../../src/am-server/demo/demo-seed.js';
import { snapshot } from '../helpers/bdpm-snapshots.js';
import { frenchPage, launchChromium, startServe, type Workstation } from '../helpers/browser.js';
import { runComptoir } from '../helpers/processes.js';

/** A workstation on a real téléservice (not the demo): its catalogue starts empty, and the BDPM fills it. */
let am: RunningAmServer;
let browser: Browser;
let ws: Workstation;
beforeAll(async () => {
  browser = await launchChromium();
  am = await startAmServer({ seed: demoSeed(new Date().toISOString().slice(0, 10)) });
  ws = await startServe({ COMPTOIR_AM_URL: am.url, COMPTOIR_AM_TOKEN: DEMO_PHARMACY.token });
}, 60_000);
afterAll(async () => {
  ws?.started.child.kill('SIGTERM');
  await browser?.close();
  await am?.close();
});

describe('the national drug base at the counter', () => {
  it('an empty catalogue is said in the status bar; once the BDPM is imported (the counter running), « Produit » finds its real presentations', async () => {
    const page = await frenchPage(browser, ws.url);
    await page.getByTestId('status-catalogue').getByText('Catalogue vide : importez la base des médicaments (comptoir catalogue import --bdpm DOSSIER).').waitFor();
    const imported = await runComptoir(['catalogue', 'import', '--bdpm', snapshot('2026-07-24'), '--data-dir', ws.dataDir]);
    if (imported.code !== 0) throw new Error(imported.stderr);
    await page.reload();
    await page.getByTestId('status-bar').waitFor();
    await page.getByTestId('status-catalogue').waitFor({ state: 'detached' });
    await page.keyboard.press('F4');
    await page.getByRole('heading', { name: 'Ordonnance papier' }).first().waitFor();
    await page.getByLabel(/Produit \(nom, CIP13/).pressSequentially('levothyrox 75');
    await page.getByRole('option', { name: /^LEVOTHYROX 75 microgrammes, comprimé sécable — / }).first().waitFor();
    // A CIP13 read by the scanner: the real product, its real price.
    await page.getByLabel(/Produit \(nom, CIP13/).fill('');
    await page.getByLabel(/Produit \(nom, CIP13/).pressSequentially('3400927849800');
    await page.getByRole('option', { name: /^ADEMPAS 1,5 mg, comprimé pelliculé — .* — 1\s466,29\s€/ }).waitFor();
    await page.close();
  }, 60_000);
});
