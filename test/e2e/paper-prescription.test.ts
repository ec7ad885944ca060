import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DEMO_PATIENTS, DEMO_PHARMACY, DEMO_PRESCRIBERS } from '../../src/am-server/demo/demo-actors.js';
import { SAMPLE_PRODUCTS } from '../../src/shared/demo/sample-products.js';
import { formatDateFr } from '../../src/shared/format/fr.js';
import { parisToday } from '../../src/shared/format/paris-date.js';
import { addDays } from '../../src/shared/rules/calendar.js';
import { chromiumAndServe, counterPagePerTest, keepScreenshot, postJson } from '../helpers/browser.js';
import { LABELS } from '../helpers/counter-screens.js';

const env = chromiumAndServe();
const counter = counterPagePerTest(env);
const dir = mkdtempSync(join(tmpdir(), 'paper-e2e-'));
const scan = (text: string) => postJson(`${env.ws.url}/_dev/e-reader/scan`, { text });

/** The patient by Carte Vitale (F2, Alt+V). */
async function callDurand(): Promise<void> {
  await counter.page.keyboard.press('F2');
  await counter.page.getByLabel(/^Rechercher/).waitFor();
  await counter.page.keyboard.press('Alt+v');
  await counter.page.getByTestId('called-patient').getByText('DURAND').waitFor();
}

