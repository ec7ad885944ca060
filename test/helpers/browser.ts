import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { MOCK_ADMIN_HEADER } from '../../src/am-server/am-server.js';
import { startComptoir, type Started } from './processes.js';
import { CounterScreens, LABELS } from './counter-screens.js';

/** Debian's Chromium, never a downloaded browser; flags this machine's closed network needs. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-gpu',
      '--no-first-run',
      '--disable-sync',
      '--lang=fr-FR',
    ],
  });
}

export type Workstation = {
  started: Started;
  url: string;
  dataDir: string;
  embeddedAmUrl: string | null;
  /** POSTs to the embedded mock's `/_mock` controls (faults, clock, reset) with this start's admin secret. */
  mockControl: (
    path: `/_mock/${'faults' | 'clock' | 'reset' | 'sv/rules' | 'sv/liquidate' | 'sv/release' | 'sv/beneficiaries'}`,
    body?: object,
  ) => Promise<Response>;
  /** GETs an embedded mock's `/_mock` resource (a SCOR document) with the admin secret. */
  mockGet: (path: string) => Promise<Response>;
  /** The session cookie this start's one-time address was traded for (as the first browser got it). */
  sessionCookie: string;
};

/** Each started workstation's session cookie, by its address: every page a test opens is « the same user ». */
const SESSIONS = new Map<string, string>();

/** Opens the one-time address `comptoir serve` printed, as a browser would, and keeps the cookie it gives. */
async function tradeLaunchToken(output: string): Promise<string> {
  const launch = /ouvrir une fois : (http:\/\/\S+)/.exec(output)?.[1];
  if (!launch) throw new Error(`comptoir serve printed no launch address:\n${output}`);
  const answer = await fetch(launch, { redirect: 'manual' });
  const cookie = /comptoir_session_\d+=([^;]+)/.exec(answer.headers.get('set-cookie') ?? '')?.[1];
  if (answer.status !== 303 || !cookie) throw new Error(`launch address refused (${answer.status})`);
  return cookie;
}

/** A browser context that holds the workstation's session cookie (a second tab of the browser that opened it). */
export async function counterContext(
  browser: Browser,
  url: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const cookie = SESSIONS.get(new URL(url).origin);
  if (cookie)
    await context.addCookies([
      { name: `comptoir_session_${new URL(url).port}`, value: cookie, url: new URL(url).origin, httpOnly: true, sameSite: 'Strict' },
    ]);
  return context;
}

/**
 * `comptoir serve` on a fresh data folder, with the embedded mock téléservice unless env says
 * otherwise. Its mock controls answer only this test's secret (COMPTOIR_MOCK_ADMIN_TOKEN).
 */
export async function startServe(env: Record<string, string> = {}, extraArgs: string[] = []): Promise<Workstation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-e2e-'));
  const adminToken = randomBytes(24).toString('base64url');
  const started = await startComptoir(['serve', '--port', '0', ...extraArgs], /^workstation on http:\/\/127\.0\.0\.1:\d+$/, {
    COMPTOIR_DATA_DIR: dataDir,
    COMPTOIR_MOCK_ADMIN_TOKEN: adminToken,
    ...env,
  });
  const url = started.firstLine.replace('workstation on ', '').trim();
  const sessionCookie = await tradeLaunchToken(started.output());
  SESSIONS.set(url, sessionCookie);
  const embeddedAmUrl = /"teleservice\.embedded_started","url":"([^"]+)"/.exec(started.output())?.[1] ?? null;
  const headers = { [MOCK_ADMIN_HEADER]: adminToken };
  return {
    started,
    url,
    dataDir,
    embeddedAmUrl,
    mockControl: (path, body = {}) =>
      fetch(`${embeddedAmUrl}${path}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    mockGet: (path) => fetch(`${embeddedAmUrl}${path}`, { headers }),
    sessionCookie,
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** The screens the README shows, refreshed by `npm run screenshots` (never by `npm test`). */
const README_SCREENS = new Set([
  'facturation',
  'flow-products',
  'flow-products-1366',
  'flow-control',
  'flow-done',
  'flow-patient-mismatch',
  'flow-outbox-pending',
  'settings-regulation',
]);

/**
 * Keeps a screenshot as a test artefact under test-results/ (git-ignored). Only `npm run screenshots`
 * (COMPTOIR_README_SCREENSHOTS=1) copies the README's screens into docs/, so tests leave the tree clean.
 */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  const dir = join('test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  if (process.env.COMPTOIR_README_SCREENSHOTS === '1' && README_SCREENS.has(name)) {
    mkdirSync(join('docs', 'screenshots'), { recursive: true });
    copyFileSync(path, join('docs', 'screenshots', `${name}.png`));
  }
  return path;
}

/** A page in French, the way the counter's PC is set up. */
export async function frenchPage(browser: Browser, url: string, firstScreen: string = LABELS.facturation): Promise<Page> {
  const context = await counterContext(browser, url, {
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { name: firstScreen }).waitFor();
  return page;
}

/**
 * One Chromium and one `comptoir serve` (fresh data folder) for a whole test file; closed after it.
 * Read `env.browser` and `env.ws` inside tests and hooks (they exist once beforeAll has run).
 */
export function chromiumAndServe(extraArgs: string[] = []): { browser: Browser; ws: Workstation } {
  const env = {} as { browser: Browser; ws: Workstation };
  beforeAll(async () => {
    [env.browser, env.ws] = await Promise.all([launchChromium(), startServe({}, extraArgs)]);
  });
  afterAll(async () => {
    await env.browser?.close();
    env.ws?.started.child.kill('SIGTERM');
  });
  return env;
}

/**
 * A fresh French page for each test of a file (closed after it), and the counter's screens on it.
 * Read `counter.page` and `counter.screens` inside tests (they exist once beforeEach has run).
 */
export function counterPagePerTest(env: { browser: Browser; ws: Workstation }): { page: Page; screens: CounterScreens } {
  const counter = {} as { page: Page; screens: CounterScreens };
  beforeEach(async () => {
    counter.page = await frenchPage(env.browser, env.ws.url);
    counter.screens = new CounterScreens(counter.page);
  });
  afterEach(async () => {
    await counter.page?.context().close();
  });
  return counter;
}
