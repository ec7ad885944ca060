/**
 * The BDPM's cells as the catalogue keeps them: prices in cents, rates, labels without their
 * abrogation note, the dose units a presentation holds, the regulatory class from the conditions.
 * Each returns null (or `undefined` for an unreadable cell the parser sets aside), never a guess.
 */

/** `1,07` → 107; `1,234,56` → 123456 (the last comma is the decimal one); empty → null; unreadable → undefined. */
export function parsePriceCents(cell: string): number | null | undefined {
  const s = cell.trim();
  if (s === '') return null;
  const m = /^(\d{1,3}(?:,\d{3})*|\d+),(\d{2})$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]!.replace(/,/g, '')) * 100 + Number(m[2]);
}

/** The rates the Assurance Maladie applies to medicines. */
const KNOWN_RATES = new Set([100, 65, 30, 15]);

/** `65%`, `65 %`, `65%;30%` (the first); empty → null; another value → null and `stale` (the summary warns). */
export function parseRate(cell: string): { rate: number | null; stale: boolean } {
  const first = cell.split(';')[0]!.trim();
  if (first === '') return { rate: null, stale: false };
  const m = /^(\d{1,3})\s*%$/.exec(first);
  const n = m ? Number(m[1]) : NaN;
  return KNOWN_RATES.has(n) ? { rate: n, stale: false } : { rate: null, stale: true };
}

/**
 * A presentation's label without its abrogation note (« ( abrogée le 12/03/2019) », « (abrogée le …
 * (notification du …)) », or cut short as « ( ab »), and the note's date when readable.
 */
export function withoutAbrogation(label: string): { label: string; abrogatedOn: string | null } {
  // « (abrog… » anywhere, or the note cut short at the label's end (« ( ab », « ( abro »); never « (ABS et polypropylène) ».
  const at = label.search(/\s*\(\s*abrog|\s*\(\s*ab(?:r(?:o)?)?\s*$/i);
  if (at < 0) return { label: label.trim(), abrogatedOn: null };
  const date = /(\d{2})\/(\d{2})\/(\d{4})/.exec(label.slice(at));
  return { label: label.slice(0, at).trim(), abrogatedOn: date ? `${date[3]}-${date[2]}-${date[1]}` : null };
}

/** The dose units counted in a presentation (a volume or a weight is no count). */
const UNIT_WORDS =
  'comprim[ée]s?|g[ée]lules?|capsules?|sachets?|ampoules?|suppositoires?|patchs?|stylos?|seringues?|doses?|ovules?|pastilles?|lyophilisats?|films?|dispositifs?|implants?|cartouches?';
const UNITS = new RegExp(`\\bde\\s+(\\d+)\\s+(?:${UNIT_WORDS})(?:\\(s\\))?(?=[\\s,;)]|$)`, 'i');
const LEADING_COUNT = /^(\d+)\s+\S/;

/**
 * « de N comprimé(s) / gélule(s) / … » in the presentation, times a leading count of containers
 * (« 30 plaquette(s) … de 1 comprimé(s) » = 30); « de 2 ml », « de 100 g » or no count → null.
 */
export function unitsPerPack(presentation: string): number | null {
  const text = presentation.replace(/\s+/g, ' ').trim();
  const m = UNITS.exec(text);
  if (!m) return null;
  const per = Number(m[1]);
  const lead = LEADING_COUNT.exec(text);
  // A leading count is of containers only when the units come after it (« 3 plaquette(s) de 28 comprimé(s) »).
  const containers = lead && m.index > 0 ? Number(lead[1]) : 1;
  const units = per * containers;
  return Number.isSafeInteger(units) && units > 0 ? units : null;
}

export type Regulatory = 'STUPEFIANT' | 'ASSIMILE_STUPEFIANT' | 'LISTE_I' | 'LISTE_II';

/**
 * From a CIS's conditions (CIS_CPD), compared trimmed and case-insensitively as whole phrases:
 * « stupéfiants »; « liste I » with an ordonnance sécurisée condition (an assimilé stupéfiant);
 * « liste I »; « liste II » (« liste I » is never « liste II »).
 */
export function regulatoryOf(conditions: string[]): Regulatory | null {
  const phrases = conditions.map((c) => c.trim().toLowerCase().replace(/\s+/g, ' '));
  if (phrases.some((p) => p === 'stupéfiants' || p === 'stupefiants')) return 'STUPEFIANT';
  // An older shape joins both in one phrase: « liste I et prescription sur ordonnance sécurisée ».
  const listeI = phrases.some((p) => p === 'liste i' || p.startsWith('liste i et '));
  const secure = phrases.some((p) => p.includes('ordonnance sécurisée') || p.includes('ordonnance securisee'));
  if (listeI && secure) return 'ASSIMILE_STUPEFIANT';
  if (listeI) return 'LISTE_I';
  if (phrases.some((p) => p === 'liste ii')) return 'LISTE_II';
  return null;
}
