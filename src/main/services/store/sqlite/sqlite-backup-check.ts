import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { AuditHead } from '../audit-anchor.js';
import { AuditTrail, GENESIS } from '../audit-trail.js';
import { describeDifferences, schemaDifferences } from './expected-schema.js';
import { LATEST_VERSION } from './migrations/index.js';
import { SqliteEngine } from './sqlite-engine.js';

/** Why a backup cannot replace the database (`comptoir restore`, or a restore asked for from « Sauvegardes »). */
export type RestoreErrorCode =
  | 'WORKSTATION_RUNNING'
  | 'BACKUP_UNREADABLE'
  | 'BACKUP_CORRUPT'
  | 'BACKUP_NOT_COMPTOIR'
  | 'BACKUP_TOO_NEW'
  | 'BACKUP_AUDIT_BROKEN'
  | 'BACKUP_SCHEMA_ALTERED'
  | 'BACKUP_NOT_ANCHORED';

export class RestoreError extends Error {
  constructor(
    readonly code: RestoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type BackupCheck = { entries: number; schemaVersion: number; head: AuditHead };

/**
 * What the pharmacy's own records say the chain must contain (#28.3): given the backup's own entry at
 * a seq, whether it is the one anchored (or, for an older backup, the live database's at that seq).
 * Null: nothing to compare with (a folder never anchored).
 */
export type ChainWitness = { agrees: (backupHashAt: (seq: number) => string | null, head: AuditHead) => string | null } | null;

/**
 * Everything a backup must prove before it replaces anything: SQLite finds it whole, it is
 * Comptoir's, its schema is exactly its version's (no trigger, view or index added, none removed),
 * its audit chain holds and agrees with what this folder anchored. Opened read-only with
 * `trusted_schema = OFF`; with `copyTo`, copied by SQLite's backup API from this very connection, so
 * what replaces the database is what was checked (its -wal included), never the file read again.
 */
export async function checkBackup(
  file: string,
  options: { copyTo?: string; witness?: ChainWitness; force?: boolean } = {},
): Promise<BackupCheck & { forcedBecause: string | null }> {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('trusted_schema = OFF');
  } catch {
    throw new RestoreError('BACKUP_UNREADABLE', `Sauvegarde illisible : ${basename(file)}.`);
  }
  try {
    const check = await verify(db, basename(file));
    // Seq 0 is the chain's start: every chain has it.
    const hashAt = (seq: number): string | null =>
      seq === 0 ? GENESIS : (db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE seq = ?').get(seq)?.hash ?? null);
    const disagreement = options.witness?.agrees(hashAt, check.head) ?? null;
    if (disagreement && !options.force)
      throw new RestoreError(
        'BACKUP_NOT_ANCHORED',
        `${basename(file)} ne concorde pas avec le journal d’audit ancré de ce poste (${disagreement}) : elle a pu être modifiée. Pour la restaurer quand même, « comptoir restore --force » (la restauration forcée est journalisée et signalée par « audit verify »).`,
      );
    if (options.copyTo) await db.backup(options.copyTo);
    return { ...check, forcedBecause: disagreement };
  } finally {
    db.close();
  }
}

async function verify(db: Database.Database, name: string): Promise<BackupCheck> {
  let integrity: unknown;
  try {
    integrity = db.pragma('integrity_check', { simple: true });
  } catch {
    throw new RestoreError('BACKUP_CORRUPT', `${name} n’est pas une base SQLite saine.`);
  }
  if (integrity !== 'ok') throw new RestoreError('BACKUP_CORRUPT', `${name} est endommagée (contrôle d’intégrité SQLite en échec).`);
  const version = db.pragma('user_version', { simple: true }) as number;
  const hasAudit = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get() !== undefined;
  if (version === 0 || !hasAudit) throw new RestoreError('BACKUP_NOT_COMPTOIR', `${name} n’est pas une sauvegarde de Comptoir.`);
  if (version > LATEST_VERSION)
    throw new RestoreError(
      'BACKUP_TOO_NEW',
      `${name} vient d’une version plus récente de Comptoir (schéma ${version}) : mettez Comptoir à jour.`,
    );
  const differences = schemaDifferences(db, version);
  if (differences.length > 0)
    throw new RestoreError(
      'BACKUP_SCHEMA_ALTERED',
      `Le schéma de ${name} n’est pas celui de sa version ${version} : ${describeDifferences(differences)}.`,
    );
  const engine = new SqliteEngine(db);
  const trail = new AuditTrail(engine.db, engine, 'restauration');
  const audit = await trail.verify();
  if (!audit.ok) throw new RestoreError('BACKUP_AUDIT_BROKEN', `Le journal d’audit de ${name} est altéré : ${audit.message}`);
  return { entries: audit.entries, schemaVersion: version, head: await trail.head() };
}

/** A database file's audit hashes by seq, read once (read-only, schema untrusted), or null without one. */
export function auditHashesOf(file: string): ((seq: number) => string | null) | null {
  if (!existsSync(file)) return null;
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('trusted_schema = OFF');
  } catch {
    return null;
  }
  try {
    const rows = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log').all();
    const bySeq = new Map([[0, GENESIS], ...rows.map((r): [number, string] => [r.seq, r.hash])]);
    return (seq) => bySeq.get(seq) ?? null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/** A backup's head (its last audit entry), read-only. */
export function auditHeadOf(file: string): AuditHead {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('trusted_schema = OFF');
    return db.prepare<[], AuditHead>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() ?? { seq: 0, hash: GENESIS };
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
