import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, callChannel } from '../../src/shared/contract/names.js';

const here = fileURLToPath(new URL('../helpers/fake-electron/', import.meta.url));

/** The built shell (dist/main/main.mjs) in a Node child whose `electron` is the recording fake. */
function driveShell(): Promise<any> {
  const child = spawn(process.execPath, ['--import', join(here, 'register.mjs'), join(here, 'drive-shell.mjs')], {
    env: { ...process.env, COMPTOIR_DATA_DIR: mkdtempSync(join(tmpdir(), 'comptoir-shell-')), NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"privilegedSchemes"'));
      if (code !== 0 || !line) reject(new Error(`shell driver exited ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(line));
    });
  });
}

let seen: any;
beforeAll(async () => void (seen = await driveShell()), 30_000);

// NODE_ENV=development is set on purpose: a packaged build (the fake's app.isPackaged) ignores it.
describe('the Electron shell’s wiring, run against a fake electron module', () => {
  it('registers app:// as a secure standard scheme, enables the sandbox, removes every menu and DevTools', () => {
    expect(seen.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(seen.sandboxEnabled).toBe(true);
    expect(seen.applicationMenu).toBeNull();
    expect(seen.window).toMatchObject({
      menuRemoved: true,
      loadedUrl: 'app://comptoir/index.html',
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: false },
    });
    expect(seen.keys).toEqual({ F5: true, F11: true, F12: true, 'Ctrl+R': true, F3: false });
  });

  it('serves the renderer with its CSP, and nothing through traversal, a malformed %, a symlink out or another host', () => {
    expect(seen.protocolProbes.index).toEqual({ status: 200, csp: true });
    for (const probe of ['traversal', 'encodedTraversal', 'malformedPercent', 'symlinkOut', 'otherHost'])
      expect(seen.protocolProbes[probe], probe).toEqual({ status: 404, csp: false });
  });

  it('grants the camera to app://comptoir only, and nothing else', () => {
    expect(seen.permissionProbes).toEqual({
      cameraFromApp: true,
      microphoneFromApp: false,
      cameraFromElsewhere: false,
      geolocation: false,
      checkCamera: true,
      checkElsewhere: false,
    });
  });

  it('guards every web contents, not only its window: no navigation away, no redirect, no frame, no webview, no popup', () => {
    const guarded = { navigateAway: true, navigateApp: false, redirectAway: true, frameAway: true, webview: true, windowOpen: 'deny' };
    expect(seen.guards).toEqual({ window: guarded, otherContents: guarded });
  });

  it('registers every contract call once, each behind the sender check', () => {
    expect([...seen.ipc.channels].sort()).toEqual(CALL_NAMES.map(callChannel).sort());
    expect(seen.ipc.trusted).toMatchObject({ ok: true, value: { host: 'electron' } });
    for (const probe of ['otherWindow', 'iframe', 'navigatedAway'])
      expect(seen.ipc[probe], probe).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  });

  it('seals the téléservice token with the keychain (safeStorage), and quits once its services are closed', () => {
    expect(seen.ipc.saveToken).toMatchObject({ ok: true });
    expect(seen.secretsSealed).toBe(true);
    expect(seen.quit).toBe(true);
  });
});
