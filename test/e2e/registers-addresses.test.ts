import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PRESCRIBERS } from '../../src/am-server/demo/demo-actors.js';
import { SAMPLE_PRODUCTS } from '../../src/shared/demo/sample-products.js';
import { formatDateFr } from '../../src/shared/format/fr.js';
import { parisToday } from '../../src/shared/format/paris-date.js';
import { addDays } from '../../src/shared/rules/calendar.js';
import { chromiumAndServe, counterPagePerTest, postJson } from '../helpers/browser.js';

const env = chromiumAndServe();
const counter = counterPagePerTest(env);
const dir = mkdtempSync(join(tmpdir(), 'addresses-e2e-'));

describe('the registers as the law asks: addresses in the files and in the ordonnancier', () => {
  it('the patient’s address (F2, Alt+M) and the cabinet’s (Alt+M at « Prescripteur ») reach the ordonnancier’s entry, on screen and printed with its period and pages', async () => {
    const page = counter.page;
    // Phase 2: this test is about the registers, not the numérisation.
    await counter.screens.setPhase(2);
    // The pharmacy's address (Configuration › Identité), printed under its name.
    await page.keyboard.press('Alt+c');
    await page.getByLabel('Adresse de l’officine').fill('3 place du Marché, 69003 Lyon');
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-saved').getByText('Paramètres enregistrés.').waitFor();
    await page.keyboard.press('Escape');
    // The prescriber meets the file by an Ordonnance Numérique first.
    await counter.screens.openCode2d();
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: '013XJ9K2M4P6R8T0V0' });
    await counter.screens.confirmButton.waitFor();
    await page.keyboard.press('Escape');
    await counter.screens.dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+x');

    await page.keyboard.press('F2');
    await page.getByLabel(/^Rechercher/).waitFor();
    await page.keyboard.press('Alt+v');
    const called = page.getByTestId('called-patient');
    await called.getByText('adresse inconnue').waitFor();
    await page.keyboard.press('F2');
    await page.keyboard.press('Alt+m');
    const address = page.getByLabel(/^Adresse de DURAND/);
    await address.waitFor();
    await expect(address.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('12 rue des Lilas, 69003 Lyon');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Adresse de Léa DURAND enregistrée.').waitFor();
    // Back to the search (the address came from it); Échap closes it.
    await page.getByLabel(/^Rechercher/).waitFor();
    await page.keyboard.press('Escape');
    await called.getByText('12 rue des Lilas, 69003 Lyon').waitFor();

    await page
      .getByLabel("Date de l'ordonnance")
      .first()
      .pressSequentially(formatDateFr(addDays(parisToday(), -1)).replace(/\//g, ''));
    await page.getByLabel('Prescripteur', { exact: true }).click();
    await page.keyboard.type('martin');
    await page.getByRole('option', { name: new RegExp(DEMO_PRESCRIBERS.martin.name) }).waitFor();
    await page.keyboard.press('Enter');
    const chosen = page.getByTestId('prescriber-chosen');
    await chosen.getByText('adresse du cabinet inconnue').waitFor();
    await page.keyboard.press('Alt+m');
    const cabinet = page.getByLabel(/^Adresse du cabinet de/);
    await cabinet.waitFor();
    await expect(cabinet.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('4 cours Gambetta, 69007 Lyon');
    await page.keyboard.press('Enter');
    await chosen.getByText('4 cours Gambetta, 69007 Lyon').waitFor();

    await page.keyboard.press('F4');
    await page.getByRole('heading', { name: 'Ordonnance papier' }).first().waitFor();
    await page.getByLabel(/Produit \(nom, CIP13/).pressSequentially(SAMPLE_PRODUCTS.amoxicilline1g.cip13);
    await page
      .getByRole('option', { name: /AMOXICILLINE 1 g/ })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('F9');
    await counter.screens.transmission.getByText('Ordonnance papier enregistrée.').waitFor();
    const detail = page.waitForEvent('download');
    await page.keyboard.press('F8');
    await (await detail).saveAs(join(dir, 'detail.pdf'));
    expect(execFileSync('pdftotext', [join(dir, 'detail.pdf'), '-']).toString()).toContain('3 place du Marché, 69003 Lyon');
    await counter.screens.close();

    await page.keyboard.press('Alt+o');
    await page.getByRole('heading', { name: 'Ordonnancier' }).waitFor();
    const entry = page.getByTestId('ordonnancier-entry').filter({ hasText: 'AMOXICILLINE' }).last();
    await entry.getByText('12 rue des Lilas, 69003 Lyon').waitFor();
    await entry.getByText('4 cours Gambetta, 69007 Lyon').waitFor();
    const download = page.waitForEvent('download');
    await page.keyboard.press('F8');
    const pdf = join(dir, 'ordonnancier.pdf');
    await (await download).saveAs(pdf);
    const printed = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
    expect(printed).toMatch(/Patient : DURAND Léa, 12 rue des Lilas, 69003 Lyon/);
    expect(printed).toContain(`Prescripteur : ${DEMO_PRESCRIBERS.martin.name}, 4 cours Gambetta, 69007 Lyon`);
    expect(printed).toMatch(/Ordonnancier — période : du \d\d\/\d\d\/\d{4} au \d\d\/\d\d\/\d{4}/);
    expect(printed).toMatch(/Totaux de la période .*AMOXICILLINE 1 g.* : \d+ boîte\(s\)/);
    expect(printed).toMatch(/page 1 \/ 1/);
  });
});
