import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../../main/bootstrap/config.js';
import { STORE_FILE, openDataFolder } from '../../main/bootstrap/data-folder.js';
import { TariffsService } from '../../main/services/billing/tariffs-service.js';
import { parseTariffFile } from '../../shared/billing/tariffs.js';
import { UsageError, fail } from '../cli-kit.js';

export const TARIFFS_USAGE = 'comptoir tarifs import FICHIER [--data-dir DOSSIER]';

/**
 * `comptoir tarifs import FILE`: the honoraires' tariffs (`code;montant_eur;taux;depuis`) into the
 * workstation's store, all or nothing: one bad row refuses the file, naming every bad line.
 */
export async function tariffsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'import') throw new UsageError('Sous-commande attendue : import.');
  const { values, positionals } = parseArgs({
    args: rest,
    options: { 'data-dir': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [file] = positionals;
  if (!file || positionals.length !== 1) throw new UsageError('Indiquez le fichier des tarifs.');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Fichier illisible : ${file}`);
  }
  const parsed = parseTariffFile(text);
  if (!parsed.ok)
    return fail(`Fichier refusé, rien n’a été importé :\n${parsed.errors.map((e) => `  ligne ${e.line} : ${e.message}`).join('\n')}`, 1);
  const dataDir = values['data-dir'] ?? readConfig({ ...process.env, COMPTOIR_AM_URL: '' }).dataDir;
  if (!existsSync(join(dataDir, STORE_FILE))) throw new UsageError(`Aucune base de données de poste dans ${dataDir}.`);
  const { store } = await openDataFolder(dataDir, 'tarifs');
  try {
    await new TariffsService(store, () => 'tarifs').importFile(text);
    process.stdout.write(
      `${parsed.tariffs.length} tarif(s) importé(s) : ${parsed.tariffs.map((t) => `${t.code} depuis le ${t.since.split('-').reverse().join('/')}`).join(', ')}.\n`,
    );
  } finally {
    await store.close();
  }
}
