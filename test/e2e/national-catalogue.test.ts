import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startAmServer, type RunningAmServer } from '../../src/am-server/am-server.js';
import { DEMO_PHARMACY } from '../../src/am-server/demo/demo-actors.js';
import { demoSeed } from '../../src/am-server/demo/demo-seed.js';
import { snapshot } from '../helpers/bdpm-snapshots.js';
import { frenchPage, launchChromium, startServe, type Workstation } from '../helpers/browser.js';
import { CounterScreens } from '../helpers/counter-screens.js';

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
  it('an empty catalogue is said in the status bar; Configuration › Catalogue imports a zip of the BDPM (Ctrl+O), and « Produit » finds its real presentations', async () => {
    const page = await frenchPage(browser, ws.url);
    const screens = new CounterScreens(page);
    await page
      .getByTestId('status-catalogue')
      .getByText('Catalogue vide : importez la base des médicaments (Configuration › Catalogue, Ctrl+O).')
      .waitFor();
    await page.keyboard.press('Alt+c');
    await page.getByRole('tab', { name: 'Catalogue' }).click();
    await page.getByTestId('catalogue').getByText('aucune : le catalogue est vide').waitFor();
    // The pharmacist's download, zipped: the files at the root.
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-bdpm-zip-'));
    const names = ['CIS_bdpm.txt', 'CIS_CIP_bdpm.txt', 'CIS_GENER_bdpm.txt'];
    writeFileSync(join(dir, 'bdpm.zip'), zipSync(Object.fromEntries(names.map((n) => [n, readFileSync(join(snapshot('2026-07-24'), n))]))));
    // A refused one first (not a zip of the BDPM): one sentence, nothing changed.
    writeFileSync(join(dir, 'faux.zip'), 'pas une archive');
    await screens.chooseFile(join(dir, 'faux.zip'));
    await page
      .locator('p.error')
      .getByText(/^Import refusé, le catalogue est inchangé : faux\.zip n’est pas une archive zip lisible/)
      .waitFor();
    await screens.chooseFile(join(dir, 'bdpm.zip'));
    await page.getByTestId('catalogue-summary').getByText('Produits : 20 874 ajoutés, 0 modifiés, 0 retirés.').waitFor({ timeout: 30_000 });
    await page.getByTestId('catalogue').getByText('Base de Données Publique des Médicaments (ANSM, Licence Ouverte)').waitFor();
    await page.keyboard.press('Escape');
    await screens.facturation.waitFor();
    await page.getByTestId('status-catalogue').waitFor({ state: 'detached' });
    await page.keyboard.press('F4');
    await page.getByRole('heading', { name: 'Ordonnance papier' }).first().waitFor();
    await page.getByLabel(/Produit \(nom, CIP13/).pressSequentially('levothyrox 75');
    // What it is, from the répertoire only: LEVOTHYROX is the princeps of its group.
    await page
      .getByRole('option', { name: /^LEVOTHYROX 75 microgrammes, comprimé sécable.* — princeps — / })
      .first()
      .waitFor();
    // A CIP13 read by the scanner: the real product, its real price.
    await page.getByLabel(/Produit \(nom, CIP13/).fill('');
    await page.getByLabel(/Produit \(nom, CIP13/).pressSequentially('3400927849800');
    await page.getByRole('option', { name: /^ADEMPAS 1,5 mg, comprimé pelliculé.* — 1\s466,29\s€/ }).waitFor();
    // A presentation the base gives no price (AFTAGEL): priced by hand, never billed 0 €.
    await page.getByLabel(/Produit \(nom, CIP13/).fill('');
    await page.getByLabel(/Produit \(nom, CIP13/).pressSequentially('3400936377554');
    await page.getByRole('option', { name: /^AFTAGEL, gel buccal.* — prix à saisir/ }).waitFor();
    await page.keyboard.press('Enter');
    const line = page.getByTestId('rx-line').filter({ hasText: 'AFTAGEL' });
    await line.getByText(/Prix à saisir : « AFTAGEL, gel buccal/).waitFor();
    await page
      .getByTestId('bill-line')
      .filter({ hasText: 'AFTAGEL' })
      .getByText('Prix à saisir : compté 0 € tant qu’il n’est pas tapé.')
      .waitFor();
    await line.getByLabel('Prix (€)').fill('6,90');
    await page
      .getByTestId('bill-line')
      .filter({ hasText: 'AFTAGEL' })
      .getByText(/6,90\s€/)
      .first()
      .waitFor();
    await line.getByText(/Prix à saisir/).waitFor({ state: 'detached' });
    await page.close();
  }, 90_000);
});
