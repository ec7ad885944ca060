import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../../main/bootstrap/config.js';
import { STORE_FILE } from '../../main/bootstrap/data-folder.js';
import { importIntoServer } from '../../main/bootstrap/database-import.js';
import { Store } from '../../main/services/store/store.js';
import { UsageError } from '../cli-kit.js';
import { join, resolve } from 'node:path';

export const DB_USAGE = 'comptoir db migrate [--data-dir DOSSIER] | db import --from FICHIER.sqlite (vers COMPTOIR_DATABASE_URL)';

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
  throw new UsageError('Sous-commande attendue : migrate ou import.');
}

async function migrate(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, strict: true });
  const { databaseUrl, dataDir } = config();
  const store = databaseUrl ? await Store.openPostgres(databaseUrl, 'migration') : Store.openSqlite(join(values['data-dir'] ?? dataDir, STORE_FILE), 'migration');
  try {
    const where = databaseUrl ? 'Base de l’officine (PostgreSQL)' : 'Base du poste (SQLite)';
    process.stdout.write(`${where} à jour : schéma ${await store.engine.schemaVersion()}.\n`);
  } finally {
    await store.close();
  }
}

async function importFile(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' } }, strict: true });
  const { databaseUrl } = config();
  if (!values.from) throw new UsageError('Indiquez le fichier du poste à importer : --from comptoir.sqlite.');
  if (!databaseUrl) throw new UsageError('COMPTOIR_DATABASE_URL manquante : l’adresse postgres://… de la base de l’officine.');
  const file = resolve(values.from);
  if (!existsSync(file)) throw new UsageError(`Fichier introuvable : ${file}`);
  const from = Store.openSqlite(file, 'import');
  const into = await Store.openPostgres(databaseUrl, 'import');
  try {
    const report = await importIntoServer(from, into);
    const counted = Object.entries(report.rows).filter(([, n]) => (n ?? 0) > 0).map(([table, n]) => `${table} ${n}`).join(', ');
    process.stdout.write(`Import terminé : ${counted}. Journal d’audit vérifié sur le serveur : ${report.auditEntries} entrée(s).\n`);
  } finally {
    await from.close();
    await into.close();
  }
}
