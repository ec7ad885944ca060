import { describe, expect, it } from 'vitest';
import { DEMO_PATIENTS } from '../../src/am-server/demo/demo-actors.js';
import { demoOrganisme } from '../../src/am-server/demo/demo-beneficiaries.js';
import { formatEuros } from '../../src/shared/format/fr.js';
import { chromiumAndServe, counterPagePerTest, keepScreenshot, postJson } from '../helpers/browser.js';
import { LABELS } from '../helpers/counter-screens.js';

const env = chromiumAndServe();
const counter = counterPagePerTest(env);

const DURAND = '013XJ9K2M4P6R8T0V0';
const GARCIA = '01KB6CQ643DZVMXXQA';

/** One Ordonnance Numérique dispensed as prescribed, by keyboard, from the counter at rest. */
async function dispense(id: string, byVitale: boolean): Promise<void> {
  const page = counter.page;
  if (byVitale) {
    await page.keyboard.press('F2');
    await page.getByLabel(/^Rechercher/).waitFor();
    await page.keyboard.press('Alt+v');
    await page.getByTestId('called-patient').getByText('DURAND').waitFor();
  }
  await counter.screens.openCode2d();
  await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: id });
  await counter.screens.confirmToProducts();
  await counter.screens.toControl();
  expect(await counter.screens.validate()).toMatch(LABELS.transmitted);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+x');
}

const figure = (name: string) => counter.page.getByTestId(`figure-${name}`);

describe('F7 « Télétransmission »: from the day’s dispensings to the virement', () => {
  it('sends the FSEs in a lot, reads the ARL and the retours, shows a reject with its amount, recycles it once corrected, and is paid', async () => {
    const page = counter.page;
    await counter.screens.setPhase(2);
    await dispense(DURAND, true);
    await dispense(GARCIA, false);

    await page.keyboard.press('F7');
    await page.getByRole('heading', { name: /Télétransmission/ }).waitFor();
    await page.getByRole('tab', { name: /À transmettre \(2\)/, selected: true }).waitFor();
    await expect.poll(() => page.getByTestId('claims-to-send').count()).toBe(2);
    const pendingBefore = (await figure('pending-amo').textContent()) ?? '';
    expect(pendingBefore).toMatch(/^\d+,\d\d\u00a0€/);

    await page.keyboard.press('Alt+t');
    await page
      .getByTestId('claims-message')
      .getByText(/1 lot\(s\) constitué\(s\), 1 envoyé\(s\)/)
      .waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: /Lots \(1\)/, selected: true }).waitFor();
    await page.getByTestId('claims-lot').getByText('ARL positif').waitFor();

    await env.ws.mockControl('/_mock/sv/liquidate');
    await page.keyboard.press('Alt+l');
    await page
      .getByTestId('claims-message')
      .getByText(/retour\(s\) lu\(s\)/)
      .waitFor();
    await expect.poll(() => figure('reject-rate').textContent()).toBe('50,0 %');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: /Retours/, selected: true }).waitFor();
    await page.getByTestId('claims-virement').getByText('rapproché').waitFor();
    const paid = (await figure('paid').textContent()) ?? '';
    expect(paid).not.toBe(formatEuros(0));

    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: /Rejets \(1\)/, selected: true }).waitFor();
    const reject = page.getByTestId('claims-reject');
    await reject.getByText(/M001-001 « Droits AMO non ouverts à la date des soins »/).waitFor();
    await reject.getByText(/Droits fermés à la date des soins/).waitFor();
    const rejectedAmount = /— (\d+,\d\d\u00a0€)$/.exec((await reject.locator('strong').textContent()) ?? '')?.[1];
    expect(await figure('rejects').textContent()).toBe(`1 (${rejectedAmount})`);
    await keepScreenshot(page, 'teletransmission-rejets');

    // Her rights renewed at the caisse; the pharmacist recycles the FSE, sends it, and it is paid.
    const { sex: _sex, ...garcia } = DEMO_PATIENTS.garcia;
    await env.ws.mockControl('/_mock/sv/beneficiaries', [
      { ...garcia, ...demoOrganisme('garcia'), rightsFrom: '2020-01-01', rightsUntil: '2099-12-31' },
    ]);
    await page.keyboard.press('Alt+r');
    await page
      .getByTestId('claims-message')
      .getByText(/recyclée : elle part au prochain lot/)
      .waitFor();
    await page.getByRole('tab', { name: /Rejets \(0\)/ }).waitFor();
    await page.keyboard.press('Alt+t');
    await page
      .getByTestId('claims-message')
      .getByText(/1 lot\(s\) constitué\(s\)/)
      .waitFor();
    await env.ws.mockControl('/_mock/sv/liquidate');
    await page.keyboard.press('Alt+l');
    await expect.poll(() => figure('reject-rate').textContent()).toBe('0,0 %');
    expect(await figure('rejects').textContent()).toBe(`0 (${formatEuros(0)})`);
    expect(await figure('pending-amo').textContent()).toMatch(new RegExp(`^${formatEuros(0)}`));
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: /Télétransmission/ }).waitFor({ state: 'detached' });
  });
});
