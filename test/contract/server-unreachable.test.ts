import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkstation, type Workstation } from '../../src/main/bootstrap/start-workstation.js';
import { silentLogger } from '../../src/main/services/logger.js';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.js';

let cluster: PostgresCluster;
let ws: Workstation;
beforeAll(async () => {
  cluster = await startPostgresCluster();
  ws = await startWorkstation({ amUrl: null, amToken: null, dataDir: mkdtempSync(join(tmpdir(), 'comptoir-pg-down-')), databaseUrl: await cluster.createDatabase('officine'), workstationName: 'COMPTOIR-1' }, 'browser', silentLogger);
}, 60_000);
afterAll(async () => {
  await ws?.close();
  cluster?.stop();
});

const patient = { nir: '', lastName: 'PANNE', firstName: 'Serveur', birthDate: '1970-01-01', sex: 'M' as const };

describe('the pharmacy’s server away', () => {
  it('is said in one sentence, loses nothing, and the same action goes through once it answers', async () => {
    expect(await ws.dispatch('patients.search', { query: 'durand' })).toMatchObject({ ok: true });
    cluster.pause();
    try {
      expect(await ws.dispatch('patients.search', { query: 'durand' })).toEqual({ ok: false, error: { code: 'SERVER_UNREACHABLE', message: "Serveur de l'officine injoignable." } });
      expect(await ws.dispatch('patients.create', patient)).toEqual({ ok: false, error: { code: 'SERVER_UNREACHABLE', message: "Serveur de l'officine injoignable." } });
    } finally {
      cluster.resume();
    }
    // The pool finds the server again by itself; the create the pharmacist repeats lands once.
    await expect.poll(async () => (await ws.dispatch('patients.search', { query: 'durand' })).ok, { timeout: 10_000 }).toBe(true);
    expect(await ws.dispatch('patients.create', patient)).toMatchObject({ ok: true, value: { lastName: 'PANNE' } });
    expect(await ws.dispatch('patients.search', { query: 'panne' })).toMatchObject({ ok: true, value: [expect.objectContaining({ lastName: 'PANNE' })] });
  }, 60_000);
});
