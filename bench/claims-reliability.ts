import { spawn } from 'node:child_process';
import { startAmServer, type RunningAmServer } from '../src/am-server/am-server.js';
import { DEMO_PHARMACY } from '../src/am-server/demo/demo-actors.js';
import { demoSeed } from '../src/am-server/demo/demo-seed.js';
import { ClaimsService } from '../src/main/services/claims/claims-service.js';
import { OutboxSender } from '../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../src/main/services/logger.js';
import { Store } from '../src/main/services/store/store.js';
import { TeleserviceClient } from '../src/main/services/teleservice/teleservice-client.js';
import type { VirementMessage } from '../src/shared/claims/claims-schemas.js';
import { parisToday } from '../src/shared/format/paris-date.js';
import { seedReadyFses } from '../test/helpers/claims-seed.js';
import { startPostgresCluster } from '../test/helpers/postgres-cluster.js';
import { openTestStore, tempStoreFile, withSampleCatalogue } from '../test/helpers/store-fixture.js';
import type { BenchScale, Row } from './bench-kit.js';
import { sized } from './bench-kit.js';
import { piecesAtTheCaisse } from './claims-bench.js';

type Counter = { store: Store; sender: OutboxSender; claims: ClaimsService };
const today = parisToday();

const counterOn = (store: Store, server: RunningAmServer): Counter => {
  const client = new TeleserviceClient({ baseUrl: server.url, token: DEMO_PHARMACY.token, retries: 0, timeoutMs: 5000 });
  const sender = new OutboxSender(store, client, silentLogger, { backoffBaseMs: 1, backoffMaxMs: 1 });
  return { store, sender, claims: new ClaimsService(store, client, sender, silentLogger, () => DEMO_PHARMACY.pharmacistRpps) };
};
const mock = (server: RunningAmServer, path: string, body: unknown = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const pharmacyGet = async (server: RunningAmServer, path: string) =>
  (await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` } })).json() as Promise<any>;

/**
 * Claims under faults (claims.md, « Reliability report »): each scenario then liquidated and read to
 * the end; lost = FSEs the caisse never answered, doubled = FSEs it received twice, each message
 * applied once (the pharmacy's messages = the mailbox's), Σ virements = Σ paid.
 */
export async function claimsReliability(scale: BenchScale): Promise<Row[]> {
  const n = sized(scale, 120, 12);
  return [
    await scenario('a lost answer to S1 (sent again with its lotId)', n, async (c, server) => {
      await c.sender.sendDue();
      await mock(server, '/_mock/faults', { dropResponseRate: 1 });
      await c.claims.transmit().catch(() => undefined);
      await mock(server, '/_mock/faults', {});
      await c.sender.sendDue(true);
    }),
    await scenario('a crash between reading the mailbox and its commit', n, async (c, server) => {
      await c.claims.transmit();
      await mock(server, '/_mock/sv/liquidate');
      const proto = Object.getPrototypeOf(c.store.claimMessages) as { advance: (cursor: number) => Promise<void> };
      const original = proto.advance;
      proto.advance = async () => {
        throw new Error('killed before the commit');
      };
      await c.claims.readMailbox().catch(() => undefined);
      proto.advance = original;
    }),
    await killedWithLotInFlight(n),
    await twoCounters(n),
  ];
}

async function scenario(name: string, n: number, run: (c: Counter, server: RunningAmServer) => Promise<void>): Promise<Row> {
  const server = await startAmServer({ seed: demoSeed(today), admin: true });
  const store = await openTestStore(tempStoreFile());
  try {
    piecesAtTheCaisse(server, await seedReadyFses(store, n, today));
    const c = counterOn(store, server);
    await run(c, server);
    return await verdict(name, n, [c], server);
  } finally {
    await store.close();
    await server.close();
  }
}

async function killedWithLotInFlight(n: number): Promise<Row> {
  const server = await startAmServer({ seed: demoSeed(today), admin: true });
  const file = tempStoreFile();
  const seeded = await openTestStore(file);
  piecesAtTheCaisse(server, await seedReadyFses(seeded, n, today));
  await seeded.close();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/claims-child.ts', file, server.url, DEMO_PHARMACY.token], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('MADE') && resolve()));
  await mock(server, '/_mock/faults', { latencyMs: 700 });
  child.stdin.write('go\n');
  await new Promise((r) => setTimeout(r, 250));
  child.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 1200));
  await mock(server, '/_mock/faults', {});
  const store = await openTestStore(file);
  try {
    const c = counterOn(store, server);
    await c.sender.sendDue(true);
    return await verdict('kill -9 while a lot is in flight', n, [c], server);
  } finally {
    await store.close();
    await server.close();
  }
}

async function twoCounters(n: number): Promise<Row> {
  const cluster = await startPostgresCluster();
  const server = await startAmServer({ seed: demoSeed(today), admin: true });
  const url = await cluster.createDatabase('claims');
  const first = await withSampleCatalogue(await Store.openPostgres(url, 'COMPTOIR-1'));
  const second = await Store.openPostgres(url, 'COMPTOIR-2');
  try {
    piecesAtTheCaisse(server, await seedReadyFses(first, n, today));
    const a = counterOn(first, server);
    const b = counterOn(second, server);
    await Promise.all([a.claims.transmit(), b.claims.transmit(), a.claims.transmit()]);
    await mock(server, '/_mock/sv/liquidate');
    await Promise.all([a.claims.readMailbox(), b.claims.readMailbox()]);
    return await verdict('two counters (PostgreSQL) sending and reading at once', n, [a, b], server);
  } finally {
    await first.close();
    await second.close();
    await server.close();
    cluster.stop();
  }
}

/** Everything sent and answered to the end, then counted against the caisse's own view. */
async function verdict(name: string, n: number, counters: Counter[], server: RunningAmServer): Promise<Row> {
  const [c] = counters as [Counter];
  await c.claims.transmit();
  await mock(server, '/_mock/sv/liquidate');
  for (const k of counters) await k.claims.readMailbox();
  const lots = (await pharmacyGet(server, '/sv/v1/lots')).lots as { fseCount: number; arl: string }[];
  const received = lots.filter((l) => l.arl === 'POSITIF').reduce((s, l) => s + l.fseCount, 0);
  const fses = await c.store.fses.all();
  const mailbox: number[] = [];
  for (let after = 0; ;) {
    const page = await pharmacyGet(server, `/sv/v1/mailbox?after=${after}&limit=1000`);
    if (page.messages.length === 0) break;
    mailbox.push(...page.messages.map((m: { seq: number }) => m.seq));
    after = page.cursor;
  }
  const applied = await c.store.claimMessages.all(['ARL', 'RSP', 'VIREMENT']);
  const virements = applied.filter((m): m is VirementMessage => m.type === 'VIREMENT').reduce((s, v) => s + v.totalCents, 0);
  const paid = fses.reduce((s, f) => s + f.amoPaidCents + f.amcPaidCents + f.lateFeeCents, 0);
  return {
    scenario: name,
    FSE: n,
    'lots at the caisse': lots.length,
    lost: fses.filter((f) => f.amoOutcome === null).length,
    doubled: Math.max(0, received - n),
    'messages applied / in the mailbox': `${applied.length} / ${mailbox.length}`,
    'applied twice': applied.length - new Set(applied.map((m) => m.seq)).size,
    'Σ virements = Σ paid': virements === paid ? `yes (${(paid / 100).toFixed(2)} €)` : `NO (${virements} vs ${paid})`,
  };
}
