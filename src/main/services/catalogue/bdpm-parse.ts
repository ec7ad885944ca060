import { AppError } from '../../../shared/contract/result.js';
import { isValidCip13 } from '../../../shared/ids/cip13.js';
import { bdpmLines, decodeBdpmFile, type BdpmEncoding, type BdpmLine } from './bdpm-text.js';
import { parsePriceCents, parseRate, regulatoryOf, unitsPerPack, withoutAbrogation, type Regulatory } from './bdpm-fields.js';

export const BDPM_FILES = { cis: 'CIS_bdpm.txt', cip: 'CIS_CIP_bdpm.txt', gener: 'CIS_GENER_bdpm.txt', cpd: 'CIS_CPD_bdpm.txt' } as const;
const REQUIRED = [BDPM_FILES.cis, BDPM_FILES.cip];
const FIELDS = { [BDPM_FILES.cis]: 12, [BDPM_FILES.cip]: 13, [BDPM_FILES.gener]: 5, [BDPM_FILES.cpd]: 2 } as const;
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_BAD_SHARE = 0.01;
const GENERIC_TYPES = new Set([0, 1, 2, 4]);

/** `label`: the group's common name (« ZOLPIDEM (TARTRATE DE) 10 mg »), so a princeps is found by it. */
export type GenericGroup = { id: string; type: 0 | 1 | 2 | 4; label?: string };
export type BdpmProduct = {
  cip13: string;
  cip7: string;
  cis: string;
  label: string;
  form: string | null;
  priceCents: number | null;
  packFeeCents: number | null;
  reimbursementRate: number | null;
  genericGroups: GenericGroup[];
  regulatory: Regulatory | null;
  unitsPerPack: number | null;
  marketed: boolean;
  abrogatedOn: string | null;
};
/** Per file: its encoding, its data lines, the rows kept and those set aside (their line numbers, the first 20). */
export type FileSummary = { file: string; encoding: BdpmEncoding; lines: number; kept: number; setAside: number; setAsideLines: number[] };
export type BdpmParse = { products: BdpmProduct[]; files: FileSummary[]; staleRates: number; withoutCis: number; cisCount: number };
export type Minimums = { cis: number; presentations: number };
export const BDPM_MINIMUMS: Minimums = { cis: 10_000, presentations: 15_000 };

/** One refusal, and its place in the spec's order (the first that applies is said). */
type Refusal = { rank: number; error: AppError };
const RANK = [
  'CATALOGUE_FILE_MISSING',
  'CATALOGUE_ENCODING',
  'CATALOGUE_TOO_MANY_BAD_ROWS',
  'CATALOGUE_TOO_SMALL',
  'CATALOGUE_DUPLICATE_CIP13',
  'CATALOGUE_UNKNOWN_GENERIC_TYPE',
  'CATALOGUE_FILE_TOO_LARGE',
];
const refusal = (code: string, message: string): Refusal => ({
  rank: RANK.indexOf(code),
  error: new AppError(code, `${message} : rien n’a été importé.`),
});

/** A file's rows: kept ones by the caller's reading, the others set aside with their line numbers. */
class FileReading {
  readonly summary: FileSummary;
  constructor(file: string, encoding: BdpmEncoding) {
    this.summary = { file, encoding, lines: 0, kept: 0, setAside: 0, setAsideLines: [] };
  }
  line(): void {
    this.summary.lines++;
  }
  keep(): void {
    this.summary.kept++;
  }
  setAside(line: BdpmLine): void {
    this.summary.setAside++;
    if (this.summary.setAsideLines.length < 20) this.summary.setAsideLines.push(line.number);
  }
  get tooManyBad(): boolean {
    return this.summary.lines > 0 && this.summary.setAside / this.summary.lines > MAX_BAD_SHARE;
  }
}

/**
 * The BDPM files (name → bytes) read into products, or refused with the first reason in the spec's
 * order. Nothing here writes: the import commits the result in one transaction.
 */
