import { mkdirSync, writeFileSync } from 'node:fs';
import { table, type Row } from './bench-kit.js';
import { teleserviceThroughput } from './teleservice-throughput.js';

/** `npm run bench`: every benchmark, printed as tables, and a JSON report in bench/results/. */
const BENCHES: { name: string; title: string; run: () => Promise<Row[]> }[] = [
  { name: 'teleservice-throughput', title: 'Mock téléservice: executions accepted on loopback (SQLite WAL, synchronous FULL)', run: teleserviceThroughput },
];

const only = process.argv.slice(2);
const report: Record<string, Row[]> = {};
for (const bench of BENCHES.filter((b) => only.length === 0 || only.includes(b.name))) {
  const rows = await bench.run();
  report[bench.name] = rows;
  console.log(table(bench.title, rows));
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), node: process.version, report }, null, 2));
console.log('\nreport: bench/results/latest.json');
