import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SecretStore, type SecretSealer } from '../services/secrets/secret-store.js';
import { AuditAnchor, type AnchorProblem } from '../services/store/audit-anchor.js';
import { Store } from '../services/store/store.js';

export const STORE_FILE = 'comptoir.sqlite';

export type DataFolder = { dir: string; databaseFile: string; store: Store; secrets: SecretStore; auditAnchorProblem: AnchorProblem; secretsSetAside: boolean };

/**
 * A workstation's data folder opened the one way every entry point needs it: the store, its secrets
 * beside it (never in the database), the audit chain anchored outside the database, and a token
 * left in the settings table by an older version moved out.
 */
export function openDataFolder(dir: string, workstation: string, sealer: SecretSealer | null = null, options: { readOnlyAnchor?: boolean } = {}): DataFolder {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const databaseFile = join(dir, STORE_FILE);
  const store = Store.open(databaseFile, workstation);
  const secrets = new SecretStore(dir, sealer);
  const secretsSetAside = !options.readOnlyAnchor && secrets.setAsideIfUnreadable();
  if (!options.readOnlyAnchor) moveTokenOutOfDatabase(store, secrets);
  const auditAnchorProblem = store.audit.anchorWith(new AuditAnchor(dir, secrets), { write: !options.readOnlyAnchor });
  return { dir, databaseFile, store, secrets, auditAnchorProblem, secretsSetAside };
}

/** Before #18 the téléservice token sat in `settings`: into the secret store, and wiped from the file's pages. */
function moveTokenOutOfDatabase(store: Store, secrets: SecretStore): void {
  const legacy = store.settings.get('teleservice.connection');
  if (!legacy?.token) return;
  secrets.set('teleservice.token', legacy.token, { seal: true });
  store.db.pragma('secure_delete = ON');
  try {
    store.transaction(() => store.settings.set('teleservice.connection', { url: legacy.url }));
  } finally {
    store.db.pragma('secure_delete = OFF');
  }
  store.db.pragma('wal_checkpoint(TRUNCATE)');
}
