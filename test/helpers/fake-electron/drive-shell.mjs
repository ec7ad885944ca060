// Runs the built Electron shell (dist/main/main.mjs) against the fake `electron` module, probes its
// wiring the way Electron would call it, and prints what it saw as one JSON line. Run with
// `node --import ./register.mjs drive-shell.mjs` (see test/contract/electron-shell.test.ts).
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeWebContents, app, firstWindow, recorded } from 'electron';

const root = fileURLToPath(new URL('../../../', import.meta.url));
await import(join(root, 'dist', 'main', 'main.mjs'));
const win = await firstWindow;

async function fetchApp(url) {
  try {
    const res = await recorded.protocolHandlers.get('app')(new Request(url));
    return { status: res.status, csp: res.headers.get('content-security-policy') !== null };
  } catch (error) {
    return { threw: String(error) };
  }
}

const link = join(root, 'dist', 'renderer', `shell-probe-${process.pid}.txt`);
symlinkSync('/etc/hostname', link);
let protocolProbes;
try {
  protocolProbes = {
    index: await fetchApp('app://comptoir/index.html'),
    traversal: await fetchApp('app://comptoir/../../package.json'),
    encodedTraversal: await fetchApp('app://comptoir/%2e%2e/%2e%2e/package.json'),
    malformedPercent: await fetchApp('app://comptoir/%E0%A4%A'),
    symlinkOut: await fetchApp(`app://comptoir/shell-probe-${process.pid}.txt`),
    otherHost: await fetchApp('app://evil/index.html'),
  };
} finally {
  rmSync(link, { force: true });
}

const permission = (name, details) => new Promise((resolve) => recorded.permissionRequestHandler(win.webContents, name, resolve, details));
const permissionProbes = {
  cameraFromApp: await permission('media', { mediaTypes: ['video'], requestingUrl: 'app://comptoir/index.html' }),
  microphoneFromApp: await permission('media', { mediaTypes: ['audio'], requestingUrl: 'app://comptoir/index.html' }),
  cameraFromElsewhere: await permission('media', { mediaTypes: ['video'], requestingUrl: 'https://evil.example/' }),
  geolocation: await permission('geolocation', { requestingUrl: 'app://comptoir/index.html' }),
  checkCamera: recorded.permissionCheckHandler(win.webContents, 'media', 'app://comptoir', { mediaType: 'video' }),
  checkElsewhere: recorded.permissionCheckHandler(win.webContents, 'media', 'https://evil.example', { mediaType: 'video' }),
};

/** Fires an event like Electron does and says whether the shell prevented it. */
function prevented(contents, name, url, input) {
  let stopped = false;
  const event = { url, preventDefault: () => (stopped = true) };
  contents.emit(name, event, input);
  return stopped;
}
const other = new FakeWebContents();
app.emit('web-contents-created', {}, other);
const guards = {};
for (const contents of [win.webContents, other]) {
  const key = contents === other ? 'otherContents' : 'window';
  guards[key] = {
    navigateAway: prevented(contents, 'will-navigate', 'https://evil.example/'),
    navigateApp: prevented(contents, 'will-navigate', 'app://comptoir/index.html'),
    redirectAway: prevented(contents, 'will-redirect', 'https://evil.example/'),
    frameAway: prevented(contents, 'will-frame-navigate', 'file:///etc/passwd'),
    webview: prevented(contents, 'will-attach-webview', ''),
    windowOpen: contents.windowOpenHandler?.({ url: 'https://evil.example/' })?.action ?? null,
  };
}
const keys = Object.fromEntries(
  ['F5', 'F11', 'F12'].map((key) => [
    key,
    prevented(win.webContents, 'before-input-event', '', { key, control: false, meta: false, shift: false }),
  ]),
);
keys['Ctrl+R'] = prevented(win.webContents, 'before-input-event', '', { key: 'r', control: true, meta: false, shift: false });
keys.F3 = prevented(win.webContents, 'before-input-event', '', { key: 'F3', control: false, meta: false, shift: false });

const channels = [...recorded.ipcHandlers.keys()];
const channelOf = (suffix) => channels.find((c) => c.endsWith(suffix));
const invoke = (suffix, sender, input = {}) => recorded.ipcHandlers.get(channelOf(suffix))(sender, input);
const appFrame = { url: 'app://comptoir/index.html', parent: null };
const ipc = {
  channels,
  trusted: await invoke('app.status', { sender: { id: win.webContents.id }, senderFrame: appFrame }),
  otherWindow: await invoke('app.status', { sender: { id: other.id }, senderFrame: appFrame }),
  iframe: await invoke('app.status', { sender: { id: win.webContents.id }, senderFrame: { url: 'app://comptoir/index.html', parent: {} } }),
  navigatedAway: await invoke('app.status', {
    sender: { id: win.webContents.id },
    senderFrame: { url: 'https://evil.example/', parent: null },
  }),
  saveToken: await invoke(
    'settings.save',
    { sender: { id: win.webContents.id }, senderFrame: appFrame },
    { teleservice: { mode: 'remote', url: 'https://teleservice.example', token: 'shell-token-0123456789' } },
  ),
};
const secrets = readFileSync(join(process.env.COMPTOIR_DATA_DIR, 'secrets.json'), 'utf8');

app.emit('window-all-closed');
for (let i = 0; i < 100 && !recorded.quit; i++) await new Promise((r) => setTimeout(r, 20));

process.stdout.write(
  `${JSON.stringify({
    privilegedSchemes: recorded.privilegedSchemes,
    sandboxEnabled: recorded.sandboxEnabled,
    applicationMenu: recorded.applicationMenu,
    window: { menuRemoved: win.menuRemoved, loadedUrl: win.loadedUrl, webPreferences: win.options.webPreferences },
    protocolProbes,
    permissionProbes,
    guards,
    keys,
    ipc,
    secretsSealed: !secrets.includes('shell-token-0123456789') && secrets.includes('"protection": "safeStorage"'),
    quit: recorded.quit,
  })}\n`,
);
process.exit(0);
