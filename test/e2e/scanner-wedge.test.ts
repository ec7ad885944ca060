import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAndServe, counterPagePerTest } from '../helpers/browser.js';
import { typeLikeScanner } from '../helpers/key-typing.js';

const env = chromiumAndServe();
const counter = counterPagePerTest(env);

/**
 * Both cores busy, as on a counter PC printing and syncing while the scanner types: reads must not
 * depend on how fast the keys arrive. Only around the tests that time keys, so nothing else starves.
 */
function withBusyCpu(): void {
  let busy: ChildProcess[] = [];
  beforeAll(() => {
    busy = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  });
  afterAll(() => busy.forEach((child) => child.kill('SIGKILL')));
}

const ID = '01M9S346Q3D25VT4FZ';

describe('a scanner typing like a keyboard (wedge), the CPU busy', () => {
  withBusyCpu();
  it.each([5, 40, 80])(
    'reads a US scanner on an AZERTY PC at %i ms per key in « Code 2D », and its Entrée presses nothing else',
    async (msPerKey) => {
      await counter.screens.openCode2d();
      await typeLikeScanner(counter.page, ID, { scanner: 'us', pc: 'fr', msPerKey, suffix: 'Enter' });
      await counter.page.getByRole('heading', { name: /Ordonnance n° 01M9-S346-Q3D2-5VT4-FZ/ }).waitFor();
      await expect(counter.page.getByTestId('code2d-error').textContent()).resolves.toBe('');
      await counter.page.keyboard.press('Escape');
      await counter.screens.dialog.waitFor({ state: 'detached' });
    },
  );
});

describe('a scanner typing like a keyboard (wedge)', () => {
  it('reads the same with Tab as the suffix', async () => {
    await counter.screens.openCode2d();
    await typeLikeScanner(counter.page, ID, { scanner: 'us', pc: 'fr', msPerKey: 20, suffix: 'Tab' });
    await counter.page.getByRole('heading', { name: /Ordonnance n° 01M9-S346-Q3D2-5VT4-FZ/ }).waitFor();
    await counter.page.keyboard.press('Escape');
  });

  it('still takes a person typing the printed number on AZERTY, slowly', async () => {
    await counter.screens.openCode2d();
    await typeLikeScanner(counter.page, '01M9-S346-Q3D2-5VT4-FZ', { scanner: 'fr', pc: 'fr', msPerKey: 120, suffix: 'Enter' });
    await counter.page.getByRole('heading', { name: /Ordonnance n° 01M9-S346-Q3D2-5VT4-FZ/ }).waitFor();
    await counter.page.keyboard.press('Escape');
  });

  it('says what is wrong, and keeps what was typed, when neither the text nor the keys are a code', async () => {
    await counter.screens.openCode2d();
    await typeLikeScanner(counter.page, '01M9S346Q3D25VT4FA', { scanner: 'us', pc: 'fr', msPerKey: 5, suffix: 'Enter' });
    await counter.page
      .getByTestId('code2d-error')
      .getByText(/caractère de contrôle|pas un numéro d’ordonnance numérique/)
      .waitFor();
    await expect(counter.screens.code2d.inputValue()).resolves.not.toBe('');
  });

  it('calls the patient from the Appli carte Vitale QR typed into the patient search (F2)', async () => {
    const res = await fetch(`${env.ws.embeddedAmUrl}/v1/apcv/sessions`, {
      method: 'POST',
      headers: { Authorization: 'Bearer demo-patient-lea-durand-5d6e7f' },
    });
    const { qrPayload } = (await res.json()) as { qrPayload: string };
    await counter.page.keyboard.press('F2');
    await counter.page.getByLabel(/Rechercher/).waitFor();
    await typeLikeScanner(counter.page, qrPayload, { scanner: 'us', pc: 'fr', msPerKey: 10, suffix: 'Enter' });
    await counter.page.getByTestId('called-patient').getByText('DURAND').waitFor();
  });

  it('reads a pack’s DataMatrix into the products step’s « Code de la boîte » (Alt+B)', async () => {
    await counter.screens.openCode2d();
    await typeLikeScanner(counter.page, ID, { scanner: 'us', pc: 'fr', msPerKey: 5, suffix: 'Enter' });
    await counter.screens.confirmToProducts();
    const cip13 = await counter.screens.productLines.first().getByLabel('Produit délivré').inputValue();
    await counter.page.keyboard.press('Alt+b');
    await typeLikeScanner(counter.page, `010${cip13}17301231` + '10LOT42', { scanner: 'us', pc: 'fr', msPerKey: 5, suffix: 'Enter' });
    await expect.poll(() => counter.screens.productLines.first().getByLabel('Lot').inputValue()).toBe('LOT42');
    await expect(counter.page.getByLabel('Code de la boîte').inputValue()).resolves.toBe('');
  });
});
