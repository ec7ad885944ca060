import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../../main/bootstrap/config.js';
import { STORE_FILE } from '../../main/bootstrap/start-workstation.js';
import { Store } from '../../main/services/store/store.js';
import { UsageError } from '../cli-kit.js';

export const AUDIT_USAGE = 'comptoir audit verify [--data-dir DOSSIER]';

/** `comptoir audit verify`: walks the hash chain of the audit trail; exit 1 at the first tampered row. */
export async function auditCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError('Sous-commande attendue : verify.');
  const { values } = parseArgs({ args: rest, options: { 'data-dir': { type: 'string' } }, strict: true });
  const dataDir = values['data-dir'] ?? readConfig({ ...process.env, COMPTOIR_AM_URL: '' }).dataDir;
  const file = join(dataDir, STORE_FILE);
  if (!existsSync(file)) throw new UsageError(`Aucune base de données de poste dans ${dataDir}.`);
  const store = Store.open(file, 'audit');
  try {
    const result = store.audit.verify();
    if (result.ok) {
      process.stdout.write(`Journal d’audit intègre : ${result.entries} entrée(s) vérifiée(s).\n`);
      return;
    }
    process.stdout.write(`Journal d’audit ALTÉRÉ : ${result.message} (${result.entries} entrée(s) lue(s)).\n`);
    process.exitCode = 1;
  } finally {
    store.close();
  }
}
