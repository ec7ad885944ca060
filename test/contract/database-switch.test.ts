import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAmServer, type RunningAmServer } from '../../src/am-server/am-server.js';
import { DEMO_PHARMACY } from '../../src/am-server/demo/demo-actors.js';
import { demoSeed } from '../../src/am-server/demo/demo-seed.js';
import { startWorkstation, type Workstation } from '../../src/main/bootstrap/start-workstation.js';
import { silentLogger } from '../../src/main/services/logger.js';
import { Store } from '../../src/main/services/store/store.js';
import { targetFromUrl } from '../../src/main/services/store/postgres/server-address.js';
import { sampleCatalogue } from '../../src/shared/demo/sample-catalogue.js';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.js';

let cluster: PostgresCluster;
let am: RunningAmServer;
beforeAll(async () => {
  cluster = await startPostgresCluster();
  am = await startAmServer({ seed: demoSeed(new Date().toISOString().slice(0, 10)), admin: true });
}, 60_000);
afterAll(async () => {
  await am?.close();
  cluster?.stop();
});

/** The server's fields as « Base de données » takes them. */
const addressOf = (url: string) => {
  const { sslmode: _sslmode, ...address } = targetFromUrl(url);
  return address;
};
const down = (yes: boolean) => fetch(`${am.url}/_mock/faults`, { method: 'POST', body: JSON.stringify(yes ? { down: true } : {}) });
const start = (dataDir: string) =>
  startWorkstation({ amUrl: am.url, amToken: DEMO_PHARMACY.token, dataDir, workstationName: 'COMPTOIR-1' }, 'browser', silentLogger);
// A listed medicine: its dispensing writes an ordonnancier entry too.
const cip13 = sampleCatalogue().find((p) => p.list === 'I')!.cip13;
/** A degraded-mode dispensing (the téléservice away): recorded, its execution waiting. */
const degraded = (ws: Workstation, prescriptionId: string) =>
  ws.dispatch('degraded.validate', {
    prescriptionId,
    renewalNumber: 0,
    items: [{ cip13, packs: 1, batch: null, expiry: null }],
    counterNir: null,
    patientSource: 'MANUAL',
    complementaryInfo: null,
  });
/** The latest audit entries of a store, newest first. */
const auditTail = async (store: Store, n: number) =>
  (await store.engine.db.selectFrom('audit_log').select(['action', 'details_json']).orderBy('seq', 'desc').limit(n).execute()).map((r) => ({
    action: r.action,
    details: JSON.parse(r.details_json) as Record<string, unknown>,
  }));
const ok = <T>(r: { ok: boolean; value?: unknown }): T => {
  expect(r).toMatchObject({ ok: true });
  return r.value as T;
};

describe('a counter switching from its file to the pharmacy’s server, and back', () => {
  it('is refused while the file holds unsent work; then strands nothing: numbers go on, the file stays its archive, the switch is audited on both sides', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-switch-'));
    const url = await cluster.createDatabase('officine');
    let ws = await start(dataDir);
    let fileNumbers = { invoice: 0, ordonnancier: 0 };
    try {
      await ws.store.transaction((tx) => tx.catalogue.upsertMany(sampleCatalogue().map((p) => ({ ...p, sample: true }))));
      await down(true);
      ok(await degraded(ws, '013XJ9K2M4P6R8T0V0'));
      const refused = await ws.dispatch('database.save', { mode: 'server', address: addressOf(url) });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'UNSENT_WORK',
          message: expect.stringMatching(/^Le fichier de ce poste a encore 1 exécution à transmettre : envoyez-les d’abord \(Alt\+R/),
        },
      });
      expect(ok<{ saved: string | null }>(await ws.dispatch('database.get', {})).saved).toBeNull();
      await down(false);
      await ws.sender.sendDue(true);
      expect((await ws.store.outbox.counts()).PENDING).toBe(0);
      fileNumbers = await ws.store.registers.lastNumbers();
      expect(fileNumbers.invoice).toBeGreaterThan(0);
      ok(await ws.dispatch('database.save', { mode: 'server', address: addressOf(url) }));
      expect((await auditTail(ws.store, 1))[0]).toMatchObject({ action: 'database.switched' });
      // Its numbers handed over: nothing more is recorded here until the restart.
      expect(await degraded(ws, '010000000000000ABZ')).toMatchObject({
        ok: false,
        error: { code: 'DATABASE_SWITCH_PENDING', message: expect.stringMatching(/^La base de ce poste change au prochain démarrage/) },
      });
    } finally {
      await ws.close();
    }

    // The next start is on the server; the file is this counter's archive.
    const server = await Store.openPostgres(url, 'contrôle');
    await server.transaction((tx) => tx.catalogue.upsertMany(sampleCatalogue().map((p) => ({ ...p, sample: true }))));
    ws = await start(dataDir);
    try {
      expect(ws.store.engine.kind).toBe('postgres');
      expect(ok<{ archive: boolean }>(await ws.dispatch('app.status', {})).archive).toBe(true);
      expect(ok<{ entries: unknown[] }>(await ws.dispatch('history.list', { query: '' })).entries).toHaveLength(0);
      expect(
        ok<{ entries: { prescriptionId: string }[] }>(await ws.dispatch('history.list', { query: '', archive: true })).entries,
      ).toEqual([expect.objectContaining({ prescriptionId: '013XJ9K2M4P6R8T0V0' })]);
      expect(
        ok<unknown[]>(await ws.dispatch('ordonnancier.list', { from: null, to: null, patient: '', product: '', archive: true })).length,
      ).toBeGreaterThan(0);
      expect(
        ok<{ base64: string }>(await ws.dispatch('ordonnancier.pdf', { from: null, to: null, patient: '', product: '', archive: true }))
          .base64.length,
      ).toBeGreaterThan(100);
      expect(await auditTail(server, 5)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'database.counter_joined' })]));
      // The server's registers go on after the file's numbers: no number issued twice for the pharmacy.
      const { dispensingId } = ok<{ dispensingId: string }>(await degraded(ws, '010000000000000ABZ'));
      const onServer = await ws.store.dispensings.byId(dispensingId);
      expect(onServer?.invoiceNumber).toBe(fileNumbers.invoice + 1);
      // And back to the file: its registers go on after the server's.
      const serverNumbers = await ws.store.registers.lastNumbers();
      ok(await ws.dispatch('database.save', { mode: 'file' }));
      const file = Store.openSqlite(join(dataDir, 'comptoir.sqlite'), 'contrôle');
      try {
        expect(await file.registers.lastNumbers()).toEqual(serverNumbers);
        expect((await auditTail(file, 1))[0]).toMatchObject({
          action: 'database.switched',
          details: expect.objectContaining({ to: 'file' }),
        });
      } finally {
        await file.close();
      }
      expect((await auditTail(server, 1))[0]).toMatchObject({ action: 'database.counter_left' });
    } finally {
      await ws.close();
      await server.close();
    }
  }, 60_000);
});
