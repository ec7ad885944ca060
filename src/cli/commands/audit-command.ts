import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../../main/bootstrap/config.js';
import { STORE_FILE, openDataFolder } from '../../main/bootstrap/data-folder.js';
import { UsageError } from '../cli-kit.js';
import { FORCED_RESTORE } from '../../main/bootstrap/restore-backup.js';

export const AUDIT_USAGE = 'comptoir audit verify [--data-dir DOSSIER]';

/** `comptoir audit verify`: walks the hash chain and checks it against its anchor; exit 1 on any tampering. */
export async function auditCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError('Sous-commande attendue : verify.');
  const { values } = parseArgs({ args: rest, options: { 'data-dir': { type: 'string' } }, strict: true });
  const dataDir = values['data-dir'] ?? readConfig({ ...process.env, COMPTOIR_AM_URL: '' }).dataDir;
  if (!existsSync(join(dataDir, STORE_FILE))) throw new UsageError(`Aucune base de données de poste dans ${dataDir}.`);
  // Reads the anchor, never writes it: verifying must not bless what it verifies.
  const { store } = await openDataFolder(dataDir, 'audit', null, { readOnlyAnchor: true });
  try {
    const result = await store.audit.verify();
    // A restore forced past the anchor stays visible: the chain is sound, but it is not the one anchored before.
    for (const forced of await store.audit.entries(FORCED_RESTORE))
      process.stdout.write(`Restauration forcée le ${forced.at} de ${forced.subject ?? '?'} : ${String(forced.details.because ?? '')}.\n`);
    if (result.ok) {
      const anchored = result.anchored ? ', ancre hors base concordante' : ' (dossier jamais ancré : chaîne seule)';
      process.stdout.write(`Journal d’audit intègre : ${result.entries} entrée(s) vérifiée(s)${anchored}.\n`);
      return;
    }
    process.stdout.write(`Journal d’audit ALTÉRÉ : ${result.message} (${result.entries} entrée(s) lue(s)).\n`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}
