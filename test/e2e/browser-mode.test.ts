import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_OTHER_PHARMACY } from '../../src/am-server/demo/demo-actors.js';
import { hidPosReports, toHex } from '../helpers/hid-reports.js';
import { WebSocket as NodeWebSocket } from 'ws';
import { chromiumAndServe, counterContext, keepScreenshot, postJson, startServe } from '../helpers/browser.js';
import { LABELS } from '../helpers/counter-screens.js';

let page: Page;
const env = chromiumAndServe();
afterEach(async () => {
  await page?.context().close();
});
beforeEach(async () => {
  page = await (await counterContext(env.browser, env.ws.url, { viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(env.ws.url);
  await page.getByRole('heading', { name: LABELS.facturation }).waitFor();
});

const STANDARD = '013XJ9K2M4P6R8T0V0';

describe('browser mode: the Facturation screen', () => {
  it('shows the French first screen with its key legend and the téléservice status', async () => {
    const legend = page.getByRole('navigation', { name: 'Raccourcis clavier' });
    for (const text of ['F2', 'Appel patient', 'F3', 'Ordonnance Numérique', 'F9', 'Valider / suivant', 'Échap'])
      await expect(legend.getByText(text, { exact: true }).count()).resolves.toBeGreaterThan(0);
    await page.getByTestId('status-bar').getByText('Pharmacie du Marché — FINESS 750012345').waitFor();
    await page.getByText('Téléservice de démonstration').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await keepScreenshot(page, 'facturation');
  });

  it('F3 opens « Ordonnance Numérique » with « Code 2D » focused; the virtual e-reader brings the lines', async () => {
    await page.keyboard.press('F3');
    const field = page.getByLabel(LABELS.code2d);
    await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const answer = await postJson(`${env.ws.url}/_dev/e-reader/reports`, { reports: hidPosReports(']Q1', STANDARD).map(toHex) });
    expect(answer.body.reads[0].code).toMatchObject({ kind: 'eprescription', id: STANDARD });
    await page.getByRole('heading', { name: /Ordonnance n° 013X-J9K2-M4P6-R8T0-V0/ }).waitFor();
    expect(await page.getByTestId('prescription-line').count()).toBe(3);
    await page.getByText('AMOXICILLINE 1 g, comprimé dispersible, boîte de 6').waitFor();
    await page
      .getByTestId('live-polite')
      .getByText(/Ordonnance 013X-J9K2-M4P6-R8T0-V0 de Léa DURAND : 3 ligne/)
      .waitFor({ state: 'attached' });
    await keepScreenshot(page, 'ordonnance-numerique-lines');

    // Échap gives the lease back: another pharmacy may now take it.
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const other = await fetch(`${env.ws.embeddedAmUrl}/v1/prescriptions/${STANDARD}/lease`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO_OTHER_PHARMACY.token}` },
    });
    expect(other.status).toBe(201);
    await env.ws.mockControl('/_mock/reset');
  });

  it('refuses a mistyped number with a French sentence, before any network call', async () => {
    await page.keyboard.press('F3');
    await page.getByLabel(LABELS.code2d).fill('013X-J9K2-M4P6-R8T0-V1');
    await page.keyboard.press('Enter');
    await page
      .getByTestId('code2d-error')
      .getByText(/caractère de contrôle/)
      .waitFor();
    await page
      .getByTestId('live-assertive')
      .getByText(/caractère de contrôle/)
      .waitFor({ state: 'attached' });
    await keepScreenshot(page, 'code2d-error');
  });

  it('accepts the printed number typed by hand', async () => {
    await page.keyboard.press('F3');
    await page.getByLabel(LABELS.code2d).fill('01kb-6cq6-43dz-vmxx-qa');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Ordonnance n° 01KB-6CQ6-43DZ-VMXX-QA/ }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('says clearly when another pharmacy is dispensing it', async () => {
    const lease = await fetch(`${env.ws.embeddedAmUrl}/v1/prescriptions/010000000000000ABZ/lease`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO_OTHER_PHARMACY.token}` },
    });
    expect(lease.status).toBe(201);
    await page.keyboard.press('F3');
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: '010000000000000ABZ' });
    await page
      .getByTestId('code2d-error')
      .getByText(/En cours de délivrance dans une autre officine depuis \d\d h \d\d\./)
      .waitFor();
    await env.ws.mockControl('/_mock/reset');
  });

  it('announces a scanned non-prescription code and never renders it as markup', async () => {
    await page.keyboard.press('F3');
    await postJson(`${env.ws.url}/_dev/e-reader/scan`, { text: '<img src=x onerror="window.pwned=1">' });
    await page
      .getByTestId('code2d-error')
      .getByText(/Code non reconnu/)
      .waitFor();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
  });

  it('F1 lists every key, Échap closes it', async () => {
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: /Aide — raccourcis clavier/ });
    await help.getByText('Renvoyer maintenant les transmissions en attente').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('never reloads on F5 or Ctrl+R', async () => {
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.keyboard.press('F5');
    await page.keyboard.press('Control+r');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  });

  it('lets no other web page inject reads into the virtual e-reader', async () => {
    const plain = await fetch(`${env.ws.url}/_dev/e-reader/scan`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ text: STANDARD }),
    });
    expect(plain.status).toBe(415);
    const foreign = await fetch(`${env.ws.url}/_dev/e-reader/scan`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ text: STANDARD }),
    });
    expect(foreign.status).toBe(403);
    const bad = await postJson(`${env.ws.url}/_dev/e-reader/reports`, { reports: ['zz'] });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'VALIDATION_ERROR']);
  });

  it('opens once from the printed address: the page and its WebSocket only for the browser holding the cookie (#28.2)', async () => {
    // Another local program (no cookie) gets neither the page nor the contract, whatever it forges.
    const bare = await fetch(env.ws.url);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('cache-control')).toBe('no-store');
    const text = await bare.text();
    expect(text).toMatch(/adresse à usage unique/);
    expect(text).not.toContain(env.ws.sessionCookie);
    const socket = (cookie: string | null) =>
      new Promise<string>((resolve) => {
        const ws = new NodeWebSocket(`${env.ws.url.replace('http', 'ws')}/ipc`, {
          headers: { Origin: env.ws.url, ...(cookie ? { Cookie: `comptoir_session_${new URL(env.ws.url).port}=${cookie}` } : {}) },
        });
        ws.on('open', () => (ws.close(), resolve('open')));
        ws.on('error', () => resolve('refused'));
      });
    expect(await socket(null)).toBe('refused');
    expect(await socket('forged'.padEnd(43, 'x'))).toBe('refused');
    expect(await socket(env.ws.sessionCookie)).toBe('open');
    // The launch address served once (the test's startServe used it): again, refused.
    const launch = /ouvrir une fois : (http:\/\/\S+)/.exec(env.ws.started.output())![1]!;
    expect((await fetch(launch, { redirect: 'manual' })).status).toBe(401);
    // The browser that opened it: its page is never cached, and a second tab works.
    const served = await page.goto(env.ws.url);
    expect(served?.headers()['cache-control']).toBe('no-store');
    const second = await page.context().newPage();
    await second.goto(env.ws.url);
    await second.getByRole('heading', { name: LABELS.facturation }).waitFor();
    // The page holds no secret: the cookie is HttpOnly.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.content()).not.toContain(env.ws.sessionCookie);
    // DNS rebinding: any other Host is refused.
    const port = new URL(env.ws.url).port;
    const status = await new Promise<number>((resolve) =>
      request({ host: '127.0.0.1', port, path: '/', headers: { Host: `evil.example:${port}` } }, (res) =>
        resolve(res.statusCode ?? 0),
      ).end(),
    );
    expect(status).toBe(421);
  });

  it('caps the calls in flight on one socket: the rest answered TOO_MANY_CALLS, none left hanging', async () => {
    const answers = await new Promise<{ ok: boolean; error?: { code: string } }[]>((resolve, reject) => {
      const ws = new NodeWebSocket(`${env.ws.url.replace('http', 'ws')}/ipc`, {
        headers: { Origin: env.ws.url, Cookie: `comptoir_session_${new URL(env.ws.url).port}=${env.ws.sessionCookie}` },
      });
      const results: { ok: boolean; error?: { code: string } }[] = [];
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: { ok: boolean; error?: { code: string } } };
        if (message.id === undefined || !message.result) return;
        results.push(message.result);
        if (results.length < 200) return;
        ws.close();
        resolve(results);
      });
      ws.on('open', () => {
        for (let id = 0; id < 200; id++) ws.send(JSON.stringify({ id, call: 'app.status', input: {} }));
      });
      ws.on('error', reject);
    });
    const refused = answers.filter((a) => !a.ok && a.error?.code === 'TOO_MANY_CALLS').length;
    expect(refused).toBeGreaterThan(0);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(32);
    expect(refused + answers.filter((a) => a.ok).length).toBe(200);
  });

  it('starts its embedded mock téléservice without the mock controls (faults, clock, reset)', async () => {
    const plain = await startServe({ COMPTOIR_MOCK_ADMIN_TOKEN: '' });
    try {
      for (const path of ['/_mock/faults', '/_mock/clock', '/_mock/reset']) {
        const res = await fetch(`${plain.embeddedAmUrl}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
          body: JSON.stringify({ down: true }),
        });
        expect(res.status, path).toBe(404);
      }
      expect((await fetch(`${plain.embeddedAmUrl}/v1/health`)).status).toBe(200);
    } finally {
      plain.started.child.kill('SIGTERM');
    }
  });

  it('refuses a WebSocket from another origin', async () => {
    const other = await env.browser.newPage();
    await other.goto('about:blank');
    const outcome = await other.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(url.replace('http', 'ws') + '/ipc');
          socket.onopen = () => resolve('open');
          socket.onerror = () => resolve('refused');
        }),
      env.ws.url,
    );
    expect(outcome).toBe('refused');
  });
});
