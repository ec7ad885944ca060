import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkstation, type Workstation } from '../../src/main/bootstrap/start-workstation.js';
import { registerIpc, type InvokeEventLike } from '../../src/main/electron/ipc-registration.js';
import { APP_ORIGIN, isAppUrl } from '../../src/main/electron/window-security.js';
import { silentLogger } from '../../src/main/services/logger.js';
import { CALLS } from '../../src/shared/contract/ipc-contract.js';
import { CALL_NAMES, EVENT_NAMES, callChannel } from '../../src/shared/contract/names.js';
import { EVENTS } from '../../src/shared/contract/ipc-contract.js';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** A fake ipcMain that records handlers, driven like Electron would drive it. */
class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  invoke(channel: string, event: InvokeEventLike, input: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, input);
  }
}

const trusted: InvokeEventLike = { sender: { id: 1 }, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } };
let workstation: Workstation;
const ipc = new FakeIpcMain();

beforeAll(async () => {
  workstation = await startWorkstation(
    { amUrl: null, amToken: null, dataDir: mkdtempSync(join(tmpdir(), 'comptoir-ipc-')) },
    'electron',
    silentLogger,
  );
  registerIpc(ipc, workstation.dispatch, { trustedWebContentsIds: () => new Set([1]), isAppUrl });
});
afterAll(() => workstation.close());

describe('IPC registration', () => {
  it('wires every call of the contract, under the app prefix, and nothing else', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(CALL_NAMES.map(callChannel).sort());
    expect(Object.keys(CALLS).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.keys(EVENTS).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('serves a trusted call through the real services', async () => {
    const result = (await ipc.invoke(callChannel('app.status'), trusted, {})) as {
      ok: boolean;
      value: { pharmacy: { finess: string }; teleservice: { reachable: boolean } };
    };
    expect(result.ok).toBe(true);
    expect(result.value.pharmacy.finess).toBe('750012345');
    expect(result.value.teleservice.reachable).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/token|demo-pharmacie/i);
  });

  it.each<[string, InvokeEventLike]>([
    ['a sub-frame', { sender: { id: 1 }, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: {} } }],
    ['another origin', { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file:// page', { sender: { id: 1 }, senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    ['an unknown window', { sender: { id: 99 }, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } }],
    ['a destroyed frame', { sender: { id: 1 }, senderFrame: null }],
  ])('refuses a call from %s with UNTRUSTED_SENDER', async (_label, event) => {
    const result = await ipc.invoke(callChannel('prescriptions.retrieve'), event, { id: '013XJ9K2M4P6R8T0V0' });
    expect(result).toEqual({ ok: false, error: { code: 'UNTRUSTED_SENDER', message: expect.stringMatching(/refusé/) } });
  });

  it.each([
    ['a wrong type', { id: 42 }],
    ['a missing field', {}],
    ['an extra field', { id: '013XJ9K2M4P6R8T0V0', admin: true }],
    ['a huge string', { id: 'x'.repeat(100_000) }],
    ['null', null],
    ['an array', ['013XJ9K2M4P6R8T0V0']],
  ])('refuses %s with INVALID_INPUT before any service runs', async (_label, input) => {
    const result = (await ipc.invoke(callChannel('prescriptions.retrieve'), trusted, input)) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toMatch(/^Données invalides/);
  });

  it('ignores prototype-pollution keys', async () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "id": "013XJ9K2M4P6R8T0V0"}');
    await ipc.invoke(callChannel('prescriptions.retrieve'), trusted, input);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await workstation.dispatch('prescriptions.release', { id: '013XJ9K2M4P6R8T0V0' });
  });

  it('answers an unknown call name with UNKNOWN_CALL', async () => {
    expect(await workstation.dispatch('fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CALL' },
    });
  });

  it('maps a téléservice refusal to its stable code and French sentence', async () => {
    const result = await workstation.dispatch('prescriptions.retrieve', { id: '013X-J9K2-M4P6-R8T0-V1' });
    expect(result).toEqual({ ok: false, error: { code: 'BAD_CHECK_CHARACTER', message: expect.stringMatching(/caractère de contrôle/) } });
  });
});
