import Database from 'better-sqlite3';
import { basename } from 'node:path';
import { AuditTrail } from '../audit-trail.js';
import { LATEST_VERSION } from './migrations/index.js';
import { SqliteEngine } from './sqlite-engine.js';

/** Why a backup cannot replace the database (`comptoir restore`, or a restore asked for from « Sauvegardes »). */
export type RestoreErrorCode =
  'WORKSTATION_RUNNING' | 'BACKUP_UNREADABLE' | 'BACKUP_CORRUPT' | 'BACKUP_NOT_COMPTOIR' | 'BACKUP_TOO_NEW' | 'BACKUP_AUDIT_BROKEN';

export class RestoreError extends Error {
  constructor(
    readonly code: RestoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type BackupCheck = { entries: number; schemaVersion: number };

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
    if (integrity !== 'ok')
      throw new RestoreError('BACKUP_CORRUPT', `${basename(file)} est endommagée (contrôle d’intégrité SQLite en échec).`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasAudit = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get() !== undefined;
    if (version === 0 || !hasAudit)
      throw new RestoreError('BACKUP_NOT_COMPTOIR', `${basename(file)} n’est pas une sauvegarde de Comptoir.`);
    if (version > LATEST_VERSION)
      throw new RestoreError(
        'BACKUP_TOO_NEW',
        `${basename(file)} vient d’une version plus récente de Comptoir (schéma ${version}) : mettez Comptoir à jour.`,
      );
    const engine = new SqliteEngine(db);
    const audit = await new AuditTrail(engine.db, engine, 'restauration').verify();
    if (!audit.ok) throw new RestoreError('BACKUP_AUDIT_BROKEN', `Le journal d’audit de ${basename(file)} est altéré : ${audit.message}`);
    return { entries: audit.entries, schemaVersion: version };
  } finally {
    db.close();
  }
}

/** A fresh copy is a backup once SQLite itself finds it sound (a quick check). */
export function isSoundCopy(file: string): boolean {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return copy.pragma('quick_check', { simple: true }) === 'ok';
  } finally {
    copy.close();
  }
}
