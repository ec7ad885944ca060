import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { OutboxSender } from '../../../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../../../src/main/services/logger.js';
import type { Store } from '../../../src/main/services/store/store.js';
import type { DispensingProposal } from '../../../src/shared/rules/dispensing-types.js';
import { TOKENS } from '../../helpers/am-fixture.js';
import { exited } from '../../helpers/processes.js';
import { demoServerSuite } from '../../helpers/demo-server-suite.js';
import { recordFromServer } from '../../helpers/dispensing-fixture.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';
import { openTestStore, tempStoreFile } from '../../helpers/store-fixture.js';

const demo = demoServerSuite();

const executionsAt = async (id: string) =>
  (await demo.admin.call('GET', `/v1/prescriptions/${id}/executions`, { token: TOKENS.pharmacy })).body.executions ?? [];

const record = (store: Store, id: string, edit?: (p: DispensingProposal) => DispensingProposal) =>
  recordFromServer(store, demo.client, id, edit);
const stores = testStores();

describe.each(ENGINES)('the outbox (%s)', (engine) => {
  it('writes the dispensing, its sale lines, its outbox row and its audit entry together, then sends with a receipt', async () => {
    const store = await stores.open(engine);
    const { dispensingId, executionId } = await record(store, '013XJ9K2M4P6R8T0V0');
    expect((await store.dispensings.byId(dispensingId))?.saleLines).toHaveLength(3);
    expect(await store.outbox.byExecutionId(executionId)).toMatchObject({ state: 'PENDING', attempts: 0 });
    expect(await new OutboxSender(store, demo.client, silentLogger).sendDue()).toEqual({ sent: 1, retried: 0, refused: 0 });
    expect(await store.outbox.byExecutionId(executionId)).toMatchObject({
      state: 'SENT',
      receipt: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(await store.audit.verify()).toEqual({ ok: true, entries: 2, anchored: false });
    expect(await executionsAt('013XJ9K2M4P6R8T0V0')).toHaveLength(1);
  });

  it('waits while the server answers 503, backing off, then delivers once it recovers', async () => {
    const store = await stores.open(engine);
    const { executionId } = await record(store, '013XJ9K2M4P6R8T0V0');
    let now = new Date(Date.now() + 10);
    const sender = new OutboxSender(store, demo.client, silentLogger, { now: () => now, backoffBaseMs: 1000 });
    // The counter's token verified (GET /v1/me) before the server goes away: it sends, and backs off.
    expect(await sender.access.verify()).toBe('granted');
    await demo.admin.call('POST', '/_mock/faults', { body: { down: true } });
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 1, refused: 0 });
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 0, refused: 0 });
    now = new Date(now.getTime() + 1500);
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 1, refused: 0 });
    expect(await store.outbox.byExecutionId(executionId)).toMatchObject({ state: 'PENDING', attempts: 2, lastErrorCode: 'UNAVAILABLE' });
    await demo.admin.call('POST', '/_mock/faults', { body: {} });
    now = new Date(now.getTime() + 5000);
    expect(await sender.sendDue()).toEqual({ sent: 1, retried: 0, refused: 0 });
    expect(await executionsAt('013XJ9K2M4P6R8T0V0')).toHaveLength(1);
  });

  it('waits at least what the server asks (Retry-After on its 503s), whatever its own backoff', async () => {
    const store = await stores.open(engine);
    const { executionId } = await record(store, '013XJ9K2M4P6R8T0V0');
    const now = new Date(Date.now() + 10);
    const sender = new OutboxSender(store, demo.client, silentLogger, { now: () => now, backoffBaseMs: 1 });
    expect(await sender.access.verify()).toBe('granted');
    await demo.admin.call('POST', '/_mock/faults', { body: { down: true, retryAfterSeconds: 120 } });
    try {
      expect(await sender.sendDue()).toEqual({ sent: 0, retried: 1, refused: 0 });
    } finally {
      await demo.admin.call('POST', '/_mock/faults', { body: {} });
    }
    const next = Date.parse((await store.outbox.byExecutionId(executionId))!.nextAttemptAt);
    expect(next - now.getTime()).toBeGreaterThanOrEqual(120_000);
    expect(await store.outbox.due(new Date(now.getTime() + 60_000).toISOString())).toEqual([]);
  });

  it('while the server answers, its background ticks keep each item’s backoff; back after an outage, everything goes at once', async () => {
    const store = await stores.open(engine);
    const { executionId } = await record(store, '013XJ9K2M4P6R8T0V0');
    // Throttled earlier (a Retry-After): not before an hour from now.
    await store.outbox.markRetry(executionId, 'RATE_LIMITED', 'Trop de demandes.', new Date(Date.now() + 3_600_000).toISOString());
    const sender = new OutboxSender(store, demo.client, silentLogger);
    sender.start(50);
    try {
      await new Promise((r) => setTimeout(r, 400));
      expect(await store.outbox.byExecutionId(executionId)).toMatchObject({ state: 'PENDING', attempts: 1 });
      // The server away, then back: the waiting item leaves at once.
      await demo.admin.call('POST', '/_mock/faults', { body: { down: true } });
      await new Promise((r) => setTimeout(r, 300));
      await demo.admin.call('POST', '/_mock/faults', { body: {} });
      await expect.poll(async () => (await store.outbox.byExecutionId(executionId))?.state, { timeout: 5_000 }).toBe('SENT');
    } finally {
      sender.stop();
      await demo.admin.call('POST', '/_mock/faults', { body: {} });
    }
  });

  it('turns a refusal into an « à régulariser » item with the server’s reason', async () => {
    const store = await stores.open(engine);
    const { executionId } = await record(store, '013XJ9K2M4P6R8T0V0', (p) => ({ ...p, counterPatient: { nir: '185077512345608' } }));
    const body = (await store.outbox.byExecutionId(executionId))!.body!;
    expect(body.patient.override).toBeNull();
    expect(await new OutboxSender(store, demo.client, silentLogger).sendDue()).toEqual({ sent: 0, retried: 0, refused: 1 });
    expect(await store.outbox.list(['REFUSED'])).toEqual([
      expect.objectContaining({
        executionId,
        lastErrorCode: 'PATIENT_MISMATCH',
        lastErrorMessage: expect.stringMatching(/patient n’est pas celui/),
      }),
    ]);
  });

  it('takes the lease again when it expired while the server was away', async () => {
    const store = await stores.open(engine);
    const { executionId } = await record(store, '013XJ9K2M4P6R8T0V0');
    await demo.admin.call('POST', '/_mock/clock', { body: { now: new Date(Date.now() + 15 * 60_000).toISOString() } });
    expect(await new OutboxSender(store, demo.client, silentLogger).sendDue()).toEqual({ sent: 1, retried: 0, refused: 0 });
    expect((await store.outbox.byExecutionId(executionId))?.state).toBe('SENT');
  });

  it('keeps one prescription’s executions in order: a later one never overtakes one that waits', async () => {
    const store = await stores.open(engine);
    const renewable = '010000000000000ABZ';
    await record(store, renewable);
    await record(store, renewable, (p) => ({ ...p, renewalNumber: 1 }));
    await record(store, '013XJ9K2M4P6R8T0V0');
    let now = new Date(Date.now() + 10);
    const sender = new OutboxSender(store, demo.client, silentLogger, { now: () => now, backoffBaseMs: 1000 });
    // The counter's token verified (GET /v1/me) before the server goes away: it sends, and backs off.
    expect(await sender.access.verify()).toBe('granted');
    await demo.admin.call('POST', '/_mock/faults', { body: { down: true } });
    // Each prescription's first item is tried once; the renewal behind it is not tried at all.
    expect(await sender.sendDue()).toEqual({ sent: 0, retried: 2, refused: 0 });
    await demo.admin.call('POST', '/_mock/faults', { body: {} });
    expect(await store.outbox.due(now.toISOString())).toEqual([]);
    now = new Date(now.getTime() + 1500);
    expect((await store.outbox.due(now.toISOString())).map((i) => [i.prescriptionId, i.body?.renewalNumber])).toEqual([
      [renewable, 0],
      [renewable, 1],
      ['013XJ9K2M4P6R8T0V0', 0],
    ]);
    expect(await sender.sendDue()).toEqual({ sent: 3, retried: 0, refused: 0 });
    expect((await executionsAt(renewable)).map((e: { renewalNumber: number }) => e.renewalNumber)).toEqual([0, 1]);
  });

  it.skipIf(engine === 'postgres').each(['send-now', 'sleep-first'])(
    'survives a kill -9 of the workstation (%s): one execution at the server, none lost',
    async (mode) => {
      const file = tempStoreFile();
      await (await openTestStore(file)).close();
      if (mode === 'send-now') await demo.admin.call('POST', '/_mock/faults', { body: { latencyMs: 700 } });
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/helpers/outbox-child.ts', file, demo.server.url, TOKENS.pharmacy, '013XJ9K2M4P6R8T0V0', mode],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('RECORDED') && resolve());
        child.on('exit', () => reject(new Error('child exited before recording')));
      });
      await new Promise((r) => setTimeout(r, mode === 'send-now' ? 250 : 50));
      child.kill('SIGKILL');
      await exited(child);
      await new Promise((r) => setTimeout(r, mode === 'send-now' ? 900 : 0));
      await demo.admin.call('POST', '/_mock/faults', { body: {} });

      const store = await openTestStore(file);
      const [item] = await store.outbox.list();
      expect(item).toMatchObject({ state: 'PENDING' });
      expect(await new OutboxSender(store, demo.client, silentLogger).sendDue()).toEqual({ sent: 1, retried: 0, refused: 0 });
      expect((await store.outbox.byExecutionId(item!.executionId))?.state).toBe('SENT');
      expect(await executionsAt('013XJ9K2M4P6R8T0V0')).toHaveLength(1);
      expect(await store.dispensings.count()).toBe(1);
      await store.close();
    },
  );
});

describe.each(ENGINES)('two workstations of the same pharmacy on the same prescription (%s)', (engine) => {
  it('share the pharmacy’s lease; the second execution is refused as already dispensed, never doubled', async () => {
    const first = await stores.open(engine);
    const second = await stores.open(engine);
    await record(first, '013XJ9K2M4P6R8T0V0');
    await record(second, '013XJ9K2M4P6R8T0V0');
    const reports = await Promise.all([
      new OutboxSender(first, demo.client, silentLogger).sendDue(),
      new OutboxSender(second, demo.client, silentLogger).sendDue(),
    ]);
    expect(reports.map((r) => r.sent).sort()).toEqual([0, 1]);
    const refused = [...(await first.outbox.list(['REFUSED'])), ...(await second.outbox.list(['REFUSED']))];
    expect(refused).toEqual([
      expect.objectContaining({ lastErrorCode: 'ALREADY_DISPENSED', lastErrorMessage: expect.stringMatching(/déjà délivrée/) }),
    ]);
    expect(await executionsAt('013XJ9K2M4P6R8T0V0')).toHaveLength(1);
  });
});
