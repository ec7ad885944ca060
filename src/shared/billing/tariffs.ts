import { isIsoDate } from '../rules/calendar.js';
import { parseEuros } from './money.js';

export const HONORAIRE_CODES = ['HD', 'HD3', 'HDR', 'HDA', 'HDE', 'HDC'] as const;
export type HonoraireCode = (typeof HONORAIRE_CODES)[number];

/** An honoraire's amount and who pays it from a day on: a rate, or the line's own rate (HD, HD3). */
export type Tariff = { code: HonoraireCode; amountCents: number; rate: number | 'line'; since: string };

/** No honoraire de dispensation comes near this: a larger amount is a typing mistake (a comma lost). */
const MAX_HONORAIRE_CENTS = 10_000;

/** The defaults in force since 1 January 2020 (billing.md), replaced from their date by a tariff file. */
export const DEFAULT_TARIFFS: readonly Tariff[] = [
  { code: 'HD', amountCents: 102, rate: 'line', since: '2020-01-01' },
  { code: 'HD3', amountCents: 276, rate: 'line', since: '2020-01-01' },
  { code: 'HDR', amountCents: 51, rate: 70, since: '2020-01-01' },
  { code: 'HDA', amountCents: 158, rate: 70, since: '2020-01-01' },
  { code: 'HDE', amountCents: 357, rate: 70, since: '2020-01-01' },
  { code: 'HDC', amountCents: 102, rate: 100, since: '2020-01-01' },
];

/** The tariff of `code` in force on `day`: the latest whose date has come (defaults included). */
export function tariffOn(tariffs: readonly Tariff[], code: HonoraireCode, day: string): Tariff {
  const inForce = [...DEFAULT_TARIFFS, ...tariffs]
    .filter((t) => t.code === code && t.since <= day)
    .sort((a, b) => (a.since < b.since ? -1 : 1));
  return inForce.at(-1) ?? DEFAULT_TARIFFS.find((t) => t.code === code)!;
}

export type TariffFileParse = { ok: true; tariffs: Tariff[] } | { ok: false; errors: { line: number; message: string }[] };

/**
 * The tariff file, `code;montant_eur;taux;depuis` (a header line allowed; `taux` empty or « ligne »
 * for HD and HD3, which the line's rate pays). Any bad row refuses the whole file, naming its line:
 * nothing is ever half-imported.
 */
export function parseTariffFile(text: string): TariffFileParse {
  const tariffs: Tariff[] = [];
  const errors: { line: number; message: string }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (raw.trim() === '' || (i === 0 && /^code;/i.test(raw.trim()))) return;
      const [code, amount, rate, since, ...rest] = raw.split(';').map((f) => f.trim());
      const problem = (message: string) => void errors.push({ line, message });
      if (rest.length > 0 || since === undefined) return problem('4 champs attendus : code;montant_eur;taux;depuis');
      if (!(HONORAIRE_CODES as readonly string[]).includes(code ?? ''))
        return problem(`code inconnu : ${code} (${HONORAIRE_CODES.join(', ')})`);
      const cents = parseEuros(amount ?? '');
      if (cents === null) return problem(`montant invalide : ${amount}`);
      if (cents > MAX_HONORAIRE_CENTS)
        return problem(`montant hors bornes : ${amount} (un honoraire ne dépasse pas ${MAX_HONORAIRE_CENTS / 100} €)`);
      const byLine = code === 'HD' || code === 'HD3';
      const parsedRate = rate === '' || rate?.toLowerCase() === 'ligne' ? 'line' : Number(rate);
      if (parsedRate === 'line' ? !byLine : !(Number.isInteger(parsedRate) && parsedRate >= 0 && parsedRate <= 100))
        return problem(`taux invalide : ${rate}`);
      if (!isIsoDate(since)) return problem(`date invalide : ${since} (AAAA-MM-JJ)`);
      tariffs.push({ code: code as HonoraireCode, amountCents: cents, rate: parsedRate, since });
    });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, tariffs };
}
