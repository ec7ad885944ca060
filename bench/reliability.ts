import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { startAmServer, type RunningAmServer } from '../src/am-server/am-server.js';
import { DEMO_PHARMACY } from '../src/am-server/demo/demo-actors.js';
import { demoSeed } from '../src/am-server/demo/demo-seed.js';
import { OutboxSender } from '../src/main/services/counter/outbox-sender.js';
import { createDispatcher } from '../src/main/services/contract-dispatcher.js';
import { HidPosAssembler } from '../src/main/services/e-reader/hid-pos-assembler.js';
import { silentLogger } from '../src/main/services/logger.js';
import { parseCatalogueCsv, CATALOGUE_HEADER } from '../src/main/services/store/catalogue-csv.js';
import { TeleserviceClient } from '../src/main/services/teleservice/teleservice-client.js';
import { classifyCode } from '../src/shared/codes/classify.js';
import { classifiedCodeSchema } from '../src/shared/codes/code-kinds.js';
import { displayText } from '../src/shared/codes/display-text.js';
import type { CallHandlers } from '../src/shared/contract/ipc-contract.js';
import { CALL_NAMES } from '../src/shared/contract/names.js';
import { recordFromServer } from '../test/helpers/dispensing-fixture.js';
import { openTestStore, tempStoreFile } from '../test/helpers/store-fixture.js';
import { sized, type BenchScale, type Row } from './bench-kit.js';
import { securityProbes } from './security-probes.js';
import { severalCounters } from './several-counters.js';
import { claimsReliability } from './claims-reliability.js';

/** gematik-style hostile 2D-code payloads: markup, padding, control characters, overlong, odd encodings. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '\u0000\u0001\u0002013XJ9K2M4P6R8T0V0',
  '013XJ9K2M4P6R8T0V0\u202e',
  ' '.repeat(5000),
  'A'.repeat(100_000),
  '%00%0d%0a',
  '{"__proto__":{"x":1}}',
  "'; DROP TABLE patients; --",
  '\ufeff013XJ9K2M4P6R8T0V0',
  ']Q1]Q1]Q1',
  ']d2\u001d\u001d\u001d',
  'APCV1::',
  'ATP1|AMC=|',
  'DC0' + '\u0000'.repeat(10),
];

/** Runs `fn`, counting what it throws: a boundary must answer every input, never throw. */
function guarded(counter: { unhandled: number }, fn: () => void): void {
  try {
    fn();
  } catch {
    counter.unhandled++;
  }
}

async function fuzz(scale: BenchScale): Promise<Row[]> {
  const runs = sized(scale, 100_000, 300);
  const rows: Row[] = [];
  const codes = { inputs: 0, unhandled: 0, unsafe: 0 };
  const check = (text: string): void =>
    guarded(codes, () => {
      codes.inputs++;
      const c = classifyCode(text);
      if (!classifiedCodeSchema.safeParse(c).success) codes.unsafe++;
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u202a-\u202e]/.test(displayText(c.text))) codes.unsafe++;
    });
  HOSTILE.forEach(check);
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => void check(s)),
    { numRuns: runs },
  );
  rows.push({
    boundary: 'scanned strings → classifier',
    inputs: codes.inputs,
    'unhandled errors': codes.unhandled,
    'unsafe outputs': codes.unsafe,
  });

  const assembler = new HidPosAssembler();
  const reports = { inputs: 0, unhandled: 0 };
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 80 }), fc.boolean(), (bytes, hidPos) => {
      if (hidPos && bytes.length > 0) bytes[0] = 2;
      guarded(reports, () => assembler.push(bytes, reports.inputs++));
    }),
    { numRuns: runs },
  );
  rows.push({
    boundary: 'HID reports → reassembly',
    inputs: reports.inputs,
    'unhandled errors': reports.unhandled,
    'unsafe outputs': 'n/a (bytes in, reads out: classified next)',
  });

  const stub = Object.fromEntries(
    CALL_NAMES.map((n) => [
      n,
      async () => {
        throw new Error('reached');
      },
    ]),
  ) as unknown as CallHandlers;
  const dispatch = createDispatcher(stub, silentLogger);
  const payloads = { inputs: 0, unhandled: 0, reached: 0 };
  // In batches, so 100 000 pending promises never sit in memory at once.
  for (let done = 0; done < runs; done += 5_000) {
    const results: Promise<void>[] = [];
    fc.assert(
      fc.property(
        fc.constantFrom(...CALL_NAMES, 'fs.read', '__proto__'),
        fc.anything({ withObjectString: true, withNullPrototype: true }),
        (name, input) => {
          payloads.inputs++;
          results.push(
            dispatch(name, input).then(
              (r) => void (!r.ok && r.error.code === 'INTERNAL_ERROR' && payloads.reached++),
              () => void payloads.unhandled++,
            ),
          );
        },
      ),
      { numRuns: Math.min(5_000, runs - done), seed: done },
    );
    await Promise.all(results);
  }
  rows.push({
    boundary: 'IPC payloads → dispatcher',
    inputs: payloads.inputs,
    'unhandled errors': payloads.unhandled,
    'unsafe outputs': `0 (${payloads.reached} well-formed by chance reached a handler)`,
  });

  const catalogue = { inputs: 0, unhandled: 0 };
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 120 }), { minLength: 1, maxLength: 20 }), (rowsOfText) => {
      catalogue.inputs += rowsOfText.length;
      guarded(catalogue, () => parseCatalogueCsv([CATALOGUE_HEADER.join(';'), ...rowsOfText].join('\n')));
    }),
    { numRuns: Math.ceil(runs / 5) },
  );
  rows.push({
    boundary: 'catalogue file rows → importer',
    inputs: catalogue.inputs,
    'unhandled errors': catalogue.unhandled,
    'unsafe outputs': 'n/a (rows accepted or refused with their line)',
  });
  return rows;
}

