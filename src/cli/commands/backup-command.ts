import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../../main/bootstrap/config.js';
import { STORE_FILE, openDataFolder } from '../../main/bootstrap/data-folder.js';
import { RestoreError, restoreBackup } from '../../main/bootstrap/restore-backup.js';
import { BackupService } from '../../main/services/backup/backup-service.js';
import { silentLogger } from '../../main/services/logger.js';
import { UsageError, fail } from '../cli-kit.js';

export const BACKUP_USAGE = 'comptoir backup [--data-dir DOSSIER]';
export const RESTORE_USAGE = 'comptoir restore FICHIER [--force] [--data-dir DOSSIER]';

function dataDirOf(given: string | undefined): string {
  return given ?? readConfig({ ...process.env, COMPTOIR_AM_URL: '' }).dataDir;
}

/** `comptoir backup`: one online backup now, even while the workstation runs; exit 1 when it failed. */
export async function backupCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, strict: true });
  const dataDir = dataDirOf(values['data-dir']);
  if (!existsSync(join(dataDir, STORE_FILE))) throw new UsageError(`Aucune base de données de poste dans ${dataDir}.`);
  const { store } = await openDataFolder(dataDir, 'sauvegarde', null, {
    databaseUrl: readConfig({ ...process.env, COMPTOIR_AM_URL: '' }).databaseUrl ?? null,
  });
  try {
    // A counter set to the pharmacy's server has no file of its own to copy: the server has its command.
    if (!store.engine.onlineBackup)
      fail('Ce poste travaille sur le serveur de l’officine : sauvegardez-le avec « comptoir db backup ».', 2);
    const backups = new BackupService(store.engine.onlineBackup, dataDir, silentLogger);
    const done = await backups.backupNow();
    if (!done) fail(backups.state().last?.message ?? 'Sauvegarde impossible.', 1);
    process.stdout.write(`Sauvegarde écrite : ${done.file} (${(done.bytes / 1024).toFixed(0)} Kio).\n`);
  } finally {
    await store.close();
  }
}

/** `comptoir restore FILE`: see restoreBackup; exit 1 with the reason when the backup or the moment is wrong. */
export async function restoreCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, force: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('Indiquez le fichier de sauvegarde à restaurer.');
  const dataDir = dataDirOf(values['data-dir']);
  try {
    const outcome = await restoreBackup(dataDir, resolve(positionals[0]!), new Date(), values.force);
    process.stdout.write(
      `Base restaurée : ${outcome.entries} entrée(s) du journal d’audit vérifiées. La base remplacée est conservée dans ${outcome.keptAside}.\n`,
    );
    if (outcome.forcedBecause)
      process.stdout.write(`Restauration FORCÉE (${outcome.forcedBecause}) : journalisée ; « comptoir audit verify » la signale.\n`);
  } catch (error) {
    if (error instanceof RestoreError) fail(`Restauration refusée, rien n’a été modifié : ${error.message} [${error.code}]`, 1);
    throw error;
  }
}
