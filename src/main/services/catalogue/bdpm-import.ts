import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { AppError } from '../../../shared/contract/result.js';
import { parisToday } from '../../../shared/format/paris-date.js';
import type { CatalogueChanges } from '../store/catalogue-imports.js';
import type { Store } from '../store/store.js';
import type { ProductRow } from '../store/catalogue.js';
import { BDPM_FILES, BDPM_MINIMUMS, MAX_FILE_BYTES, parseBdpm, type BdpmProduct, type FileSummary, type Minimums } from './bdpm-parse.js';

/** The files the import reads, their bytes, and their dates (modification times: the download's day). */
export type BdpmSource = { files: Map<string, Uint8Array>; oversized: Set<string>; dates: Record<string, string> };
export type BdpmImportSummary = {
  files: FileSummary[];
  changes: CatalogueChanges;
  staleRates: number;
  withoutCis: number;
  publishedOn: string | null;
};

const WANTED: Set<string> = new Set(Object.values(BDPM_FILES));
/** A zip of the BDPM is a few tens of megabytes; more is not the BDPM. */
const MAX_ZIP_BYTES = 256 * 1024 * 1024;

/** A folder holding the BDPM files, or a .zip of them (at its root or in one folder). */
export function readBdpmSource(path: string): BdpmSource {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new AppError('CATALOGUE_FILE_MISSING', `Dossier ou fichier introuvable : ${path} — rien n’a été importé.`);
  return stat.isDirectory() ? readFolder(path) : readZip(path, stat.size);
}

function readFolder(dir: string): BdpmSource {
  const source: BdpmSource = { files: new Map(), oversized: new Set(), dates: {} };
  for (const name of readdirSync(dir)) {
    if (!WANTED.has(name)) continue;
    const stat = statSync(join(dir, name));
    if (!stat.isFile()) continue;
    source.dates[name] = parisToday(stat.mtime);
    // Never read what cannot be the BDPM: its size alone refuses it.
    if (stat.size > MAX_FILE_BYTES) source.oversized.add(name);
    else source.files.set(name, readFileSync(join(dir, name)));
  }
  return source;
}

function readZip(file: string, size: number): BdpmSource {
  if (size > MAX_ZIP_BYTES)
    throw new AppError('CATALOGUE_FILE_TOO_LARGE', `${basename(file)} dépasse 256 Mio : ce n’est pas la BDPM — rien n’a été importé.`);
  return readBdpmZip(basename(file), readFileSync(file), parisToday(statSync(file).mtime));
}

/** A .zip of the BDPM's files as bytes (Configuration › Catalogue sends the one the pharmacist chose). */
export function readBdpmZip(name: string, zip: Uint8Array, day: string): BdpmSource {
  const source: BdpmSource = { files: new Map(), oversized: new Set(), dates: {} };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, {
      // Only the BDPM's files, at the root or in one folder; an oversized one is never inflated.
      filter: (f) => {
        const name = f.name.split('/').filter(Boolean);
        const wanted = name.length <= 2 && WANTED.has(name[name.length - 1] ?? '');
        if (wanted && f.originalSize > MAX_FILE_BYTES) source.oversized.add(name[name.length - 1]!);
        return wanted && f.originalSize <= MAX_FILE_BYTES;
      },
    });
  } catch {
    throw new AppError('CATALOGUE_ENCODING', `${name} n’est pas une archive zip lisible — rien n’a été importé.`);
  }
  for (const [path, bytes] of Object.entries(entries)) source.files.set(path.split('/').filter(Boolean).pop()!, bytes);
  for (const file of source.files.keys()) source.dates[file] = day;
  return source;
}

