import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { table, type BenchScale, type Row } from './bench-kit.js';
import { decodingBench } from './decoding.js';
import { outboxThroughput } from './outbox-throughput.js';
import { patientSearchBench } from './patient-search.js';
import { readerTimingBench } from './reader-timing.js';
import { reliabilityReport } from './reliability.js';
import { catalogueBench } from './catalogue-bench.js';
import { claimsBench } from './claims-bench.js';
import { teleserviceThroughput } from './teleservice-throughput.js';
import { circuitsBench, workstationBench } from './workstation-bench.js';

type Bench = { name: string; titles: Record<string, string>; run: (scale: BenchScale) => Promise<Record<string, Row[]>> };

/** `npm run bench [-- --smoke] [name…]`: every benchmark, printed as tables, and a JSON report in bench/results/. */
const BENCHES: Bench[] = [
  {
    name: 'workstation',
    titles: {
      'read-to-screen': 'Read → lines on screen (virtual e-reader → Chromium, browser mode, mock server on loopback)',
      keystrokes: 'Keystrokes from F3 to the validated control',
      startup: 'Start-up in browser mode',
      memory: 'Main process after a run of dispensings (retrieve, validate, send)',
    },
    run: workstationBench,
  },
  {
    name: 'circuits',
    titles: { rows: 'At the counter: keys and software time per circuit (Chromium, browser mode, mock server on loopback)' },
    run: async (s) => ({ rows: await circuitsBench(s) }),
  },
  {
    name: 'reader-timing',
    titles: { rows: 'HID POS versus keyboard wedge: an 18-character id, from the captures’ report timings' },
    run: async () => ({ rows: await readerTimingBench() }),
  },
  {
    name: 'decoding',
    titles: { rows: 'QR decoding on generated, degraded images: zxing-wasm beside jsQR' },
    run: async (s) => ({ rows: await decodingBench(s) }),
  },
  {
    name: 'patient-search',
    titles: { rows: 'Patient search as you type (SQLite, real file)' },
    run: async (s) => ({ rows: await patientSearchBench(s) }),
  },
  {
    name: 'teleservice-throughput',
    titles: { rows: 'Mock téléservice: executions accepted on loopback (SQLite WAL, synchronous FULL)' },
    run: async (s) => ({ rows: await teleserviceThroughput(s) }),
  },
  {
    name: 'reliability',
    titles: {
      fuzz: 'Hostile inputs fuzzed at each boundary',
      faults: 'Faults injected during a dispensing (real server, real SQLite file)',
      crashes: 'Crash points (kill -9 of the workstation process)',
      counters:
        'Several counters on one PostgreSQL: four at once, a counter killed mid-send, the server restarted mid-dispensing, and their races (one host, a wrong token, a cancellation against a send, one prescription at two counters with the téléservice down, a switch to the server with work waiting)',
      claims:
        'Claims under faults: a lost answer to S1, a crash before the mailbox’s commit, kill -9 with a lot in flight, two counters at once — each then answered to the end',
      security: 'Security review: each probe tried against a running workstation, the command line and the built shell',
    },
    run: reliabilityReport,
  },
  {
    name: 'catalogue',
    titles: {
      imports: 'The national drug base (BDPM): each real snapshot imported over the previous one, one transaction each',
      search: 'Product search as you type over the base (« Produit »)',
      generics: 'A line’s generics: the products step opening a princeps’ alternatives',
    },
    run: catalogueBench,
  },
  {
    name: 'claims',
    titles: {
      day: 'A day’s FSEs into lots and sent, ARLs read (real SQLite file, mock caisse on loopback)',
      mailbox: 'Retours NOEMIE: the mailbox’s messages applied, each once with its cursor',
      f7: 'F7 « Télétransmission » opened over the FSEs (figures, tabs)',
    },
    run: claimsBench,
  },
  {
    name: 'outbox-throughput',
    titles: {
      record: 'Outbox: record locally, then send',
      catchUp: 'Outbox catch-up after an outage: every waiting execution, 100 ms of server latency',
    },
    run: outboxThroughput,
  },
];

const args = process.argv.slice(2);
const scale: BenchScale = { smoke: args.includes('--smoke') };
const only = args.filter((a) => !a.startsWith('--'));
const unknown = only.filter((name) => !BENCHES.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${BENCHES.map((b) => b.name).join(', ')})`);
  process.exit(2);
}

const report: Record<string, Record<string, Row[]>> = {};
const started = Date.now();
for (const bench of BENCHES.filter((b) => only.length === 0 || only.includes(b.name))) {
  try {
    const tables = await bench.run(scale);
    report[bench.name] = tables;
    for (const [key, rows] of Object.entries(tables)) console.log(table(bench.titles[key] ?? key, rows));
  } catch (error) {
    // A smoke run is CI's guard that benchmarks still run: any error fails it (never a figure).
    console.error(`\nbenchmark ${bench.name} failed:`, error);
    process.exit(1);
  }
}
const seconds = (Date.now() - started) / 1000;
const machine = `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`;
if (!scale.smoke) {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/latest.json',
    JSON.stringify({ at: new Date().toISOString(), node: process.version, machine, seconds, report }, null, 2),
  );
}
console.log(
  `\n${seconds.toFixed(0)} s${scale.smoke ? ' (smoke: a handful of iterations each, figures not meaningful)' : ' — report: bench/results/latest.json'} — ${machine}, Node ${process.version}`,
);
// Chromium pipes and servers closed, but a stray handle must not keep CI waiting.
process.exit(0);
