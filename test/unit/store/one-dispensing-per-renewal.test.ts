import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CounterLocks } from '../../../src/main/services/counter/counter-locks.js';
import { cancelDispensing } from '../../../src/main/services/counter/dispensing-cancellation.js';
import { recordDispensing, recordPaperDispensing } from '../../../src/main/services/counter/dispensing-recorder.js';
import { MIGRATIONS } from '../../../src/main/services/store/sqlite/migrations/index.js';
import { migrate } from '../../../src/main/services/store/sqlite/sqlite-database.js';
import type { Store } from '../../../src/main/services/store/store.js';
import { assessDispensing } from '../../../src/shared/rules/assess-dispensing.js';
import { sampleCatalogue } from '../../../src/shared/demo/sample-catalogue.js';
import { demoServerSuite } from '../../helpers/demo-server-suite.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';

const demo = demoServerSuite();
const stores = testStores();
const ID = '013XJ9K2M4P6R8T0V0';

/** A counter's validation of renewal 0 as prescribed, knowing `knownPart` dispensings of it when it opened it. */
async function validateAt(store: Store, knownPart: number | null, confirmOpen?: (tx: Store) => Promise<void>) {
  const prescription = await demo.client.getPrescription(ID);
  const proposal = {
    renewalNumber: 0,
    counterPatient: { nir: prescription.patient.nir },
    lines: prescription.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })),
  };
  const products = await store.catalogue.factsFor(prescription.lines.map((l) => l.product.cip13));
  const assessment = assessDispensing({ prescription, today: new Date().toISOString().slice(0, 10), products }, proposal);
  return recordDispensing(store, {
    prescription,
    proposal,
    assessment,
    leaseToken: null,
    pharmacistRpps: '10001234565',
    patientSource: 'VITALE',
    complementaryInfo: null,
    renewalPart: knownPart,
    confirmOpen,
  });
}

const paper = (cip13: string) => ({
  renewalNumber: 0,
  items: [{ cip13, packs: 1, batch: null, expiry: null, label: 'x' }],
  counterNir: null,
  patientSource: 'MANUAL' as const,
  complementaryInfo: null,
  pharmacistRpps: '10001234565',
  dispensedAt: new Date().toISOString(),
});

describe.each(ENGINES)('one dispensing of a renewal per what its counter knew (%s)', (engine) => {
  it('two counters that opened the prescription before either validated: the database refuses the second, and nothing of it is written', async () => {
    const first = await stores.open(engine, 'COMPTOIR-1');
    const second = engine === 'postgres' ? await stores.again(first, 'COMPTOIR-2') : first;
    await validateAt(first, 0);
    const before = {
      dispensings: await second.dispensings.count(),
      outbox: (await second.outbox.list()).length,
      registers: (await second.registers.list({})).length,
    };
    await expect(validateAt(second, 0)).rejects.toMatchObject({
      code: 'RENEWAL_TAKEN',
      message: expect.stringMatching(/^Ce renouvellement vient d’être délivré à un autre poste/),
    });
    expect({
      dispensings: await second.dispensings.count(),
      outbox: (await second.outbox.list()).length,
      registers: (await second.registers.list({})).length,
    }).toEqual(before);
  });

  it('the degraded mode too (téléservice down at both counters)', async () => {
    const store = await stores.open(engine);
    const cip13 = sampleCatalogue()[0]!.cip13;
    await recordPaperDispensing(store, ID, paper(cip13), undefined, 0);
    await expect(recordPaperDispensing(store, ID, paper(cip13), undefined, 0)).rejects.toMatchObject({ code: 'RENEWAL_TAKEN' });
    expect(await store.dispensings.count()).toBe(1);
  });

  it('completing a partial dispensing the counter knew of is its next part; a cancelled one frees its place', async () => {
    const store = await stores.open(engine);
    const { dispensingId } = await validateAt(store, 0);
    await validateAt(store, 1);
    await cancelDispensing(store, { dispensingId, reason: 'erreur', actor: 'x' });
    // What F3 computes next (the highest active part + 1) never collides with the part left after a cancelled one.
    expect(await store.dispensings.activeByRenewal(ID)).toEqual(new Map([[0, 2]]));
    await validateAt(store, null);
    await validateAt(store, 0);
    expect(await store.dispensings.activeByRenewal(ID)).toEqual(new Map([[0, 3]]));
  });

  it.runIf(engine === 'postgres')(
    'validation checks, in its own transaction, that this counter still has the prescription open',
    async () => {
      const first = await stores.open(engine, 'COMPTOIR-1');
      const second = await stores.again(first, 'COMPTOIR-2');
      const mine = new CounterLocks(first, { id: 'c1', name: 'COMPTOIR-1' });
      const theirs = new CounterLocks(second, { id: 'c2', name: 'COMPTOIR-2' });
      await mine.take(ID);
      // This counter cut from the server past the staleness: the other takes the prescription over.
      await first.engine.db
        .updateTable('prescription_locks')
        .set({ heartbeat_at: new Date(Date.now() - 10 * 60_000).toISOString() })
        .execute();
      await theirs.take(ID);
      await expect(validateAt(first, 0, (tx) => mine.confirm(tx, ID))).rejects.toMatchObject({
        code: 'LOCK_LOST',
        message: expect.stringMatching(/^Ordonnance reprise au poste COMPTOIR-2/),
      });
      expect(await first.dispensings.count()).toBe(0);
      await validateAt(second, 0, (tx) => theirs.confirm(tx, ID));
      expect(await first.dispensings.count()).toBe(1);
    },
  );
});

describe('migration 15 on a file with dispensings', () => {
  it('numbers the active dispensings of each renewal in their order, so completed partial ones stay valid', () => {
    const db = new Database(':memory:');
    migrate(db as never, MIGRATIONS.slice(0, 14));
    const insert = db.prepare(
      `INSERT INTO dispensings (id, circuit, prescription_id, renewal_number, phase, pharmacist_rpps, workstation, created_at, cancelled_at) VALUES (?, 'ON', ?, ?, 1, 'x', 'p', ?, ?)`,
    );
    insert.run('a', 'P1', 0, '2026-01-01', null);
    insert.run('b', 'P1', 0, '2026-01-02', '2026-01-02');
    insert.run('c', 'P1', 0, '2026-01-03', null);
    insert.run('d', 'P1', 1, '2026-02-01', null);
    migrate(db as never, MIGRATIONS);
    expect(db.prepare('SELECT id, renewal_part FROM dispensings ORDER BY id').all()).toEqual([
      { id: 'a', renewal_part: 0 },
      { id: 'b', renewal_part: 0 },
      { id: 'c', renewal_part: 1 },
      { id: 'd', renewal_part: 0 },
    ]);
  });
});