export function parseBdpm(
  files: ReadonlyMap<string, Uint8Array>,
  minimums: Minimums = BDPM_MINIMUMS,
  oversized: ReadonlySet<string> = new Set(),
): BdpmParse {
  const refusals: Refusal[] = [];
  for (const name of REQUIRED)
    if (!files.has(name) && !oversized.has(name))
      refusals.push(refusal('CATALOGUE_FILE_MISSING', `Fichier ${name} absent du dossier de la BDPM`));
  const texts = new Map<string, { encoding: BdpmEncoding; text: string }>();
  let tooLarge = false;
  for (const name of Object.values(BDPM_FILES)) {
    const bytes = files.get(name);
    if (oversized.has(name) || (bytes && bytes.length > MAX_FILE_BYTES)) {
      tooLarge = true;
      refusals.push(refusal('CATALOGUE_FILE_TOO_LARGE', `${name} dépasse 64 Mio`));
      continue;
    }
    if (!bytes) continue;
    try {
      texts.set(name, decodeBdpmFile(name, bytes));
    } catch (error) {
      if (error instanceof AppError) refusals.push({ rank: RANK.indexOf(error.code), error });
      else throw error;
    }
  }
  const first = (): never => {
    throw refusals.sort((a, b) => a.rank - b.rank)[0]!.error;
  };
  // A file unread (too large) leaves its rows uncounted: what was found so far is said.
  if (tooLarge || refusals.some((r) => r.rank < RANK.indexOf('CATALOGUE_TOO_MANY_BAD_ROWS'))) first();

  const cis = readCis(texts.get(BDPM_FILES.cis)!);
  const groups = readGener(texts.get(BDPM_FILES.gener), refusals);
  const conditions = readCpd(texts.get(BDPM_FILES.cpd));
  const cip = readCip(texts.get(BDPM_FILES.cip)!, cis.names, groups.byCis, conditions.byCis);
  const readings = [cis.reading, cip.reading, groups.reading, conditions.reading].filter((r): r is FileReading => r !== null);
  for (const r of readings)
    if (r.tooManyBad)
      refusals.push(
        refusal(
          'CATALOGUE_TOO_MANY_BAD_ROWS',
          `${r.summary.setAside} ligne(s) illisible(s) sur ${r.summary.lines} dans ${r.summary.file} (plus de 1 %)`,
        ),
      );
  if (cis.names.size < minimums.cis || cip.products.length < minimums.presentations) {
    refusals.push(
      refusal(
        'CATALOGUE_TOO_SMALL',
        `Base incomplète (${cis.names.size} spécialités, ${cip.products.length} présentations ; au moins ${minimums.cis} et ${minimums.presentations} attendues) : téléchargement tronqué ?`,
      ),
    );
  }
  if (cip.duplicate) refusals.push(refusal('CATALOGUE_DUPLICATE_CIP13', `CIP13 ${cip.duplicate} présent deux fois dans ${BDPM_FILES.cip}`));
  if (refusals.length > 0) first();
  return {
    products: cip.products,
    files: readings.map((r) => r.summary),
    staleRates: cip.staleRates,
    withoutCis: cip.withoutCis,
    cisCount: cis.names.size,
  };
}

type Decoded = { encoding: BdpmEncoding; text: string };

function readCis(file: Decoded) {
  const reading = new FileReading(BDPM_FILES.cis, file.encoding);
  const names = new Map<string, { name: string; form: string | null }>();
  for (const line of bdpmLines(file.text, FIELDS[BDPM_FILES.cis])) {
    reading.line();
    const f = line.fields;
    if (f.length !== FIELDS[BDPM_FILES.cis] || !/^\d{8}$/.test(f[0]!.trim()) || f[1]!.trim() === '') {
      reading.setAside(line);
      continue;
    }
    names.set(f[0]!.trim(), { name: f[1]!.trim(), form: f[2]!.trim() || null });
    reading.keep();
  }
  return { reading, names };
}