async function oneDispensing(server: RunningAmServer, file: string, id: string) {
  const store = await openTestStore(file);
  const client = new TeleserviceClient({ baseUrl: server.url, token: DEMO_PHARMACY.token, retries: 0, timeoutMs: 2000 });
  await recordFromServer(store, client, id, (p) => ({ ...p, counterPatient: null }));
  return { store, client };
}

async function serverCount(server: RunningAmServer, id: string): Promise<number> {
  const res = await fetch(`${server.url}/v1/prescriptions/${id}/executions`, {
    headers: { Authorization: `Bearer ${DEMO_PHARMACY.token}` },
  });
  return res.status === 200 ? ((await res.json()) as { executions: unknown[] }).executions.length : 0;
}

const faultsOf = (server: RunningAmServer, body: object) =>
  fetch(`${server.url}/_mock/faults`, { method: 'POST', body: JSON.stringify(body) });

async function faults(): Promise<Row[]> {
  const server = await startAmServer({ seed: demoSeed(new Date().toISOString().slice(0, 10)), admin: true });
  const rows: Row[] = [];
  const cases: [string, object][] = [
    ['server down', { down: true }],
    ['503 bursts (50 %)', { failRate: 0.5 }],
    ['300 ms latency', { latencyMs: 300 }],
    ['answer lost after applying', { dropResponseRate: 1 }],
    ['lease expired meanwhile', {}],
  ];
  try {
    for (const [name, fault] of cases) {
      await fetch(`${server.url}/_mock/reset`, { method: 'POST' });
      const id = '013XJ9K2M4P6R8T0V0';
      const { store, client } = await oneDispensing(server, tempStoreFile(), id);
      if (name.startsWith('lease'))
        await fetch(`${server.url}/_mock/clock`, {
          method: 'POST',
          body: JSON.stringify({ now: new Date(Date.now() + 20 * 60_000).toISOString() }),
        });
      await faultsOf(server, fault);
      let now = Date.now();
      const sender = new OutboxSender(store, client, silentLogger, { now: () => new Date(now), backoffBaseMs: 100 });
      let attempts = 0;
      for (; attempts < 20 && (await store.outbox.counts()).SENT === 0; attempts++) {
        if (attempts === 3) await faultsOf(server, {});
        await sender.sendDue().catch(() => undefined);
        now += 60_000;
      }
      await faultsOf(server, {});
      const atServer = await serverCount(server, id);
      rows.push({
        fault: name,
        'send attempts': attempts,
        'executions at server': atServer,
        lost: (await store.outbox.counts()).SENT === 1 ? 0 : 1,
        doubled: Math.max(0, atServer - 1),
      });
      await store.close();
    }
  } finally {
    await server.close();
  }
  return rows;
}

async function crashes(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [point, mode, latency] of [
    ['kill -9 after recording, before sending', 'sleep-first', 0],
    ['kill -9 while the execution is in flight', 'send-now', 700],
  ] as const) {
    const server = await startAmServer({ seed: demoSeed(new Date().toISOString().slice(0, 10)), admin: true });
    const file = join(mkdtempSync(join(tmpdir(), 'crash-')), 'comptoir.sqlite');
    await (await openTestStore(file)).close();
    await faultsOf(server, { latencyMs: latency });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/helpers/outbox-child.ts', file, server.url, DEMO_PHARMACY.token, '013XJ9K2M4P6R8T0V0', mode],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('RECORDED') && resolve()));
    await new Promise((r) => setTimeout(r, mode === 'send-now' ? 250 : 20));
    child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, latency + 300));
    await faultsOf(server, {});
    const store = await openTestStore(file);
    await new OutboxSender(store, new TeleserviceClient({ baseUrl: server.url, token: DEMO_PHARMACY.token }), silentLogger).sendDue();
    const atServer = await serverCount(server, '013XJ9K2M4P6R8T0V0');
    rows.push({
      'crash point': point,
      'dispensings kept': await store.dispensings.count(),
      'executions at server after restart': atServer,
      lost: (await store.outbox.counts()).SENT === 1 ? 0 : 1,
      doubled: Math.max(0, atServer - 1),
    });
    await store.close();
    await server.close();
  }
  return rows;
}

/** The reliability report: inputs fuzzed, faults injected and survived, crash points, nothing lost or doubled. */
export async function reliabilityReport(scale: BenchScale): Promise<Record<string, Row[]>> {
  return {
    fuzz: await fuzz(scale),
    faults: await faults(),
    crashes: await crashes(),
    counters: await severalCounters(scale),
    claims: await claimsReliability(scale),
    security: await securityProbes(),
  };
}
