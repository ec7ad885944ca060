import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { checkBackup, RestoreError } from '../../main/services/store/sqlite/sqlite-backup-check.js';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../../main/bootstrap/config.js';
import { STORE_FILE } from '../../main/bootstrap/data-folder.js';
import { importIntoServer } from '../../main/services/store/database-import.js';
import { PostgresEngine } from '../../main/services/store/postgres/postgres-engine.js';
import { grantRuntimeRole } from '../../main/services/store/postgres/postgres-database.js';
import { Store } from '../../main/services/store/store.js';
import { UsageError, fail } from '../cli-kit.js';
import { AppError } from '../../shared/contract/result.js';
import { SERVER_BACKUP_FOLDER } from '../../main/services/backup/backup-files.js';
import { backupServer, restoreServer } from '../../main/services/backup/server-backup.js';
import { join, resolve } from 'node:path';

export const DB_USAGE =
  'comptoir db migrate [--data-dir DOSSIER] | db import --from FICHIER.sqlite | db backup [--to DOSSIER] | db restore FICHIER.dump (COMPTOIR_DATABASE_URL ; COMPTOIR_DATABASE_ADMIN_URL : l’adresse du propriétaire de la base)';

function config() {
  try {
    return readConfig({ ...process.env, COMPTOIR_AM_URL: '' });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** `comptoir db migrate` (the server's database, or the counter's file) and `comptoir db import`. */
export async function dbCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'migrate') return migrate(rest);
  if (sub === 'import') return importFile(rest);
  if (sub === 'backup') return backup(rest);
  if (sub === 'restore') return restore(rest);
  throw new UsageError('Sous-commande attendue : migrate, import, backup ou restore.');
}

/**
 * The owner's address (COMPTOIR_DATABASE_ADMIN_URL) for what changes the schema: migrations and the
 * import. Without it, the counters' address (a pharmacy whose counters connect as the owner).
 */
function ownerUrl(databaseUrl: string | null): string | null {
  const admin = process.env.COMPTOIR_DATABASE_ADMIN_URL?.trim() || null;
  if (admin === null) return databaseUrl;
  if (!/^postgres(ql)?:\/\//.test(admin))
    throw new UsageError(
      'COMPTOIR_DATABASE_ADMIN_URL attend une adresse postgres://… (non répétée ici : elle peut contenir un mot de passe).',
    );
  if (databaseUrl === null)
    throw new UsageError('COMPTOIR_DATABASE_ADMIN_URL est donnée sans COMPTOIR_DATABASE_URL : indiquez aussi l’adresse des postes.');
  return admin;
}

const userOf = (url: string): string => decodeURIComponent(new URL(url).username);

async function migrate(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, strict: true });
  const { databaseUrl, dataDir } = config();
  const owner = ownerUrl(databaseUrl ?? null);
  const store = owner
    ? await Store.openPostgres(owner, 'migration')
    : Store.openSqlite(join(values['data-dir'] ?? dataDir, STORE_FILE), 'migration');
  try {
    const where = owner ? 'Base de l’officine (PostgreSQL)' : 'Base du poste (SQLite)';
    process.stdout.write(`${where} à jour : schéma ${await store.engine.schemaVersion()}.\n`);
    // The counters connect as another role than the owner: it gets rows to read and write, nothing more.
    const runtime = databaseUrl && owner !== databaseUrl ? userOf(databaseUrl) : null;
    if (runtime && runtime !== userOf(owner!) && store.engine instanceof PostgresEngine) {
      await grantRuntimeRole(store.engine.pool, runtime);
      process.stdout.write(
        `Rôle des postes « ${runtime} » : lignes lues et écrites, registres en ajout seul (ni modification, ni suppression, ni TRUNCATE), schéma inchangeable.\n`,
      );
    }
  } finally {
    await store.close();
  }
}

async function importFile(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' } }, strict: true });
  const databaseUrl = ownerUrl(config().databaseUrl ?? null);
  if (!values.from) throw new UsageError('Indiquez le fichier du poste à importer : --from comptoir.sqlite.');
  if (!databaseUrl) throw new UsageError('COMPTOIR_DATABASE_URL manquante : l’adresse postgres://… de la base de l’officine.');
  const file = resolve(values.from);
  if (!existsSync(file)) throw new UsageError(`Fichier introuvable : ${file}`);
  // The counter's file is read, never written (#28.3): checked read-only (schema, audit chain) and
  // copied by SQLite's backup API; the copy, not the file, is brought to the current schema.
  const work = mkdtempSync(join(tmpdir(), 'comptoir-import-'));
  const copy = join(work, STORE_FILE);
  try {
    await checkBackup(file, { copyTo: copy });
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    if (error instanceof RestoreError) fail(`Import refusé, rien n’a été modifié : ${error.message} [${error.code}]`, 1);
    throw error;
  }
  const from = Store.openSqlite(copy, 'import');
  const into = await Store.openPostgres(databaseUrl, 'import').catch(async (error: unknown) => {
    await from.close();
    rmSync(work, { recursive: true, force: true });
    throw error;
  });
  try {
    const report = await importIntoServer(from, into);
    const counted = Object.entries(report.rows)
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([table, n]) => `${table} ${n}`)
      .join(', ');
    process.stdout.write(`Import terminé : ${counted}. Journal d’audit vérifié sur le serveur : ${report.auditEntries} entrée(s).\n`);
  } finally {
    await from.close();
    await into.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** `comptoir db backup [--to DIR]`: the pharmacy's server dumped, checked and rotated (7 daily, 4 weekly). */
async function backup(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { to: { type: 'string' } }, strict: true });
  const { databaseUrl, dataDir } = config();
  if (!databaseUrl)
    throw new UsageError(
      'COMPTOIR_DATABASE_URL manquante : « comptoir db backup » sauvegarde le serveur de l’officine (le fichier d’un poste : « comptoir backup »).',
    );
  const folder = resolve(values.to ?? join(dataDir, SERVER_BACKUP_FOLDER));
  try {
    const done = await backupServer(databaseUrl, folder);
    process.stdout.write(`Sauvegarde du serveur écrite et vérifiée : ${done.file} (${(done.bytes / 1024).toFixed(0)} Kio).\n`);
  } catch (error) {
    if (error instanceof AppError) fail(`${error.message} [${error.code}]`, 1);
    throw error;
  }
}

/** `comptoir db restore FILE`: into an empty database (the owner's address), never while counters work on it. */
async function restore(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('Indiquez la sauvegarde du serveur à restaurer (officine-….dump).');
  const target = ownerUrl(config().databaseUrl ?? null);
  if (!target) throw new UsageError('COMPTOIR_DATABASE_URL manquante : l’adresse de la base (neuve) où restaurer.');
  try {
    const restored = await restoreServer(target, resolve(positionals[0]!));
    process.stdout.write(`Base de l’officine restaurée : ${restored.auditEntries} entrée(s) du journal d’audit vérifiées.\n`);
  } catch (error) {
    if (error instanceof AppError) fail(`Restauration refusée : ${error.message} [${error.code}]`, 1);
    throw error;
  }
}
