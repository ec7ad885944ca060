import { describe, expect, it } from 'vitest';
import { DEMO_PRESCRIBERS } from '../../src/am-server/demo/demo-actors.js';
import { DEMO_PRESCRIPTIONS } from '../../src/am-server/demo/demo-seed.js';
import { formatDateFr } from '../../src/shared/format/fr.js';
import { parisToday } from '../../src/shared/format/paris-date.js';
import { isValidRpps } from '../../src/shared/ids/professional.js';
import { addDays, addMonths } from '../../src/shared/rules/calendar.js';
import { chromiumAndServe, counterPagePerTest, postJson } from '../helpers/browser.js';

const env = chromiumAndServe();
const counter = counterPagePerTest(env);

/** An RPPS whose Luhn key holds, and the same with a wrong key. */
const body = '1000987654';
const goodRpps = [...'0123456789'].map((d) => body + d).find(isValidRpps)!;
const badRpps = [...'0123456789'].map((d) => body + d).find((r) => !isValidRpps(r))!;

describe('« Date de l’ordonnance » and « Prescripteur » in Facturation', () => {
  it('F3 with nobody called pre-fills the date, the prescriber and the patient from the Ordonnance Numérique', async () => {
    const demo = DEMO_PRESCRIPTIONS.find((p) => p.id === '013XJ9K2M4P6R8T0V0')!;
    await counter.screens.openCode2d();
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: demo.id });
    await counter.screens.confirmButton.waitFor();
    await expect(counter.page.getByLabel("Date de l'ordonnance").inputValue()).resolves.toBe(
      formatDateFr(addDays(parisToday(), -demo.daysAgo)),
    );
    await counter.page.getByTestId('prescriber-chosen').getByText(`${DEMO_PRESCRIBERS.martin.name}`).waitFor({ state: 'attached' });
    await counter.page.getByTestId('called-patient').getByText('DURAND').waitFor({ state: 'attached' });
  });

  it('finds a prescriber met on an Ordonnance Numérique by name or RPPS, Entrée takes it', async () => {
    const field = counter.page.getByLabel('Prescripteur', { exact: true });
    await field.click();
    await field.pressSequentially(DEMO_PRESCRIBERS.martin.rpps.slice(0, 6));
    await counter.page.getByRole('option', { name: new RegExp(DEMO_PRESCRIBERS.martin.name) }).waitFor();
    await field.fill('');
    await field.pressSequentially('martin');
    await counter.page.getByRole('option', { name: new RegExp(DEMO_PRESCRIBERS.martin.name) }).waitFor();
    await counter.page.keyboard.press('Enter');
    await counter.page.getByTestId('prescriber-chosen').getByText(`RPPS ${DEMO_PRESCRIBERS.martin.rpps}`).waitFor();
  });

  it('creates a prescriber on the spot (Alt+P), the RPPS key checked, nothing typed lost on a refusal', async () => {
    await counter.page.keyboard.press('Alt+p');
    await counter.page.getByLabel('Nom du prescripteur').fill('Dr Paul Lemaire');
    await counter.page.getByLabel('RPPS (11 chiffres)').fill(badRpps);
    await counter.page.getByLabel('Spécialité').fill('pédiatrie');
    await counter.page.keyboard.press('Enter');
    await counter.page
      .getByTestId('prescription-header-error')
      .getByText(/RPPS invalide/)
      .waitFor();
    await expect(counter.page.getByLabel('Nom du prescripteur').inputValue()).resolves.toBe('Dr Paul Lemaire');
    await counter.page.getByLabel('RPPS (11 chiffres)').fill(goodRpps);
    await counter.page.keyboard.press('Enter');
    await counter.page.getByTestId('prescriber-chosen').getByText(`Dr Paul Lemaire`).waitFor();
    const field = counter.page.getByLabel('Prescripteur', { exact: true });
    await field.click();
    await field.pressSequentially('lemaire');
    await counter.page.getByRole('option', { name: /Dr Paul Lemaire — RPPS \d{11} — pédiatrie/ }).waitFor();
  });

  it('refuses a date in the future and warns of one older than 3 months', async () => {
    const date = counter.page.getByLabel("Date de l'ordonnance");
    await date.pressSequentially(formatDateFr(addDays(parisToday(), 2)).replace(/\//g, ''));
    await counter.page
      .getByTestId('prescription-header-error')
      .getByText(/dans le futur/)
      .waitFor();
    await date.fill('');
    await date.pressSequentially(formatDateFr(addMonths(parisToday(), -4)).replace(/\//g, ''));
    await counter.page
      .getByTestId('prescription-header-error')
      .getByText(/de plus de 3 mois/)
      .waitFor();
  });
});
