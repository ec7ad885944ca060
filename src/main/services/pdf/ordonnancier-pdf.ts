import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatDateFr, formatDateTimeFr } from '../../../shared/format/fr.js';
import type { OrdonnancierEntry } from '../store/registers.js';
import { drawWrapped, winAnsi } from './pdf-text.js';

const A4: [number, number] = [595.28, 841.89];
const M = 36;
const FOOTER = 22;
const LISTS = { I: 'liste I', II: 'liste II', STUPEFIANT: 'stupéfiant' } as const;

export type OrdonnancierPrintHeader = { pharmacy: { name: string; finess: string; address?: string | null }; period: string };

/** One entry as the register reads: number, date, product, quantity, then patient and prescriber with their addresses. */
function entryText(e: OrdonnancierEntry): string[] {
  const what =
    e.kind === 'CANCELLATION' ? `ANNULATION du n° ${e.refersTo} — ` : e.kind === 'CORRECTION' ? `COMPLÉMENT du n° ${e.refersTo} — ` : '';
  return [
    `N° ${e.number} — ${formatDateTimeFr(e.recordedAt)} — ${what}${e.product} (CIP ${e.cip13}, ${LISTS[e.list]})${e.kind === 'CORRECTION' ? '' : ` — quantité : ${e.packs}`}`,
    `Patient : ${e.patient ?? '—'}, ${e.patientAddress ?? 'adresse inconnue'}${e.collector ? ` — retiré par ${e.collector}` : ''}`,
    `Prescripteur : ${e.prescriber ?? '—'}${e.prescriberAddress ? `, ${e.prescriberAddress}` : ''}${e.prescribedOn ? ` — ordonnance du ${formatDateFr(e.prescribedOn)}` : ''}`,
  ];
}

/** The period's totals: entries, counter-entries, and each product's quantity net of its cancellations (a correction moves none). */
export function ordonnancierTotals(entries: OrdonnancierEntry[]): {
  entries: number;
  cancellations: number;
  byProduct: { product: string; cip13: string; list: OrdonnancierEntry['list']; packs: number }[];
} {
  const byProduct = new Map<string, { product: string; cip13: string; list: OrdonnancierEntry['list']; packs: number }>();
  for (const e of entries) {
    const total = byProduct.get(e.cip13) ?? { product: e.product, cip13: e.cip13, list: e.list, packs: 0 };
    total.packs += e.packs;
    byProduct.set(e.cip13, total);
  }
  return {
    entries: entries.filter((e) => e.kind === 'ENTRY').length,
    cancellations: entries.filter((e) => e.kind === 'CANCELLATION').length,
    byProduct: [...byProduct.values()].sort((a, b) => a.product.localeCompare(b.product, 'fr')),
  };
}

/**
 * « Ordonnancier » printed: the pharmacy and the period on top, each entry with the patient's and
 * the prescriber's addresses, the totals at the end, and « Page n / N » at the foot of every page.
 */
export async function ordonnancierPdf(entries: OrdonnancierEntry[], header: OrdonnancierPrintHeader): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Ordonnancier ${header.period}`);
  doc.setProducer('Comptoir');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - M;
  const text = (t: string, size = 8, font = regular, keepWith = 1): void => {
    // An entry's lines stay on one page: a new one starts when they would not fit.
    if (y - keepWith * size * 1.25 < M + FOOTER) {
      page = doc.addPage(A4);
      y = A4[1] - M;
    }
    y = drawWrapped(page, t, M, y, A4[0] - 2 * M, { font, size });
  };
  const { pharmacy } = header;
  text(pharmacy.name, 11, bold);
  if (pharmacy.address) text(pharmacy.address, 9);
  text(`FINESS ${pharmacy.finess}`, 9);
  text(`Ordonnancier — période : ${header.period}`, 10, bold);
  y -= 6;
  for (const e of entries) {
    const [first, ...rest] = entryText(e);
    text(first!, 8, bold, 4);
    for (const line of rest) text(line);
    y -= 4;
  }
  const totals = ordonnancierTotals(entries);
  y -= 6;
  text('Totaux de la période', 10, bold, 3);
  text(`${totals.entries} enregistrement(s), ${totals.cancellations} annulation(s)`, 9);
  for (const t of totals.byProduct) text(`${t.product} (CIP ${t.cip13}, ${LISTS[t.list]}) : ${t.packs} boîte(s)`, 9);
  numberPages(doc.getPages(), regular, header.period);
  return doc.save();
}

/** « Ordonnancier <période> — page n / N » at the foot of each page, once the number of pages is known. */
function numberPages(pages: PDFPage[], font: PDFFont, period: string): void {
  pages.forEach((p, i) => {
    const label = winAnsi(font, `Ordonnancier ${period} — page ${i + 1} / ${pages.length}`);
    p.drawText(label, { x: A4[0] - M - font.widthOfTextAtSize(label, 8), y: M - 12, size: 8, font });
  });
}
