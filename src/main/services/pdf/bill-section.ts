import type { Bill } from '../../../shared/billing/billing.js';
import { formatEuros } from '../../../shared/format/fr.js';

/** The amounts as printed lines of text: each line, the honoraires, then the four totals (billing.md). */
export function billText(bill: Bill): { lines: string[]; totals: string[] } {
  const lines = bill.lines.map(
    (l) =>
      `${l.code ? `${l.code} ` : ''}${l.label}${l.packs > 1 ? ` x ${l.packs}` : ''} : ${formatEuros(l.priceCents)} (base ${formatEuros(l.baseCents)}, ${l.rate} %) — AMO ${formatEuros(l.amoCents)}, AMC ${formatEuros(l.amcCents)}, reste ${formatEuros(l.resteCents)}${l.note ? ` — ${l.note}` : ''}`,
  );
  const t = bill.totals;
  return { lines, totals: [`Total ${formatEuros(t.totalCents)}`, `Part AMO ${formatEuros(t.amoCents)}`, `Part AMC ${formatEuros(t.amcCents)}`, `Reste à charge ${formatEuros(t.resteCents)}`] };
}
