import type { Executor, PatientRow, PatientTextQuery, StoreEngine } from './store-engine.js';

/**
 * Search as you type over the patient file, ranked as the pharmacist reads a list: last names
 * starting with the first word (the exact name first, then shorter names, then alphabetical), a
 * second word as the first name's start (« durand l »); then every other match (first name, NIR,
 * birth date, a later word of a compound name) in the same order.
 *
 * The first part is read in the ranking's order from the index (length, last name, first name),
 * one seek per name length (the engine's `patientsByName`), so even « g » at 100 000 patients stops
 * after 20 rows; the engine's text search (FTS5, or pg_trgm) only runs when that gives less than a page.
 */
export async function searchPatients(ex: Executor, engine: StoreEngine, query: string, limit: number): Promise<PatientRow[]> {
  const text = toTextQuery(query);
  if (text === null) return [];
  const words = query.trim().split(/\s+/).map(searchKey);
  const byName =
    words.length <= 2 && /\p{L}/u.test(words[0] ?? '') ? await engine.patientsByName(ex, words[0]!, words[1] ?? '', limit) : [];
  if (byName.length === limit) return byName;
  const seen = new Set(byName.map((r) => r.id));
  // Asks for `seen` more rows, so a page stays full whatever the two parts share.
  const others = (await engine.patientsMatching(ex, text, words[0] ?? '', limit + seen.size)).filter((r) => !seen.has(r.id));
  return [...byName, ...others].slice(0, limit);
}

/** The smallest text above every text starting with `prefix` (code point U+10FFFF sorts last, byte-wise). */
export const upperBound = (prefix: string): string => `${prefix}\u{10FFFF}`;

/** Lower case without accents: « Élodie » and « elodie » are the same key. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/** User text → words to find at the start of a patient's words (at most 6), or a birth date typed jj/mm/aaaa. */
export function toTextQuery(query: string): PatientTextQuery | null {
  const date = /^\s*(\d{2})\/(\d{2})\/(\d{4})\s*$/.exec(query);
  if (date) return { kind: 'birthDate', date: `${date[3]}-${date[2]}-${date[1]}` };
  const words = query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 6);
  return words.length === 0 ? null : { kind: 'words', words };
}
