import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PRESCRIPTIONS } from '../../src/am-server/demo/demo-seed.js';
import { chromiumAndServe, counterContext, frenchPage, keepScreenshot, postJson } from '../helpers/browser.js';
import { CounterScreens, LABELS } from '../helpers/counter-screens.js';

let page: Page;
const env = chromiumAndServe();
afterEach(async () => {
  await page?.context().close();
});
const faults = (body: object) => env.ws.mockControl('/_mock/faults', body);

describe('the counter’s small frictions', () => {
  it('keeps F3 pressed while the workstation starts, and opens the window once the screen is ready', async () => {
    const context = await counterContext(env.browser, env.ws.url, { locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // The contract's first answers come a second late, as on a slow start: the screen cannot be ready.
    const slowUntil = Date.now() + 1_000;
    await page.routeWebSocket(/\/ipc(\?|$)/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => void setTimeout(() => server.send(message), Math.max(0, slowUntil - Date.now())));
      server.onMessage((message) => ws.send(message));
    });
    await page.goto(env.ws.url, { waitUntil: 'domcontentloaded' });
    await expect(page.getByRole('heading', { name: LABELS.facturation }).count()).resolves.toBe(0);
    await page.keyboard.press('F3');
    const code2d = new CounterScreens(page).code2d;
    await code2d.waitFor();
    await expect(code2d.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  });

  it('one window at a time: F3 over « Appel du patient » closes it and puts the focus in « Code 2D »; Échap closes', async () => {
    page = await frenchPage(env.browser, env.ws.url);
    const screens = new CounterScreens(page);
    await page.keyboard.press('F2');
    await page.getByLabel(/Rechercher/).waitFor();
    await page.keyboard.press('F3');
    await screens.code2d.waitFor();
    await expect(screens.dialog.count()).resolves.toBe(1);
    await expect(screens.code2d.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await screens.dialog.waitFor({ state: 'detached' });
  });

  it('reads and types dates as jj/mm/aaaa, whatever the browser’s language', async () => {
    const context = await counterContext(env.browser, env.ws.url, { locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(env.ws.url);
    const screens = new CounterScreens(page);
    await screens.facturation.waitFor();
    await screens.openCode2d();
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: '013XJ9K2M4P6R8T0V0' });
    await screens.confirmToProducts();
    // The line's first box (one read then takes one box of the two: its own lot and expiry).
    const expiry = screens.productLines.first().getByLabel('Péremption').first();
    await expect(expiry.getAttribute('placeholder')).resolves.toBe('jj/mm/aaaa');
    await expiry.pressSequentially('31122027');
    await expect(expiry.inputValue()).resolves.toBe('31/12/2027');
    await expiry.fill('');
    await expiry.pressSequentially('31/02/2027');
    await page.getByText('Date invalide (jj/mm/aaaa)').waitFor();
    // A pack's DataMatrix sets the expiry: shown the French way.
    const cip13 = await screens.productLines.first().getByLabel(LABELS.productChoice).inputValue();
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: `010${cip13}17280630` + '10B12' });
    await expect.poll(() => expiry.inputValue()).toBe('30/06/2028');
    await page.keyboard.press('Escape');
  });

  it.each([1280, 1366])('lays the products step out at %i px without a field over another', async (width) => {
    const context = await counterContext(env.browser, env.ws.url, { locale: 'fr-FR', viewport: { width, height: 900 } });
    page = await context.newPage();
    await page.goto(env.ws.url);
    const screens = new CounterScreens(page);
    await screens.facturation.waitFor();
    await screens.openCode2d();
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, {
      text: DEMO_PRESCRIPTIONS.find((p) => p.lines.length >= 2 && !p.status)?.id ?? '',
    });
    await screens.confirmToProducts();
    const line = screens.productLines.first();
    const boxes = await Promise.all(
      ['Produit délivré', 'Boîtes', 'Lot', 'Péremption'].map((label) => line.getByLabel(label).boundingBox()),
    );
    for (let i = 1; i < boxes.length; i++) expect(boxes[i - 1]!.x + boxes[i - 1]!.width).toBeLessThanOrEqual(boxes[i]!.x);
    await keepScreenshot(page, width === 1280 ? 'flow-products' : `flow-products-${width}`);
    await page.keyboard.press('Escape');
  });

  it('starts a demo install with the demo patients: F2 « dur » finds Léa DURAND', async () => {
    page = await frenchPage(env.browser, env.ws.url);
    await page.keyboard.press('F2');
    await page.getByLabel(/Rechercher/).pressSequentially('dur');
    await page.getByRole('option', { name: /DURAND Léa/ }).waitFor();
  });

  it('the status bar follows the téléservice as it goes away and comes back, within seconds', async () => {
    page = await frenchPage(env.browser, env.ws.url);
    const bar = page.getByTestId('status-bar');
    await bar.getByText('Téléservice de démonstration').waitFor();
    await faults({ down: true });
    try {
      await bar.getByText('Téléservice injoignable (mode dégradé)').waitFor({ timeout: 6_000 });
    } finally {
      await faults({});
    }
    await bar.getByText('Téléservice de démonstration').waitFor({ timeout: 6_000 });
  });

  it('Configuration › Identité shows the identity in force, and says it comes from the téléservice', async () => {
    page = await frenchPage(env.browser, env.ws.url);
    await page.keyboard.press('Alt+c');
    await page.getByRole('tab', { name: 'Identité' }).click();
    // The settings arrive after the tab shows: read once they are there.
    await expect.poll(() => page.getByLabel('FINESS (9 chiffres)').inputValue()).toBe('750012345');
    await expect.poll(() => page.getByLabel('Nom de l’officine').inputValue()).toBe('Pharmacie du Marché');
    await page
      .getByTestId('identity-source')
      .getByText(/fournie par le téléservice/)
      .waitFor();
  });
});

describe('the patient follows the prescription', () => {
  const called = () => page.getByTestId('called-patient');

  it('Échap on a prescription that called its patient releases them; Alt+X « Patient suivant » releases the one called; F2 opens with the last text selected', async () => {
    page = await frenchPage(env.browser, env.ws.url);
    const screens = new CounterScreens(page);
    // F3 with nobody called: the prescription's patient is called, and released with it.
    await screens.openCode2d();
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: '013XJ9K2M4P6R8T0V0' });
    await screens.confirmButton.waitFor();
    await called()
      .getByText(/DURAND/)
      .waitFor();
    await page.keyboard.press('Escape');
    await screens.dialog.waitFor({ state: 'detached' });
    await called().getByText('Appelez le patient, puis lisez l’ordonnance numérique.').waitFor();

    // A patient called by hand stays through an abandoned prescription, and leaves with Alt+X.
    await page.keyboard.press('F2');
    await page.keyboard.type('lef');
    await page.getByRole('option', { name: /LEFÈVRE/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('F2');
    const search = page.getByLabel(/^Rechercher/);
    await expect(
      search.evaluate((el: HTMLInputElement) => [el.value, el.selectionStart, el.selectionEnd, el === document.activeElement]),
    ).resolves.toEqual(['lef', 0, 3, true]);
    await page.keyboard.press('Enter');
    await called()
      .getByText(/LEFÈVRE/)
      .waitFor();
    await page.getByRole('button', { name: /Patient suivant/ }).waitFor();
    await page.keyboard.press('Alt+x');
    await called().getByText('Appelez le patient, puis lisez l’ordonnance numérique.').waitFor();
    await expect.poll(() => page.getByTestId('live-polite').textContent()).toMatch(/Étienne LEFÈVRE libéré\(e\)/);
  });
});
