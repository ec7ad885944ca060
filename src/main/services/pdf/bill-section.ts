import type { Bill } from '../../../shared/billing/billing.js';
import { formatEuros } from '../../../shared/format/fr.js';

/** An avoir's amounts: every line and total of the invoice, taken back (negative). */
export function negatedBill(bill: Bill): Bill {
  const negate = <T extends Record<string, unknown>>(o: T): T =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k.endsWith('Cents') && typeof v === 'number' && v !== 0 ? -v : v])) as T;
  return { ...bill, lines: bill.lines.map(negate), totals: negate(bill.totals) };
}

/** The amounts as printed lines of text: each line, the honoraires, then the four totals (billing.md). */
export function billText(bill: Bill): { lines: string[]; totals: string[] } {
  const lines = bill.lines.map(
    (l) =>
      `${l.code ? `${l.code} ` : ''}${l.label}${l.packs > 1 ? ` x ${l.packs}` : ''} : ${formatEuros(l.priceCents)} (base ${formatEuros(l.baseCents)}, ${l.rate} %) — AMO ${formatEuros(l.amoCents)}, AMC ${formatEuros(l.amcCents)}, reste ${formatEuros(l.resteCents)}${l.note ? ` — ${l.note}` : ''}`,
  );
  const t = bill.totals;
  return {
    lines,
    totals: [
      `Total ${formatEuros(t.totalCents)}`,
      `Part AMO ${formatEuros(t.amoCents)}`,
      `Part AMC ${formatEuros(t.amcCents)}`,
      `Reste à charge ${formatEuros(t.resteCents)}`,
    ],
  };
}
