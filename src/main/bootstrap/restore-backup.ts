import { copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, closeSync, renameSync, chmodSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { SecretStore } from '../services/secrets/secret-store.js';
import { AUDIT_ANCHOR_FILE, AuditAnchor } from '../services/store/audit-anchor.js';
import { AuditTrail } from '../services/store/audit-trail.js';
import { LATEST_VERSION } from '../services/store/migrations/index.js';
import { SqliteEngine } from '../services/store/sqlite/sqlite-engine.js';
import { Store } from '../services/store/store.js';
import { STORE_FILE } from './data-folder.js';
import { runningWorkstations } from './running-marker.js';

export type RestoreErrorCode = 'WORKSTATION_RUNNING' | 'BACKUP_UNREADABLE' | 'BACKUP_CORRUPT' | 'BACKUP_NOT_COMPTOIR' | 'BACKUP_TOO_NEW' | 'BACKUP_AUDIT_BROKEN';

export class RestoreError extends Error {
  constructor(
    readonly code: RestoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type BackupCheck = { entries: number; schemaVersion: number };
export type RestoreOutcome = BackupCheck & { keptAside: string };

/** Everything a backup must prove before it replaces anything: SQLite finds it whole, it is Comptoir's, its audit chain holds. */
export async function checkBackup(file: string): Promise<BackupCheck> {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new RestoreError('BACKUP_UNREADABLE', `Sauvegarde illisible : ${basename(file)}.`);
  }
  try {
    let integrity: unknown;
    try {
      integrity = db.pragma('integrity_check', { simple: true });
    } catch {
      throw new RestoreError('BACKUP_CORRUPT', `${basename(file)} n’est pas une base SQLite saine.`);
    }
    if (integrity !== 'ok') throw new RestoreError('BACKUP_CORRUPT', `${basename(file)} est endommagée (contrôle d’intégrité SQLite en échec).`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasAudit = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get() !== undefined;
    if (version === 0 || !hasAudit) throw new RestoreError('BACKUP_NOT_COMPTOIR', `${basename(file)} n’est pas une sauvegarde de Comptoir.`);
    if (version > LATEST_VERSION) throw new RestoreError('BACKUP_TOO_NEW', `${basename(file)} vient d’une version plus récente de Comptoir (schéma ${version}) : mettez Comptoir à jour.`);
    const engine = new SqliteEngine(db);
    const audit = await new AuditTrail(engine.db, engine, 'restauration').verify();
    if (!audit.ok) throw new RestoreError('BACKUP_AUDIT_BROKEN', `Le journal d’audit de ${basename(file)} est altéré : ${audit.message}`);
    return { entries: audit.entries, schemaVersion: version };
  } finally {
    db.close();
  }
}

/**
 * `comptoir restore FILE`: refused while a workstation runs on the folder; the backup checked first;
 * the current database (and its -wal, -shm, anchor) kept aside, never deleted; the backup copied in
 * and synced before it takes the database's name; the restore recorded in the audit trail, whose
 * anchor then follows the restored chain.
 */
export async function restoreBackup(dataDir: string, file: string, now = new Date()): Promise<RestoreOutcome> {
  const running = runningWorkstations(dataDir);
  if (running.length > 0) throw new RestoreError('WORKSTATION_RUNNING', `Un poste Comptoir tourne sur ce dossier (processus ${running.join(', ')}) : fermez-le avant de restaurer.`);
  const check = await checkBackup(file);
  const incoming = join(dataDir, `${STORE_FILE}.restauration`);
  copyFileSync(file, incoming);
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
    await store.transaction((tx) => tx.audit.append('système', 'backup.restored', basename(file), { entries: check.entries, keptAside: basename(keptAside) }));
    new AuditAnchor(dataDir, new SecretStore(dataDir)).write(await store.audit.head());
  } finally {
    await store.close();
  }
  return { ...check, keptAside };
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
