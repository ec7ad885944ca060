import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { recordDispensing } from '../../../src/main/services/counter/dispensing-recorder.js';
import { OutboxSender } from '../../../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../../../src/main/services/logger.js';
import { scannedOrdonnancePdf } from '../../../src/main/services/pdf/scanned-ordonnance-pdf.js';
import type { Store } from '../../../src/main/services/store/store.js';
import { assessDispensing } from '../../../src/shared/rules/assess-dispensing.js';
import { TOKENS } from '../../helpers/am-fixture.js';
import { demoServerSuite } from '../../helpers/demo-server-suite.js';
import { openTestStore, tempStoreFile } from '../../helpers/store-fixture.js';

const demo = demoServerSuite();

const ID = '013XJ9K2M4P6R8T0V0';
const documentsAt = async () => (await demo.admin.call('GET', '/v1/scor/documents', { token: TOKENS.pharmacy })).body.documents as { documentId: string; minDpi: number; circuit: string; prescriptionId: string }[];

async function record(store: Store) {
  const lease = await demo.client.takeLease(ID);
  const prescription = await demo.client.getPrescription(ID);
  const proposal = { renewalNumber: 0, counterPatient: null, lines: prescription.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })) };
  const assessment = assessDispensing({ prescription, today: new Date().toISOString().slice(0, 10), products: store.catalogue }, proposal);
  return recordDispensing(store, { prescription, proposal, assessment, leaseToken: lease.leaseToken, pharmacistRpps: '10001234565', patientSource: 'VITALE', complementaryInfo: null });
}

async function scan(): Promise<{ pdf: Uint8Array; dpi: number }> {
  const image = new PNG({ width: 1240, height: 1754 });
  image.data.fill(240);
  return scannedOrdonnancePdf(PNG.sync.write(image), 'image/png');
}

describe('the scanned ordonnance through the outbox (phase 1)', () => {
  it('is expected from the dispensing’s own transaction in phase 1, and not at all in phase 2', async () => {
    const phase2 = openTestStore();
    expect(phase2.scor.byDispensingId((await record(phase2)).dispensingId)).toBeNull();
    await demo.admin.call('POST', '/_mock/reset');
    const phase1 = openTestStore();
    phase1.settings.set('regulation.transmissionPhase', 1);
    const { dispensingId } = await record(phase1);
    expect(phase1.scor.byDispensingId(dispensingId)).toMatchObject({ state: 'TO_SCAN', circuit: 'ON', prescriptionId: ID, prescriberRpps: expect.stringMatching(/^\d{11}$/) });
  });

  it('reaches the téléservice exactly once, across a lost answer and a restart on the same file', async () => {
    const file = tempStoreFile();
    const store = openTestStore(file);
    store.settings.set('regulation.transmissionPhase', 1);
    const { dispensingId } = await record(store);
    await new OutboxSender(store, demo.client, silentLogger).sendDue();
    const { pdf, dpi } = await scan();
    expect(store.scor.attach(dispensingId, pdf, 1, dpi)).toBe(true);
    // The téléservice takes it, but the answer is lost: the document stays waiting here.
    await demo.admin.call('POST', '/_mock/faults', { body: { dropResponseRate: 1 } });
    await new OutboxSender(store, demo.client, silentLogger, { backoffBaseMs: 1 }).sendDue(true);
    expect(store.scor.byDispensingId(dispensingId)?.state).toBe('PENDING');
    store.close();
    await demo.admin.call('POST', '/_mock/faults', { body: {} });
    const reopened = openTestStore(file);
    await new OutboxSender(reopened, demo.client, silentLogger).sendDue(true);
    expect(reopened.scor.byDispensingId(dispensingId)?.state).toBe('SENT');
    expect(await documentsAt()).toEqual([expect.objectContaining({ circuit: 'ON', prescriptionId: ID, minDpi: 212 })]);
    expect(reopened.audit.verify().ok).toBe(true);
  });

  it('is never replaced once sent', async () => {
    const store = openTestStore();
    store.settings.set('regulation.transmissionPhase', 1);
    const { dispensingId } = await record(store);
    const { pdf, dpi } = await scan();
    store.scor.attach(dispensingId, pdf, 1, dpi);
    await new OutboxSender(store, demo.client, silentLogger).sendDue(true);
    expect(store.scor.attach(dispensingId, pdf, 1, dpi)).toBe(false);
    expect(await documentsAt()).toHaveLength(1);
  });
});
