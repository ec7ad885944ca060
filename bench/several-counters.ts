import { spawn } from 'node:child_process';
import { startAmServer, type RunningAmServer } from '../src/am-server/am-server.js';
import { DEMO_PATIENTS, DEMO_PHARMACY, DEMO_PRESCRIBERS } from '../src/am-server/demo/demo-actors.js';
import { demoSeed } from '../src/am-server/demo/demo-seed.js';
import { OutboxSender } from '../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../src/main/services/logger.js';
import { storeFailure } from '../src/main/services/store/store-errors.js';
import { Store } from '../src/main/services/store/store.js';
import { TeleserviceClient } from '../src/main/services/teleservice/teleservice-client.js';
import { SAMPLE_PRODUCTS } from '../src/shared/demo/sample-products.js';
import { recordFromServer } from '../test/helpers/dispensing-fixture.js';
import { startPostgresCluster, type PostgresCluster } from '../test/helpers/postgres-cluster.js';
import { withSampleCatalogue } from '../test/helpers/store-fixture.js';
import { pool, sized, timed, type BenchScale, type Row } from './bench-kit.js';
import { counterRaces } from './counter-races.js';

const COUNTERS = 4;
const rxBody = {
  patient: DEMO_PATIENTS.durand,
  lines: [
    {
      product: { cip13: SAMPLE_PRODUCTS.amoxicilline1g.cip13, label: SAMPLE_PRODUCTS.amoxicilline1g.label },
      posology: '1 cp',
      durationDays: 6,
      quantity: 2,
    },
  ],
};

async function newPrescriptions(server: RunningAmServer, count: number): Promise<string[]> {
  return pool(count, 8, async () => {
    const res = await fetch(`${server.url}/v1/prescriptions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEMO_PRESCRIBERS.martin.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(rxBody),
    });
    return ((await res.json()) as { id: string }).id;
  });
}

async function atServer(server: RunningAmServer, ids: string[]): Promise<number[]> {
  return Promise.all(
    ids.map(async (id) => {
      const res = await fetch(`${server.url}/v1/prescriptions/${id}/executions`, {
        headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` },
      });
      return ((await res.json()) as { executions: unknown[] }).executions.length;
    }),
  );
}

const faultsOf = (server: RunningAmServer, body: object) =>
  fetch(`${server.url}/_mock/faults`, { method: 'POST', body: JSON.stringify(body) });
const client = (server: RunningAmServer) => new TeleserviceClient({ baseUrl: server.url, token: DEMO_PHARMACY.token, timeoutMs: 10_000 });
const tally = (counts: number[]) => ({ lost: counts.filter((n) => n === 0).length, doubled: counts.filter((n) => n > 1).length });

/** Four counters on one database at once: each records its share, then all four senders run over the whole outbox together. */
async function fourCounters(cluster: PostgresCluster, server: RunningAmServer, perCounter: number): Promise<Row[]> {
  const url = await cluster.createDatabase('four');
  const first = await withSampleCatalogue(await Store.openPostgres(url, 'COMPTOIR-1'));
  const counters = [first, ...(await Promise.all([2, 3, 4].map((n) => Store.openPostgres(url, `COMPTOIR-${n}`))))];
  try {
    const ids = await newPrescriptions(server, COUNTERS * perCounter);
    const [, recordMs] = await timed(() =>
      Promise.all(
        counters.map(async (c, n) => {
          for (const id of ids.slice(n * perCounter, (n + 1) * perCounter)) await recordFromServer(c, client(server), id);
        }),
      ),
    );
    await faultsOf(server, { latencyMs: 20 });
    const [, sendMs] = await timed(() => Promise.all(counters.map((c) => new OutboxSender(c, client(server), silentLogger).sendDue(true))));
    await faultsOf(server, {});
    const counts = await atServer(server, ids);
    return [
      {
        scenario: 'four counters dispensing at once, then four senders',
        dispensings: await first.dispensings.count(),
        'dispensings / s (lease, fetch, record)': (ids.length / recordMs) * 1000,
        'send s (20 ms latency)': sendMs / 1000,
        'executions at server': counts.reduce((a, b) => a + b, 0),
        ...tally(counts),
      },
    ];
  } finally {
    await Promise.all(counters.map((c) => c.close()));
  }
}

/** A counter killed with -9 while its execution is in flight: another counter finishes the job. */
async function killedMidSend(cluster: PostgresCluster, server: RunningAmServer): Promise<Row> {
  const url = await cluster.createDatabase('killed');
  const other = await withSampleCatalogue(await Store.openPostgres(url, 'COMPTOIR-2'));
  try {
    await faultsOf(server, { latencyMs: 700 });
    const id = '013XJ9K2M4P6R8T0V0';
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/helpers/outbox-child.ts', url, server.url, DEMO_PHARMACY.token, id, 'send-now'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('RECORDED') && resolve()));
    await new Promise((r) => setTimeout(r, 250));
    child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1_000));
    await faultsOf(server, {});
    await new OutboxSender(other, client(server), silentLogger).sendDue(true);
    const counts = await atServer(server, [id]);
    return {
      scenario: 'kill -9 of a counter mid-send; another counter sends',
      dispensings: await other.dispensings.count(),
      'executions at server': counts[0] ?? 0,
      ...tally(counts),
    };
  } finally {
    await other.close();
  }
}

/**
 * PostgreSQL restarted while a counter dispenses: what fails says « Serveur de l'officine
 * injoignable » and is validated again once it answers (what the pharmacist does); nothing is
 * recorded twice, nothing lost.
 */
async function serverRestart(cluster: PostgresCluster, server: RunningAmServer, count: number): Promise<Row> {
  const url = await cluster.createDatabase('restart');
  const store = await withSampleCatalogue(await Store.openPostgres(url, 'COMPTOIR-1'));
  try {
    const ids = await newPrescriptions(server, count);
    let refusals = 0;
    const restart = (async () => {
      await new Promise((r) => setTimeout(r, 20));
      cluster.pause();
      await new Promise((r) => setTimeout(r, 500));
      cluster.resume();
    })();
    for (const id of ids) {
      for (;;) {
        try {
          // The lease and the prescription again, as a pharmacist pressing F3 then F9 again would.
          await recordFromServer(store, client(server), id);
          break;
        } catch (error) {
          if (storeFailure(error)?.code !== 'SERVER_UNREACHABLE') throw error;
          refusals++;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
    await restart;
    await new OutboxSender(store, client(server), silentLogger).sendDue(true);
    const counts = await atServer(server, ids);
    return {
      scenario: 'PostgreSQL restarted mid-dispensing',
      dispensings: await store.dispensings.count(),
      'refused while down': refusals,
      'executions at server': counts.reduce((a, b) => a + b, 0),
      ...tally(counts),
    };
  } finally {
    await store.close();
  }
}

/** Several counters on the pharmacy's PostgreSQL: throughput, and nothing lost or doubled. */
export async function severalCounters(scale: BenchScale): Promise<Row[]> {
  const cluster = await startPostgresCluster();
  const server = await startAmServer({ seed: demoSeed(new Date().toISOString().slice(0, 10)), admin: true });
  try {
    return [
      ...(await fourCounters(cluster, server, sized(scale, 50, 3))),
      await killedMidSend(cluster, server),
      await serverRestart(cluster, server, sized(scale, 40, 10)),
      ...(await counterRaces({ cluster, server, newPrescriptions: (count) => newPrescriptions(server, count) }, scale)),
    ];
  } finally {
    await server.close();
    cluster.stop();
  }
}
