import { parse } from 'csv-parse/sync';
import { AppError } from '../../../shared/contract/result.js';
import { isValidCip13 } from '../../../shared/ids/cip13.js';
import { CATALOGUE_BILLING_COLUMNS, CATALOGUE_HEADER, CATALOGUE_MAX_BYTES, CATALOGUE_MAX_ROWS } from '../store/catalogue-csv.js';
import type { Store } from '../store/store.js';
import type { ProductRow } from '../store/catalogue.js';

type Cells = Partial<ProductRow>;
/** One row of the pharmacy's file: its CIP13 and the cells it gives (empty ones left to the BDPM). */
export type PharmacyRow = { line: number; cip13: string; cells: Cells };

const bad = (message: string) => new AppError('CATALOGUE_FILE_BAD_ROWS', `Fichier de l’officine refusé, rien n’a été importé : ${message}`);
const euros = (s: string): number | null => (/^\d{1,6}(,\d{1,2})?$/.test(s) ? Math.round(Number(s.replace(',', '.')) * 100) : null);
const REGULATORY = { I: 'LISTE_I', II: 'LISTE_II', STUPEFIANT: 'STUPEFIANT' } as const;

/**
 * The pharmacy's own `;` file (format: store/catalogue-csv.ts), parsed by csv-parse so Excel's
 * `"`-quoted cells (a `;` or a `"` inside a label) read right. Every cell but the CIP13 may be empty:
 * empty, the BDPM's value stays. All or nothing: any bad row refuses the file, naming its lines.
 */
export function parsePharmacyFile(text: string): PharmacyRow[] {
  if (text.length > CATALOGUE_MAX_BYTES) throw bad(`fichier trop gros (${CATALOGUE_MAX_BYTES / 1024 / 1024} Mio au plus).`);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: ';',
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      to: CATALOGUE_MAX_ROWS + 2,
    }) as never;
  } catch (error) {
    throw bad(`fichier illisible (${(error as Error).message.split('\n')[0]}).`);
  }
  // One record past the cap read: a longer file is refused, never cut short.
  if (records.length > CATALOGUE_MAX_ROWS + 1) throw bad(`fichier trop long (${CATALOGUE_MAX_ROWS} lignes au plus).`);
  const header = (records[0]?.record ?? []).map((h) => h.trim().toLowerCase());
  const billing = header.length === CATALOGUE_HEADER.length + CATALOGUE_BILLING_COLUMNS.length;
  const expected = [...CATALOGUE_HEADER, ...(billing ? CATALOGUE_BILLING_COLUMNS : [])];
  if (expected.some((h, i) => header[i] !== h) || header.length !== expected.length)
    throw bad(`en-tête attendu : ${CATALOGUE_HEADER.join(';')}[;${CATALOGUE_BILLING_COLUMNS.join(';')}]`);
  const rows: PharmacyRow[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { record, info } of records.slice(1)) {
    if (record[0]?.startsWith('#')) continue;
    const row = parseRow(
      record.map((c) => c.trim()),
      expected.length,
    );
    if (typeof row === 'string') problems.push(`ligne ${info.lines} : ${row}`);
    else if (seen.has(row.cip13)) problems.push(`ligne ${info.lines} : CIP13 ${row.cip13} en double`);
    else {
      rows.push({ line: info.lines, ...row });
      seen.add(row.cip13);
    }
  }
  if (problems.length > 0)
    throw bad(`${problems.slice(0, 10).join(' ; ')}${problems.length > 10 ? ` (et ${problems.length - 10} autres)` : ''}.`);
  return rows;
}

function parseRow(c: string[], columns: number): { cip13: string; cells: Cells } | string {
  if (c.length !== columns) return `${columns} colonnes attendues, ${c.length} trouvées`;
  // eslint-disable-next-line no-control-regex -- control characters or markup in any cell
  if (c.some((x) => /[\u0000-\u001f<>]/.test(x))) return 'caractères interdits (contrôle ou balisage)';
  const [cip13, label, form, units, group, list, contraceptive, biosimilar, rate, price, tfr, specific] = c as string[] & { length: 12 };
  if (!isValidCip13(cip13 ?? '')) return `CIP13 invalide : ${(cip13 ?? '').slice(0, 20)}`;
  const cells: Cells = {};
  if (label) cells.label = label.slice(0, 300);
  if (form) cells.form = form;
  if (units) {
    const n = Number(units);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) return 'unités par boîte : entier de 1 à 10 000 attendu';
    cells.pack_size = n;
  }
  if (group) cells.generic_group = group;
  if (list) {
    if (!(list in REGULATORY)) return 'liste : vide, I, II ou STUPEFIANT attendu';
    cells.list = list as 'I' | 'II' | 'STUPEFIANT';
    cells.regulatory = REGULATORY[list as keyof typeof REGULATORY];
  }
  for (const [value, key, name] of [
    [contraceptive, 'contraceptive', 'contraceptif'],
    [biosimilar, 'biosimilar', 'biosimilaire'],
    [specific, 'specific', 'specifique'],
  ] as const) {
    if (!value) continue;
    if (value !== '0' && value !== '1') return `${name} : 0 ou 1 attendu`;
    cells[key] = Number(value);
  }
  if (rate) {
    const n = Number(rate);
    if (!Number.isInteger(n) || n < 0 || n > 100) return 'taux de remboursement : entier de 0 à 100 attendu';
    cells.reimbursement_rate = n;
  }
  for (const [value, key, name] of [
    [price, 'price_cents', 'prix'],
    [tfr, 'tfr_cents', 'tfr_eur'],
  ] as const) {
    if (!value) continue;
    const cents = euros(value);
    if (cents === null) return `${name} : nombre avec virgule décimale attendu (ex. 12,50)`;
    cells[key] = cents;
  }
  return { cip13: cip13!, cells };
}

/**
 * `comptoir catalogue import FILE.csv`: each row overlays the product it names (its non-empty cells
 * win, now and after every later BDPM import: they are kept as the product's overlay) or adds one
 * the BDPM lacks (`source: FILE`, a label needed). One transaction, recorded and audited.
 */
export async function importPharmacyFile(store: Store, text: string, actor: string): Promise<{ overlaid: number; added: number }> {
  const rows = parsePharmacyFile(text);
  return store.transaction(async (tx) => {
    let overlaid = 0;
    let added = 0;
    const missingLabel: number[] = [];
    for (const row of rows) {
      const existing = await tx.catalogue.overlayOf(row.cip13);
      if (existing !== undefined) {
        const overlay = { ...(existing ? (JSON.parse(existing) as Cells) : {}), ...row.cells };
        await tx.catalogue.overlay(row.cip13, row.cells, JSON.stringify(overlay));
        overlaid++;
      } else if (!row.cells.label) {
        missingLabel.push(row.line);
      } else {
        await tx.catalogue.addFromFile({ ...row.cells, cip13: row.cip13, label: row.cells.label, overlay_json: JSON.stringify(row.cells) });
        added++;
      }
    }
    if (missingLabel.length > 0) throw bad(`produit absent de la base sans libellé, ligne(s) ${missingLabel.slice(0, 10).join(', ')}.`);
    await tx.catalogueImports.record({
      at: new Date().toISOString(),
      source: 'FILE',
      publishedOn: null,
      files: { rows: rows.length },
      summary: { overlaid, added },
      actor,
    });
    await tx.audit.append(actor, 'catalogue.file_imported', 'FILE', { overlaid, added });
    return { overlaid, added };
  });
}
