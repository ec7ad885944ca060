import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CounterContext } from '../../../src/main/services/counter/counter-context.js';
import { DispensingFollowUp } from '../../../src/main/services/counter/dispensing-follow-up.js';
import { OutboxSender } from '../../../src/main/services/counter/outbox-sender.js';
import { ScorSender } from '../../../src/main/services/counter/scor-sender.js';
import { Backoff, Transmitter } from '../../../src/main/services/counter/transmission.js';
import { TeleserviceAccess } from '../../../src/main/services/teleservice/teleservice-access.js';
import { silentLogger } from '../../../src/main/services/logger.js';
import { scannedOrdonnancePdf } from '../../../src/main/services/pdf/scanned-ordonnance-pdf.js';
import type { Store } from '../../../src/main/services/store/store.js';
import { TOKENS } from '../../helpers/am-fixture.js';
import { demoServerSuite } from '../../helpers/demo-server-suite.js';
import { recordFromServer } from '../../helpers/dispensing-fixture.js';
import { ENGINES, testStores } from '../../helpers/store-engines.js';

const demo = demoServerSuite();

const ID = '013XJ9K2M4P6R8T0V0';
const documentsAt = async () =>
  (await demo.admin.call('GET', '/v1/scor/documents', { token: TOKENS.pharmacy })).body.documents as {
    documentId: string;
    minDpi: number;
    circuit: string;
    prescriptionId: string;
  }[];

const record = (store: Store) => recordFromServer(store, demo.client, ID, (p) => ({ ...p, counterPatient: null }));
const stores = testStores();

async function scan(): Promise<{ pdf: Uint8Array; dpi: number }> {
  const image = new PNG({ width: 1240, height: 1754 });
  image.data.fill(240);
  return scannedOrdonnancePdf(PNG.sync.write(image), 'image/png');
}

describe.each(ENGINES)('the scanned ordonnance through the outbox, phase 1 (%s)', (engine) => {
  it('is expected from the dispensing’s own transaction in phase 1 (a new store’s), and not at all in phase 2', async () => {
    const phase2 = await stores.open(engine);
    expect(await phase2.settings.get('regulation.transmissionPhase')).toBe(1);
    await phase2.settings.set('regulation.transmissionPhase', 2);
    expect(await phase2.scor.byDispensingId((await record(phase2)).dispensingId)).toBeNull();
    await demo.admin.call('POST', '/_mock/reset');
    const phase1 = await stores.open(engine);
    await phase1.settings.set('regulation.transmissionPhase', 1);
    const { dispensingId } = await record(phase1);
    expect(await phase1.scor.byDispensingId(dispensingId)).toMatchObject({
      state: 'TO_SCAN',
      circuit: 'ON',
      prescriptionId: ID,
      prescriberRpps: expect.stringMatching(/^\d{11}$/),
    });
  });

  it('reaches the téléservice exactly once, across a lost answer and a restart on the same database', async () => {
    const store = await stores.open(engine);
    await store.settings.set('regulation.transmissionPhase', 1);
    const { dispensingId } = await record(store);
    await new OutboxSender(store, demo.client, silentLogger).sendDue();
    const { pdf, dpi } = await scan();
    expect(await store.scor.attach(dispensingId, pdf, 1, dpi)).toBe(true);
    // The téléservice takes it, but the answer is lost: the document stays waiting here.
    await demo.admin.call('POST', '/_mock/faults', { body: { dropResponseRate: 1 } });
    await new OutboxSender(store, demo.client, silentLogger, { backoffBaseMs: 1 }).sendDue(true);
    expect((await store.scor.byDispensingId(dispensingId))?.state).toBe('PENDING');
    const reopened = await stores.again(store);
    await store.close();
    await demo.admin.call('POST', '/_mock/faults', { body: {} });
    await new OutboxSender(reopened, demo.client, silentLogger).sendDue(true);
    expect((await reopened.scor.byDispensingId(dispensingId))?.state).toBe('SENT');
    expect(await documentsAt()).toEqual([expect.objectContaining({ circuit: 'ON', prescriptionId: ID, minDpi: 212 })]);
    expect((await reopened.audit.verify()).ok).toBe(true);
  });

  it('is never replaced once sent', async () => {
    const store = await stores.open(engine);
    await store.settings.set('regulation.transmissionPhase', 1);
    const { dispensingId } = await record(store);
    const { pdf, dpi } = await scan();
    await store.scor.attach(dispensingId, pdf, 1, dpi);
    await new OutboxSender(store, demo.client, silentLogger).sendDue(true);
    expect(await store.scor.attach(dispensingId, pdf, 1, dpi)).toBe(false);
    expect(await documentsAt()).toHaveLength(1);
  });
});

describe.each(ENGINES)('a scan submitted twice at once (%s)', (engine) => {
  it('is attached once, with one audit entry; the second says it is done', async () => {
    await demo.admin.call('POST', '/_mock/reset');
    const store = await stores.open(engine);
    const { dispensingId } = await record(store);
    const sender = new OutboxSender(store, demo.client, silentLogger);
    const followUp = new DispensingFollowUp(new CounterContext(store, sender, () => null));
    const image = new PNG({ width: 1240, height: 1754 });
    image.data.fill(240);
    const input = { dispensingId, imageBase64: PNG.sync.write(image).toString('base64'), mime: 'image/png' as const };
    const outcomes = await Promise.allSettled([followUp.attachScan(input), followUp.attachScan(input)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'ALREADY_SCANNED' } });
    const audited = await store.engine.db.selectFrom('audit_log').select('action').where('action', '=', 'scor.scanned').execute();
    expect(audited).toHaveLength(1);
  });
});

describe.each(ENGINES)('a scanned ordonnance and two counters sending (%s)', (engine) => {
  it.runIf(engine === 'postgres')('is held by the counter sending it: sent once, audited once, whichever counter sends it', async () => {
    await demo.admin.call('POST', '/_mock/reset');
    const first = await stores.open(engine, 'COMPTOIR-1');
    const second = await stores.again(first, 'COMPTOIR-2');
    const { dispensingId } = await record(first);
    const { pdf, dpi } = await scan();
    expect(await first.scor.attach(dispensingId, pdf, 1, dpi)).toBe(true);
    const senderOf = (store: Store) =>
      new ScorSender(
        store,
        demo.client,
        new Transmitter(new TeleserviceAccess(demo.client, () => null), silentLogger, () => new Date(), new Backoff(1_000)),
      );
    await demo.admin.call('POST', '/_mock/faults', { body: { latencyMs: 300 } });
    try {
      const [a, b] = await Promise.all([senderOf(first).sendDue(new Date(), true), senderOf(second).sendDue(new Date(), true)]);
      expect(a.sent + b.sent).toBe(1);
    } finally {
      await demo.admin.call('POST', '/_mock/faults', { body: {} });
    }
    expect(await first.engine.db.selectFrom('audit_log').select('action').where('action', '=', 'scor.sent').execute()).toHaveLength(1);
    expect(await first.scor.byDispensingId(dispensingId)).toMatchObject({ state: 'SENT' });
  });
});
