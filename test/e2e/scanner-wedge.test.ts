import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAndServe, frenchPage } from '../helpers/browser.js';
import { CounterScreens } from '../helpers/counter-screens.js';
import { typeLikeScanner } from '../helpers/key-typing.js';

let page: Page;
let screens: CounterScreens;
const env = chromiumAndServe();
beforeEach(async () => {
  page = await frenchPage(env.browser, env.ws.url);
  screens = new CounterScreens(page);
});
afterEach(async () => {
  await page?.context().close();
});

// Both cores busy, as on a counter PC printing and syncing while the scanner types: reads must
// not depend on how fast the keys arrive.
let busy: ChildProcess[] = [];
beforeAll(() => {
  busy = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
});
afterAll(() => busy.forEach((child) => child.kill('SIGKILL')));

const ID = '01M9S346Q3D25VT4FZ';

describe('a scanner typing like a keyboard (wedge), the CPU busy', () => {
  it.each([5, 40, 80])('reads a US scanner on an AZERTY PC at %i ms per key in « Code 2D », and its Entrée presses nothing else', async (msPerKey) => {
    await screens.openCode2d();
    await typeLikeScanner(page, ID, { scanner: 'us', pc: 'fr', msPerKey, suffix: 'Enter' });
    await page.getByRole('heading', { name: /Ordonnance n° 01M9-S346-Q3D2-5VT4-FZ/ }).waitFor();
    await expect(page.getByTestId('code2d-error').textContent()).resolves.toBe('');
    await page.keyboard.press('Escape');
    await screens.dialog.waitFor({ state: 'detached' });
  });

  it('reads the same with Tab as the suffix', async () => {
    await screens.openCode2d();
    await typeLikeScanner(page, ID, { scanner: 'us', pc: 'fr', msPerKey: 20, suffix: 'Tab' });
    await page.getByRole('heading', { name: /Ordonnance n° 01M9-S346-Q3D2-5VT4-FZ/ }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('still takes a person typing the printed number on AZERTY, slowly', async () => {
    await screens.openCode2d();
    await typeLikeScanner(page, '01M9-S346-Q3D2-5VT4-FZ', { scanner: 'fr', pc: 'fr', msPerKey: 120, suffix: 'Enter' });
    await page.getByRole('heading', { name: /Ordonnance n° 01M9-S346-Q3D2-5VT4-FZ/ }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('says what is wrong, and keeps what was typed, when neither the text nor the keys are a code', async () => {
    await screens.openCode2d();
    await typeLikeScanner(page, '01M9S346Q3D25VT4FA', { scanner: 'us', pc: 'fr', msPerKey: 5, suffix: 'Enter' });
    await page.getByTestId('code2d-error').getByText(/caractère de contrôle|pas un numéro d’ordonnance numérique/).waitFor();
    await expect(screens.code2d.inputValue()).resolves.not.toBe('');
  });

  it('calls the patient from the Appli carte Vitale QR typed into the patient search (F2)', async () => {
    const res = await fetch(`${env.ws.embeddedAmUrl}/v1/apcv/sessions`, { method: 'POST', headers: { Authorization: 'Bearer demo-patient-lea-durand-5d6e7f' } });
    const { qrPayload } = (await res.json()) as { qrPayload: string };
    await page.keyboard.press('F2');
    await page.getByLabel(/Rechercher/).waitFor();
    await typeLikeScanner(page, qrPayload, { scanner: 'us', pc: 'fr', msPerKey: 10, suffix: 'Enter' });
    await page.getByTestId('called-patient').getByText('DURAND').waitFor();
  });

  it('reads a pack’s DataMatrix into the products step’s « Code de la boîte » (Alt+B)', async () => {
    await screens.openCode2d();
    await typeLikeScanner(page, ID, { scanner: 'us', pc: 'fr', msPerKey: 5, suffix: 'Enter' });
    await screens.confirmToProducts();
    const cip13 = await screens.productLines.first().getByLabel('Produit délivré').inputValue();
    await page.keyboard.press('Alt+b');
    await typeLikeScanner(page, `010${cip13}17301231` + '10LOT42', { scanner: 'us', pc: 'fr', msPerKey: 5, suffix: 'Enter' });
    await expect.poll(() => screens.productLines.first().getByLabel('Lot').inputValue()).toBe('LOT42');
    await expect(page.getByLabel('Code de la boîte').inputValue()).resolves.toBe('');
  });
});
