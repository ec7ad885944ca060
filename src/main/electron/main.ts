import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, ipcMain, protocol, safeStorage, session, type WebContents } from 'electron';
import { eventChannel } from '../../shared/contract/names.js';
import { ConfigError, readConfig } from '../bootstrap/config.js';
import { startWorkstation, type Workstation } from '../bootstrap/start-workstation.js';
import { contentSecurityPolicy } from '../host/content-security.js';
import { createLogger } from '../services/logger.js';
import { createFileLogger } from '../services/logging/file-logger.js';
import { registerIpc } from './ipc-registration.js';
import { resolveRendererFile } from './renderer-files.js';
import { safeStorageSealer } from './safe-storage-sealer.js';
import {
  APP_ORIGIN,
  APP_SCHEME,
  devToolsAllowed,
  isAppUrl,
  isForbiddenShortcut,
  isNavigationAllowed,
  isPermissionAllowed,
  isPermissionCheckAllowed,
  secureWebPreferences,
} from './window-security.js';

/** The thin Electron shell: one window, the app:// scheme, IPC onto the same services as browser mode. */
const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'preload.cjs');
const windows = new Set<number>();
const log = createLogger((line) => process.stderr.write(`${line}\n`));

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

async function serveRenderer(request: Request): Promise<Response> {
  const full = await resolveRendererFile(rendererDir, request.url);
  if (!full) return new Response('', { status: 404 });
  try {
    const body = await readFile(full);
    return new Response(body, {
      headers: { 'Content-Type': TYPES[extname(full)] ?? 'application/octet-stream', 'Content-Security-Policy': contentSecurityPolicy() },
    });
  } catch {
    return new Response('', { status: 404 });
  }
}

function createWindow(workstation: Workstation): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    title: 'Comptoir',
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath, app.isPackaged),
  });
  const id = win.webContents.id;
  windows.add(id);
  win.on('closed', () => windows.delete(id));
  win.removeMenu();
  win.webContents.on('before-input-event', (e, input) => {
    if (devToolsAllowed(app.isPackaged)) return;
    if (isForbiddenShortcut(input)) e.preventDefault();
  });
  const unsubscribe = workstation.bus.subscribe((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(eventChannel(event), payload);
  });
  win.on('closed', unsubscribe);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** Every web contents, not only our window's: no navigation, redirect or frame off app://comptoir, no popups, no webviews. */
function guardContents(contents: WebContents): void {
  const refuse = (e: { preventDefault(): void }, url: string) => {
    if (!isNavigationAllowed(url)) e.preventDefault();
  };
  contents.on('will-navigate', (e) => refuse(e, e.url));
  contents.on('will-redirect', (e) => refuse(e, e.url));
  contents.on('will-frame-navigate', (e) => refuse(e, e.url));
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

async function start(): Promise<void> {
  await app.whenReady();
  protocol.handle(APP_SCHEME, serveRenderer);
  // No default menu: View → Reload would bypass the blocked F5.
  Menu.setApplicationMenu(null);
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details as { mediaTypes?: string[]; requestingUrl?: string })),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, origin, details) =>
    isPermissionCheckAllowed(permission, origin, (details as { mediaType?: string }).mediaType),
  );
  app.on('web-contents-created', (_e, contents) => guardContents(contents));
  let config;
  try {
    config = {
      ...readConfig({ ...process.env, COMPTOIR_DATA_DIR: process.env.COMPTOIR_DATA_DIR ?? app.getPath('userData') }),
      firstRun: true,
    };
  } catch (error) {
    log.error('config.invalid', { message: error instanceof ConfigError ? error.message : 'unknown' });
    app.exit(2);
    return;
  }
  const workstation = await startWorkstation(
    config,
    'electron',
    createFileLogger(config.dataDir, (line) => process.stderr.write(`${line}\n`)),
    safeStorageSealer(safeStorage),
  );
  registerIpc(ipcMain, workstation.dispatch, { trustedWebContentsIds: () => windows, isAppUrl });
  createWindow(workstation);
  app.on('window-all-closed', () => {
    void workstation.close().finally(() => app.quit());
  });
}

void start();
