import type { RunningAmServer } from '../src/am-server/am-server.js';
import { DEMO_PHARMACY } from '../src/am-server/demo/demo-actors.js';
import { Backoff, Transmitter } from '../src/main/services/counter/transmission.js';
import { CancellationSender } from '../src/main/services/counter/cancellation-sender.js';
import { CounterLocks } from '../src/main/services/counter/counter-locks.js';
import { cancelDispensing } from '../src/main/services/counter/dispensing-cancellation.js';
import { recordPaperDispensing } from '../src/main/services/counter/dispensing-recorder.js';
import { OutboxSender } from '../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../src/main/services/logger.js';
import { Store } from '../src/main/services/store/store.js';
import { TeleserviceAccess } from '../src/main/services/teleservice/teleservice-access.js';
import { TeleserviceClient } from '../src/main/services/teleservice/teleservice-client.js';
import { SAMPLE_PRODUCTS } from '../src/shared/demo/sample-products.js';
import { recordFromServer } from '../test/helpers/dispensing-fixture.js';
import type { PostgresCluster } from '../test/helpers/postgres-cluster.js';
import { tempStoreFile, withSampleCatalogue } from '../test/helpers/store-fixture.js';
import { switchToServer } from '../src/main/services/settings/database-switch.js';
import { sized, type BenchScale, type Row } from './bench-kit.js';

type Executions = { executionId: string; cancelled?: boolean }[];
type Rig = { cluster: PostgresCluster; server: RunningAmServer; newPrescriptions: (count: number) => Promise<string[]> };

const client = (server: RunningAmServer, token: string = DEMO_PHARMACY.token) =>
  new TeleserviceClient({ baseUrl: server.url, token, timeoutMs: 10_000 });
const faultsOf = (server: RunningAmServer, body: object) =>
  fetch(`${server.url}/_mock/faults`, { method: 'POST', body: JSON.stringify(body) });

