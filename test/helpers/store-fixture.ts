import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/main/services/store/store.js';
import { sampleCatalogue } from '../../src/shared/demo/sample-catalogue.js';

export function tempStoreFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'comptoir-store-')), 'comptoir.sqlite');
}

/** A real store file in a temp folder, with the sample catalogue and the pharmacy's identity. */
export function openTestStore(file = tempStoreFile()): Store {
  const store = Store.open(file, 'poste-test');
  if (store.catalogue.count() === 0) store.catalogue.upsertMany(sampleCatalogue().map((p) => ({ ...p, sample: true })));
  return store;
}
