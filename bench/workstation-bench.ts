import { mkdtempSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PATIENTS, DEMO_PRESCRIBERS } from '../src/am-server/demo/demo-actors.js';
import { startWorkstation } from '../src/main/bootstrap/start-workstation.js';
import { silentLogger } from '../src/main/services/logger.js';
import { SAMPLE_PRODUCTS } from '../src/shared/demo/sample-products.js';
import { frenchPage, launchChromium, postJson, startServe } from '../test/helpers/browser.js';
import { CounterScreens, LABELS, type Keys } from '../test/helpers/counter-screens.js';
import { hidPosReports, toHex } from '../test/helpers/hid-reports.js';
import { percentile, sized, timed, type BenchScale, type Row } from './bench-kit.js';

const THREE_LINES = {
  patient: DEMO_PATIENTS.durand,
  lines: ['amoxicilline1g', 'paracetamol1g', 'omeprazole20'].map((k) => ({
    product: { cip13: SAMPLE_PRODUCTS[k as 'amoxicilline1g'].cip13, label: SAMPLE_PRODUCTS[k as 'amoxicilline1g'].label },
    posology: '1 par jour',
    durationDays: 6,
    quantity: 1,
  })),
};

async function createPrescriptions(amUrl: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${amUrl}/v1/prescriptions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO_PRESCRIBERS.martin.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(THREE_LINES),
    });
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

/** Counts the keys pressed, as a pharmacist would. */
function countingKeys(page: Page): Keys & { count: number } {
  const keys = {
    count: 0,
    press: async (key: string) => void (keys.count++, await page.keyboard.press(key)),
    type: async (text: string) => void ((keys.count += text.length), await page.keyboard.type(text)),
  };
  return keys;
}

/** In Chromium through browser mode: read → lines on screen, keystrokes per dispensing, start-up. */
export async function workstationBench(scale: BenchScale): Promise<Record<string, Row[]>> {
  const READS = sized(scale, 50, 3);
  const [browser, ws] = await Promise.all([launchChromium(), startServe()]);
  const results: Record<string, Row[]> = {};
  try {
    const amUrl = ws.embeddedAmUrl ?? '';
    const page = await frenchPage(browser, ws.url);
    const screens = new CounterScreens(page);
    const readToScreen: Row[] = [];
    for (const latencyMs of [0, 100]) {
      await ws.mockControl('/_mock/faults', { latencyMs });
      const ids = await createPrescriptions(amUrl, READS);
      const times: number[] = [];
      for (const id of ids) {
        await screens.openCode2d();
        const t = performance.now();
        await postJson(`${ws.url}/_dev/e-reader/reports`, { reports: hidPosReports(']Q1', id).map(toHex) });
        await page.waitForFunction(() => document.querySelectorAll('[data-testid=prescription-line]').length === 3, undefined, {
          polling: 'raf',
        });
        times.push(performance.now() - t);
        await page.keyboard.press('Escape');
        await screens.dialog.waitFor({ state: 'detached' });
      }
      readToScreen.push({
        'server latency': `${latencyMs} ms`,
        reads: READS,
        'p50 ms': percentile(times, 50),
        'p95 ms': percentile(times, 95),
        goal: latencyMs === 0 ? 'p95 ≤ 30 ms' : '',
      });
    }
    await ws.mockControl('/_mock/faults', {});
    results['read-to-screen'] = readToScreen;

    const [standard, substituted] = await createPrescriptions(amUrl, 2);
    const keys: Row[] = [];
    for (const [label, id, substitute] of [
      ['standard, 3 lines', standard, false],
      ['one generic substitution', substituted, true],
    ] as const) {
      const k = countingKeys(page);
      const counted = new CounterScreens(page, k);
      await counted.openCode2d();
      await postJson(`${ws.url}/_dev/e-reader/scan`, { text: id });
      await counted.confirmToProducts();
      if (substitute) {
        await counted.productChoices(1);
        await k.press('Alt+1');
        await k.press('ArrowDown');
      }
      await counted.toControl();
      // The first usual reason of a generic substitution, by Entrée.
      if (substitute) await k.press('Enter');
      const said = await counted.validate();
      if (!said.startsWith('Exécution transmise')) throw new Error(`${label}: not transmitted (« ${said} »)`);
      keys.push({ dispensing: label, 'keys from F3 to validated control': k.count, goal: substitute ? '≤ 8' : '' });
      await screens.close();
    }
    results.keystrokes = keys;
  } finally {
    await browser.close();
    ws.started.child.kill('SIGTERM');
  }

  const startups: number[] = [];
  const ready: number[] = [];
  const b2 = await launchChromium();
  const starts = sized(scale, 3, 1);
  for (let i = 0; i < starts; i++) {
    const t = performance.now();
    const s = await startServe();
    startups.push(performance.now() - t);
    const p = await frenchPage(b2, s.url);
    await p.getByTestId('status-bar').waitFor();
    ready.push(performance.now() - t);
    await p.close();
    s.started.child.kill('SIGTERM');
  }
  await b2.close();
  results.startup = [
    {
      runs: starts,
      'process start → listening p50 ms': percentile(startups, 50),
      'process start → first screen ready p50 ms': percentile(ready, 50),
    },
  ];
  results.memory = await memoryAfterDispensings(sized(scale, 100, 5));
  return results;
}

