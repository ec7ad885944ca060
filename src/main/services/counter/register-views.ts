import type { HistoryEntryView } from '../../../shared/contract/counter-schemas.js';
import { formatDateFr } from '../../../shared/format/fr.js';
import { parisToday } from '../../../shared/format/paris-date.js';
import { BillingPreview } from '../billing/billing-preview.js';
import { ordonnancierPdf } from '../pdf/ordonnancier-pdf.js';
import type { OrdonnancierFilter } from '../store/registers.js';
import type { Store } from '../store/store.js';

export type PrintingPharmacy = { name: string; finess: string; pharmacistRpps: string; address?: string | null };

/**
 * « Historique » and « Ordonnancier » as read from a store: the pharmacy's in use, or a counter's own
 * file kept as its archive once it moved onto the pharmacy's server (registers are kept 10 years).
 */

/** « Historique »: the latest dispensings, where each execution and cancellation stands, and what each invoice says. */
export async function dispensingHistory(store: Store, query: string): Promise<HistoryEntryView[]> {
  const billing = new BillingPreview(store);
  const entries: HistoryEntryView[] = [];
  for (const entry of await store.dispensings.history(query)) {
    const record = await store.dispensings.byId(entry.id);
    const { totalCents, amoCents, amcCents, resteCents } = record
      ? (await billing.ofRecord(record)).totals
      : { totalCents: 0, amoCents: 0, amcCents: 0, resteCents: 0 };
    entries.push({ ...entry, amounts: { totalCents, amoCents, amcCents, resteCents } });
  }
  return entries;
}

/** The ordonnancier's entries as the screen shows them (no NIR, no dispensing id). */
export async function ordonnancierEntries(store: Store, filter: OrdonnancierFilter) {
  return (await store.registers.list(filter)).map(({ dispensingId: _d, patientNir: _n, ...entry }) => entry);
}

/** « Ordonnancier » printed for a date range, a patient, a product. */
export async function ordonnancierPrint(
  store: Store,
  pharmacy: PrintingPharmacy,
  filter: OrdonnancierFilter,
): Promise<{ fileName: string; base64: string }> {
  const entries = await store.registers.list(filter, 10_000);
  // The period asked for; without a start, the register's first entry printed.
  const first = entries[0]?.recordedAt;
  const from = filter.from ?? (first ? parisToday(new Date(first)) : null);
  const period = `du ${from ? formatDateFr(from) : '—'} au ${formatDateFr(filter.to ?? parisToday())}`;
  const bytes = await ordonnancierPdf(entries, { pharmacy, period });
  return { fileName: `ordonnancier-${parisToday()}.pdf`, base64: Buffer.from(bytes).toString('base64') };
}
