import { describe, expect, it } from 'vitest';
import { DEMO_PATIENTS, DEMO_PATIENT_TOKENS, DEMO_PRESCRIBERS } from '../../src/am-server/demo/demo-actors.js';
import { DEMO_AMC_NUMBER, demoOrganisme } from '../../src/am-server/demo/demo-beneficiaries.js';
import { SAMPLE_PRODUCTS } from '../../src/shared/demo/sample-products.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { formatDateFr, formatEuros } from '../../src/shared/format/fr.js';
import { parisToday } from '../../src/shared/format/paris-date.js';
import { chromiumAndServe, counterPagePerTest, keepScreenshot, postJson } from '../helpers/browser.js';
import { LABELS } from '../helpers/counter-screens.js';

const env = chromiumAndServe();
const counter = counterPagePerTest(env);

const DURAND = '013XJ9K2M4P6R8T0V0';
const GARCIA = '01KB6CQ643DZVMXXQA';
const NGUYEN = '01M9S346Q3D25VT4FZ';

const scan = (text: string) => postJson(`${env.ws.url}/_dev/e-reader/scan`, { text });
const am = (path: string, token: string, body?: unknown) =>
  fetch(`${env.ws.embeddedAmUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => (await r.json()) as any);

/** How the patient is called before F3: Carte Vitale (F2, Alt+V), the Appli carte Vitale and their mutuelle's attestation, or not at all. */
type Call = 'vitale' | 'apcv' | 'none';

/** One Ordonnance Numérique dispensed as prescribed, by keyboard, from the counter at rest. */
async function dispense(id: string, call: Call): Promise<void> {
  const page = counter.page;
  if (call === 'vitale') {
    await page.keyboard.press('F2');
    await page.getByLabel(/^Rechercher/).waitFor();
    await page.keyboard.press('Alt+v');
    await page.getByTestId('called-patient').getByText('DURAND').waitFor();
  }
  if (call === 'apcv') {
    const session = await am('/v1/apcv/sessions', DEMO_PATIENT_TOKENS.durand);
    await scan(session.qrPayload);
    await page.getByTestId('called-patient').getByText('DURAND').waitFor();
    await scan(`ATP1|AMC=${DEMO_AMC_NUMBER}|CONV=AB|CSR=01|ADH=123456789|DU=20260101|AU=20991231`);
    await page
      .getByTestId('tiers-payant')
      .getByText(new RegExp(`mutuelle ${DEMO_AMC_NUMBER}`))
      .waitFor();
  }
  await counter.screens.openCode2d();
  await scan(id);
  await counter.screens.confirmToProducts();
  await counter.screens.toControl();
  expect(await counter.screens.validate()).toMatch(LABELS.transmitted);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+x');
}

/** Chloé MOREAU called by name (F2), a paper prescription of one pack read from its box, then its numérisation (the FSE's pièce justificative). */
async function dispensePaper(): Promise<void> {
  const page = counter.page;
  await page.keyboard.press('F2');
  await page.getByLabel(/^Rechercher/).pressSequentially('moreau ch');
  await page.getByRole('option', { name: /MOREAU Chloé/ }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('called-patient').getByText('Chloé').waitFor();
  await page.getByLabel("Date de l'ordonnance").first().pressSequentially(formatDateFr(parisToday()).replace(/\//g, ''));
  await page.getByLabel('Prescripteur', { exact: true }).click();
  await page.keyboard.type('10003');
  await page.getByRole('option', { name: new RegExp(DEMO_PRESCRIBERS.martin.name) }).waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.press('F4');
  await page.getByRole('heading', { name: 'Ordonnance papier' }).first().waitFor();
  await scan(`010${SAMPLE_PRODUCTS.amoxicilline1g.cip13}17301231` + '10A1B2');
  await page
    .getByTestId('rx-line')
    .first()
    .getByText(/AMOXICILLINE 1 g/)
    .waitFor();
  await page.keyboard.press('F9');
  await counter.screens.transmission.getByText('Ordonnance papier enregistrée.').waitFor();
  await page.keyboard.press('F9');
  await page.getByRole('heading', { name: "Numérisation de l'ordonnance" }).waitFor();
  const image = new PNG({ width: 1240, height: 1754 });
  image.data.fill(250);
  const file = join(mkdtempSync(join(tmpdir(), 'f7-')), 'ordonnance.png');
  writeFileSync(file, PNG.sync.write(image));
  await counter.screens.chooseFile(file);
  await page
    .getByTestId('scan-result')
    .getByText(/transmise pour SCOR/)
    .waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+x');
}

const figure = (name: string) => counter.page.getByTestId(`figure-${name}`);

describe('F7 « Télétransmission »: from the day’s dispensings to the virement', () => {
  it('a day of five (Carte Vitale; Appli carte Vitale with the mutuelle; expired rights; by name on paper with its numérisation; not called): one lot, ARL, retours and virements rapprochés, a reject with its amount, recycled once corrected, paid', async () => {
    const page = counter.page;
    await counter.screens.setPhase(2);
    // Carte Vitale; the Appli carte Vitale with the mutuelle's attestation (tiers payant AMO + AMC); not called at all.
    await dispense(DURAND, 'vitale');
    const { sex: _s, ...durand } = DEMO_PATIENTS.durand;
    const { cip13, label, packSize } = SAMPLE_PRODUCTS.amoxicilline1g;
    const second = await am('/v1/prescriptions', DEMO_PRESCRIBERS.martin.token, {
      patient: { ...durand, sex: 'F' },
      lines: [{ product: { cip13, label, unitsPerPack: packSize }, posology: '1 comprimé matin et soir', durationDays: 6, quantity: 2 }],
    });
    await dispense(second.id, 'apcv');
    await dispense(GARCIA, 'none');
    await dispensePaper();
    await dispense(NGUYEN, 'none');

    await page.keyboard.press('F7');
    await page.getByRole('heading', { name: /Télétransmission/ }).waitFor();
    await page.getByRole('tab', { name: /À transmettre \(5\)/, selected: true }).waitFor();
    await expect.poll(() => page.getByTestId('claims-to-send').count()).toBe(5);
    await page
      .getByTestId('claims-to-send')
      .getByText(/tiers payant AMO \+ AMC/)
      .waitFor();
    const pendingBefore = (await figure('pending-amo').textContent()) ?? '';
    expect(pendingBefore).toMatch(/^\d+,\d\d\u00a0€/);
    expect(await figure('pending-amc').textContent()).not.toMatch(new RegExp(`^${formatEuros(0)}`));

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
    // Five final answers — 4 paid (the paper one found its pièce justificative), 1 rejected.
    await expect.poll(() => figure('reject-rate').textContent()).toBe('20,0 %');
    expect(await figure('pending-amc').textContent()).toMatch(new RegExp(`^${formatEuros(0)}`));
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: /Retours/, selected: true }).waitFor();
    // The Assurance Maladie's virement and the mutuelle's, each matched to its answers.
    await expect.poll(() => page.getByTestId('claims-virement').count()).toBe(2);
    await page
      .getByTestId('claims-virement')
      .filter({ hasText: `AMC ${DEMO_AMC_NUMBER}` })
      .getByText('rapproché')
      .waitFor();
    await page.getByTestId('claims-virement').filter({ hasText: 'AMO 01-751-0000' }).getByText('rapproché').waitFor();
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
