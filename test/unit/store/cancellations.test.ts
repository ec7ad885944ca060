import { describe, expect, it } from 'vitest';
import { cancelDispensing } from '../../../src/main/services/counter/dispensing-cancellation.js';
import { recordDispensing } from '../../../src/main/services/counter/dispensing-recorder.js';
import { OutboxSender } from '../../../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../../../src/main/services/logger.js';
import type { Store } from '../../../src/main/services/store/store.js';
import { assessDispensing } from '../../../src/shared/rules/assess-dispensing.js';
import { TOKENS } from '../../helpers/am-fixture.js';
import { demoServerSuite } from '../../helpers/demo-server-suite.js';
import { openTestStore } from '../../helpers/store-fixture.js';

const demo = demoServerSuite();

const ID = '013XJ9K2M4P6R8T0V0';
const executionsAt = async () => (await demo.admin.call('GET', `/v1/prescriptions/${ID}/executions`, { token: TOKENS.pharmacy })).body.executions ?? [];
const down = (yes: boolean) => demo.admin.call('POST', '/_mock/faults', { body: yes ? { down: true } : {} });

async function record(store: Store) {
  const lease = await demo.client.takeLease(ID);
  const prescription = await demo.client.getPrescription(ID);
  const proposal = { renewalNumber: 0, counterPatient: { nir: prescription.patient.nir }, lines: prescription.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })) };
  const assessment = assessDispensing({ prescription, today: new Date().toISOString().slice(0, 10), products: store.catalogue }, proposal);
  return recordDispensing(store, { prescription, proposal, assessment, leaseToken: lease.leaseToken, pharmacistRpps: '10001234565', patientSource: 'VITALE', complementaryInfo: null });
}

describe('cancelling a dispensing', () => {
  it('of a transmitted execution: recorded with its audit entry, sent, and the prescription is due again', async () => {
    const store = openTestStore();
    const { dispensingId, executionId } = await record(store);
    const sender = new OutboxSender(store, demo.client, silentLogger);
    await sender.sendDue();
    cancelDispensing(store, { dispensingId, reason: 'retour du patient', actor: '10001234565' });
    expect(store.dispensings.byId(dispensingId)).toMatchObject({ cancelledAt: expect.any(String), cancelReason: 'retour du patient' });
    // The ordonnancier answers each entry with a cancellation that refers to it.
    const entries = store.registers.ofDispensing(dispensingId);
    expect(entries.filter((e) => e.kind === 'CANCELLATION').map((e) => e.refersTo)).toEqual(entries.filter((e) => e.kind === 'ENTRY').map((e) => e.number));
    await sender.sendDue();
    expect(store.cancellations.byExecutionId(executionId)?.state).toBe('SENT');
    expect(await executionsAt()).toEqual([expect.objectContaining({ executionId, cancelled: true, cancelReason: 'retour du patient' })]);
    expect((await demo.admin.get(ID)).body.status).toBe('ACTIVE');
    expect(store.audit.verify()).toEqual({ ok: true, entries: 4, anchored: false });
    expect(() => cancelDispensing(store, { dispensingId, reason: 'encore', actor: 'x' })).toThrow(expect.objectContaining({ code: 'ALREADY_CANCELLED' }));
  });

  it('while the téléservice is away: waits, then goes once it is back', async () => {
    const store = openTestStore();
    const { dispensingId, executionId } = await record(store);
    let now = new Date(Date.now() + 10);
    const sender = new OutboxSender(store, demo.client, silentLogger, { now: () => now, backoffBaseMs: 1000 });
    await sender.sendDue();
    await down(true);
    cancelDispensing(store, { dispensingId, reason: 'erreur de saisie', actor: 'x' });
    now = new Date(Date.now() + 10);
    await sender.sendDue();
    expect(store.cancellations.byExecutionId(executionId)).toMatchObject({ state: 'PENDING', attempts: 1, lastErrorCode: 'UNAVAILABLE' });
    await down(false);
    now = new Date(now.getTime() + 5000);
    await sender.sendDue();
    expect(store.cancellations.byExecutionId(executionId)?.state).toBe('SENT');
    expect((await executionsAt())[0].cancelled).toBe(true);
  });

  it('of an execution that never left: it is never sent, and nothing is « à régulariser »', async () => {
    const store = openTestStore();
    // Recorded, not yet sent (the counter had no network at validation), then cancelled.
    const { dispensingId, executionId } = await record(store);
    cancelDispensing(store, { dispensingId, reason: 'patient parti sans son traitement', actor: 'x' });
    await new OutboxSender(store, demo.client, silentLogger).sendDue(true);
    expect(store.cancellations.byExecutionId(executionId)?.state).toBe('LOCAL');
    expect(store.outbox.byExecutionId(executionId)).toMatchObject({ state: 'REFUSED', lastErrorCode: 'CANCELLED' });
    expect(await executionsAt()).toEqual([]);
  });
});
