import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkstation, type Workstation } from '../../src/main/bootstrap/start-workstation.js';
import { silentLogger } from '../../src/main/services/logger.js';
import { sampleCatalogue } from '../../src/shared/demo/sample-catalogue.js';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.js';

let cluster: PostgresCluster;
let ws: Workstation;
beforeAll(async () => {
  cluster = await startPostgresCluster();
  ws = await startWorkstation(
    {
      amUrl: null,
      amToken: null,
      dataDir: mkdtempSync(join(tmpdir(), 'comptoir-pg-down-')),
      databaseUrl: await cluster.createDatabase('officine'),
      workstationName: 'COMPTOIR-1',
    },
    'browser',
    silentLogger,
  );
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
      expect(await ws.dispatch('patients.search', { query: 'durand' })).toEqual({
        ok: false,
        error: { code: 'SERVER_UNREACHABLE', message: "Serveur de l'officine injoignable." },
      });
      expect(await ws.dispatch('patients.create', patient)).toEqual({
        ok: false,
        error: { code: 'SERVER_UNREACHABLE', message: "Serveur de l'officine injoignable." },
      });
    } finally {
      cluster.resume();
    }
    // The pool finds the server again by itself; the create the pharmacist repeats lands once.
    await expect.poll(async () => (await ws.dispatch('patients.search', { query: 'durand' })).ok, { timeout: 10_000 }).toBe(true);
    expect(await ws.dispatch('patients.create', patient)).toMatchObject({ ok: true, value: { lastName: 'PANNE' } });
    expect(await ws.dispatch('patients.search', { query: 'panne' })).toMatchObject({
      ok: true,
      value: [expect.objectContaining({ lastName: 'PANNE' })],
    });
  }, 60_000);
});

describe('a counter of the pharmacy’s shared database without a téléservice address', () => {
  it('starts no demonstration téléservice, says so, and dispenses nothing', async () => {
    expect(ws.embeddedTeleserviceUrl).toBeNull();
    expect(await ws.dispatch('app.status', {})).toMatchObject({
      ok: true,
      value: { teleservice: { embedded: false, reachable: false, access: 'not_configured' } },
    });
    const notConfigured = {
      ok: false,
      error: {
        code: 'TELESERVICE_NOT_CONFIGURED',
        message: expect.stringMatching(
          /^Aucun téléservice pour ce poste : indiquez son adresse et le jeton du poste dans Configuration \(Alt\+C\)/,
        ),
      },
    };
    expect(await ws.dispatch('prescriptions.retrieve', { id: '013XJ9K2M4P6R8T0V0' })).toEqual(notConfigured);
    const degraded = {
      prescriptionId: '013XJ9K2M4P6R8T0V0',
      renewalNumber: 0,
      items: [{ cip13: sampleCatalogue()[0]!.cip13, packs: 1, batch: null, expiry: null }],
      counterNir: null,
      patientSource: 'MANUAL' as const,
      complementaryInfo: null,
    };
    expect(await ws.dispatch('degraded.validate', degraded)).toEqual(notConfigured);
    expect(await ws.store.dispensings.count()).toBe(0);
    // No demonstration server to choose on the pharmacy's database: its counters would dispense into it.
    expect(await ws.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { sharedDatabase: true } });
    expect(await ws.dispatch('settings.save', { teleservice: { mode: 'embedded' } })).toMatchObject({
      ok: false,
      error: { code: 'EMBEDDED_ON_SHARED_DATABASE' },
    });
  });
});
