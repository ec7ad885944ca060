import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SecretStore, type SecretSealer } from '../services/secrets/secret-store.js';
import { describeDatabaseUrl } from '../services/settings/database-url.js';
import { AuditAnchor, type AnchorProblem } from '../services/store/audit-anchor.js';
import { Store } from '../services/store/store.js';

export const STORE_FILE = 'comptoir.sqlite';

export type DataFolder = {
  dir: string;
  databaseFile: string;
  databaseUrl: string | null;
  store: Store;
  secrets: SecretStore;
  auditAnchorProblem: AnchorProblem;
  secretsSetAside: boolean;
};
export type DataFolderOptions = { readOnlyAnchor?: boolean; databaseUrl?: string | null };

/**
 * A workstation's data folder opened the one way every entry point needs it: the store (its SQLite
 * file, or the pharmacy's PostgreSQL database when a URL is given), its secrets beside it (never in
 * the database), the audit chain anchored outside the database, and a token left in the settings
 * table by an older version moved out.
 */
export async function openDataFolder(
  dir: string,
  workstation: string,
  sealer: SecretSealer | null = null,
  options: DataFolderOptions = {},
): Promise<DataFolder> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secrets = new SecretStore(dir, sealer);
  const secretsSetAside = !options.readOnlyAnchor && secrets.setAsideIfUnreadable();
  // The environment first, then the server chosen in « Configuration › Base de données », else the counter's file.
  const databaseUrl = options.databaseUrl ?? secrets.get('database.url');
  const databaseFile = databaseUrl ? describeDatabaseUrl(databaseUrl) : join(dir, STORE_FILE);
  const store = databaseUrl ? await Store.openPostgres(databaseUrl, workstation) : Store.openSqlite(join(dir, STORE_FILE), workstation);
  if (!options.readOnlyAnchor) await moveTokenOutOfDatabase(store, secrets);
  const auditAnchorProblem = await store.audit.anchorWith(new AuditAnchor(dir, secrets), { write: !options.readOnlyAnchor });
  return { dir, databaseFile, databaseUrl: databaseUrl ?? null, store, secrets, auditAnchorProblem, secretsSetAside };
}

/** Before #18 the téléservice token sat in `settings`: into the secret store, and wiped from the file's pages. */
async function moveTokenOutOfDatabase(store: Store, secrets: SecretStore): Promise<void> {
  const legacy = await store.settings.get('teleservice.connection');
  if (!legacy?.token) return;
  secrets.set('teleservice.token', legacy.token, { seal: true });
  await store.engine.eraseFreedPages(() => store.transaction((tx) => tx.settings.set('teleservice.connection', { url: legacy.url })));
}
