import { AppError } from '../../../shared/contract/result.js';

/**
 * The BDPM's text files as they come: UTF-8 or Windows-1252 (decided per file), tab-separated, no
 * quoting, lines ending in LF, CRLF or CR CR LF. Nothing here guesses a row: a line that does not
 * fit is set aside with its number by the parser.
 */
export type BdpmEncoding = 'UTF-8' | 'Windows-1252';
export type DecodedFile = { encoding: BdpmEncoding; text: string };

/**
 * Windows-1252's 0x80–0x9F (the rest is Latin-1). Node 20's TextDecoder('windows-1252') decodes
 * these as Latin-1's C1 controls: 0x92 must be « ’ », not U+0092. Undefined bytes stay as they are.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b)));
  }
  return out;
}

export const encodingRefused = (file: string, why: string) =>
  new AppError('CATALOGUE_ENCODING', `${file} n’est pas un fichier texte de la BDPM (${why}) : rien n’a été importé.`);

/** A UTF-8 BOM skipped; strict UTF-8 when it decodes, else Windows-1252. NUL, a UTF-16 BOM or C0 controls other than tab, CR, LF: not text. */
export function decodeBdpmFile(file: string, bytes: Uint8Array): DecodedFile {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw encodingRefused(file, 'UTF-16');
  for (const b of bytes) {
    if (b === 0) throw encodingRefused(file, 'octets nuls');
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) throw encodingRefused(file, 'caractères de contrôle');
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { encoding: 'UTF-8', text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return { encoding: 'Windows-1252', text: decodeWindows1252(body) };
  }
}

/** A data line: its number in the file (1-based) and its fields. */
export type BdpmLine = { number: number; fields: string[] };

/**
 * Lines with every trailing CR removed (CR CR LF occurs) and blank ones (only whitespace) skipped;
 * each split on tabs. A field count of `expected`, `expected + 1` with an empty last field, or
 * `expected - 1` (an empty last field left out) is normalised to `expected`; anything else is
 * returned as is, for the caller to set aside.
 */
export function bdpmLines(text: string, expected: number): BdpmLine[] {
  const lines: BdpmLine[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!.replace(/\r+$/, '');
    if (line.trim() === '') continue;
    lines.push({ number: i + 1, fields: normalisedFields(line.split('\t'), expected) });
  }
  return lines;
}

function normalisedFields(fields: string[], expected: number): string[] {
  if (fields.length === expected + 1 && fields[expected]!.trim() === '') return fields.slice(0, expected);
  if (fields.length === expected - 1) return [...fields, ''];
  return fields;
}
