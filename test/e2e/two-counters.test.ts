import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startAmServer, type RunningAmServer } from '../../src/am-server/am-server.js';
import { DEMO_PHARMACY } from '../../src/am-server/demo/demo-actors.js';
import { DEMO_PRESCRIPTIONS, demoSeed } from '../../src/am-server/demo/demo-seed.js';
import { Store } from '../../src/main/services/store/store.js';
import { TeleserviceClient } from '../../src/main/services/teleservice/teleservice-client.js';
import { sampleCatalogue } from '../../src/shared/demo/sample-catalogue.js';
import { formatPrescriptionId } from '../../src/shared/ids/prescription-id.js';
import { recordFromServer } from '../helpers/dispensing-fixture.js';
import { frenchPage, launchChromium, postJson, startServe, type Workstation } from '../helpers/browser.js';
import { CounterScreens } from '../helpers/counter-screens.js';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.js';

/** Two `comptoir serve` counters of one pharmacy on one PostgreSQL, and one téléservice. */
let cluster: PostgresCluster;
let am: RunningAmServer;
let browser: Browser;
let databaseUrl = '';
const counters: { ws: Workstation; page: Page; screens: CounterScreens }[] = [];

const executionsAt = async (id: string) =>
  (
    (await (
      await fetch(`${am.url}/v1/prescriptions/${id}/executions`, { headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` } })
    ).json()) as { executions: { executionId: string }[] }
  ).executions;
const scanAt = (n: number, id: string) => postJson(`${counters[n]!.ws.url}/_dev/e-reader/scan`, { text: id });

beforeAll(async () => {
  [cluster, browser] = await Promise.all([startPostgresCluster(), launchChromium()]);
  am = await startAmServer({ seed: demoSeed(new Date().toISOString().slice(0, 10)), admin: true });
  const url = await cluster.createDatabase('officine');
  databaseUrl = url;
  // The pharmacy's catalogue, once, on its server.
  const seed = await Store.openPostgres(url, 'installation');
  await seed.transaction((tx) => tx.catalogue.upsertMany(sampleCatalogue().map((p) => ({ ...p, sample: true }))));
  await seed.close();
  for (const name of ['COMPTOIR-1', 'COMPTOIR-2']) {
    const ws = await startServe({
      COMPTOIR_DATABASE_URL: url,
      COMPTOIR_WORKSTATION: name,
      COMPTOIR_AM_URL: am.url,
      COMPTOIR_AM_TOKEN: DEMO_PHARMACY.token,
    });
    const page = await frenchPage(browser, ws.url);
    counters.push({ ws, page, screens: new CounterScreens(page) });
  }
}, 60_000);

afterAll(async () => {
  for (const c of counters) c.ws.started.child.kill('SIGTERM');
  await browser?.close();
  await am?.close();
  cluster?.stop();
});

describe('two counters of one pharmacy on its PostgreSQL server', () => {
  it('each shows its own name (« Poste ») under Configuration › Identité', async () => {
    for (const [n, name] of ['COMPTOIR-1', 'COMPTOIR-2'].entries()) {
      const { page, screens } = counters[n]!;
      await page.keyboard.press('Alt+c');
      await page.getByTestId('workstation-name').getByText(`Poste : ${name}`).waitFor();
      await page.keyboard.press('Escape');
      await screens.facturation.waitFor();
    }
  });

  it('find at one counter the patient created at the other', async () => {
    const { page } = counters[0]!;
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: /Créer le patient/ }).waitFor();
    await page.keyboard.press('Alt+n');
    await page.getByLabel('Nom', { exact: true }).fill('MULTIPOSTE');
    await page.getByLabel('Prénom').fill('Jeanne');
    await page.getByLabel('Date de naissance').pressSequentially('03041975');
    await page.getByLabel('Sexe').selectOption('F');
    await page.keyboard.press('Enter');
    await page.getByTestId('called-patient').getByText('MULTIPOSTE').waitFor();
    const other = counters[1]!.page;
    await other.keyboard.press('F2');
    await other.getByLabel(/Rechercher/).pressSequentially('multip');
    await other.getByRole('option', { name: /MULTIPOSTE Jeanne/ }).waitFor();
    await other.keyboard.press('Escape');
  });

  it('refuse at one counter a prescription open at the other, with its name and the time, until it is given back', async () => {
    const id = DEMO_PRESCRIPTIONS.find((p) => p.lines[0]?.product === 'levothyroxine75')?.id ?? '';
    const [first, second] = [counters[0]!, counters[1]!];
    await first.screens.openCode2d();
    await scanAt(0, id);
    await first.screens.confirmButton.waitFor();
    await second.screens.openCode2d();
    await scanAt(1, id);
    await second.page
      .getByTestId('code2d-error')
      .getByText(/^Ordonnance ouverte au poste COMPTOIR-1 depuis \d\d:\d\d$/)
      .waitFor();
    // Échap at the first counter gives it back: the second may open it.
    await first.page.keyboard.press('Escape');
    await first.screens.dialog.waitFor({ state: 'detached' });
    await scanAt(1, id);
    await second.screens.confirmButton.waitFor();
    await second.page.keyboard.press('Escape');
  });

  it('tells apart two counters of one host named alike: the second is « COMPTOIR-1 (2) », its start never frees the first one’s prescription', async () => {
    const id = DEMO_PRESCRIPTIONS.find((p) => p.lines[0]?.product === 'levothyroxine75')?.id ?? '';
    const first = counters[0]!;
    await first.screens.openCode2d();
    await scanAt(0, id);
    await first.screens.confirmButton.waitFor();
    // A counter of the same host, started with the same name (as on a terminal server), while the first has it open.
    const twin = await startServe({
      COMPTOIR_DATABASE_URL: databaseUrl,
      COMPTOIR_WORKSTATION: 'COMPTOIR-1',
      COMPTOIR_AM_URL: am.url,
      COMPTOIR_AM_TOKEN: DEMO_PHARMACY.token,
    });
    try {
      const page = await frenchPage(browser, twin.url);
      const screens = new CounterScreens(page);
      await page.keyboard.press('Alt+c');
      await page.getByTestId('workstation-name').getByText('Poste : COMPTOIR-1 (2)').waitFor();
      await page.keyboard.press('Escape');
      await screens.openCode2d();
      await postJson(`${twin.url}/_dev/e-reader/scan`, { text: id });
      await page
        .getByTestId('code2d-error')
        .getByText(/^Ordonnance ouverte au poste COMPTOIR-1 depuis \d\d:\d\d$/)
        .waitFor();
      await page.close();
    } finally {
      twin.started.child.kill('SIGTERM');
    }
    await first.page.keyboard.press('Escape');
    await first.screens.dialog.waitFor({ state: 'detached' });
  });

  it('both validate while the téléservice is down; once it is back each execution reaches it exactly once', async () => {
    const ids = ['013XJ9K2M4P6R8T0V0', DEMO_PRESCRIPTIONS.find((p) => p.lines[0]?.product === 'mopral20' && !p.status)?.id ?? ''];
    // The counters still have the patients of the tests above called: fresh screens for other patients' prescriptions.
    for (const { page, screens } of counters) {
      await page.reload();
      await screens.facturation.waitFor();
    }
    const opened: string[] = [];
    for (const [n, id] of ids.entries()) {
      const { screens } = counters[n]!;
      await screens.openCode2d();
      await scanAt(n, id);
      await screens.confirmButton.waitFor();
      opened.push(id);
    }
    await fetch(`${am.url}/_mock/faults`, { method: 'POST', body: JSON.stringify({ down: true }) });
    try {
      for (const n of [0, 1]) {
        const { screens } = counters[n]!;
        await screens.confirmToProducts();
        await screens.toControl();
        expect(await screens.validate()).toMatch(/Téléservice injoignable : la délivrance est enregistrée/);
        await screens.close();
      }
    } finally {
      await fetch(`${am.url}/_mock/faults`, { method: 'POST', body: JSON.stringify({}) });
    }
    // Both counters' senders run; whichever takes an execution sends it, the other skips it.
    await Promise.all(counters.map((c) => c.page.keyboard.press('Alt+r')));
    await expect.poll(async () => (await Promise.all(opened.map(executionsAt))).map((e) => e.length), { timeout: 20_000 }).toEqual([1, 1]);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await Promise.all(opened.map(executionsAt))).map((e) => e.length)).toEqual([1, 1]);
  }, 60_000);

  it('a new counter without its own token says « Jeton du téléservice refusé pour ce poste » and leaves the pharmacy’s waiting work to the others', async () => {
    const id = DEMO_PRESCRIPTIONS.find((p) => p.lines[0]?.product === 'bandeCohesive')?.id ?? '';
    // The pharmacy's téléservice address is in its settings (shared); a waiting execution of another counter.
    const office = await Store.openPostgres(databaseUrl, 'COMPTOIR-1');
    try {
      await office.settings.set('teleservice.connection', { url: am.url });
      const { executionId } = await recordFromServer(office, new TeleserviceClient({ baseUrl: am.url, token: DEMO_PHARMACY.token }), id);
      // A third counter set up on the server, its token not yet given (no COMPTOIR_AM_URL: it uses the pharmacy's address).
      const newcomer = await startServe({ COMPTOIR_DATABASE_URL: databaseUrl, COMPTOIR_WORKSTATION: 'COMPTOIR-3' });
      try {
        const page = await frenchPage(browser, newcomer.url);
        await page
          .getByTestId('status-teleservice')
          .getByText('Jeton du téléservice refusé pour ce poste : à corriger dans Configuration (Alt+C).')
          .waitFor();
        await page.keyboard.press('Alt+r');
        await new Promise((r) => setTimeout(r, 500));
        // Never refused by this counter: still waiting, or already sent by one of the others.
        expect(await office.outbox.byExecutionId(executionId)).toMatchObject({
          state: expect.stringMatching(/^(PENDING|SENT)$/),
          lastErrorCode: null,
        });
        await page.close();
      } finally {
        newcomer.started.child.kill('SIGTERM');
      }
      // A counter whose token is the pharmacy's sends it, once.
      await counters[0]!.page.keyboard.press('Alt+r');
      await expect.poll(async () => (await office.outbox.byExecutionId(executionId))?.state, { timeout: 15_000 }).toBe('SENT');
      expect(await executionsAt(id)).toHaveLength(1);
    } finally {
      await office.settings.set('teleservice.connection', null);
      await office.close();
    }
  }, 60_000);

  it('a counter that moved onto the server keeps its own file as an archive: Historique and Ordonnancier show it with Alt+I', async () => {
    const id = DEMO_PRESCRIPTIONS.find((p) => p.lines.length === 2 && p.lines[0]?.product === 'ramipril5')?.id ?? '';
    // The counter's file, from the days before the pharmacy's server.
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-archive-'));
    const file = Store.openSqlite(join(dataDir, 'comptoir.sqlite'), 'COMPTOIR-4');
    await file.transaction((tx) => tx.catalogue.upsertMany(sampleCatalogue().map((p) => ({ ...p, sample: true }))));
    await recordFromServer(file, new TeleserviceClient({ baseUrl: am.url, token: DEMO_PHARMACY.token }), id);
    await file.close();
    const moved = await startServe({
      COMPTOIR_DATA_DIR: dataDir,
      COMPTOIR_DATABASE_URL: databaseUrl,
      COMPTOIR_WORKSTATION: 'COMPTOIR-4',
      COMPTOIR_AM_URL: am.url,
      COMPTOIR_AM_TOKEN: DEMO_PHARMACY.token,
    });
    try {
      const page = await frenchPage(browser, moved.url);
      const screens = new CounterScreens(page);
      await page.keyboard.press('Alt+h');
      const entries = page.getByTestId('history-entry');
      await page.getByRole('button', { name: /Archive du poste/ }).waitFor();
      await expect.poll(() => entries.filter({ hasText: formatPrescriptionId(id) }).count()).toBe(0);
      await page.keyboard.press('Alt+i');
      await page.getByRole('heading', { name: /Historique — archive du poste/ }).waitFor();
      await entries
        .filter({ hasText: formatPrescriptionId(id) })
        .first()
        .waitFor();
      // Read-only: nothing is cancelled there.
      await page.keyboard.press('Alt+a');
      await page
        .getByTestId('history-message')
        .getByText(/^Archive du poste, en lecture seule/)
        .waitFor();
      await page.keyboard.press('Escape');
      await page.keyboard.press('Alt+o');
      await page.keyboard.press('Alt+i');
      await page.getByRole('heading', { name: /Ordonnancier — archive du poste/ }).waitFor();
      await page.getByTestId('ordonnancier-entry').first().waitFor();
      await page.keyboard.press('Escape');
      await screens.facturation.waitFor();
      await page.close();
    } finally {
      moved.started.child.kill('SIGTERM');
    }
  }, 60_000);

  it('« Sauvegardes » on a counter of the server: the server’s dumps, Alt+B one now, checked; restoring is the owner’s', async () => {
    const { page, screens } = counters[0]!;
    await page.keyboard.press('Alt+c');
    await page.getByRole('tab', { name: 'Sauvegardes' }).click();
    await page
      .getByTestId('backups')
      .getByText(/serveur de l’officine \(PostgreSQL\), sauvegardé par « pg_dump »/)
      .waitFor();
    await page.keyboard.press('Alt+b');
    await page.getByTestId('backup-row').first().waitFor({ timeout: 20_000 });
    await page
      .getByTestId('backups')
      .getByText(/— réussie$/)
      .waitFor();
    await page.keyboard.press('Escape');
    await screens.facturation.waitFor();
  }, 60_000);
});
