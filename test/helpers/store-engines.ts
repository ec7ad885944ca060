import { afterAll } from 'vitest';
import { Store } from '../../src/main/services/store/store.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
import { tempStoreFile, withSampleCatalogue } from './store-fixture.js';

export const ENGINES = ['sqlite', 'postgres'] as const;
export type EngineName = (typeof ENGINES)[number];

/**
 * Stores for a test file on either engine: SQLite on a temp file, PostgreSQL on a fresh database of
 * a throw-away cluster started the first time a test asks for it (and stopped after the file).
 * Every store opened is closed after the file. `describe.each(ENGINES)` runs a suite on both.
 */
export function testStores(): {
  open: (engine: EngineName, workstation?: string) => Promise<Store>;
  /** The same database again (a restart, or another counter of the pharmacy): a new store on it. */
  again: (store: Store, workstation?: string) => Promise<Store>;
  url: () => Promise<string>;
} {
  let cluster: Promise<PostgresCluster> | null = null;
  const opened: Store[] = [];
  const where = new Map<Store, { engine: EngineName; location: string }>();
  const openAt = async (engine: EngineName, location: string, workstation: string): Promise<Store> => {
    const store = engine === 'sqlite' ? Store.openSqlite(location, workstation) : await Store.openPostgres(location, workstation);
    opened.push(store);
    where.set(store, { engine, location });
    return store;
  };
  const url = async (): Promise<string> => (await (cluster ??= startPostgresCluster())).createDatabase('store');
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
    if (cluster) (await cluster).stop();
  }, 30_000);
  return {
    url,
    open: async (engine, workstation = 'poste-test') =>
      withSampleCatalogue(await openAt(engine, engine === 'sqlite' ? tempStoreFile() : await url(), workstation)),
    again: async (store, workstation = store.workstation) => {
      const known = where.get(store);
      if (!known) throw new Error('a store opened by testStores() only');
      return openAt(known.engine, known.location, workstation);
    },
  };
}
