import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAmServer } from '../../src/am-server/am-server.js';
import { DEMO_PHARMACY } from '../../src/am-server/demo/demo-actors.js';
import { STORE_FILE, openDataFolder } from '../../src/main/bootstrap/data-folder.js';
import { startWorkstation } from '../../src/main/bootstrap/start-workstation.js';
import { silentLogger } from '../../src/main/services/logger.js';
import { SecretStore, type SecretSealer } from '../../src/main/services/secrets/secret-store.js';
import { Store } from '../../src/main/services/store/store.js';
import { startDemoServer } from '../helpers/am-fixture.js';

const newDir = () => mkdtempSync(join(tmpdir(), 'comptoir-secrets-'));

/** Every byte the database leaves on disk: the file, its WAL and shared memory. */
function databaseBytes(dir: string): Buffer {
  return Buffer.concat(
    [STORE_FILE, `${STORE_FILE}-wal`, `${STORE_FILE}-shm`].filter((n) => existsSync(join(dir, n))).map((n) => readFileSync(join(dir, n))),
  );
}

/** Stands in for Electron's safeStorage (which needs the binary): a real cipher with a key the file never holds. */
function aesSealer(): SecretSealer {
  const key = randomBytes(32);
  return {
    protection: 'safeStorage',
    seal: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open: (sealed) => {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

let server: RunningAmServer;
beforeAll(async () => void ({ server } = await startDemoServer()));
afterAll(() => server.close());

describe('the téléservice token is kept out of the database', () => {
  it('goes to secrets.json (0600) when saved, never into the database; the next start connects with it', async () => {
    const dir = newDir();
    const first = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    const saved = await first.dispatch('settings.save', { teleservice: { mode: 'remote', url: server.url, token: DEMO_PHARMACY.token } });
    expect(JSON.stringify(saved)).not.toContain(DEMO_PHARMACY.token);
    await first.close();
    expect(databaseBytes(dir).includes(Buffer.from(DEMO_PHARMACY.token))).toBe(false);
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(DEMO_PHARMACY.token);
    const second = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    try {
      const view = await second.dispatch('settings.get', {});
      expect(view).toMatchObject({
        ok: true,
        value: {
          teleservice: { mode: 'remote', url: server.url, hasCredentials: true },
          pharmacySource: 'teleservice',
          pharmacy: { name: DEMO_PHARMACY.name },
        },
      });
    } finally {
      await second.close();
    }
  });

  it('moves a token an older version left in the settings table out, and wipes it from the file', async () => {
    const dir = newDir();
    const legacy = Store.openSqlite(join(dir, STORE_FILE), 'poste-1');
    legacy.engine
      .sqlite!.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('teleservice.connection', ?, '2026-01-01')")
      .run(JSON.stringify({ url: server.url, token: 'legacy-token-ABCDEFGH' }));
    await legacy.close();
    expect(databaseBytes(dir).includes(Buffer.from('legacy-token-ABCDEFGH'))).toBe(true);
    const { store, secrets } = await openDataFolder(dir, 'poste-1');
    expect(secrets.get('teleservice.token')).toBe('legacy-token-ABCDEFGH');
    expect(await store.settings.get('teleservice.connection')).toEqual({ url: server.url });
    await store.close();
    expect(databaseBytes(dir).includes(Buffer.from('legacy-token-ABCDEFGH'))).toBe(false);
  });

  it('is sealed by the desktop app’s keychain when there is one; without it, says where to open it', () => {
    const dir = newDir();
    new SecretStore(dir, aesSealer()).set('teleservice.token', 'sealed-token-12345678', { seal: true });
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain('sealed-token-12345678');
    const withoutKeychain = new SecretStore(dir);
    expect(() => withoutKeychain.get('teleservice.token')).toThrow(
      expect.objectContaining({ code: 'SECRET_SEALED_ELSEWHERE', message: expect.stringMatching(/trousseau du système/) }),
    );
  });

  it('refuses an unreadable secrets file with its code; the workstation still starts, keeps the file aside, and the audit check says so', async () => {
    const dir = newDir();
    const first = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    await first.dispatch('settings.save', { transmissionPhase: 1 });
    await first.close();
    writeFileSync(join(dir, 'secrets.json'), '{"version": 1, "secrets": "oops"}');
    expect(() => new SecretStore(dir).get('teleservice.token')).toThrow(
      expect.objectContaining({ code: 'SECRETS_UNREADABLE', message: expect.stringMatching(/ressaisissez le jeton/) }),
    );
    const second = await startWorkstation({ amUrl: null, amToken: null, dataDir: dir }, 'browser', silentLogger);
    try {
      expect(await second.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { transmissionPhase: 1 } });
      expect(readdirSync(dir).filter((n) => n.startsWith('secrets.json.illisible-'))).toHaveLength(1);
      // The anchor was signed with the lost key: its evidence is kept, and verification reports it.
      expect(await second.store.audit.verify()).toMatchObject({
        ok: false,
        message: expect.stringMatching(/modifiée pendant que le poste était arrêté, ou clé/),
      });
    } finally {
      await second.close();
    }
  });
});
