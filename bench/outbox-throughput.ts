import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAmServer } from '../src/am-server/am-server.js';
import { DEMO_PATIENTS, DEMO_PHARMACY, DEMO_PRESCRIBERS } from '../src/am-server/demo/demo-actors.js';
import { demoSeed } from '../src/am-server/demo/demo-seed.js';
import { recordDispensing } from '../src/main/services/counter/dispensing-recorder.js';
import { OutboxSender } from '../src/main/services/counter/outbox-sender.js';
import { silentLogger } from '../src/main/services/logger.js';
import { TeleserviceClient } from '../src/main/services/teleservice/teleservice-client.js';
import { openTestStore } from '../test/helpers/store-fixture.js';
import { SAMPLE_PRODUCTS } from '../src/shared/demo/sample-products.js';
import { assessDispensing } from '../src/shared/rules/assess-dispensing.js';
import { percentile, pool, sized, timed, type BenchScale, type Row } from './bench-kit.js';

/** Recording a dispensing locally, then sending the outbox; and the catch-up after an outage. */
export async function outboxThroughput(scale: BenchScale): Promise<Record<string, Row[]>> {
  return { record: await recordThenSend(sized(scale, 200, 10)), catchUp: [await catchUp(sized(scale, 250, 5), 4, 100)] };
}

/** Recording a dispensing locally (one transaction: dispensing, sale lines, outbox, audit), then sending the outbox. */
async function recordThenSend(COUNT: number): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
  const server = await startAmServer({ db: join(dir, 'am.sqlite'), seed: demoSeed(new Date().toISOString().slice(0, 10)) });
  const store = await openTestStore(join(dir, 'comptoir.sqlite'));
  const client = new TeleserviceClient({ baseUrl: server.url, token: DEMO_PHARMACY.token });
  try {
    const body = {
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
    const ids = await pool(COUNT, 8, async () => {
      const res = await fetch(`${server.url}/v1/prescriptions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${DEMO_PRESCRIBERS.martin.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return ((await res.json()) as { id: string }).id;
    });
    const recordTimes: number[] = [];
    for (const id of ids) {
      const lease = await client.takeLease(id);
      const prescription = await client.getPrescription(id);
      const proposal = {
        renewalNumber: 0,
        counterPatient: null,
        lines: prescription.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })),
      };
      const products = await store.catalogue.factsFor(prescription.lines.map((l) => l.product.cip13));
      const assessment = assessDispensing({ prescription, today: new Date().toISOString().slice(0, 10), products }, proposal);
      const [, ms] = await timed(async () =>
        recordDispensing(store, {
          prescription,
          proposal,
          assessment,
          leaseToken: lease.leaseToken,
          pharmacistRpps: DEMO_PHARMACY.pharmacistRpps,
          patientSource: 'VITALE',
          complementaryInfo: null,
        }),
      );
      recordTimes.push(ms);
    }
    const sender = new OutboxSender(store, client, silentLogger, { concurrency: 1 });
    let sent = 0;
    const [, total] = await timed(async () => {
      while (sent < COUNT) {
        const report = await sender.sendDue();
        if (report.sent === 0) break;
        sent += report.sent;
      }
    });
    return [
      {
        step: 'record locally (1 transaction, fsync)',
        count: COUNT,
        'p50 ms': percentile(recordTimes, 50),
        'p95 ms': percentile(recordTimes, 95),
        'per second': 1000 / percentile(recordTimes, 50),
      },
      {
        step: 'send the outbox (sequential, receipts stored)',
        count: sent,
        'p50 ms': total / Math.max(1, sent),
        'p95 ms': '',
        'per second': (sent / total) * 1000,
      },
    ];
  } finally {
    await store.close();
    await server.close();
  }
}

/**
 * The server was away while the counter worked: `prescriptions` × `renewals` executions wait. It
 * answers again, `latencyMs` slow; how long until all are sent, each prescription's in order?
 */
async function catchUp(prescriptions: number, renewals: number, latencyMs: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-catch-up-'));
  const server = await startAmServer({ db: join(dir, 'am.sqlite'), seed: demoSeed(new Date().toISOString().slice(0, 10)), admin: true });
  const store = await openTestStore(join(dir, 'comptoir.sqlite'));
  const client = new TeleserviceClient({ baseUrl: server.url, token: DEMO_PHARMACY.token });
  const faults = (body: object) => fetch(`${server.url}/_mock/faults`, { method: 'POST', body: JSON.stringify(body) });
  try {
    const body = {
      patient: DEMO_PATIENTS.durand,
      lines: [
        {
          product: { cip13: SAMPLE_PRODUCTS.levothyroxine75.cip13, label: SAMPLE_PRODUCTS.levothyroxine75.label },
          posology: '1 cp le matin',
          durationDays: 30,
          quantity: 1,
          repeats: renewals - 1,
        },
      ],
    };
    const ids = await pool(prescriptions, 8, async () => {
      const res = await fetch(`${server.url}/v1/prescriptions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${DEMO_PRESCRIBERS.martin.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return ((await res.json()) as { id: string }).id;
    });
    for (let renewal = 0; renewal < renewals; renewal++) {
      for (const id of ids) {
        const lease = await client.takeLease(id);
        const prescription = await client.getPrescription(id);
        const proposal = {
          renewalNumber: renewal,
          counterPatient: null,
          lines: prescription.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })),
        };
        const products = await store.catalogue.factsFor(prescription.lines.map((l) => l.product.cip13));
        const assessment = assessDispensing({ prescription, today: new Date().toISOString().slice(0, 10), products }, proposal);
        await recordDispensing(store, {
          prescription,
          proposal,
          assessment,
          leaseToken: lease.leaseToken,
          pharmacistRpps: DEMO_PHARMACY.pharmacistRpps,
          patientSource: 'VITALE',
          complementaryInfo: null,
        });
      }
    }
    const waiting = (await store.outbox.counts()).PENDING;
    await faults({ latencyMs });
    const sender = new OutboxSender(store, client, silentLogger);
    const [report, ms] = await timed(() => sender.sendDue(true));
    await faults({});
    let inOrder = 0;
    let atServer = 0;
    for (const id of ids) {
      const res = await fetch(`${server.url}/v1/prescriptions/${id}/executions`, {
        headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` },
      });
      const numbers = ((await res.json()) as { executions: { renewalNumber: number }[] }).executions.map((e) => e.renewalNumber);
      atServer += numbers.length;
      if (numbers.join() === Array.from({ length: renewals }, (_, i) => i).join()) inOrder++;
    }
    if (report.sent !== waiting || atServer !== waiting || inOrder !== prescriptions)
      throw new Error(`catch-up: ${report.sent} sent, ${atServer} at the server, ${inOrder}/${prescriptions} in order, of ${waiting}`);
    return {
      waiting,
      'server latency': `${latencyMs} ms`,
      'in flight': store.parallelSends,
      seconds: ms / 1000,
      'prescriptions in order': `${inOrder}/${prescriptions}`,
      lost: waiting - atServer,
      doubled: Math.max(0, atServer - waiting),
      goal: '≤ 15 s',
    };
  } finally {
    await store.close();
    await server.close();
  }
}