/** The patient (Carte Vitale), the date and the prescriber in Facturation, by keyboard, then F4. */
async function openPaper(daysAgo: number, patient = true): Promise<void> {
  if (patient) await callDurand();
  await counter.page
    .getByLabel("Date de l'ordonnance")
    .first()
    .pressSequentially(formatDateFr(addDays(parisToday(), -daysAgo)).replace(/\//g, ''));
  await counter.page.getByLabel('Prescripteur', { exact: true }).click();
  await counter.page.keyboard.type('10003');
  await counter.page.getByRole('option', { name: new RegExp(DEMO_PRESCRIBERS.martin.name) }).waitFor();
  await counter.page.keyboard.press('Enter');
  await counter.page.keyboard.press('F4');
  await counter.page.getByRole('heading', { name: 'Ordonnance papier' }).first().waitFor();
}

describe('a paper prescription in Facturation', () => {
  it('products read from the pack, found by name, or hors référentiel; the rules run; F9 records it, F8 prints it, then its numérisation reaches SCOR', async () => {
    // The prescriber meets the file by an Ordonnance Numérique first.
    await counter.screens.openCode2d();
    await scan('013XJ9K2M4P6R8T0V0');
    await counter.screens.confirmButton.waitFor();
    await counter.page.keyboard.press('Escape');
    await counter.screens.dialog.waitFor({ state: 'detached' });

    await openPaper(2);
    await scan(`010${SAMPLE_PRODUCTS.amoxicilline1g.cip13}17301231` + '10A1B2');
    await counter.page
      .getByTestId('rx-line')
      .first()
      .getByText(/AMOXICILLINE 1 g/)
      .waitFor();
    await expect(counter.page.getByTestId('rx-line').first().getByLabel('Lot').inputValue()).resolves.toBe('A1B2');
    await counter.page.getByLabel(/Produit \(nom, CIP13/).pressSequentially('parace');
    await counter.page
      .getByRole('option', { name: /PARACÉTAMOL 1 g/ })
      .first()
      .waitFor();
    await counter.page.keyboard.press('Enter');
    await counter.page.getByTestId('rx-line').nth(1).waitFor();
    await counter.page.keyboard.press('Alt+l');
    const free = counter.page.getByTestId('rx-line').nth(2);
    await free.getByLabel('Libellé').fill('BAS DE CONTENTION classe 2');
    await free.getByLabel('Prix (€)').fill('29,90');
    await keepScreenshot(counter.page, 'paper-prescription');
    await counter.page.keyboard.press('F9');
    await counter.screens.transmission.getByText('Ordonnance papier enregistrée.').waitFor();

    const download = counter.page.waitForEvent('download');
    await counter.page.keyboard.press('F8');
    writeFileSync(join(dir, 'detail.pdf'), await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c)));
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'detail.pdf'), '-']).toString();
    expect(text).toContain(`Ordonnance papier du ${formatDateFr(addDays(parisToday(), -2))}`);
    expect(text).toMatch(/BAS DE CONTENTION classe 2 \(hors référentiel\) — 29,90/);
    expect(text).toContain('lot A1B2');

    await counter.page.keyboard.press('F9');
    await counter.page.getByRole('heading', { name: "Numérisation de l'ordonnance" }).waitFor();
    const image = new PNG({ width: 1240, height: 1754 });
    image.data.fill(250);
    writeFileSync(join(dir, 'paper.png'), PNG.sync.write(image));
    await counter.screens.chooseFile(join(dir, 'paper.png'));
    await counter.page
      .getByTestId('scan-result')
      .getByText(/transmise pour SCOR/)
      .waitFor();
    const listed = await (
      await fetch(`${env.ws.embeddedAmUrl}/v1/scor/documents`, { headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` } })
    ).json();
    expect(listed.documents).toEqual([
      expect.objectContaining({
        circuit: 'PAPER',
        prescriptionId: null,
        prescriberRpps: DEMO_PRESCRIBERS.martin.rpps,
        prescribedOn: addDays(parisToday(), -2),
        minDpi: 212,
      }),
    ]);
    await counter.page.keyboard.press('F9');
    await counter.screens.dialog.waitFor({ state: 'detached' });
  });

  it('counts in the indicator: one Ordonnance Numérique beside one paper prescription is « 50 % (1 sur 2) »', async () => {
    await counter.screens.openCode2d();
    await scan('013XJ9K2M4P6R8T0V0');
    await counter.screens.confirmToProducts();
    await counter.screens.toControl();
    expect(await counter.screens.validate()).toMatch(LABELS.transmitted);
    await counter.screens.close();
    await counter.page.getByTestId('indicator').getByText('50 % (1 sur 2)').waitFor();
  });

  it('runs the same rules: a stupéfiant presented after 3 days is refused in full, and nothing typed is lost', async () => {
    await openPaper(6);
    await counter.page.getByLabel(/Produit \(nom, CIP13/).pressSequentially('skenan');
    await counter.page.getByRole('option', { name: /SKENAN/ }).waitFor();
    await counter.page.keyboard.press('Enter');
    const line = counter.page.getByTestId('rx-line').first();
    await line.getByLabel('Boîtes').fill('2');
    await line.getByLabel('Durée (jours)').fill('14');
    // A stupéfiant on paper: the ordonnance sécurisée is confirmed first (Alt+S), then its rules run.
    await counter.page.keyboard.press('F9');
    await counter.page
      .getByTestId('code2d-error')
      .getByText(/ordonnance sécurisée/)
      .waitFor();
    await counter.page.keyboard.press('Alt+s');
    expect(await counter.page.getByLabel(/Ordonnance sécurisée vérifiée/).isChecked()).toBe(true);
    await counter.page.keyboard.press('F9');
    await counter.page
      .getByTestId('code2d-error')
      .getByText(/Stupéfiant : 8 jours de traitement au plus/)
      .waitFor();
    await expect(line.getByLabel('Boîtes').inputValue()).resolves.toBe('2');
    await counter.page.keyboard.press('Escape');
    await counter.screens.dialog.waitFor({ state: 'detached' });
    await counter.page.keyboard.press('F4');
    await expect(counter.page.getByTestId('rx-line').first().getByLabel('Boîtes').inputValue()).resolves.toBe('2');
  });
});

describe('no paper prescription without its patient and its prescriber', () => {
  const focused = () => counter.page.evaluate(() => document.activeElement?.id ?? '');
  const error = () => counter.page.getByTestId('code2d-error');

  it('F9 refuses and puts the focus on what is missing; in the window: the date’s errors, F2 for the patient, Alt+P for a new prescriber', async () => {
    await counter.page.keyboard.press('F4');
    await counter.page.getByRole('heading', { name: 'Ordonnance papier' }).first().waitFor();
    await counter.page.keyboard.type('parace');
    await counter.page
      .getByRole('option', { name: /PARACÉTAMOL 1 g/ })
      .first()
      .waitFor();
    await counter.page.keyboard.press('Enter');
    await counter.page.getByTestId('rx-line').first().waitFor();

    // The date: missing, then in the future — said in the window, as it is typed.
    await counter.page.keyboard.press('F9');
    await error()
      .getByText(/Indiquez la « Date de l’ordonnance »/)
      .waitFor();
    await expect.poll(focused).toBe('prescribed-on');
    await counter.page.keyboard.type(formatDateFr(addDays(parisToday(), 1)).replace(/\//g, ''));
    await counter.screens.dialog
      .getByTestId('prescription-header-error')
      .getByText('Date de l’ordonnance dans le futur : vérifiez-la.')
      .waitFor();
    await counter.page.keyboard.press('F9');
    await error().getByText('Date de l’ordonnance dans le futur : vérifiez-la.').waitFor();
    await counter.page.keyboard.press('Control+a');
    await counter.page.keyboard.type(formatDateFr(addDays(parisToday(), -2)).replace(/\//g, ''));

    // The patient: F9 opens the call; Alt+V reads the Carte Vitale; back in the window.
    await counter.page.keyboard.press('F9');
    await error()
      .getByText(/Patient inconnu : appelez-le \(F2\)/)
      .waitFor();
    await counter.page.getByRole('heading', { name: 'Appel du patient' }).waitFor();
    await expect.poll(focused).toBe('patient-search');
    await counter.page.keyboard.press('Alt+v');
    await counter.page.getByTestId('rx-patient').getByText('DURAND Léa').waitFor();
    await expect.poll(focused).toBe('rx-product');

    // The prescriber: F9 puts the focus on its search; Alt+P creates one.
    await counter.page.keyboard.press('F9');
    await error()
      .getByText(/Prescripteur inconnu/)
      .waitFor();
    await expect.poll(focused).toBe('prescriber-search');
    // A name the pharmacy's file does not hold: said, with how to create it.
    await counter.page.keyboard.type('Essai');
    await counter.screens.dialog
      .getByTestId('prescriber-none')
      .getByText(/^Aucun prescripteur « Essai » dans le fichier de l’officine : Alt\+P le créer/)
      .waitFor();
    await counter.page.keyboard.press('Alt+p');
    await counter.page.getByLabel('Nom du prescripteur').waitFor();
    await counter.page.getByLabel('Nom du prescripteur').fill('');
    await counter.page.keyboard.type('Dr Jeanne Essai');
    await counter.page.getByLabel('RPPS (11 chiffres)').fill(DEMO_PRESCRIBERS.benali.rpps);
    await counter.page.keyboard.press('Enter');
    await counter.screens.dialog.getByTestId('prescriber-chosen').getByText('Dr Jeanne Essai').waitFor();

    await counter.page.keyboard.press('F9');
    await counter.screens.transmission.getByText('Ordonnance papier enregistrée.').waitFor();
    await counter.page.keyboard.press('F9');
    await counter.page.getByRole('heading', { name: LABELS.numerisation }).waitFor();
    await counter.page.keyboard.press('Escape');
    await counter.screens.dialog.waitFor({ state: 'detached' });
    await counter.page.keyboard.press('Alt+h');
    await counter.page
      .getByTestId('history-entry')
      .first()
      .getByText(/DURAND Léa — ordonnance papier/)
      .waitFor();
  });
});

describe('what the patient pays, on screen (billing.md)', () => {
  const totals = async () =>
    Object.fromEntries(
      await Promise.all(
        ['Total', 'Part AMO', 'Part AMC', 'Reste à charge'].map(async (t) => [
          t,
          ((await counter.page.getByTestId(`total-${t}`).textContent()) ?? '').replace(/\s/g, ' '),
        ]),
      ),
    );

  it('a paper prescription of one 65 % medicine: the line, HD and HDR, and the four totals; a mutuelle takes the rest', async () => {
    await openPaper(1);
    await counter.page.getByLabel(/Produit \(nom, CIP13/).pressSequentially(SAMPLE_PRODUCTS.paracetamol1g.cip13);
    await counter.page.getByRole('option', { name: /PARACÉTAMOL 1 g, comprimé, boîte de 8/ }).waitFor();
    await counter.page.keyboard.press('Enter');
    await counter.page.getByTestId('bill-honoraire').nth(1).waitFor();
    // 2,16 € at 65 % (1,40 €), HD 1,02 € at 65 % (0,66 €), HDR 0,51 € at 70 % (0,36 €).
    await expect.poll(totals).toEqual({ Total: '3,69 €', 'Part AMO': '2,42 €', 'Part AMC': '0,00 €', 'Reste à charge': '1,27 €' });
    await counter.page.keyboard.press('Escape');
    await scan('ATP1|AMC=12345678|CONV=AB|CSR=01|ADH=123456789|DU=20260101|AU=20991231|PH7=100');
    await counter.page
      .getByTestId('tiers-payant')
      .getByText(/mutuelle 12345678/)
      .waitFor();
    await counter.page.keyboard.press('F4');
    await counter.page.getByTestId('bill').waitFor();
    await expect.poll(totals).toEqual({ Total: '3,69 €', 'Part AMO': '2,42 €', 'Part AMC': '1,27 €', 'Reste à charge': '0,00 €' });
    // Recorded, the F8 print and the patient's ticket carry the same figures as the screen.
    await counter.page.keyboard.press('F9');
    await counter.screens.transmission.getByText('Ordonnance papier enregistrée.').waitFor();
    for (const [key, name] of [
      ['F8', 'detail'],
      ['Alt+t', 'ticket'],
    ] as const) {
      const download = counter.page.waitForEvent('download');
      await counter.page.keyboard.press(key);
      const pdf = join(dir, `${name}.pdf`);
      await (await download).saveAs(pdf);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, ' ');
      for (const figure of ['Total 3,69 €', 'Part AMO 2,42 €', 'Part AMC 1,27 €', 'Reste à charge 0,00 €']) expect(text).toContain(figure);
      expect(text).toMatch(/facture n° \d+/);
    }
  });

  it('an Ordonnance Numérique: each dispensed pack and its honoraires, and the four totals', async () => {
    const line = (k: 'amoxicilline1g' | 'paracetamol1g', quantity: number) => ({
      product: { cip13: SAMPLE_PRODUCTS[k].cip13, label: SAMPLE_PRODUCTS[k].label, unitsPerPack: SAMPLE_PRODUCTS[k].packSize },
      posology: '1 par jour',
      durationDays: 6,
      quantity,
    });
    const res = await fetch(`${env.ws.embeddedAmUrl}/v1/prescriptions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO_PRESCRIBERS.martin.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ patient: DEMO_PATIENTS.lefevre, lines: [line('amoxicilline1g', 2), line('paracetamol1g', 1)] }),
    });
    await counter.screens.openCode2d();
    await scan(((await res.json()) as { id: string }).id);
    await counter.screens.confirmToProducts();
    // 2 × AMOXICILLINE 3,50 € and PARACÉTAMOL 2,16 €, at 65 % (4,55 € and 1,40 €); HD × 3 packs (1,33 € and 0,66 €); HDR (0,36 €).
    await expect.poll(totals).toEqual({ Total: '12,73 €', 'Part AMO': '8,30 €', 'Part AMC': '0,00 €', 'Reste à charge': '4,43 €' });
  });
});

