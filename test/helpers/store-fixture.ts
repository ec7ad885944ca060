import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { Store } from '../../src/main/services/store/store.js';
import { sampleCatalogue } from '../../src/shared/demo/sample-catalogue.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

export function tempStoreFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'comptoir-store-')), 'comptoir.sqlite');
}

async function withSampleCatalogue(store: Store): Promise<Store> {
  if ((await store.catalogue.count()) === 0) await store.transaction((tx) => tx.catalogue.upsertMany(sampleCatalogue().map((p) => ({ ...p, sample: true }))));
  return store;
}

/** A real store file in a temp folder, with the sample catalogue. */
export async function openTestStore(file = tempStoreFile()): Promise<Store> {
  return withSampleCatalogue(Store.openSqlite(file, 'poste-test'));
}

export const ENGINES = ['sqlite', 'postgres'] as const;
export type EngineName = (typeof ENGINES)[number];

/**
 * Stores for a test file on either engine: SQLite on a temp file, PostgreSQL on a fresh database of
 * a throw-away cluster started the first time a test asks for it (and stopped after the file).
 * Every store opened is closed after the file. `describe.each(ENGINES)` runs a suite on both.
 */
export function testStores(): { open: (engine: EngineName, workstation?: string) => Promise<Store>; url: () => Promise<string> } {
  let cluster: Promise<PostgresCluster> | null = null;
  const opened: Store[] = [];
  const url = async (): Promise<string> => (await (cluster ??= startPostgresCluster())).createDatabase('store');
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
    if (cluster) (await cluster).stop();
  }, 30_000);
  return {
    url,
    open: async (engine, workstation = 'poste-test') => {
      const store = engine === 'sqlite' ? Store.openSqlite(tempStoreFile(), workstation) : await Store.openPostgres(await url(), workstation);
      opened.push(store);
      return withSampleCatalogue(store);
    },
  };
}
