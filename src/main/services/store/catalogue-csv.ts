import { isValidCip13 } from '../../../shared/ids/cip13.js';
import type { Product } from './catalogue.js';

/**
 * The catalogue file: UTF-8, `;`-separated, one header line, prices with a decimal comma.
 *   cip13;libelle;forme;unites_par_boite;groupe_generique;liste;contraceptif;biosimilaire;taux_remboursement;prix_eur[;tfr_eur;specifique]
 * `liste` is empty, I, II or STUPEFIANT; `contraceptif`/`biosimilaire` are 0 or 1; rates are 0–100.
 * Two optional columns (billing.md): `tfr_eur`, the group's tarif forfaitaire de responsabilité (empty
 * when none), and `specifique`, 0 or 1 (honoraire HDE). Files without them still import.
 */
export const CATALOGUE_HEADER = [
  'cip13',
  'libelle',
  'forme',
  'unites_par_boite',
  'groupe_generique',
  'liste',
  'contraceptif',
  'biosimilaire',
  'taux_remboursement',
  'prix_eur',
] as const;
export const CATALOGUE_BILLING_COLUMNS = ['tfr_eur', 'specifique'] as const;

export type RejectedRow = { line: number; message: string };
export type CatalogueParse = { products: Product[]; rejected: RejectedRow[] } | { error: string };

export const CATALOGUE_MAX_ROWS = 200_000;
/** A catalogue row is under 300 bytes: 64 MiB holds the row cap many times over. */
export const CATALOGUE_MAX_BYTES = 64 * 1024 * 1024;

/** Refuses an oversized file before splitting it, and never splits past the row cap. */
export function parseCatalogueCsv(text: string, sample = false): CatalogueParse {
  if (text.length > CATALOGUE_MAX_BYTES) return { error: `Fichier trop gros (${CATALOGUE_MAX_BYTES / 1024 / 1024} Mio au plus).` };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/, CATALOGUE_MAX_ROWS + 2);
  const header = (lines[0] ?? '').split(';').map((h) => h.trim().toLowerCase());
  if (CATALOGUE_HEADER.some((h, i) => header[i] !== h)) return { error: `En-tête attendu : ${CATALOGUE_HEADER.join(';')}` };
  const billing = header.length > CATALOGUE_HEADER.length;
  if (
    billing &&
    (header.length !== CATALOGUE_HEADER.length + 2 || CATALOGUE_BILLING_COLUMNS.some((h, i) => header[CATALOGUE_HEADER.length + i] !== h))
  ) {
    return { error: `Colonnes facultatives attendues après prix_eur : ${CATALOGUE_BILLING_COLUMNS.join(';')}` };
  }
  if (lines.length > CATALOGUE_MAX_ROWS + 1)
    return { error: `Fichier trop long (${CATALOGUE_MAX_ROWS.toLocaleString('fr-FR')} lignes au plus).` };
  const products: Product[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const result = parseRow(raw.split(';'), sample, billing);
    if (typeof result === 'string') return void rejected.push({ line, message: result });
    if (seen.has(result.cip13)) return void rejected.push({ line, message: `CIP13 ${result.cip13} en double` });
    seen.add(result.cip13);
    products.push(result);
  });
  return { products, rejected };
}

function parseRow(cells: string[], sample: boolean, billing: boolean): Product | string {
  const columns = CATALOGUE_HEADER.length + (billing ? 2 : 0);
  if (cells.length !== columns) return `${columns} colonnes attendues, ${cells.length} trouvées`;
  const [cip13, label, form, packSize, group, list, contraceptive, biosimilar, rate, price] = cells.map((c) => c.trim()) as string[] & {
    length: 10;
  };
  if (!isValidCip13(cip13 ?? '')) return `CIP13 invalide : ${(cip13 ?? '').slice(0, 20)}`;
  if (!label || label.length > 300) return 'libellé manquant ou trop long';
  // eslint-disable-next-line no-control-regex -- refuse control characters in any cell
  if (cells.some((c) => /[\u0000-\u001f<>]/.test(c))) return 'caractères interdits (contrôle ou balisage)';
  const units = Number(packSize);
  if (!Number.isInteger(units) || units < 1 || units > 10_000) return 'unités par boîte : entier de 1 à 10 000 attendu';
  if (!['', 'I', 'II', 'STUPEFIANT'].includes(list ?? '')) return 'liste : vide, I, II ou STUPEFIANT attendu';
  if (!['0', '1'].includes(contraceptive ?? '') || !['0', '1'].includes(biosimilar ?? ''))
    return 'contraceptif et biosimilaire : 0 ou 1 attendu';
  const reimbursement = Number(rate);
  if (!Number.isInteger(reimbursement) || reimbursement < 0 || reimbursement > 100)
    return 'taux de remboursement : entier de 0 à 100 attendu';
  if (!/^\d{1,6}(,\d{1,2})?$/.test(price ?? '')) return 'prix : nombre avec virgule décimale attendu (ex. 12,50)';
  const [euros, cents = '0'] = (price ?? '0').split(',');
  const [tfr = '', specific = '0'] = billing ? cells.slice(CATALOGUE_HEADER.length).map((c) => c.trim()) : [];
  if (tfr !== '' && !/^\d{1,6}(,\d{1,2})?$/.test(tfr)) return 'tfr_eur : vide ou nombre avec virgule décimale attendu';
  if (!['0', '1'].includes(specific)) return 'specifique : 0 ou 1 attendu';
  const [tfrEuros, tfrCents = '0'] = tfr.split(',');
  return {
    tfrCents: tfr === '' ? null : Number(tfrEuros) * 100 + Number(tfrCents.padEnd(2, '0')),
    specific: specific === '1',
    cip13: cip13 ?? '',
    label,
    form: form || null,
    packSize: units,
    genericGroup: group || null,
    list: (list || null) as Product['list'],
    contraceptive: contraceptive === '1',
    biosimilar: biosimilar === '1',
    reimbursementRate: reimbursement,
    priceCents: Number(euros) * 100 + Number(cents.padEnd(2, '0')),
    sample,
  };
}
