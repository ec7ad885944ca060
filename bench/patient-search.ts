import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../src/main/services/store/store.js';
import { nirKey } from '../src/shared/ids/nir.js';
import { searchKey } from '../src/main/services/store/patient-search.js';
import { startPostgresCluster } from '../test/helpers/postgres-cluster.js';
import { sql } from 'kysely';
import { percentile, sized, type BenchScale, type Row } from './bench-kit.js';

const LAST = [
  'DURAND',
  'DUBOIS',
  'DUPONT',
  'MARTIN',
  'BERNARD',
  'THOMAS',
  'PETIT',
  'ROBERT',
  'RICHARD',
  'LEFÈVRE',
  'MOREAU',
  'GARCIA',
  'ROUX',
  'FOURNIER',
  'GIRARD',
  'BONNET',
  'DURANDEAU',
  'MERCIER',
  'BLANC',
  'GUÉRIN',
  'MULLER',
  'HENRY',
  'ROUSSEL',
  'NICOLAS',
  'PERRIN',
  'MOREL',
  'MATHIEU',
  'GAUTIER',
  'MASSON',
  'MARCHAND',
];
const FIRST = [
  'Léa',
  'Louis',
  'Emma',
  'Hugo',
  'Chloé',
  'Jules',
  'Inès',
  'Lucas',
  'Élodie',
  'Étienne',
  'Manon',
  'Nathan',
  'Camille',
  'Théo',
  'Zoé',
  'Adam',
  'Louise',
  'Raphaël',
  'Jade',
  'Arthur',
];
const QUERIES = ['dur', 'durand l', '1850', 'lefevre e', 'g', 'léa', '12/03/1979'];

/** Patients made up the same way on both engines, inserted a thousand at a time (the bench's data, not the counter's path). */
export async function fill(store: Store, count: number): Promise<void> {
  // mulberry32: a small PRNG whose low bits are random too (an LCG's are not), so names mix evenly.
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const now = new Date().toISOString();
  for (let from = await store.patients.count(); from < count; from += 1000) {
    const rows = [];
    for (let i = from; i < Math.min(count, from + 1000); i++) {
      const sex = next(2) === 0 ? ('F' as const) : ('M' as const);
      const year = 1930 + next(90);
      const month = 1 + next(12);
      // Unique per i: department, commune and order number come from the index itself.
      const nir13 = `${sex === 'M' ? 1 : 2}${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(i).padStart(8, '0')}`;
      const lastName = LAST[next(LAST.length)]!;
      const firstName = FIRST[next(FIRST.length)]!;
      rows.push({
        nir: nir13 + nirKey(nir13),
        last_name: lastName,
        first_name: firstName,
        last_name_key: searchKey(lastName),
        first_name_key: searchKey(firstName),
        birth_date: `${year}-${String(month).padStart(2, '0')}-${String(1 + next(28)).padStart(2, '0')}`,
        sex,
        source: 'MANUAL' as const,
        beneficiary_of: null,
        relationship: null,
        created_at: now,
        updated_at: now,
      });
    }
    await store.engine.db.insertInto('patients').values(rows).execute();
  }
}

/** The bars: p95 of every query at 100 000 patients, on the counter's file and on the pharmacy's server. */
const GOAL_P95_MS = { sqlite: 2, postgres: 5 } as const;

/** Search as you type at 1 000, 10 000 and 100 000 patients: a real SQLite file (name index, then FTS5), a real PostgreSQL (name index, then pg_trgm). */
export async function patientSearchBench(scale: BenchScale): Promise<Row[]> {
  const rows: Row[] = [];
  const cluster = await startPostgresCluster();
  try {
    for (const engine of ['sqlite', 'postgres'] as const) {
      const store =
        engine === 'sqlite'
          ? Store.openSqlite(join(mkdtempSync(join(tmpdir(), 'bench-patients-')), 'comptoir.sqlite'), 'bench')
          : await Store.openPostgres(await cluster.createDatabase('bench'), 'bench');
      try {
        for (const size of scale.smoke ? [1_000] : [1_000, 10_000, 100_000]) {
          await fill(store, size);
          // As autovacuum leaves a pharmacy's server (PostgreSQL ≥ 13 vacuums after inserts too): statistics, and the visibility map the index-only walk reads.
          if (engine === 'postgres') await sql`VACUUM ANALYZE patients`.execute(store.engine.db);
          for (const query of QUERIES) {
            const times: number[] = [];
            let hits = 0;
            for (let i = 0; i < sized(scale, 200, 5); i++) {
              const t = performance.now();
              hits = (await store.patients.search(query, 20)).length;
              times.push(performance.now() - t);
            }
            rows.push({
              engine,
              patients: await store.patients.count(),
              query: `"${query}"`,
              'results (≤20)': hits,
              'p50 ms': percentile(times, 50),
              'p95 ms': percentile(times, 95),
              goal: size === 100_000 ? `p95 ≤ ${GOAL_P95_MS[engine]} ms` : '',
            });
          }
        }
      } finally {
        await store.close();
      }
    }
  } finally {
    cluster.stop();
  }
  return rows;
}
