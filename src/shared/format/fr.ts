/** French formatting for everything the user reads: dd/mm/yyyy, 10 h 42, 12,50 €. */
import { isIsoDate } from '../rules/calendar.js';
const PARIS = 'Europe/Paris';

export function formatDateFr(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDate;
}

export function formatTimeFr(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return '';
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    date,
  );
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('hour')} h ${get('minute')}`;
}

/** An instant as a clock in Paris shows it: « 10:42 ». */
export function formatClockFr(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

export function formatDateTimeFr(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return '';
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
  return `${day} à ${formatTimeFr(date)}`;
}

/** 1250 → « 12,50 € » (non-breaking space before the sign). */
/** A price the base does not give: priced by hand at the counter. */
export const PRICE_UNKNOWN = 'prix à saisir';

/** A price, or « prix à saisir » when the base has none (never 0,00 €). */
export function formatPriceOrUnknown(cents: number | null): string {
  return cents === null ? PRICE_UNKNOWN : formatEuros(cents);
}

export function formatEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}\u00a0€`;
}

/** 1 288 490 → « 1,2 Mo »; under a megabyte in kilo-octets (« 84 Ko »). */
export function formatBytesFr(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))}\u00a0Ko`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')}\u00a0Mo`;
}

/** « 1 unité », « 2 unités », « 0 unité » (the French singular below 2); `many` defaults to `one` + s. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${String(n).replace('.', ',')} ${Math.abs(n) >= 2 ? many : one}`;
}

/** « de Léa », « d’Amélie », « d’Étienne »: de elided before a vowel. */
export function ofName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüÿæœ]/i.test(name.trim()) ? `d’${name.trim()}` : `de ${name.trim()}`;
}

/**
 * A date typed the French way, jj/mm/aaaa (day and month on one or two digits), as an ISO date;
 * null unless it is a real calendar date (31/02 is not).
 */
export function parseDateFr(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * What a jj/mm/aaaa field shows as it is typed: the slashes come by themselves once the day and
 * the month have their two digits (« 01062015 » → « 01/06/2015 »); a slash typed after one digit
 * is kept (« 1/6/2015 »). Nothing but digits and slashes, at most 10 characters.
 */
export function maskDateFr(typed: string): string {
  const parts = ['', '', ''];
  let at = 0;
  for (const ch of typed.replace(/[^\d/]/g, '')) {
    if (ch === '/') {
      if (at < 2 && parts[at] !== '') at++;
      continue;
    }
    if (at < 2 && parts[at]!.length === 2) at++;
    if (at === 2 && parts[2]!.length === 4) break;
    parts[at] += ch;
  }
  return parts.slice(0, at + 1).join('/');
}