describe('the money always in sight', () => {
  it('at 1366×768 with ten lines, the footer shows the four totals and « Net à payer » beside F9, without scrolling', async () => {
    await counter.page.setViewportSize({ width: 1366, height: 768 });
    await openPaper(1);
    const keys = [
      'amoxicilline1g',
      'paracetamol1g',
      'levothyrox75',
      'metformine1000',
      'ramipril5',
      'atorvastatine20',
      'kardegic75',
      'lamotrigine100',
      'omeprazole20',
      'tahor20',
    ] as const;
    for (const key of keys) {
      await counter.page.getByLabel(/Produit \(nom, CIP13/).pressSequentially(SAMPLE_PRODUCTS[key].cip13);
      await counter.page
        .getByRole('option', { name: new RegExp(SAMPLE_PRODUCTS[key].label.split(',')[0]!) })
        .first()
        .waitFor();
      await counter.page.keyboard.press('Enter');
    }
    await counter.page
      .getByTestId('rx-line')
      .nth(keys.length - 1)
      .waitFor();
    const footer = counter.page.getByTestId('money-footer');
    await footer
      .getByTestId('total-Net à payer')
      .getByText(/\d+,\d\d\s€/)
      .waitFor();
    for (const label of ['Total', 'Part AMO', 'Part AMC', 'Reste à charge', 'Net à payer'])
      await footer.getByText(label, { exact: true }).waitFor();
    const inView = async (target: ReturnType<typeof counter.page.getByTestId>) => {
      const box = await target.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 768;
    };
    expect(await inView(footer)).toBe(true);
    expect(await inView(footer.getByRole('button', { name: /Valider l’ordonnance papier/ }))).toBe(true);
    // The last line is further down, behind the footer: the window scrolls, the money stays.
    await counter.page.getByTestId('rx-line').last().getByLabel('Boîtes').focus();
    expect(await inView(footer)).toBe(true);
    await keepScreenshot(counter.page, 'paper-money-footer-1366');
    await counter.page.keyboard.press('Escape');
  });
});

describe('tiers payant contre génériques', () => {
  it('a refused generic: reimbursed on the generic’s price, paid at the counter, and the screen says why', async () => {
    const { cip13, label, packSize } = SAMPLE_PRODUCTS.mopral20;
    const res = await fetch(`${env.ws.embeddedAmUrl}/v1/prescriptions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO_PRESCRIBERS.martin.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        patient: DEMO_PATIENTS.lefevre,
        lines: [{ product: { cip13, label, unitsPerPack: packSize }, posology: '1 gélule le matin', durationDays: 28, quantity: 1 }],
      }),
    });
    await counter.screens.openCode2d();
    await scan(((await res.json()) as { id: string }).id);
    await counter.screens.confirmToProducts();
    const totals = async () => ((await counter.page.getByTestId('bill-totals').textContent()) ?? '').replace(/\s/g, ' ');
    // MOPRAL 6,90 € at 65 % (4,49 €), HD (0,66 €), HDR (0,36 €).
    await expect.poll(totals).toMatch(/^Total8,43 €Part AMO5,51 €Part AMC0,00 €Reste à charge2,92 €Net à payer\d+,\d\d €$/);
    await counter.page.getByLabel('Refus du générique').check();
    await counter.page
      .getByTestId('bill-line')
      .getByText(/Générique refusé : remboursé sur la base du générique/)
      .waitFor();
    // Reimbursed on OMÉPRAZOLE's 5,75 € (3,74 €): the patient pays 1,15 € more, and the whole box at the counter.
    await expect.poll(totals).toMatch(/^Total8,43 €Part AMO4,76 €Part AMC0,00 €Reste à charge3,67 €Net à payer\d+,\d\d €$/);
    // Recorded so: the print says the same.
    await counter.screens.toControl();
    await counter.screens.validate();
    const download = counter.page.waitForEvent('download');
    await counter.page.keyboard.press('F8');
    await (await download).saveAs(join(dir, 'refused.pdf'));
    const printed = execFileSync('pdftotext', ['-layout', join(dir, 'refused.pdf'), '-'])
      .toString()
      .replace(/\s+/g, ' ');
    expect(printed).toContain('Reste à charge 3,67 €');
    expect(printed).toContain('Générique refusé');
  });
});

describe('the ordonnancier (Alt+O)', () => {
  it('a list I line gets the next register number, a stupéfiant asks for its collector, and « Ordonnancier » lists both', async () => {
    await openPaper(1);
    for (const key of ['amoxicilline1g', 'skenan30'] as const) {
      await counter.page.getByLabel(/Produit \(nom, CIP13/).pressSequentially(SAMPLE_PRODUCTS[key].cip13);
      await counter.page.getByRole('option', { name: new RegExp(SAMPLE_PRODUCTS[key].label.split(',')[0]!) }).waitFor();
      await counter.page.keyboard.press('Enter');
    }
    await counter.page.getByTestId('rx-line').nth(1).getByLabel('Durée (jours)').fill('7');
    await counter.page.keyboard.press('Alt+s');
    await counter.page.getByLabel(/Stupéfiant retiré par/).fill('Paul MARTIN, CNI 123456789');
    await counter.page.keyboard.press('F9');
    await counter.screens.transmission.getByText('Ordonnance papier enregistrée.').waitFor();
    await counter.page.keyboard.press('F9');
    await counter.page.keyboard.press('Escape');
    await counter.screens.dialog.waitFor({ state: 'detached' });
    await counter.page.keyboard.press('Alt+o');
    await counter.page.getByRole('heading', { name: 'Ordonnancier' }).waitFor();
    await counter.page.getByLabel('Produit', { exact: true }).fill('skenan');
    const rows = counter.page.getByTestId('ordonnancier-entry');
    await rows.filter({ hasText: 'retiré par Paul MARTIN, CNI 123456789' }).waitFor();
    await counter.page.getByLabel('Produit', { exact: true }).fill('amoxicilline');
    await rows.filter({ hasText: '(liste I)' }).first().waitFor();
    await counter.page.getByLabel('Produit', { exact: true }).fill('');
    const download = counter.page.waitForEvent('download');
    await counter.page.keyboard.press('F8');
    await (await download).saveAs(join(dir, 'ordonnancier.pdf'));
    const printed = execFileSync('pdftotext', [join(dir, 'ordonnancier.pdf'), '-'])
      .toString()
      .replace(/\s+/g, ' ');
    expect(printed).toMatch(/Ordonnancier — période : du \d\d\/\d\d\/\d{4} au \d\d\/\d\d\/\d{4}/);
    expect(printed).toMatch(/page 1 \/ \d+/);
    expect(printed).toContain('retiré par Paul MARTIN, CNI 123456789');
    expect(printed).toMatch(/AMOXICILLINE 1 g.*, liste I\)/);
    await counter.page.keyboard.press('Escape');
  });

  it('a paper prescription cancelled from « Historique »: its avoir (the next invoice number), the register’s counter-entries in negative, the detail reprinted (F8) with the avoir', async () => {
    await openPaper(1);
    await counter.page.getByLabel(/Produit \(nom, CIP13/).pressSequentially(SAMPLE_PRODUCTS.amoxicilline1g.cip13);
    await counter.page.getByRole('option', { name: /AMOXICILLINE 1 g/ }).waitFor();
    await counter.page.keyboard.press('Enter');
    await counter.page.getByTestId('rx-line').first().getByLabel('Boîtes').fill('2');
    await counter.page.keyboard.press('F9');
    await counter.screens.transmission.getByText('Ordonnance papier enregistrée.').waitFor();
    await counter.screens.close();

    await counter.page.keyboard.press('Alt+h');
    const entry = counter.page.getByTestId('history-entry').first();
    const invoice = Number(/facture n° (\d+)/.exec((await entry.getByTestId('history-invoice').textContent()) ?? '')?.[1]);
    expect(invoice).toBeGreaterThan(0);
    const amounts = (await entry.getByTestId('history-amounts').textContent()) ?? '';
    const total = /Total (\d+,\d\d)\s€, AMO \d+,\d\d\s€, AMC \d+,\d\d\s€, reste à charge \d+,\d\d\s€/.exec(
      amounts.replace(/\u202f|\u00a0/g, ' '),
    )?.[1];
    expect(total, amounts).toBeDefined();
    await counter.page.keyboard.press('Alt+a');
    await counter.page.getByLabel(/Motif de l’annulation/).pressSequentially('erreur de patient');
    await counter.page.keyboard.press('Enter');
    await counter.page
      .getByTestId('history-message')
      .getByText(`Délivrance annulée : avoir n° ${invoice + 1} sur la facture n° ${invoice}, ordonnancier contre-passé.`)
      .waitFor();
    await entry.getByText(`Annulée (avoir n° ${invoice + 1}) : erreur de patient`).waitFor();
    const download = counter.page.waitForEvent('download');
    await counter.page.keyboard.press('F8');
    await (await download).saveAs(join(dir, 'avoir.pdf'));
    const printed = execFileSync('pdftotext', [join(dir, 'avoir.pdf'), '-'])
      .toString()
      .replace(/\s+/g, ' ');
    expect(printed).toContain(`AVOIR n° ${invoice + 1} sur la facture n° ${invoice}`);
    // The avoir's total is the invoice's, Historique's figure, negative.
    expect(printed).toContain(`Total -${total} €`);
    await counter.page.keyboard.press('Escape');

    await counter.page.keyboard.press('Alt+o');
    await counter.page.getByLabel('Produit', { exact: true }).fill('amoxicilline');
    const rows = counter.page.getByTestId('ordonnancier-entry');
    const cancelled = rows.filter({ hasText: /Annulation de l’enregistrement n° \d+/ }).last();
    await cancelled.waitFor();
    expect(await cancelled.getByRole('cell').allTextContents()).toContain('-2');
    await counter.page.keyboard.press('Escape');
  });
});
