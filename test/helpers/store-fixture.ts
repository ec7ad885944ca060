import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/main/services/store/store.js';
import { sampleCatalogue } from '../../src/shared/demo/sample-catalogue.js';

export function tempStoreFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'comptoir-store-')), 'comptoir.sqlite');
}

export async function withSampleCatalogue(store: Store): Promise<Store> {
  if ((await store.catalogue.count()) === 0)
    await store.transaction((tx) => tx.catalogue.upsertMany(sampleCatalogue().map((p) => ({ ...p, sample: true }))));
  return store;
}

/** A real store file in a temp folder, with the sample catalogue. */
export async function openTestStore(file = tempStoreFile()): Promise<Store> {
  return withSampleCatalogue(Store.openSqlite(file, 'poste-test'));
}
