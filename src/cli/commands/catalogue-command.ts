import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../../main/bootstrap/config.js';
import { openDataFolder } from '../../main/bootstrap/data-folder.js';
import { count, importBdpm, readBdpmSource, summaryLines } from '../../main/services/catalogue/bdpm-import.js';
import { importPharmacyFile } from '../../main/services/catalogue/pharmacy-file.js';
import type { Store } from '../../main/services/store/store.js';
import { AppError } from '../../shared/contract/result.js';
import { isValidCip13 } from '../../shared/ids/cip13.js';
import { isIsoDate } from '../../shared/rules/calendar.js';
import { parisToday } from '../../shared/format/paris-date.js';
import { UsageError, fail } from '../cli-kit.js';

export const CATALOGUE_USAGE =
  'comptoir catalogue import --bdpm DOSSIER|ZIP [--date AAAA-MM-JJ] | catalogue import FICHIER.csv | catalogue show CIP13 --json | catalogue status [--data-dir DOSSIER]';

/** `comptoir catalogue …`: on the counter's file, or the pharmacy's server when COMPTOIR_DATABASE_URL says so. */
export async function catalogueCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'import') return withStore(rest, { bdpm: { type: 'string' }, date: { type: 'string' } }, importCommand);
  if (sub === 'show') return withStore(rest, { json: { type: 'boolean' } }, showCommand);
  if (sub === 'status') return withStore(rest, {}, statusCommand);
  throw new UsageError('Sous-commande attendue : import, show ou status.');
}

type Options = Record<string, { type: 'string' | 'boolean' }>;
type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] };

async function withStore(args: string[], options: Options, run: (store: Store, parsed: Parsed) => Promise<void>): Promise<void> {
  const parsed = parseArgs({
    args,
    options: { ...options, 'data-dir': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  }) as Parsed;
  const config = readConfig({ ...process.env, COMPTOIR_AM_URL: '' });
  const dataDir = (parsed.values['data-dir'] as string | undefined) ?? config.dataDir;
  const { store } = await openDataFolder(dataDir, 'catalogue', null, { databaseUrl: config.databaseUrl ?? null });
  try {
    await run(store, parsed);
  } finally {
    await store.close();
  }
}

async function importCommand(store: Store, { values, positionals }: Parsed): Promise<void> {
  const path = values.bdpm as string | undefined;
  if (positionals.length === 1 && !path) return importFile(store, resolve(positionals[0]!));
  if (!path || positionals.length > 0)
    throw new UsageError('Indiquez --bdpm DOSSIER|ZIP (la BDPM) ou FICHIER.csv (le fichier de l’officine).');
  const date = values.date as string | undefined;
  if (date !== undefined && !isIsoDate(date)) throw new UsageError('--date attend la date de publication des fichiers : AAAA-MM-JJ.');
  try {
    const summary = await importBdpm(store, readBdpmSource(resolve(path)), { actor: 'catalogue', publishedOn: date ?? null });
    process.stdout.write(`${['Catalogue importé depuis la BDPM (ANSM, Licence Ouverte).', ...summaryLines(summary)].join('\n')}\n`);
  } catch (error) {
    if (error instanceof AppError) fail(`Import refusé, le catalogue est inchangé : ${error.message} [${error.code}]`, 2);
    throw error;
  }
}

/** The pharmacy's own file over the BDPM: its non-empty cells win, its extra products added. */
async function importFile(store: Store, file: string): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Fichier illisible : ${file}`);
  }
  try {
    const done = await importPharmacyFile(store, text, 'catalogue');
    process.stdout.write(
      `Fichier de l’officine importé : ${count(done.overlaid)} produit(s) complété(s), ${count(done.added)} ajouté(s).\n`,
    );
  } catch (error) {
    if (error instanceof AppError) fail(`${error.message} [${error.code}]`, 2);
    throw error;
  }
}

async function showCommand(store: Store, { values, positionals }: Parsed): Promise<void> {
  const [cip13] = positionals;
  if (!cip13 || positionals.length !== 1 || !values.json) throw new UsageError('Usage : comptoir catalogue show CIP13 --json');
  if (!isValidCip13(cip13)) fail(`CIP13 invalide : ${cip13} (13 chiffres, clé EAN-13).`, 1);
  const product = await store.catalogue.productFacts(cip13);
  if (!product) fail(`Produit inconnu du catalogue : ${cip13}.`, 1);
  process.stdout.write(`${JSON.stringify(product)}\n`);
}

async function statusCommand(store: Store): Promise<void> {
  const last = await store.catalogueImports.last();
  const counts = await store.catalogueImports.counts();
  const inForce = counts.BDPM + counts.FILE + counts.SAMPLE;
  const source =
    counts.BDPM > 0
      ? 'BDPM (ANSM, Licence Ouverte)'
      : counts.SAMPLE > 0
        ? 'catalogue d’exemple (démonstration)'
        : counts.FILE > 0
          ? 'fichier de l’officine'
          : 'aucun : catalogue vide';
  const lines = [
    `Source : ${source}`,
    `Présentations : ${count(inForce)} en vigueur (BDPM ${count(counts.BDPM)}, officine ${count(counts.FILE)}, exemple ${count(counts.SAMPLE)}), ${count(counts.withdrawn)} retirées`,
  ];
  if (last) {
    const files = last.files as { dates?: Record<string, string> };
    lines.push(
      `Dernier import : ${parisToday(new Date(last.at))} (${last.source})${last.publishedOn ? `, publication du ${last.publishedOn}` : ''}`,
    );
    lines.push(
      `Fichiers : ${Object.entries(files.dates ?? {})
        .map(([name, day]) => `${name} du ${day}`)
        .join(', ')}`,
    );
  } else {
    lines.push('Dernier import : aucun');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