/** A BDPM product as the catalogue keeps it (the rules' list: an assimilé stupéfiant is liste I). */
function toRow(p: BdpmProduct): ProductRow {
  const list = p.regulatory === 'STUPEFIANT' ? 'STUPEFIANT' : p.regulatory === 'LISTE_II' ? 'II' : p.regulatory ? 'I' : null;
  return {
    cip13: p.cip13,
    label: p.label,
    form: p.form,
    pack_size: p.unitsPerPack,
    generic_group: p.genericGroups[0]?.id ?? null,
    list,
    reimbursement_rate: p.reimbursementRate,
    price_cents: p.priceCents,
    sample: 0,
    tfr_cents: null,
    specific: 0,
    cip7: p.cip7,
    cis: p.cis,
    pack_fee_cents: p.packFeeCents,
    generic_groups_json: JSON.stringify(p.genericGroups),
    regulatory: p.regulatory,
    marketed: p.marketed ? 1 : 0,
    withdrawn: 0,
    source: 'BDPM',
    abrogated_on: p.abrogatedOn,
  };
}

export type BdpmImportOptions = {
  actor: string;
  publishedOn?: string | null;
  minimums?: Minimums;
  onProgress?: (done: number, total: number) => void;
};

/**
 * `comptoir catalogue import --bdpm` and Configuration › Catalogue: the files read and checked
 * (refused with the first reason of the spec's order, nothing changed), then everything in one
 * transaction, audited. A counter keeps dispensing on the previous catalogue until it commits.
 */
export async function importBdpm(store: Store, source: BdpmSource, options: BdpmImportOptions): Promise<BdpmImportSummary> {
  let parsed;
  try {
    parsed = parseBdpm(source.files, options.minimums ?? BDPM_MINIMUMS, source.oversized);
  } catch (error) {
    if (error instanceof AppError)
      await store.transaction((tx) => tx.audit.append(options.actor, 'catalogue.import_refused', 'BDPM', { code: error.code }));
    throw error;
  }
  const rows = parsed.products.map(toRow);
  const publishedOn = options.publishedOn ?? null;
  const at = new Date().toISOString();
  const changes = await store.transaction(async (tx) => {
    const done = await tx.catalogueImports.replaceBdpm(rows, (n) => options.onProgress?.(n, rows.length));
    const summary = { files: parsed.files, changes: done, staleRates: parsed.staleRates, withoutCis: parsed.withoutCis };
    await tx.catalogueImports.record({
      at,
      source: 'BDPM',
      publishedOn,
      files: { dates: source.dates, names: [...source.files.keys()].sort() },
      summary,
      actor: options.actor,
    });
    await tx.audit.append(options.actor, 'catalogue.imported', 'BDPM', { presentations: rows.length, ...done, publishedOn });
    return done;
  });
  // Thousands of rows changed at once: the planner learns it now, not at the next autovacuum.
  await store.engine.analyze('products');
  return { files: parsed.files, changes, staleRates: parsed.staleRates, withoutCis: parsed.withoutCis, publishedOn };
}

/** Thousands apart with a plain space (« 20 874 »): the summary is read in a terminal and searched in logs. */
export const count = (x: number): string => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
const n = count;

/** The summary the command prints and the screen shows: per file, then the products. */
export function summaryLines(summary: BdpmImportSummary): string[] {
  const lines = summary.files.map((f) => {
    const aside = f.setAside > 0 ? ` (lignes ${f.setAsideLines.join(', ')}${f.setAside > f.setAsideLines.length ? '…' : ''})` : '';
    return `${f.file} : ${f.encoding}, ${n(f.lines)} lignes lues, ${n(f.kept)} gardées, ${n(f.setAside)} écartée(s)${aside}`;
  });
  const { added, changed, withdrawn } = summary.changes;
  lines.push(`Produits : ${n(added)} ajoutés, ${n(changed)} modifiés, ${n(withdrawn)} retirés.`);
  if (summary.staleRates > 0)
    lines.push(`Attention : ${n(summary.staleRates)} taux de remboursement inconnus (ni 100, 65, 30 ni 15 %) laissés vides.`);
  if (summary.withoutCis > 0)
    lines.push(`${n(summary.withoutCis)} présentation(s) sans spécialité dans CIS_bdpm.txt, gardées sous leur seul libellé.`);
  return lines;
}
