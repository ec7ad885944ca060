import { existsSync, fsyncSync, mkdirSync, openSync, closeSync, renameSync, chmodSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SecretStore } from '../services/secrets/secret-store.js';
import { AUDIT_ANCHOR_FILE, AuditAnchor } from '../services/store/audit-anchor.js';
import { checkBackup, RestoreError, type BackupCheck } from '../services/store/sqlite/sqlite-backup-check.js';
import { backupWitness } from '../services/backup/backup-witness.js';
import { Store } from '../services/store/store.js';
import { STORE_FILE } from './data-folder.js';
import { runningWorkstations } from './running-marker.js';
import { formatDateFr } from '../../shared/format/fr.js';
import { BACKUP_FOLDER } from '../services/backup/backup-files.js';
import { clearRestoreRequest, readRestoreRequest, writeLastRestore, type RestoreOutcomeNote } from '../services/backup/restore-request.js';
import type { Logger } from '../services/logger.js';

export { RestoreError };
export type RestoreOutcome = BackupCheck & { keptAside: string; forcedBecause: string | null };

/**
 * `comptoir restore FILE`: refused while a workstation runs on the folder; the backup checked first;
 * the current database (and its -wal, -shm, anchor) kept aside, never deleted; the backup copied in
 * and synced before it takes the database's name; the restore recorded in the audit trail, whose
 * anchor then follows the restored chain.
 */
export async function restoreBackup(dataDir: string, file: string, now = new Date(), force = false): Promise<RestoreOutcome> {
  const running = runningWorkstations(dataDir);
  if (running.length > 0)
    throw new RestoreError(
      'WORKSTATION_RUNNING',
      `Un poste Comptoir tourne sur ce dossier (processus ${running.join(', ')}) : fermez-le avant de restaurer.`,
    );
  const incoming = join(dataDir, `${STORE_FILE}.restauration`);
  rmSync(incoming, { force: true });
  const check = await checkBackup(file, { copyTo: incoming, witness: backupWitness(dataDir, file), force }).catch((error: unknown) => {
    rmSync(incoming, { force: true });
    throw error;
  });
  chmodSync(incoming, 0o600);
  syncFile(incoming);
  const keptAside = join(dataDir, `avant-restauration-${now.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(keptAside, { mode: 0o700 });
  for (const name of [STORE_FILE, `${STORE_FILE}-wal`, `${STORE_FILE}-shm`, AUDIT_ANCHOR_FILE]) {
    if (existsSync(join(dataDir, name))) renameSync(join(dataDir, name), join(keptAside, name));
  }
  renameSync(incoming, join(dataDir, STORE_FILE));
  const store = Store.openSqlite(join(dataDir, STORE_FILE), 'restauration');
  try {
    await store.transaction(async (tx) => {
      await tx.audit.append('système', 'backup.restored', basename(file), { entries: check.entries, keptAside: basename(keptAside) });
      // Forced past the anchor: said in the chain itself, with the evidence, for « audit verify » to report.
      if (check.forcedBecause)
        await tx.audit.append('système', FORCED_RESTORE, basename(file), { because: check.forcedBecause, keptAside: basename(keptAside) });
    });
    new AuditAnchor(dataDir, new SecretStore(dataDir)).write(await store.audit.head());
  } finally {
    await store.close();
  }
  return { ...check, keptAside };
}

/** The audit entry of a restore forced past the anchor (`comptoir restore --force`), reported by `audit verify`. */
export const FORCED_RESTORE = 'backup.restore_forced';

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * At start, before the database opens: the restore asked for from « Sauvegardes », done with every
 * check of `comptoir restore`. Whatever happens, it is tried once and what it did kept for the screen.
 */
export async function applyRequestedRestore(dataDir: string, log: Logger, now = new Date()): Promise<RestoreOutcomeNote | null> {
  const request = readRestoreRequest(dataDir);
  if (!request) return null;
  clearRestoreRequest(dataDir);
  let outcome: RestoreOutcomeNote;
  try {
    const done = await restoreBackup(dataDir, join(dataDir, BACKUP_FOLDER, request.name), now);
    outcome = {
      name: request.name,
      at: now.toISOString(),
      ok: true,
      message: `Sauvegarde du ${formatDateFr(request.day)} restaurée ; la base remplacée est conservée dans ${basename(done.keptAside)}.`,
    };
    log.info('backup.restored', { name: request.name });
  } catch (error) {
    if (!(error instanceof RestoreError)) throw error;
    outcome = {
      name: request.name,
      at: now.toISOString(),
      ok: false,
      message: `Restauration refusée, la base est inchangée : ${error.message}`,
    };
    log.error('backup.restore_refused', { name: request.name, code: error.code });
  }
  writeLastRestore(dataDir, outcome);
  return outcome;
}
