import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBdpm, readBdpmSource } from '../src/main/services/catalogue/bdpm-import.js';
import { lineAlternatives } from '../src/main/services/counter/line-alternatives.js';
import { Store } from '../src/main/services/store/store.js';
import { BDPM_SNAPSHOTS } from '../test/helpers/bdpm-snapshots.js';
import { startPostgresCluster } from '../test/helpers/postgres-cluster.js';
import { percentile, sized, timed, type BenchScale, type Row } from './bench-kit.js';

const SNAPSHOTS = ['2017-03-18', '2026-01-28', '2026-07-24'] as const;
const QUERIES = ['doli', 'amox 1', 'levothyrox', '34009', 'paracétamol 500', 'métformine'];

/**
 * The national drug base: each real snapshot imported in turn (one transaction each, the next over
 * the previous: added, changed, withdrawn), then product search as you type over it, on both engines.
 * The snapshots are ../shared/bdpm/ (the product ships none): without them, the table says so.
 */
export async function catalogueBench(scale: BenchScale): Promise<{ imports: Row[]; search: Row[]; generics: Row[] }> {
  const snapshots = BDPM_SNAPSHOTS;
  if (!snapshots) return { imports: [{ note: 'BDPM snapshots not on this machine (../shared/bdpm)' }], search: [], generics: [] };
  const imports: Row[] = [];
  const search: Row[] = [];
  const generics: Row[] = [];
  const cluster = await startPostgresCluster();
  try {
    for (const engine of ['sqlite', 'postgres'] as const) {
      const store =
        engine === 'sqlite'
          ? Store.openSqlite(join(mkdtempSync(join(tmpdir(), 'bench-catalogue-')), 'comptoir.sqlite'), 'bench')
          : await Store.openPostgres(await cluster.createDatabase('catalogue'), 'bench');
      try {
        for (const day of scale.smoke ? SNAPSHOTS.slice(2) : SNAPSHOTS) {
          const [summary, ms] = await timed(() => importBdpm(store, readBdpmSource(join(snapshots, day)), { actor: 'bench' }));
          imports.push({
            engine,
            snapshot: day,
            presentations: summary.files.find((f) => f.file === 'CIS_CIP_bdpm.txt')?.kept ?? 0,
            ...summary.changes,
            seconds: ms / 1000,
            goal: '≤ 10 s',
          });
        }
        for (const query of QUERIES) {
          const times: number[] = [];
          let hits = 0;
          for (let i = 0; i < sized(scale, 200, 5); i++) {
            // As the pharmacist types: each prefix of the query in turn.
            const typed = query.slice(0, 2 + (i % (query.length - 1)));
            const t = performance.now();
            hits = (await store.catalogue.search(typed, 20)).length;
            times.push(performance.now() - t);
          }
          search.push({
            engine,
            query: `"${query}" (typed)`,
            'results (≤20)': hits,
            'p50 ms': percentile(times, 50),
            'p95 ms': percentile(times, 95),
            goal: 'p95 ≤ 2 ms',
          });
        }
        generics.push({ engine, ...(await genericsOfLines(store, sized(scale, 300, 5))) });
      } finally {
        await store.close();
      }
    }
  } finally {
    cluster.stop();
  }
  return { imports, search, generics };
}

/**
 * The products step opening a line: the prescribed pack's alternatives (its groups' packs, the
 * substitutes cheapest first), for princeps of the répertoire taken across the base.
 */
async function genericsOfLines(store: Store, count: number): Promise<Row> {
  const princeps = await store.engine.db
    .selectFrom('products')
    .select('cip13')
    .where('generic_groups_json', 'like', '%"type":0%')
    .where('withdrawn', '=', 0)
    .orderBy('cip13')
    .execute();
  const step = Math.max(1, Math.floor(princeps.length / count));
  const picked = princeps.filter((_, i) => i % step === 0).slice(0, count);
  const times: number[] = [];
  let offered = 0;
  for (const { cip13 } of picked) {
    const t = performance.now();
    offered += (await lineAlternatives(store.catalogue, cip13)).filter((a) => a.relation === 'generic').length;
    times.push(performance.now() - t);
  }
  return {
    lines: picked.length,
    'generics offered (mean)': picked.length ? offered / picked.length : 0,
    'p50 ms': percentile(times, 50),
    'p95 ms': percentile(times, 95),
    goal: 'p95 ≤ 5 ms',
  };
}
