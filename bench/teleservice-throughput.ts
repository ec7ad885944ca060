import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAmServer } from '../src/am-server/am-server.js';
import { DEMO_PHARMACY, DEMO_PRESCRIBERS, DEMO_PATIENTS } from '../src/am-server/demo/demo-actors.js';
import { demoSeed } from '../src/am-server/demo/demo-seed.js';
import { SAMPLE_PRODUCTS } from '../src/shared/demo/sample-products.js';
import { percentile, pool, sized, timed, type BenchScale, type Row } from './bench-kit.js';

async function call(url: string, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Executions per second accepted by the mock téléservice on loopback (SQLite file, WAL, synchronous FULL). */
export async function teleserviceThroughput(scale: BenchScale): Promise<Row[]> {
  const COUNT = sized(scale, 400, 16);
  const server = await startAmServer({
    db: join(mkdtempSync(join(tmpdir(), 'bench-am-')), 'am.sqlite'),
    seed: demoSeed(new Date().toISOString().slice(0, 10)),
  });
  const rows: Row[] = [];
  try {
    const prescriber = DEMO_PRESCRIBERS.martin.token;
    const body = {
      patient: DEMO_PATIENTS.durand,
      lines: [
        {
          product: { cip13: SAMPLE_PRODUCTS.amoxicilline1g.cip13, label: SAMPLE_PRODUCTS.amoxicilline1g.label },
          posology: '1 cp matin et soir',
          durationDays: 6,
          quantity: 2,
        },
      ],
    };
    const ids = await pool(COUNT, 8, async () => (await call(server.url, prescriber, 'POST', '/v1/prescriptions', body)).body.id as string);
    const leases = await pool(
      COUNT,
      8,
      async (i) => (await call(server.url, DEMO_PHARMACY.token, 'POST', `/v1/prescriptions/${ids[i]}/lease`)).body.leaseToken as string,
    );
    for (const concurrency of [1, 8]) {
      const offset = concurrency === 1 ? 0 : COUNT / 2;
      const latencies: number[] = [];
      const [, total] = await timed(() =>
        pool(COUNT / 2, concurrency, async (i) => {
          const id = ids[offset + i]!;
          const execution = {
            executionId: randomUUID(),
            dispensedAt: new Date().toISOString(),
            renewalNumber: 0,
            phase: 2,
            pharmacistRpps: DEMO_PHARMACY.pharmacistRpps,
            patient: { nir: DEMO_PATIENTS.durand.nir, source: 'VITALE' },
            lines: [
              {
                lineId: 'L1',
                status: 'DISPENSED',
                dispensed: [{ cip13: SAMPLE_PRODUCTS.amoxicilline1g.cip13, packs: 2 }],
                deviation: { type: 'NONE' },
              },
            ],
          };
          const [res, ms] = await timed(() =>
            call(server.url, DEMO_PHARMACY.token, 'POST', `/v1/prescriptions/${id}/executions`, execution, {
              'X-Lease-Token': leases[offset + i]!,
            }),
          );
          if (res.status !== 201) throw new Error(`execution refused: ${res.status} ${JSON.stringify(res.body)}`);
          latencies.push(ms);
        }),
      );
      rows.push({
        'in flight': concurrency,
        executions: COUNT / 2,
        'per second': (COUNT / 2 / total) * 1000,
        'p50 ms': percentile(latencies, 50),
        'p95 ms': percentile(latencies, 95),
      });
    }
  } finally {
    await server.close();
  }
  return rows;
}
