import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../src/main/services/store/store.js';
import { nirKey } from '../src/shared/ids/nir.js';
import { percentile, sized, type BenchScale, type Row } from './bench-kit.js';

const LAST = ['DURAND', 'DUBOIS', 'DUPONT', 'MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'LEFÈVRE', 'MOREAU', 'GARCIA', 'ROUX', 'FOURNIER', 'GIRARD', 'BONNET', 'DURANDEAU', 'MERCIER', 'BLANC', 'GUÉRIN', 'MULLER', 'HENRY', 'ROUSSEL', 'NICOLAS', 'PERRIN', 'MOREL', 'MATHIEU', 'GAUTIER', 'MASSON', 'MARCHAND'];
const FIRST = ['Léa', 'Louis', 'Emma', 'Hugo', 'Chloé', 'Jules', 'Inès', 'Lucas', 'Élodie', 'Étienne', 'Manon', 'Nathan', 'Camille', 'Théo', 'Zoé', 'Adam', 'Louise', 'Raphaël', 'Jade', 'Arthur'];
const QUERIES = ['dur', 'durand l', '1850', 'lefevre e', 'g', 'léa', '12/03/1979'];

function fill(store: Store, count: number): void {
  // mulberry32: a small PRNG whose low bits are random too (an LCG's are not), so names mix evenly.
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
  store.transaction(() => {
    for (let i = store.patients.count(); i < count; i++) {
      const sex = next(2) === 0 ? 'F' : 'M';
      const year = 1930 + next(90);
      const month = 1 + next(12);
      // Unique per i: department, commune and order number come from the index itself.
      const nir13 = `${sex === 'M' ? 1 : 2}${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(i).padStart(8, '0')}`;
      store.patients.upsert({ nir: nir13 + nirKey(nir13), lastName: LAST[next(LAST.length)]!, firstName: FIRST[next(FIRST.length)]!, birthDate: `${year}-${String(month).padStart(2, '0')}-${String(1 + next(28)).padStart(2, '0')}`, sex, source: 'MANUAL' });
    }
  });
}

/** The bar: p95 of every query at 100 000 patients. */
const GOAL_P95_MS = 2;

/** Search as you type at 1 000, 10 000 and 100 000 patients (real SQLite file: name index, then FTS5). */
export async function patientSearchBench(scale: BenchScale): Promise<Row[]> {
  const store = Store.open(join(mkdtempSync(join(tmpdir(), 'bench-patients-')), 'comptoir.sqlite'), 'bench');
  const rows: Row[] = [];
  for (const size of scale.smoke ? [1_000] : [1_000, 10_000, 100_000]) {
    fill(store, size);
    for (const query of QUERIES) {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < sized(scale, 200, 5); i++) {
        const t = performance.now();
        hits = store.patients.search(query, 20).length;
        times.push(performance.now() - t);
      }
      rows.push({ patients: store.patients.count(), query: `"${query}"`, 'results (≤20)': hits, 'p50 ms': percentile(times, 50), 'p95 ms': percentile(times, 95), goal: size === 100_000 ? `p95 ≤ ${GOAL_P95_MS} ms` : '' });
    }
  }
  store.close();
  return rows;
}
