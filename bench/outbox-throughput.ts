import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAmServer } from '../src/am-server/am-server.js';
import { DEMO_PATIENTS, DEMO_PHARMACY, DEMO_PRESCRIBERS } from '../src/am-server/demo/demo-actors.js';
import { demoSeed } from '../src/am-server/demo/demo-seed.js';
import { recordDispensing } from '../src/main/services/counter/dispensing-recorder.js';
import { OutboxSender } from '../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../src/main/services/logger.js';
import { Store } from '../src/main/services/store/store.js';
import { TeleserviceClient } from '../src/main/services/teleservice/teleservice-client.js';
import { sampleCatalogue } from '../src/shared/demo/sample-catalogue.js';
import { SAMPLE_PRODUCTS } from '../src/shared/demo/sample-products.js';
import { assessDispensing } from '../src/shared/rules/assess-dispensing.js';
import { percentile, pool, timed, type Row } from './bench-kit.js';

const COUNT = 200;

/** Recording a dispensing locally (one transaction: dispensing, sale lines, outbox, audit), then sending the outbox. */
export async function outboxThroughput(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
  const server = await startAmServer({ db: join(dir, 'am.sqlite'), seed: demoSeed(new Date().toISOString().slice(0, 10)) });
  const store = Store.open(join(dir, 'comptoir.sqlite'), 'bench');
  store.catalogue.upsertMany(sampleCatalogue().map((p) => ({ ...p, sample: true })));
  const client = new TeleserviceClient({ baseUrl: server.url, token: DEMO_PHARMACY.token });
  const prescriber = new TeleserviceClient({ baseUrl: server.url, token: DEMO_PRESCRIBERS.martin.token });
  try {
    const body = { patient: DEMO_PATIENTS.durand, lines: [{ product: { cip13: SAMPLE_PRODUCTS.amoxicilline1g.cip13, label: SAMPLE_PRODUCTS.amoxicilline1g.label }, posology: '1 cp', durationDays: 6, quantity: 2 }] };
    const ids = await pool(COUNT, 8, async () => {
      const res = await fetch(`${server.url}/v1/prescriptions`, { method: 'POST', headers: { Authorization: `Bearer ${DEMO_PRESCRIBERS.martin.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return ((await res.json()) as { id: string }).id;
    });
    void prescriber;
    const recordTimes: number[] = [];
    for (const id of ids) {
      const lease = await client.takeLease(id);
      const prescription = await client.getPrescription(id);
      const proposal = { renewalNumber: 0, counterPatient: null, lines: prescription.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })) };
      const assessment = assessDispensing({ prescription, today: new Date().toISOString().slice(0, 10), products: store.catalogue }, proposal);
      const [, ms] = await timed(async () => recordDispensing(store, { prescription, proposal, assessment, leaseToken: lease.leaseToken, pharmacistRpps: DEMO_PHARMACY.pharmacistRpps, patientSource: 'VITALE', complementaryInfo: null }));
      recordTimes.push(ms);
    }
    const sender = new OutboxSender(store, client, silentLogger);
    let sent = 0;
    const [, total] = await timed(async () => {
      while (sent < COUNT) {
        const report = await sender.sendDue();
        if (report.sent === 0) break;
        sent += report.sent;
      }
    });
    return [
      { step: 'record locally (1 transaction, fsync)', count: COUNT, 'p50 ms': percentile(recordTimes, 50), 'p95 ms': percentile(recordTimes, 95), 'per second': 1000 / percentile(recordTimes, 50) },
      { step: 'send the outbox (sequential, receipts stored)', count: sent, 'p50 ms': total / Math.max(1, sent), 'p95 ms': '', 'per second': (sent / total) * 1000 },
    ];
  } finally {
    store.close();
    await server.close();
  }
}
