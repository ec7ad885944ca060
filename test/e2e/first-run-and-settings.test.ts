import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEMO_PATIENTS, DEMO_PHARMACY } from '../../src/am-server/demo/demo-actors.js';
import { DEMO_PRESCRIPTIONS } from '../../src/am-server/demo/demo-seed.js';
import { LATEST_VERSION } from '../../src/main/services/store/sqlite/migrations/index.js';
import { chromiumAndServe, frenchPage, keepScreenshot, postJson } from '../helpers/browser.js';
import { parisToday } from '../../src/shared/format/paris-date.js';
import { CounterScreens, LABELS } from '../helpers/counter-screens.js';

const env = chromiumAndServe(['--first-run']);

describe('first run, settings and support', () => {
  it('walks the first-run wizard by keyboard on an empty data folder and ends on Facturation', async () => {
    const page = await frenchPage(env.browser, env.ws.url, 'Premier démarrage de Comptoir');
    await page.getByRole('heading', { name: 'Votre officine' }).waitFor();
    await page.keyboard.type('75001234');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Pharmacie des Tests');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10001234567');
    await page.keyboard.press('Enter');
    await page
      .getByText(/FINESS : 9 chiffres|RPPS invalide/)
      .first()
      .waitFor();
    await page.getByLabel('FINESS (9 chiffres)').fill('750012345');
    await page.getByLabel('RPPS du pharmacien (11 chiffres)').fill('10001234565');
    await keepScreenshot(page, 'first-run-identity');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Le téléservice' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'L’e-lecteur' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'La réglementation' }).waitFor();
    // A new install starts in phase 1: the paper is still scanned for SCOR.
    expect(await page.getByLabel(/Phase 1/).isChecked()).toBe(true);
    await page
      .getByTestId('phase-effect')
      .getByText(/En phase 1, chaque Ordonnance Numérique délivrée est aussi numérisée/)
      .waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: LABELS.facturation }).waitFor();
    await page.getByText('Pharmacie des Tests — FINESS 750012345').waitFor();
  });

  it('chooses phase 2 in three keys from Alt+C (R, 2, Entrée), says what it changes, never flips a radio with ← →; the next dispensing records it and skips the numérisation', async () => {
    const page = await frenchPage(env.browser, env.ws.url);
    await page.keyboard.press('Alt+c');
    await page.getByRole('heading', { name: 'Configuration' }).waitFor();
    await page.getByText('Configuration › Officine › Paramètres officine › Identité').waitFor();
    // ← → across the tabs, through Réglementation: its radios stay as they are.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.getByText('Configuration › Officine › Paramètres officine › Réglementation').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.getByText('Configuration › Officine › Paramètres officine › E-lecteur').waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.getByText('Configuration › Officine › Paramètres officine › Réglementation').waitFor();
    expect(await page.getByLabel(/Phase 1/).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: LABELS.facturation }).waitFor();

    // Alt+C, then three keys.
    await page.keyboard.press('Alt+c');
    await page.getByRole('tab', { name: 'Identité', selected: true }).waitFor();
    await page.keyboard.press('r');
    await page.keyboard.press('2');
    await page
      .getByTestId('phase-effect')
      .getByText(/En phase 2, l’Ordonnance Numérique n’est plus numérisée/)
      .waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-saved').getByText('Paramètres enregistrés.').waitFor();
    await keepScreenshot(page, 'settings-regulation');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: LABELS.facturation }).waitFor();

    const id = DEMO_PRESCRIPTIONS.find((p) => p.lines[0]?.product === 'bandeCohesive')?.id ?? '';
    const screens = new CounterScreens(page);
    await screens.openCode2d();
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: id });
    // No line of it can be renewed: no renewal step.
    await screens.confirmButton.waitFor();
    await page.keyboard.press('F9');
    await screens.productLines.first().waitFor();
    expect(await screens.renewalNumber.count()).toBe(0);
    await screens.toControl();
    expect(await screens.validate()).toMatch(/Exécution transmise/);
    const res = await fetch(`${env.ws.embeddedAmUrl}/v1/prescriptions/${id}/executions`, {
      headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` },
    });
    const { executions } = (await res.json()) as { executions: { phase: number }[] };
    expect(executions.map((e) => e.phase)).toEqual([2]);
    // Phase 2: F9 closes the window, no « Numérisation de l'ordonnance ».
    await page.keyboard.press('F9');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('shows the diagnostic page and writes a support bundle without NIR, names or tokens', async () => {
    const page = await frenchPage(env.browser, env.ws.url);
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: /Lire la carte Vitale/ }).click();
    await page.getByTestId('called-patient').getByText('DURAND').waitFor();
    await page.keyboard.press('Alt+c');
    await page.getByRole('tab', { name: 'Diagnostic' }).click();
    await page.getByTestId('diagnostic').getByText(`(schéma ${LATEST_VERSION})`).waitFor();
    await page.getByRole('button', { name: /Écrire le dossier de support/ }).waitFor();
    await page.keyboard.press('Alt+s');
    const saved = await page
      .getByTestId('settings-saved')
      .getByText(/Dossier de support écrit/)
      .textContent();
    const path = saved?.replace('Dossier de support écrit : ', '').trim() ?? '';
    const bundle = readFileSync(path, 'utf8');
    expect(JSON.parse(bundle).diagnostic.schemaVersion).toBe(LATEST_VERSION);
    for (const secret of [
      DEMO_PATIENTS.durand.nir,
      DEMO_PATIENTS.durand.nir.slice(0, 13),
      'DURAND',
      'Léa',
      DEMO_PHARMACY.token,
      'demo-',
      'Bearer',
    ])
      expect(bundle).not.toContain(secret);
    const logs = readFileSync(`${env.ws.dataDir}/logs/comptoir.log`, 'utf8');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [DEMO_PATIENTS.durand.nir, 'DURAND', DEMO_PHARMACY.token]) expect(logs).not.toContain(secret);
  });

  it('shows the backups under « Sauvegardes » (the start’s one, today), takes one with Alt+B beside it, and asks to restore one (Alt+R, Entrée) at the next start', async () => {
    const page = await frenchPage(env.browser, env.ws.url);
    await page.keyboard.press('Alt+c');
    await page.getByRole('tab', { name: 'Sauvegardes' }).click();
    const facts = page.getByTestId('backups');
    await facts.getByText(join(env.ws.dataDir, 'sauvegardes')).waitFor();
    const today = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
      new Date(),
    );
    await page.getByRole('table', { name: 'Sauvegardes conservées' }).getByRole('cell', { name: today, exact: true }).waitFor();
    await page.keyboard.press('Alt+b');
    await page.getByTestId('settings-saved').getByText('Sauvegarde faite.').waitFor();
    await facts.getByText(/ — réussie$/).waitFor();
    // The start's copy stays: Alt+B's goes beside it (a header row, then two copies of today).
    const table = page.getByRole('table', { name: /^Sauvegardes conservées/ });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    // ↓ chooses the day's first copy; Alt+R asks; Échap renounces; Alt+R and Entrée confirm.
    await page.keyboard.press('ArrowDown');
    await table.locator('tr[aria-selected="true"]').getByRole('cell', { name: today, exact: true }).waitFor();
    await page.keyboard.press('Alt+r');
    await page
      .getByTestId('restore-confirm')
      .getByText(/^Restaurer la sauvegarde du /)
      .waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('restore-confirm').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Configuration' }).waitFor();
    await page.keyboard.press('Alt+r');
    await page.keyboard.press('Enter');
    await page
      .getByTestId('restore-state')
      .getByText(`demandée pour la sauvegarde du ${today} : elle se fera au prochain démarrage de Comptoir`)
      .waitFor();
    await page
      .getByTestId('settings-saved')
      .getByText(/^Restauration demandée/)
      .waitFor();
    // Withdrawn with the same key: this test's workstation goes on with its base.
    await page.keyboard.press('Alt+r');
    await page.getByTestId('restore-state').getByText('aucune').waitFor();
  });

  it('« Base de données »: the counter’s file in service; a server address tested with Alt+T says why it cannot connect', async () => {
    const page = await frenchPage(env.browser, env.ws.url);
    await page.keyboard.press('Alt+c');
    await page.getByRole('tab', { name: 'Base de données' }).click();
    await page
      .getByTestId('database')
      .getByText(`En service : ${join(env.ws.dataDir, 'comptoir.sqlite')}`)
      .waitFor();
    await page.getByLabel(/Serveur de l’officine/).check();
    await page.getByLabel(/^Serveur \(nom/).fill('127.0.0.1');
    await page.getByLabel(/^Port/).fill('1');
    await page.keyboard.press('Alt+t');
    await page
      .locator('p.error')
      .getByText(/^Serveur de l'officine injoignable\. Vérifiez l’adresse/)
      .waitFor();
    // Entrée saves only an address that answers: this one is refused again, and not kept.
    await page.getByLabel(/^Port/).fill('2');
    await page.keyboard.press('Enter');
    await page
      .locator('p.error')
      .getByText(/^Serveur de l'officine injoignable\. Vérifiez l’adresse/)
      .waitFor();
    expect(await page.getByTestId('settings-saved').textContent()).toBe('');
    await page.getByLabel(/Fichier de ce poste/).check();
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-saved').getByText('Paramètres enregistrés.').waitFor();
  });

  it('« Tarifs »: the honoraires in force and their origin; Ctrl+O imports a file, all or nothing', async () => {
    const page = await frenchPage(env.browser, env.ws.url);
    const screens = new CounterScreens(page);
    await page.keyboard.press('Alt+c');
    await page.getByRole('tab', { name: 'Tarifs' }).click();
    const hdr = page.getByTestId('tariffs').getByRole('row', { name: /^HDR / });
    await hdr.getByText('par défaut').waitFor();
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-tarifs-'));
    // Dated from today: a tariff never reaches back over days already invoiced (this workstation's earlier tests dispensed today).
    const today = parisToday();
    writeFileSync(join(dir, 'mauvais.csv'), `code;montant_eur;taux;depuis\nHDR;0,60;70;${today}\nHDZ;1;70;${today}\n`);
    writeFileSync(join(dir, 'tarifs.csv'), `code;montant_eur;taux;depuis\nHDR;0,60;70;${today}\n`);
    await screens.chooseFile(join(dir, 'mauvais.csv'));
    await page
      .locator('p.error')
      .getByText(/^Fichier refusé, rien n’a été importé : ligne 3 : code inconnu/)
      .waitFor();
    await hdr.getByText('par défaut').waitFor();
    await screens.chooseFile(join(dir, 'tarifs.csv'));
    await page.getByTestId('settings-saved').getByText('1 tarif(s) importé(s).').waitFor();
    await hdr.getByText('fichier de l’officine').waitFor();
    expect(await hdr.textContent()).toContain('0,60\u00a0€');
  });
});
