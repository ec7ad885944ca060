import { mkdirSync, writeFileSync } from 'node:fs';
import { table, type Row } from './bench-kit.js';
import { decodingBench } from './decoding.js';
import { outboxThroughput } from './outbox-throughput.js';
import { patientSearchBench } from './patient-search.js';
import { readerTimingBench } from './reader-timing.js';
import { reliabilityReport } from './reliability.js';
import { teleserviceThroughput } from './teleservice-throughput.js';
import { workstationBench } from './workstation-bench.js';

/** `npm run bench`: every benchmark, printed as tables, and a JSON report in bench/results/. */
const BENCHES: { name: string; titles: Record<string, string>; run: () => Promise<Record<string, Row[]>> }[] = [
  { name: 'workstation', titles: { 'read-to-screen': 'Read → lines on screen (virtual e-reader → Chromium, browser mode, mock server on loopback)', keystrokes: 'Keystrokes from F3 to the validated control', startup: 'Start-up in browser mode', memory: 'Main process after 100 dispensings' }, run: workstationBench },
  { name: 'reader-timing', titles: { rows: 'HID POS versus keyboard wedge: an 18-character id, from the captures’ report timings' }, run: async () => ({ rows: await readerTimingBench() }) },
  { name: 'decoding', titles: { rows: 'QR decoding on generated, degraded images: zxing-wasm beside jsQR' }, run: async () => ({ rows: await decodingBench() }) },
  { name: 'patient-search', titles: { rows: 'Patient search as you type (SQLite FTS5, real file)' }, run: async () => ({ rows: await patientSearchBench() }) },
  { name: 'teleservice-throughput', titles: { rows: 'Mock téléservice: executions accepted on loopback (SQLite WAL, synchronous FULL)' }, run: async () => ({ rows: await teleserviceThroughput() }) },
  { name: 'reliability', titles: { fuzz: 'Hostile inputs fuzzed at each boundary', faults: 'Faults injected during a dispensing (real server, real SQLite file)', crashes: 'Crash points (kill -9 of the workstation process)' }, run: reliabilityReport },
  { name: 'outbox-throughput', titles: { rows: 'Outbox: record locally, then send' }, run: async () => ({ rows: await outboxThroughput() }) },
];

const only = process.argv.slice(2);
const report: Record<string, Record<string, Row[]>> = {};
const started = Date.now();
for (const bench of BENCHES.filter((b) => only.length === 0 || only.includes(b.name))) {
  const tables = await bench.run();
  report[bench.name] = tables;
  for (const [key, rows] of Object.entries(tables)) console.log(table(bench.titles[key] ?? key, rows));
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), node: process.version, seconds: (Date.now() - started) / 1000, report }, null, 2));
console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s — report: bench/results/latest.json`);