/** Group, label (which may hold a tab), CIS, type, order: CIS, type and order read from the right. */
function readGener(file: Decoded | undefined, refusals: Refusal[]) {
  const byCis = new Map<string, GenericGroup[]>();
  if (!file) return { reading: null, byCis };
  const reading = new FileReading(BDPM_FILES.gener, file.encoding);
  for (const line of bdpmLines(file.text, FIELDS[BDPM_FILES.gener])) {
    reading.line();
    const f = line.fields.length > 5 && line.fields[line.fields.length - 1]!.trim() === '' ? line.fields.slice(0, -1) : line.fields;
    const [order, type, cisCode] = [f[f.length - 1]!.trim(), f[f.length - 2]?.trim() ?? '', f[f.length - 3]?.trim() ?? ''];
    if (f.length < 5 || !/^\d+$/.test(f[0]!.trim()) || !/^\d{8}$/.test(cisCode) || !/^\d+$/.test(type) || !/^\d*$/.test(order)) {
      reading.setAside(line);
      continue;
    }
    const t = Number(type);
    if (!GENERIC_TYPES.has(t)) {
      // Not a row to set aside: a type this version does not know refuses the whole import.
      refusals.push(
        refusal('CATALOGUE_UNKNOWN_GENERIC_TYPE', `Type de générique ${type} inconnu (ligne ${line.number} de ${BDPM_FILES.gener})`),
      );
      continue;
    }
    const list = byCis.get(cisCode) ?? [];
    // The label is every field between the group and the CIS (a tab may sit in it); its common name comes before « - ».
    const label = f
      .slice(1, f.length - 3)
      .join(' ')
      .split(' - ')[0]!
      .trim();
    list.push({ id: f[0]!.trim(), type: t as GenericGroup['type'], ...(label ? { label } : {}) });
    byCis.set(cisCode, list);
    reading.keep();
  }
  return { reading, byCis };
}

/** One condition per line; a line not starting with 8 digits and a tab continues the previous one. */
function readCpd(file: Decoded | undefined) {
  const byCis = new Map<string, string[]>();
  if (!file) return { reading: null, byCis };
  const reading = new FileReading(BDPM_FILES.cpd, file.encoding);
  let last: string[] | null = null;
  for (const line of bdpmLines(file.text, FIELDS[BDPM_FILES.cpd])) {
    const raw = line.fields.join('\t');
    if (!/^\d{8}\t/.test(raw)) {
      if (last && last.length > 0) last[last.length - 1] = `${last[last.length - 1]} ${raw.trim()}`;
      continue;
    }
    reading.line();
    if (line.fields.length !== FIELDS[BDPM_FILES.cpd]) {
      reading.setAside(line);
      continue;
    }
    const cisCode = line.fields[0]!;
    last = byCis.get(cisCode) ?? [];
    last.push(line.fields[1]!.trim());
    byCis.set(cisCode, last);
    reading.keep();
  }
  return { reading, byCis };
}

function readCip(
  file: Decoded,
  names: Map<string, { name: string; form: string | null }>,
  groups: Map<string, GenericGroup[]>,
  conditions: Map<string, string[]>,
) {
  const reading = new FileReading(BDPM_FILES.cip, file.encoding);
  const products: BdpmProduct[] = [];
  const seen = new Set<string>();
  let duplicate: string | null = null;
  let staleRates = 0;
  let withoutCis = 0;
  for (const line of bdpmLines(file.text, FIELDS[BDPM_FILES.cip])) {
    reading.line();
    const f = line.fields.map((x) => x.trim());
    const price = f.length === FIELDS[BDPM_FILES.cip] ? parsePriceCents(f[9]!) : undefined;
    const fee = f.length === FIELDS[BDPM_FILES.cip] ? parsePriceCents(f[11]!) : undefined;
    if (f.length !== FIELDS[BDPM_FILES.cip] || !isValidCip13(f[6]!) || !/^\d{8}$/.test(f[0]!) || price === undefined || fee === undefined) {
      reading.setAside(line);
      continue;
    }
    const [cisCode, cip7, presentation, status, state, , cip13, , rateCell] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (seen.has(cip13)) duplicate ??= cip13;
    seen.add(cip13);
    const rate = parseRate(rateCell);
    if (rate.stale) staleRates++;
    const specialty = names.get(cisCode);
    if (!specialty) withoutCis++;
    const { label: pack, abrogatedOn } = withoutAbrogation(presentation);
    products.push({
      cip13,
      cip7,
      cis: cisCode,
      label: specialty ? `${specialty.name} — ${pack}` : pack,
      form: specialty?.form ?? null,
      priceCents: price,
      packFeeCents: fee,
      reimbursementRate: rate.rate,
      genericGroups: groups.get(cisCode) ?? [],
      regulatory: regulatoryOf(conditions.get(cisCode) ?? []),
      unitsPerPack: unitsPerPack(pack),
      marketed: state === 'Déclaration de commercialisation' && status === 'Présentation active',
      abrogatedOn,
    });
    reading.keep();
  }
  return { reading, products, duplicate, staleRates, withoutCis };
}
