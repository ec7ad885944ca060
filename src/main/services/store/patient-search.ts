import type { Statement } from 'better-sqlite3';
import type { StoreDb } from './store-database.js';

/**
 * Search as you type over the patient file, ranked as the pharmacist reads a list: last names
 * starting with the first word (the exact name first, then shorter names, then alphabetical), a
 * second word as the first name's start (« durand l »); then every other match (first name, NIR,
 * birth date, a later word of a compound name) in the same order.
 *
 * The first part is read in the ranking's order from the index (length, last name, first name),
 * one seek per name length, so even « g » at 100 000 patients stops after 20 rows; FTS5 only runs
 * when that gives less than a page, which is when its own matches are few.
 */
export class PatientSearch<Row extends { id: number }> {
  private readonly maxLength: Statement<[], { n: number | null }>;
  private readonly byLengthAndPrefix: Statement<[number, string, string, string, string, number], Row>;
  private readonly byExactNameAndFirstPrefix: Statement<[string, string, string, number], Row>;
  private readonly byFts: Statement<[string, string, string, string, number], Row>;

  constructor(db: StoreDb) {
    this.maxLength = db.prepare('SELECT max(length(last_name_key)) AS n FROM patients');
    this.byLengthAndPrefix = db.prepare(
      `SELECT * FROM patients WHERE length(last_name_key) = ? AND last_name_key >= ? AND last_name_key < ?
         AND first_name_key >= ? AND first_name_key < ? ORDER BY last_name_key, first_name_key LIMIT ?`,
    );
    this.byExactNameAndFirstPrefix = db.prepare(
      'SELECT * FROM patients WHERE last_name_key = ? AND first_name_key >= ? AND first_name_key < ? ORDER BY first_name_key LIMIT ?',
    );
    this.byFts = db.prepare(
      `SELECT p.* FROM patients_fts JOIN patients p ON p.id = patients_fts.rowid
       WHERE patients_fts MATCH ?
       ORDER BY (p.last_name_key = ?) DESC, (substr(p.last_name_key, 1, length(?)) = ?) DESC,
                length(p.last_name_key), p.last_name_key, p.first_name_key
       LIMIT ?`,
    );
  }

  search(query: string, limit: number): Row[] {
    const fts = toFtsQuery(query);
    if (fts === null) return [];
    const words = query.trim().split(/\s+/).map(searchKey);
    const byName = words.length <= 2 && /\p{L}/u.test(words[0] ?? '') ? this.byNameOrder(words[0]!, words[1] ?? '', limit) : [];
    if (byName.length === limit) return byName;
    const seen = new Set(byName.map((r) => r.id));
    const first = words[0] ?? '';
    // Asks for `seen` more rows, so a page stays full whatever the two parts share.
    const others = this.byFts.all(fts, first, first, first, limit + seen.size).filter((r) => !seen.has(r.id));
    return [...byName, ...others].slice(0, limit);
  }

  /** Last names starting with `last` and first names with `firstPrefix`, in the ranking's order. */
  private byNameOrder(last: string, firstPrefix: string, limit: number): Row[] {
    const rows: Row[] = this.byExactNameAndFirstPrefix.all(last, firstPrefix, upperBound(firstPrefix), limit);
    const longest = this.maxLength.get()?.n ?? 0;
    for (let length = [...last].length + 1; length <= longest && rows.length < limit; length++) {
      rows.push(...this.byLengthAndPrefix.all(length, last, upperBound(last), firstPrefix, upperBound(firstPrefix), limit - rows.length));
    }
    return rows;
  }
}

/** The smallest text above every text starting with `prefix` (code point U+10FFFF sorts last in UTF-8). */
const upperBound = (prefix: string): string => `${prefix}\u{10FFFF}`;

/** Lower case without accents: « Élodie » and « elodie » are the same key. */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/** User text → an FTS5 query of quoted prefixes (no operator from the user ever reaches FTS5). */
export function toFtsQuery(query: string): string | null {
  const date = /^\s*(\d{2})\/(\d{2})\/(\d{4})\s*$/.exec(query);
  if (date) return `birth_date : "${date[3]}-${date[2]}-${date[1]}"`;
  const words = query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 6);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' AND ');
}