/** The main process's memory after 100 dispensings through the contract (this process plays main). */
async function memoryAfterDispensings(count: number): Promise<Row[]> {
  const ws = await startWorkstation(
    { amUrl: null, amToken: null, dataDir: mkdtempSync(join(tmpdir(), 'bench-mem-')) },
    'browser',
    silentLogger,
  );
  const before = process.memoryUsage();
  const ids = await createPrescriptions(ws.embeddedTeleserviceUrl ?? '', count);
  const [, ms] = await timed(async () => {
    for (const id of ids) {
      const got = await ws.dispatch('prescriptions.retrieve', { id });
      if (!got.ok) throw new Error(got.error.message);
      const lines = (got.value as { prescription: { lines: { lineId: string; product: { cip13: string }; quantity: number }[] } })
        .prescription.lines;
      const proposal = {
        renewalNumber: 0,
        counterPatient: null,
        lines: lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })),
      };
      const done = await ws.dispatch('counter.validate', {
        prescriptionId: id,
        proposal,
        complementaryInfo: null,
        patientSource: 'VITALE',
      });
      if (!done.ok) throw new Error(done.error.message);
    }
  });
  global.gc?.();
  const after = process.memoryUsage();
  await ws.close();
  const mb = (n: number): number => n / 1024 / 1024;
  return [
    {
      dispensings: count,
      'ms each (retrieve + validate + send)': ms / count,
      'rss MB': mb(after.rss),
      'heap used MB': mb(after.heapUsed),
      'rss growth MB': mb(after.rss - before.rss),
    },
  ];
}

/** An A5 ordonnance as the document scanner writes it (212 dpi). */
function scannerFile(): string {
  const image = new PNG({ width: 1240, height: 1754 });
  image.data.fill(245);
  const file = join(mkdtempSync(join(tmpdir(), 'bench-scan-')), 'ordonnance.png');
  writeFileSync(file, PNG.sync.write(image));
  return file;
}

/**
 * The seed's own measure: keys and software time at the counter for an Ordonnance Numérique in
 * phase 2, the same in phase 1 (its numérisation from the scanner's file), and a paper prescription
 * of one product read from its pack. Software time is the scripted run's wall time: every wait is
 * the software's, none is a person's.
 */
export async function circuitsBench(scale: BenchScale): Promise<Row[]> {
  const [browser, ws] = await Promise.all([launchChromium(), startServe()]);
  const rows: Row[] = [];
  try {
    const page = await frenchPage(browser, ws.url);
    const screens = new CounterScreens(page);
    const file = scannerFile();
    const scan = (text: string) => postJson(`${ws.url}/_dev/e-reader/scan`, { text });
    const runs = sized(scale, 5, 1);
    const measure = async (
      label: string,
      phase: 1 | 2,
      run: (k: Keys & { count: number }, s: CounterScreens) => Promise<void>,
    ): Promise<void> => {
      await screens.setPhase(phase);
      const times: number[] = [];
      let keys = 0;
      for (let i = 0; i < runs; i++) {
        const k = countingKeys(page);
        const counted = new CounterScreens(page, k);
        const t = performance.now();
        await run(k, counted);
        times.push(performance.now() - t);
        keys = k.count;
      }
      rows.push({ circuit: label, keys, 'software time p50 ms': percentile(times, 50), runs });
    };
    const amUrl = ws.embeddedAmUrl ?? '';
    const onDispensing = async (k: Keys, s: CounterScreens, numerisation: boolean): Promise<void> => {
      const [id] = await createPrescriptions(amUrl, 1);
      await s.openCode2d();
      await scan(id!);
      await s.confirmToProducts();
      await s.toControl();
      if (!(await s.validate()).startsWith('Exécution transmise')) throw new Error('ON not transmitted');
      await k.press('F9');
      if (numerisation) {
        await s.scanFile(file);
        await k.press('F9');
      }
      await s.dialog.waitFor({ state: 'detached' });
    };
    await measure('Ordonnance Numérique, phase 2', 2, (k, s) => onDispensing(k, s, false));
    await measure('Ordonnance Numérique, phase 1 (numérisation)', 1, (k, s) => onDispensing(k, s, true));
    await measure('ordonnance papier, 1 produit lu (numérisation)', 2, async (k, s) => {
      // The patient by Carte Vitale, the date, the prescriber (met on the Ordonnance Numérique above): a paper prescription needs them.
      await k.press('F2');
      await page.getByLabel(/^Rechercher/).waitFor();
      await k.press('Alt+v');
      await page.getByTestId('called-patient').getByText('DURAND').waitFor();
      const prescriber = page.getByLabel('Prescripteur', { exact: true });
      await prescriber.focus();
      await k.type('martin');
      await page.getByRole('option', { name: /Martin/ }).waitFor();
      await k.press('Enter');
      const date = page.getByLabel("Date de l'ordonnance").first();
      await date.focus();
      await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.value === '');
      await k.type(new Date().toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' }).replace(/\//g, ''));
      await k.press('F4');
      await page.getByRole('heading', { name: LABELS.paper }).first().waitFor();
      await scan(`010${SAMPLE_PRODUCTS.paracetamol1g.cip13}17301231` + '10LOT1');
      await page.getByTestId('rx-line').first().waitFor();
      await k.press('F9');
      await s.transmission.waitFor({ timeout: 10_000 }).catch(async () => {
        throw new Error(`paper prescription not recorded: « ${await page.getByTestId('code2d-error').textContent()} »`);
      });
      await k.press('F9');
      await s.scanFile(file);
      await k.press('F9');
      await s.dialog.waitFor({ state: 'detached' });
    });
  } finally {
    await browser.close();
    ws.started.child.kill('SIGTERM');
  }
  return rows;
}