async function executionsAt(server: RunningAmServer, id: string): Promise<Executions> {
  const res = await fetch(`${server.url}/v1/prescriptions/${id}/executions`, {
    headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` },
  });
  return res.ok ? ((await res.json()) as { executions: Executions }).executions : [];
}

/** Two counters of one pharmacy on one database (a counter per id, each with its unique name). */
async function twoCounters(rig: Rig, db: string): Promise<[Store, Store]> {
  const url = await rig.cluster.createDatabase(db);
  const base = await withSampleCatalogue(await Store.openPostgres(url, 'installation'));
  const named = async (store: Store, id: string) => store.as({ id, name: await store.counters.register(id, 'COMPTOIR-1', 'hote') });
  return [await named(base, `${db}-a`), await named(await Store.openPostgres(url, 'installation'), `${db}-b`)];
}

const closeAll = (...stores: Store[]) => Promise.all(stores.map((s) => s.close()));

/** Two counters of one host, named alike: each prescription opened by one only; one's restart frees none of the other's. */
async function sameHost(rig: Rig, n: number): Promise<Row> {
  const [a, b] = await twoCounters(rig, 'samehost');
  const locks = [
    new CounterLocks(a, { id: 'samehost-a', name: a.workstation }),
    new CounterLocks(b, { id: 'samehost-b', name: b.workstation }),
  ];
  try {
    await Promise.all(locks.map((l) => l.start()));
    const ids = await rig.newPrescriptions(n);
    let both = 0;
    let freedByMistake = 0;
    for (const [i, id] of ids.entries()) {
      const opened = await Promise.all(
        locks.map((l) =>
          l.take(id).then(
            () => true,
            () => false,
          ),
        ),
      );
      if (opened.every(Boolean)) both++;
      const holder = opened[0] ? a : b;
      await recordFromServer(holder, client(rig.server), id);
      if (i === Math.floor(n / 2)) {
        // The twin restarts: what the first counter has open stays its own.
        const heldBefore = (
          await a.engine.db.selectFrom('prescription_locks').select('prescription_id').where('counter_id', '=', 'samehost-a').execute()
        ).length;
        await locks[1]!.stop();
        await locks[1]!.start();
        freedByMistake +=
          heldBefore -
          (await a.engine.db.selectFrom('prescription_locks').select('prescription_id').where('counter_id', '=', 'samehost-a').execute())
            .length;
      }
    }
    await Promise.all([a, b].map((s) => new OutboxSender(s, client(rig.server), silentLogger).sendDue(true)));
    const counts = await Promise.all(ids.map(async (id) => (await executionsAt(rig.server, id)).length));
    return {
      scenario: `two counters of one host named alike (« ${a.workstation} », « ${b.workstation} »)`,
      items: n,
      lost: counts.filter((c) => c === 0).length,
      doubled: both + counts.filter((c) => c > 1).length,
      'refused by mistake': freedByMistake,
    };
  } finally {
    await Promise.all(locks.map((l) => l.stop()));
    await closeAll(a, b);
  }
}

/** A counter with a wrong token runs its sender first over the others' waiting work. */
async function wrongToken(rig: Rig, n: number): Promise<Row> {
  const [a, b] = await twoCounters(rig, 'wrongtoken');
  try {
    const ids = await rig.newPrescriptions(n);
    for (const id of ids) await recordFromServer(a, client(rig.server), id);
    const wrong = client(rig.server, 'jeton-errone-0000');
    const bad = new OutboxSender(b, wrong, silentLogger, { access: new TeleserviceAccess(wrong, () => DEMO_PHARMACY.finess) });
    await bad.sendDue(true);
    await bad.sendDue(true);
    const refused = (await b.outbox.counts()).REFUSED;
    await new OutboxSender(a, client(rig.server), silentLogger).sendDue(true);
    const counts = await Promise.all(ids.map(async (id) => (await executionsAt(rig.server, id)).length));
    return {
      scenario: 'a counter with a wrong token while others have work waiting',
      items: n,
      lost: counts.filter((c) => c === 0).length,
      doubled: counts.filter((c) => c > 1).length,
      'refused by mistake': refused,
    };
  } finally {
    await closeAll(a, b);
  }
}

/** One counter has the execution on the wire while another cancels the dispensing. */
async function cancellationRace(rig: Rig, n: number): Promise<Row> {
  const [a, b] = await twoCounters(rig, 'cancelrace');
  const tally = { lost: 0, doubled: 0, refusedByMistake: 0 };
  try {
    const ids = await rig.newPrescriptions(n);
    for (const id of ids) {
      const { dispensingId, executionId } = await recordFromServer(a, client(rig.server), id);
      let claimed!: () => void;
      const onTheWire = new Promise<void>((r) => (claimed = r));
      const sending = a.withClaimedOutboxItem(executionId, async (item, outcome) => {
        claimed();
        await new Promise((r) => setTimeout(r, 30));
        const accepted = await client(rig.server).execute(item.prescriptionId, item.leaseToken ?? '', item.body!);
        await outcome(async (tx) => void (await tx.outbox.markSent(executionId, accepted.receipt)));
      });
      await onTheWire;
      await cancelDispensing(b, { dispensingId, reason: 'erreur de patient', actor: DEMO_PHARMACY.pharmacistRpps });
      const settling = new CancellationSender(
        b,
        client(rig.server),
        silentLogger,
        new Transmitter(new TeleserviceAccess(client(rig.server), () => null), silentLogger, () => new Date(), new Backoff(1_000)),
      ).settleUnsent();
      await Promise.all([sending, settling]);
      await new OutboxSender(b, client(rig.server), silentLogger).sendDue(true);
      const executions = await executionsAt(rig.server, id);
      if (executions.length > 1) tally.doubled++;
      // Sent, and its cancellation lost (never reached the téléservice): the prescriber sees a dispensing that was undone.
      if (executions.some((e) => !e.cancelled)) tally.lost++;
      if ((await b.outbox.byExecutionId(executionId))?.state === 'REFUSED' && executions.length > 0) tally.refusedByMistake++;
    }
    return {
      scenario: 'a cancellation racing another counter’s send',
      items: n,
      lost: tally.lost,
      doubled: tally.doubled,
      'refused by mistake': tally.refusedByMistake,
    };
  } finally {
    await closeAll(a, b);
  }
}

/** The téléservice down; both counters dispense the same prescription from the paper, each unaware of the other. */
async function sameRxServerDown(rig: Rig, n: number): Promise<Row> {
  const [a, b] = await twoCounters(rig, 'samerx');
  const amox = SAMPLE_PRODUCTS.amoxicilline1g;
  const paper = () => ({
    renewalNumber: 0,
    items: [{ cip13: amox.cip13, packs: 2, batch: null, expiry: null, label: amox.label }],
    counterNir: null,
    patientSource: 'MANUAL' as const,
    complementaryInfo: null,
    pharmacistRpps: DEMO_PHARMACY.pharmacistRpps,
    dispensedAt: new Date().toISOString(),
  });
  try {
    const ids = await rig.newPrescriptions(n);
    await faultsOf(rig.server, { down: true });
    let refused = 0;
    for (const id of ids) {
      // Both opened it before either validated: each knows of no dispensing of its renewal.
      const outcomes = await Promise.allSettled([a, b].map((s) => recordPaperDispensing(s, id, paper(), undefined, 0)));
      refused += outcomes.filter((o) => o.status === 'rejected').length;
    }
    await faultsOf(rig.server, {});
    await Promise.all([a, b].map((s) => new OutboxSender(s, client(rig.server), silentLogger).sendDue(true)));
    const local = await Promise.all(ids.map(async (id) => (await a.dispensings.activeByRenewal(id)).get(0) ?? 0));
    const counts = await Promise.all(ids.map(async (id) => (await executionsAt(rig.server, id)).length));
    return {
      scenario: 'two counters validating one prescription, téléservice down',
      items: n,
      'second refused by the database': refused,
      lost: counts.filter((c) => c === 0).length,
      doubled: local.filter((c) => c > 1).length + counts.filter((c) => c > 1).length,
      'refused by mistake': local.filter((c) => c === 0).length,
    };
  } finally {
    await faultsOf(rig.server, {});
    await closeAll(a, b);
  }
}

/** A counter's file with executions waiting (the téléservice down) asked to move onto the server: refused, nothing stranded. */
async function switchWithUnsentWork(rig: Rig, n: number): Promise<Row> {
  const file = await withSampleCatalogue(Store.openSqlite(tempStoreFile(), 'COMPTOIR-5'));
  const url = await rig.cluster.createDatabase('switch');
  const counter = { id: 'switch-a', name: 'COMPTOIR-5', actor: DEMO_PHARMACY.pharmacistRpps };
  try {
    // Phase 2: no paper to scan, only executions wait.
    await file.settings.set('regulation.transmissionPhase', 2);
    const ids = await rig.newPrescriptions(n);
    for (const id of ids) await recordFromServer(file, client(rig.server), id);
    const refused = await switchToServer(file, url, counter).then(
      () => false,
      (e: unknown) => (e as { code?: string }).code === 'UNSENT_WORK',
    );
    await new OutboxSender(file, client(rig.server), silentLogger).sendDue(true);
    // Nothing waits any more: now the switch goes through.
    const accepted = await switchToServer(file, url, counter).then(
      () => true,
      () => false,
    );
    const counts = await Promise.all(ids.map(async (id) => (await executionsAt(rig.server, id)).length));
    return {
      scenario: 'a switch to the server attempted with unsent work',
      items: n,
      'switch refused while work waited': refused ? 1 : 0,
      lost: counts.filter((c) => c === 0).length,
      doubled: counts.filter((c) => c > 1).length,
      'refused by mistake': accepted ? 0 : 1,
    };
  } finally {
    await file.close();
  }
}

/** #24's races between counters, each: lost 0, doubled 0, refused by mistake 0. */
export async function counterRaces(rig: Rig, scale: BenchScale): Promise<Row[]> {
  const n = sized(scale, 20, 3);
  return [
    await sameHost(rig, n),
    await wrongToken(rig, n),
    await cancellationRace(rig, n),
    await sameRxServerDown(rig, n),
    await switchWithUnsentWork(rig, n),
  ];
}
