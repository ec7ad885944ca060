import { describe, expect, it } from 'vitest';
import { cancelDispensing } from '../../../src/main/services/counter/dispensing-cancellation.js';
import { Backoff, Transmitter } from '../../../src/main/services/counter/transmission.js';
import { CancellationSender } from '../../../src/main/services/counter/cancellation-sender.js';
import { OutboxSender } from '../../../src/main/services/counter/outbox-sender.js';
import { TeleserviceAccess } from '../../../src/main/services/teleservice/teleservice-access.js';
import { silentLogger } from '../../../src/main/services/logger.js';
import type { Store } from '../../../src/main/services/store/store.js';
import { TOKENS } from '../../helpers/am-fixture.js';
import { demoServerSuite } from '../../helpers/demo-server-suite.js';
import { recordFromServer } from '../../helpers/dispensing-fixture.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';

const demo = demoServerSuite();

const ID = '013XJ9K2M4P6R8T0V0';
const executionsAt = async () =>
  (await demo.admin.call('GET', `/v1/prescriptions/${ID}/executions`, { token: TOKENS.pharmacy })).body.executions ?? [];
const down = (yes: boolean) => demo.admin.call('POST', '/_mock/faults', { body: yes ? { down: true } : {} });

const record = (store: Store) => recordFromServer(store, demo.client, ID);
const stores = testStores();

describe.each(ENGINES)('cancelling a dispensing (%s)', (engine) => {
  it.runIf(engine === 'postgres')(
    'racing another counter’s send of its execution: SENT is never overwritten, and the cancellation goes to the téléservice instead of « rien n’a été envoyé »',
    async () => {
      const first = await stores.open(engine, 'COMPTOIR-1');
      const second = await stores.again(first, 'COMPTOIR-2');
      const { dispensingId, executionId } = await record(first);
      let claimed!: () => void;
      let release!: () => void;
      const onTheWire = new Promise<void>((r) => (claimed = r));
      const answered = new Promise<void>((r) => (release = r));
      // Counter 1 has the execution on the wire (claimed, its row held until its outcome commits)…
      const sending = first.withClaimedOutboxItem(executionId, async (item, outcome) => {
        claimed();
        await answered;
        const accepted = await demo.client.execute(item.prescriptionId, item.leaseToken ?? '', item.body!);
        await outcome(async (tx) => void (await tx.outbox.markSent(executionId, accepted.receipt)));
      });
      await onTheWire;
      // …while counter 2 cancels the dispensing and settles what it read as never sent.
      await cancelDispensing(second, { dispensingId, reason: 'erreur de patient', actor: 'x' });
      const settling = new CancellationSender(
        second,
        demo.client,
        silentLogger,
        new Transmitter(new TeleserviceAccess(demo.client, () => null), silentLogger, () => new Date(), new Backoff(1000)),
      ).settleUnsent();
      await new Promise((r) => setTimeout(r, 200));
      release();
      await Promise.all([sending, settling]);
      expect(await second.outbox.byExecutionId(executionId)).toMatchObject({ state: 'SENT', lastErrorCode: null });
      expect(await second.cancellations.byExecutionId(executionId)).toMatchObject({ state: 'PENDING' });
      await new OutboxSender(second, demo.client, silentLogger).sendDue();
      expect((await second.cancellations.byExecutionId(executionId))?.state).toBe('SENT');
      expect(await executionsAt()).toEqual([expect.objectContaining({ executionId, cancelled: true })]);
    },
  );

  it('of a transmitted execution: recorded with its audit entry, sent, and the prescription is due again', async () => {
    const store = await stores.open(engine);
    const { dispensingId, executionId } = await record(store);
    const sender = new OutboxSender(store, demo.client, silentLogger);
    await sender.sendDue();
    await cancelDispensing(store, { dispensingId, reason: 'retour du patient', actor: '10001234565' });
    expect(await store.dispensings.byId(dispensingId)).toMatchObject({
      cancelledAt: expect.any(String),
      cancelReason: 'retour du patient',
    });
    // The ordonnancier answers each entry with a cancellation that refers to it.
    const entries = await store.registers.ofDispensing(dispensingId);
    expect(entries.filter((e) => e.kind === 'CANCELLATION').map((e) => e.refersTo)).toEqual(
      entries.filter((e) => e.kind === 'ENTRY').map((e) => e.number),
    );
    await sender.sendDue();
    expect((await store.cancellations.byExecutionId(executionId))?.state).toBe('SENT');
    expect(await executionsAt()).toEqual([expect.objectContaining({ executionId, cancelled: true, cancelReason: 'retour du patient' })]);
    expect((await demo.admin.get(ID)).body.status).toBe('ACTIVE');
    expect(await store.audit.verify()).toEqual({ ok: true, entries: 4, anchored: false });
    await expect(cancelDispensing(store, { dispensingId, reason: 'encore', actor: 'x' })).rejects.toThrow(
      expect.objectContaining({ code: 'ALREADY_CANCELLED' }),
    );
  });

  it('while the téléservice is away: waits, then goes once it is back', async () => {
    const store = await stores.open(engine);
    const { dispensingId, executionId } = await record(store);
    let now = new Date(Date.now() + 10);
    const sender = new OutboxSender(store, demo.client, silentLogger, { now: () => now, backoffBaseMs: 1000 });
    await sender.sendDue();
    await down(true);
    await cancelDispensing(store, { dispensingId, reason: 'erreur de saisie', actor: 'x' });
    now = new Date(Date.now() + 10);
    await sender.sendDue();
    expect(await store.cancellations.byExecutionId(executionId)).toMatchObject({
      state: 'PENDING',
      attempts: 1,
      lastErrorCode: 'UNAVAILABLE',
    });
    await down(false);
    now = new Date(now.getTime() + 5000);
    await sender.sendDue();
    expect((await store.cancellations.byExecutionId(executionId))?.state).toBe('SENT');
    expect((await executionsAt())[0].cancelled).toBe(true);
  });

  it('of an execution that never left: it is never sent, and nothing is « à régulariser »', async () => {
    const store = await stores.open(engine);
    // Recorded, not yet sent (the counter had no network at validation), then cancelled.
    const { dispensingId, executionId } = await record(store);
    await cancelDispensing(store, { dispensingId, reason: 'patient parti sans son traitement', actor: 'x' });
    await new OutboxSender(store, demo.client, silentLogger).sendDue(true);
    expect((await store.cancellations.byExecutionId(executionId))?.state).toBe('LOCAL');
    expect(await store.outbox.byExecutionId(executionId)).toMatchObject({ state: 'REFUSED', lastErrorCode: 'CANCELLED' });
    expect(await executionsAt()).toEqual([]);
  });
});
