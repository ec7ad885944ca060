import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_OTHER_PHARMACY, DEMO_PATIENTS, DEMO_PHARMACY, DEMO_PRESCRIBERS } from '../../src/am-server/demo/demo-actors.js';
import { DEMO_PRESCRIPTIONS } from '../../src/am-server/demo/demo-seed.js';
import { SAMPLE_PRODUCTS } from '../../src/shared/demo/sample-products.js';
import { formatEuros } from '../../src/shared/format/fr.js';
import { PRINCEPS_REASONS, USUAL_REASONS } from '../../src/shared/rules/usual-reasons.js';
import { chromiumAndServe, frenchPage, keepScreenshot, postJson } from '../helpers/browser.js';
import { CounterScreens, LABELS } from '../helpers/counter-screens.js';

let page: Page;
let screens: CounterScreens;
const env = chromiumAndServe();
beforeEach(async () => {
  page = await frenchPage(env.browser, env.ws.url);
  screens = new CounterScreens(page);
});
// One counter screen at a time: every open page hears the e-reader, as every window would.
afterEach(async () => {
  await page?.context().close();
});

const am = (path: string, init: RequestInit = {}, token: string = DEMO_PHARMACY.token) =>
  fetch(`${env.ws.embeddedAmUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));
const executions = async (id: string) => (await am(`/v1/prescriptions/${id}/executions`)).body?.executions ?? [];
/** The demo prescription whose first line is that product (sample data, see demo-seed.ts). */
const demoIdOf = (product: string) => DEMO_PRESCRIPTIONS.find((p) => p.lines[0]?.product === product && !p.status)?.id ?? '';

/** Today as the pharmacist types it, jj/mm/aaaa. */
const todayFr = (): string => new Date().toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });

/** A new prescription of one line of that sample product, for Léa DURAND, written by the demo prescriber. */
async function newPrescription(product: keyof typeof SAMPLE_PRODUCTS): Promise<string> {
  const { cip13, label } = SAMPLE_PRODUCTS[product];
  const body = {
    patient: DEMO_PATIENTS.durand,
    lines: [{ product: { cip13, label }, posology: '1 par jour', durationDays: 28, quantity: 1 }],
  };
  const created = await am('/v1/prescriptions', { method: 'POST', body: JSON.stringify(body) }, DEMO_PRESCRIBERS.martin.token);
  return created.body.id as string;
}

/** F3 and a read through the virtual e-reader, as at the counter. */
async function scan(id: string): Promise<void> {
  await screens.openCode2d();
  await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: id });
}

const toProducts = (): Promise<void> => screens.confirmToProducts();

async function toDone(): Promise<string> {
  await screens.toControl();
  return screens.validate();
}

describe('the counter flow, keyboard only', () => {
  it('standard: F3, read, F9 × 4, transmitted with a receipt; the detail prints; the prescriber sees it', async () => {
    await scan('013XJ9K2M4P6R8T0V0');
    await toProducts();
    await keepScreenshot(page, 'flow-products');
    await page.keyboard.press('F9');
    await page.getByText(LABELS.noDeviation).waitFor();
    await keepScreenshot(page, 'flow-control');
    await page.keyboard.press('F9');
    await screens.transmission.getByText(/Exécution transmise : ordonnance 013X-J9K2-M4P6-R8T0-V0/).waitFor();
    await page.getByTestId('receipt').waitFor();
    await keepScreenshot(page, 'flow-done');
    const download = page.waitForEvent('download');
    await page.keyboard.press('F8');
    const pdf = readFileSync((await (await download).path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const seen = await am('/v1/prescriptions/013XJ9K2M4P6R8T0V0/executions', {}, 'demo-dr-anne-martin-4c2d11');
    expect(seen.body.executions).toHaveLength(1);
    expect(seen.body.executions[0].lines.map((l: { status: string }) => l.status)).toEqual(['DISPENSED', 'DISPENSED', 'DISPENSED']);
    await screens.close();
    await page.getByTestId('indicator').getByText('100 % (1 sur 1)').waitFor();
  });

  it('a generic substitution with its reason', async () => {
    const id = demoIdOf('mopral20');
    await scan(id);
    await toProducts();
    await page.keyboard.press('Alt+1');
    await screens.productLines.first().getByLabel(LABELS.productChoice).selectOption(SAMPLE_PRODUCTS.omeprazole20.cip13);
    await page.getByText('Substitution par un générique du même groupe.').waitFor();
    await page.keyboard.press('F9');
    await screens.control.waitFor();
    await expect(page.getByTestId('deviation').count()).resolves.toBe(1);
    await page.keyboard.press('F9');
    await page.getByTestId('code2d-error').getByText('Écart à motiver.').waitFor();
    await screens.reasons.fill('générique moins cher, accord du patient');
    await page.keyboard.press('F9');
    await screens.transmission.getByText(LABELS.transmitted).waitFor();
    const [execution] = await executions(id);
    expect(execution.lines[0]).toMatchObject({
      dispensed: [{ cip13: SAMPLE_PRODUCTS.omeprazole20.cip13 }],
      deviation: { type: 'GENERIC_SUBSTITUTION', reason: 'générique moins cher, accord du patient' },
    });
  });

  it('a generic by ↓ and its usual reason by Entrée: eight keys from F3 to the validated control', async () => {
    const id = await newPrescription('mopral20');
    await scan(id);
    await toProducts();
    const choices = await screens.productChoices(1);
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('ArrowDown');
    await expect(choices.inputValue()).resolves.not.toBe(SAMPLE_PRODUCTS.mopral20.cip13);
    await screens.toControl();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('combobox');
    await page
      .getByRole('listbox', { name: 'Motifs usuels' })
      .getByRole('option', { name: USUAL_REASONS.GENERIC_SUBSTITUTION[0] })
      .waitFor();
    await page.keyboard.press('Enter');
    await expect(screens.reasons.inputValue()).resolves.toBe(USUAL_REASONS.GENERIC_SUBSTITUTION[0]);
    expect(await screens.validate()).toMatch(LABELS.transmitted);
    const [execution] = await executions(id);
    expect(execution.lines[0].deviation).toMatchObject({ type: 'GENERIC_SUBSTITUTION', reason: USUAL_REASONS.GENERIC_SUBSTITUTION[0] });
  });

  it('names princeps and generics from the catalogue only (TAHOR is no « générique »)', async () => {
    await scan(await newPrescription('tahor20'));
    await toProducts();
    const tahor = await screens.productChoices(1);
    const texts = async () => (await tahor.locator('option').allTextContents()).slice(0, 2);
    await expect(texts()).resolves.toEqual([
      `${SAMPLE_PRODUCTS.tahor20.label} — princeps, prescrit — ${formatEuros(980)}`,
      `${SAMPLE_PRODUCTS.atorvastatine20.label} — générique — ${formatEuros(745)}`,
    ]);
  });

  it('says so when ↓ takes a dearer product: a generic prescribed, its princeps below it', async () => {
    await scan(await newPrescription('amoxicilline1g'));
    await toProducts();
    const amox = await screens.productChoices(1);
    await expect(amox.locator('option').nth(1).textContent()).resolves.toBe(
      `${SAMPLE_PRODUCTS.clamoxyl1g.label} — princeps — ${formatEuros(420)} (plus cher que le prescrit de ${formatEuros(70)} par boîte)`,
    );
    await expect(page.getByTestId('dearer-note').isHidden()).resolves.toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect(amox.inputValue()).resolves.toBe(SAMPLE_PRODUCTS.clamoxyl1g.cip13);
    await page
      .getByTestId('dearer-note')
      .getByText(`${SAMPLE_PRODUCTS.clamoxyl1g.label} : plus cher que le prescrit de ${formatEuros(70)} par boîte.`)
      .waitFor();
    await expect(page.getByTestId('dearer-note').getAttribute('role')).resolves.toBe('status');
    // A princeps for the prescribed generic: never called a « générique » substitution, its own reasons.
    await page.getByText('Princeps du même groupe délivré à la place du produit prescrit.').waitFor();
    // Back (no renewal step for this prescription: the verification) and on again: the choice is kept.
    await page.keyboard.press('Escape');
    await screens.confirmToProducts();
    await expect((await screens.productChoices(1)).inputValue()).resolves.toBe(SAMPLE_PRODUCTS.clamoxyl1g.cip13);
    await screens.toControl();
    await expect(page.getByTestId('deviation').locator('select option:checked').first().textContent()).resolves.toBe(
      'Substitution (princeps délivré)',
    );
    await page.getByRole('listbox', { name: 'Motifs usuels' }).getByRole('option', { name: PRINCEPS_REASONS[0] }).waitFor();
  });

  it('the usual reasons follow what is typed, and free text stays free', async () => {
    await scan(await newPrescription('mopral20'));
    await toProducts();
    await screens.productChoices(1);
    await page.keyboard.press('ArrowDown');
    await screens.toControl();
    await page.keyboard.type('géné');
    await expect
      .poll(() => page.getByRole('listbox', { name: 'Motifs usuels' }).getByRole('option').allTextContents())
      .toEqual([expect.stringContaining('Générique demandé par le patient')]);
    await page.keyboard.type('x');
    await page.getByRole('listbox', { name: 'Motifs usuels' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Enter');
    await expect(screens.reasons.inputValue()).resolves.toBe('généx');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });

  it('a partial dispensing says what remains, and the rest is served later', async () => {
    const id = DEMO_PRESCRIPTIONS.find((p) => p.lines[0]?.durationDays === 90)?.id ?? '';
    await scan(id);
    await toProducts();
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page
      .getByText(/reste 120 unités à délivrer, soit 60 jours/)
      .first()
      .waitFor();
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await page.keyboard.press('F9');
    await screens.control.waitFor();
    const reasons = screens.reasons;
    for (let i = 0; i < (await reasons.count()); i++) await reasons.nth(i).fill('un mois par délivrance');
    await page.keyboard.press('F9');
    await screens.transmission.getByText(LABELS.transmitted).waitFor();
    expect((await am(`/v1/prescriptions/${id}`)).body.status).toBe('PARTIALLY_DISPENSED');
  });

  it('a renewal: the next number is proposed after the first dispensing', async () => {
    const id = '010000000000000ABZ';
    await scan(id);
    await toProducts();
    expect(await toDone()).toMatch(/Exécution transmise/);
    await screens.close();
    await scan(id);
    await screens.confirmButton.waitFor();
    await page.keyboard.press('F9');
    await expect(screens.renewalNumber.inputValue()).resolves.toBe('1');
    await page.keyboard.press('F9');
    await screens.productLines.first().waitFor();
    // The same day as renewal 0: a chevauchement, said, and its reason asked before the control.
    await page.keyboard.press('F9');
    await page
      .getByTestId('code2d-error')
      .getByText(/Chevauchement : la délivrance du .* couvre le traitement jusqu’au/)
      .waitFor();
    await page.getByLabel('Motif du chevauchement').fill('départ à l’étranger trois mois');
    expect(await toDone()).toMatch(LABELS.transmitted);
    const all = await executions(id);
    expect(all.map((e: { renewalNumber: number }) => e.renewalNumber)).toEqual([0, 1]);
    expect(all[1].complementaryInfo).toContain('Chevauchement : départ à l’étranger trois mois');
  });

  it('degraded mode: server away, a renewal goes on from this workstation’s copy and is sent once it is back', async () => {
    const id = '010000000000000ABZ';
    await env.ws.mockControl('/_mock/faults', { down: true });
    try {
      await scan(id);
      await page.getByTestId('degraded').waitFor();
      await page.keyboard.press('F9');
      await expect(screens.renewalNumber.inputValue()).resolves.toBe('2');
      await page.keyboard.press('F9');
      await screens.productLines.first().waitFor();
      // This workstation's copy knows renewal 1 was dispensed today: a chevauchement even offline.
      await page.getByLabel('Motif du chevauchement').fill('hospitalisation prévue');
      expect(await toDone()).toMatch(/partira dès son retour/);
      await screens.close();
    } finally {
      await env.ws.mockControl('/_mock/faults', {});
    }
    await page.keyboard.press('Alt+r');
    await page.getByTestId('outbox-PENDING').waitFor({ state: 'detached', timeout: 15_000 });
    expect((await executions(id)).map((e: { renewalNumber: number }) => e.renewalNumber)).toEqual([0, 1, 2]);
  });

  it('degraded mode from the paper: a prescription never seen here, dispensed while the server is away (labels and amounts shown), is sent once it is back', async () => {
    const id = '01KB6CQ643DZVMXXQA';
    await env.ws.mockControl('/_mock/faults', { down: true });
    try {
      await page.keyboard.press('F3');
      await screens.code2d.fill(id);
      await page.keyboard.press('Enter');
      await page
        .getByTestId('code2d-error')
        .getByText(/Téléservice injoignable.*F9 : délivrer d’après le papier/)
        .waitFor();
      await page.keyboard.press('F9');
      await page.getByRole('heading', { name: /Mode dégradé — ordonnance 01KB-6CQ6-43DZ-VMXX-QA/ }).waitFor();
      await page.keyboard.type(SAMPLE_PRODUCTS.lamictal100.cip13);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+a');
      await page.keyboard.type('2');
      // The pack's label and price from the catalogue, and the amounts in the footer, as elsewhere.
      await page
        .getByTestId('paper-label')
        .getByText(new RegExp(`^${SAMPLE_PRODUCTS.lamictal100.label.split(',')[0]}.* — \\d+,\\d\\d`))
        .waitFor();
      const total = page.getByTestId('total-Total');
      await expect.poll(async () => (await total.textContent()) ?? '').toMatch(/^\d+,\d\d\s€$/);
      expect(await total.textContent()).not.toMatch(/^0,00/);
      await page.getByTestId('total-Net à payer').waitFor();
      await page.keyboard.press('F9');
      await screens.transmission.getByText(/^Mode dégradé : la délivrance est enregistrée/).waitFor();
      await page.keyboard.press('F9');
    } finally {
      await env.ws.mockControl('/_mock/faults', {});
    }
    await page.keyboard.press('Alt+r');
    await page.getByTestId('outbox-PENDING').waitFor({ state: 'detached', timeout: 15_000 });
    const [execution] = await executions(id);
    expect(execution.lines[0]).toMatchObject({ status: 'DISPENSED', dispensed: [{ cip13: SAMPLE_PRODUCTS.lamictal100.cip13, packs: 2 }] });
  });

  it('a posology changed with the prescriber’s agreement, declared in the control window', async () => {
    const id = DEMO_PRESCRIPTIONS.find((p) => p.kind === 'BIZONE')?.id ?? '';
    await scan(id);
    await toProducts();
    await page.keyboard.press('F9');
    await screens.control.waitFor();
    await page.getByLabel('Écart de la ligne 1').selectOption('POSOLOGY_CHANGED');
    await screens.reasons.fill('1 gélule matin et soir, après appel du médecin');
    await page.getByLabel('Accord du prescripteur le').fill(todayFr());
    await page.getByLabel('Par', { exact: true }).selectOption('MSSANTE');
    await page.keyboard.press('F9');
    await screens.transmission.getByText(LABELS.transmitted).waitFor();
    const [execution] = await executions(id);
    expect(execution.lines[0].deviation).toMatchObject({ type: 'POSOLOGY_CHANGED', prescriberAgreement: { channel: 'MSSANTE' } });
    expect(execution.lines[1].deviation.type).toBe('NONE');
  });

  it('a non-substituable line: a generic needs the prescriber’s agreement', async () => {
    const id = '01M9S346Q3D25VT4FZ';
    await scan(id);
    await page.getByText(/Non substituable \(MTE : marge thérapeutique étroite\)/).waitFor();
    await toProducts();
    await screens.productLines.first().getByLabel(LABELS.productChoice).selectOption(SAMPLE_PRODUCTS.levothyroxine75.cip13);
    await page.getByTestId('issue-NOT_SUBSTITUTABLE').waitFor();
    await page.keyboard.press('F9');
    await screens.control.waitFor();
    await screens.reasons.fill('rupture du princeps');
    await page.keyboard.press('F9');
    await page
      .getByTestId('code2d-error')
      .getByText(/Accord du prescripteur requis/)
      .waitFor();
    await page.getByLabel('Accord du prescripteur le').fill(todayFr());
    await page.getByLabel('Par', { exact: true }).selectOption('TEL');
    await page.keyboard.press('F9');
    await screens.transmission.getByText(LABELS.transmitted).waitFor();
    const [execution] = await executions(id);
    expect(execution.lines[0].deviation).toMatchObject({ type: 'GENERIC_SUBSTITUTION', prescriberAgreement: { channel: 'TEL' } });
  });

  it('a patient mismatch is a hard stop until a reason is recorded', async () => {
    await page.keyboard.press('F2');
    await page.getByLabel(/Rechercher/).waitFor();
    await page.getByRole('button', { name: /Créer le patient/ }).waitFor();
    await page.keyboard.press('Alt+n');
    await page.getByLabel('Nom', { exact: true }).fill('MARTIN');
    await page.getByLabel('Prénom').fill('Paul');
    await page.getByLabel('Date de naissance').pressSequentially('01062015');
    await page.getByLabel('Sexe').selectOption('M');
    await page.getByLabel('NIR (facultatif)').fill('1 85 07 75 123 457 07');
    await page.keyboard.press('Enter');
    await page.getByTestId('called-patient').getByText('MARTIN').waitFor();
    const id = demoIdOf('ventoline');
    await scan(id);
    await page.getByText('Patient différent de celui de l’ordonnance.').waitFor();
    await keepScreenshot(page, 'flow-patient-mismatch');
    await page.keyboard.press('F9');
    await page
      .getByTestId('code2d-error')
      .getByText(/n’est pas celui de l’ordonnance/)
      .waitFor();
    await page.getByLabel(/Motif \(ayant droit/).fill('parent venu chercher le traitement');
    await screens.forwardToProducts();
    expect(await toDone()).toMatch(/Exécution transmise/);
    const [execution] = await executions(id);
    expect(execution.patient).toMatchObject({ nir: '185077512345707', override: { reason: 'parent venu chercher le traitement' } });
  });

  it('an ayant droit created on the spot: the mismatch stop proposes the link as the reason, recorded with the execution', async () => {
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: /Lire la carte Vitale/ }).click();
    await page.getByTestId('called-patient').getByText('Léa').waitFor();
    await page.keyboard.press('F2');
    await page.keyboard.press('Alt+n');
    await page.getByLabel('Nom', { exact: true }).fill('DURAND');
    await page.getByLabel('Prénom').fill('Tom');
    await page.getByLabel('Date de naissance').fill('02/04/2016');
    await page.getByLabel('Sexe').selectOption('M');
    await page.getByLabel(/Ayant droit de DURAND Léa/).check();
    await page.keyboard.press('Enter');
    await page.getByTestId('called-patient').getByText('Tom').waitFor();
    const id = DEMO_PRESCRIPTIONS.find((p) => p.lines[0]?.product === 'levothyroxine75')?.id ?? '';
    await scan(id);
    await page.getByText('Patient différent de celui de l’ordonnance.').waitFor();
    await expect(page.getByLabel(/Motif \(ayant droit/).inputValue()).resolves.toBe('Ayant droit (enfant) de DURAND Léa');
    await page.keyboard.press('F9');
    await expect(screens.renewalNumber.inputValue()).resolves.toBe('2');
    await page.keyboard.press('F9');
    await screens.productLines.first().waitFor();
    expect(await toDone()).toMatch(/Exécution transmise/);
    const [execution] = await executions(id);
    expect(execution.patient).toMatchObject({ nir: '279035121518989', override: { reason: 'Ayant droit (enfant) de DURAND Léa' } });
  });

  it('finds a patient by name as you type, accents ignored', async () => {
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: /Lire la carte Vitale/ }).click();
    await page.getByTestId('called-patient').getByText('DURAND').waitFor();
    await page.keyboard.press('F2');
    await page.getByLabel(/Rechercher/).pressSequentially('durand lé');
    await page.getByRole('option', { name: /DURAND Léa/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('called-patient').getByText('Léa').waitFor();
  });

  it('calls the patient from the Appli carte Vitale QR, then reads the mutuelle’s certificate; F6 shows it and takes one typed by hand', async () => {
    const session = await am('/v1/apcv/sessions', { method: 'POST' }, 'demo-patient-lea-durand-5d6e7f');
    expect(session.status).toBe(201);
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: session.body.qrPayload });
    await page.getByTestId('called-patient').getByText('DURAND').waitFor();
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: 'ATP1|AMC=12345678|CONV=AB|CSR=01|ADH=123456789|DU=20260101|AU=20991231' });
    await page
      .getByTestId('tiers-payant')
      .getByText(/mutuelle 12345678, droits du 01\/01\/2026 au 31\/12\/2099/)
      .waitFor();
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: session.body.qrPayload });
    await page
      .getByTestId('live-assertive')
      .getByText(/déjà utilisé/)
      .waitFor({ state: 'attached' });
    // Heard, and seen: the same sentence on the screen.
    await page
      .getByTestId('last-message')
      .getByText(/déjà utilisé/)
      .waitFor();
    // F6 opens the mutuelle as read, ready to be typed over; a wrong field is said, nothing typed is lost.
    await page.keyboard.press('F6');
    const amc = page.getByLabel('Numéro AMC (8 chiffres)');
    await expect.poll(() => amc.inputValue()).toBe('12345678');
    await expect(amc.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(await page.getByLabel('Droits au').inputValue()).toBe('31/12/2099');
    await amc.fill('8765');
    await page.getByLabel(/Médicaments à 30 %/).fill('50');
    await page.keyboard.press('Enter');
    await page.getByTestId('tiers-payant-error').getByText('Numéro AMC : 8 chiffres.').waitFor();
    expect(await page.getByLabel(/Médicaments à 30 %/).inputValue()).toBe('50');
    await amc.fill('87654321');
    await page.getByLabel('Droits au').fill('');
    await page.getByLabel('Droits au').pressSequentially('31122030');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByTestId('tiers-payant').getByText('Tiers payant : mutuelle 87654321, droits du 01/01/2026 au 31/12/2030').waitFor();
    // Kept in the patient's file: F6 again shows what was typed; Échap closes without a change.
    await page.keyboard.press('F6');
    await expect.poll(() => page.getByLabel(/Médicaments à 30 %/).inputValue()).toBe('50');
    expect(await amc.inputValue()).toBe('87654321');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('a lock by another pharmacy, and an already dispensed prescription, each in one sentence', async () => {
    const id = demoIdOf('bandeCohesive');
    expect((await am(`/v1/prescriptions/${id}/lease`, { method: 'POST' }, DEMO_OTHER_PHARMACY.token)).status).toBe(201);
    await scan(id);
    await page
      .getByTestId('code2d-error')
      .getByText(/En cours de délivrance dans une autre officine depuis \d\d h \d\d\./)
      .waitFor();
    await page.keyboard.press('Escape');
    await scan(demoIdOf('doliprane1g'));
    await page.getByTestId('code2d-error').getByText('Ordonnance déjà délivrée : il ne reste rien à délivrer.').waitFor();
  });

  it('a dispensing made while the server is down arrives exactly once when it is back', async () => {
    const id = demoIdOf('previscan20');
    await scan(id);
    await screens.confirmButton.waitFor();
    await env.ws.mockControl('/_mock/faults', { down: true });
    try {
      await screens.forwardToProducts();
      expect(await toDone()).toMatch(/Téléservice injoignable : la délivrance est enregistrée et partira dès son retour/);
      await page.keyboard.press('F9');
      await page.getByTestId('outbox-PENDING').waitFor();
      await keepScreenshot(page, 'flow-outbox-pending');
    } finally {
      await env.ws.mockControl('/_mock/faults', { down: false });
    }
    await page.getByTestId('outbox-PENDING').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await executions(id)).toHaveLength(1);
  });
});
