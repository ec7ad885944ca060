import { chmodSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/result.js';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';

export type StoreDb = Database.Database;

export const STORE_ERRORS = {
  DATABASE_TOO_NEW: (found: number) =>
    new AppError(
      'DATABASE_TOO_NEW',
      `La base de données vient d’une version plus récente de Comptoir (schéma ${found}, celle-ci connaît ${LATEST_VERSION}) : mettez Comptoir à jour. Rien n’a été modifié.`,
    ),
  DATABASE_UNREADABLE: () =>
    new AppError('DATABASE_UNREADABLE', 'La base de données du poste est illisible : contactez le support. Rien n’a été modifié.'),
  DISK_FULL: () =>
    new AppError(
      'DISK_FULL',
      'Disque plein : la délivrance n’a pas pu être enregistrée. Libérez de la place puis validez à nouveau ; rien n’est perdu de ce qui était saisi.',
    ),
};

/**
 * The workstation's SQLite file: WAL, foreign keys, synchronous FULL (a dispensing acknowledged
 * on screen survives a power cut), readable by the user only. Migrations run at opening.
 */
export function openStoreDatabase(file: string, migrations: Migration[] = MIGRATIONS): StoreDb {
  const fresh = file !== ':memory:' && !existsSync(file);
  let db: StoreDb;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
  } catch {
    throw STORE_ERRORS.DATABASE_UNREADABLE();
  }
  if (fresh) chmodSync(file, 0o600);
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function schemaVersion(db: StoreDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs the migrations above the file's version, each in a transaction; a newer file is refused untouched. */
export function migrate(db: StoreDb, migrations: Migration[]): void {
  const current = schemaVersion(db);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) throw STORE_ERRORS.DATABASE_TOO_NEW(current);
  for (const m of migrations.filter((x) => x.version > current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
