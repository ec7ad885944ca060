import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataFolder } from '../../src/main/bootstrap/data-folder.js';
import { SecretStore } from '../../src/main/services/secrets/secret-store.js';
import { DatabaseSettings } from '../../src/main/services/settings/database-settings.js';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.js';

let cluster: PostgresCluster;
beforeAll(async () => void (cluster = await startPostgresCluster()), 60_000);
afterAll(() => cluster?.stop());

describe('« Configuration › Base de données »', () => {
  it('tests the server before saving it, keeps its address out of sight, and the next start uses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-dbsettings-'));
    const secrets = new SecretStore(dir);
    const settings = new DatabaseSettings(secrets, { mode: 'file', description: join(dir, 'comptoir.sqlite') }, false);
    expect(settings.view()).toMatchObject({ mode: 'file', saved: null, restartNeeded: false });
    const database = new URL(await cluster.createDatabase('officine')).pathname.slice(1);
    const address = { host: '127.0.0.1', port: cluster.port, database, user: 'comptoir', password: 'secret-password' };
    expect(await settings.test(address)).toEqual({ version: expect.stringMatching(/^PostgreSQL \d+/) });
    await expect(settings.test({ ...address, port: 1 })).rejects.toMatchObject({
      code: 'DATABASE_TEST_FAILED',
      message: expect.stringMatching(/^Serveur de l'officine injoignable\. Vérifiez l’adresse/),
    });
    await expect(settings.test({ ...address, database: 'pas_de_base' })).rejects.toMatchObject({
      code: 'DATABASE_TEST_FAILED',
      message: expect.stringMatching(/n’existe pas sur le serveur/),
    });
    await expect(settings.save({ mode: 'server', address: { ...address, port: 1 } })).rejects.toMatchObject({
      code: 'DATABASE_TEST_FAILED',
    });
    expect(settings.view().saved).toBeNull();
    const view = await settings.save({ mode: 'server', address });
    expect(view.savedAddress).toEqual({ host: '127.0.0.1', port: cluster.port, database, user: 'comptoir' });
    expect(view).toMatchObject({
      mode: 'server',
      restartNeeded: true,
      saved: expect.stringMatching(/^postgres:\/\/comptoir@127\.0\.0\.1:\d+\/officine/),
    });
    expect(JSON.stringify(view)).not.toContain('secret-password');
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain('database.url');
    const next = await openDataFolder(dir, 'COMPTOIR-1');
    try {
      expect(next.store.engine.kind).toBe('postgres');
      expect(next.databaseFile).not.toContain('secret-password');
    } finally {
      await next.store.close();
    }
  }, 30_000);

  it('is fixed by COMPTOIR_DATABASE_URL when set', async () => {
    const settings = new DatabaseSettings(
      new SecretStore(mkdtempSync(join(tmpdir(), 'comptoir-dbenv-'))),
      { mode: 'server', description: 'postgres://x' },
      true,
    );
    expect(settings.view().mode).toBe('environment');
    await expect(settings.save({ mode: 'file' })).rejects.toMatchObject({ code: 'DATABASE_FROM_ENVIRONMENT' });
  });
});
