import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Bill } from '../../../shared/billing/billing.js';
import { formatDateTimeFr } from '../../../shared/format/fr.js';
import type { DispensingRecord } from '../store/dispensings.js';
import { billText } from './bill-section.js';
import { drawWrapped } from './pdf-text.js';

const TICKET: [number, number] = [226.77, 566.93];
const M = 12;

/** The patient's receipt (« Ticket »): the same amounts as the screen, and the franchise as information. */
export async function ticketPdf(
  d: DispensingRecord,
  pharmacy: { name: string; finess: string; address?: string | null },
  bill: Bill,
  /** The FSE claimed for this dispensing (claims.md: its number is the invoice's), null without one. */
  fseNumber: string | null = null,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Ticket ${d.invoiceNumber ?? d.id}`);
  doc.setProducer('Comptoir');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage(TICKET);
  let y = TICKET[1] - M - 6;
  const text = (t: string, size = 7.5, font = regular): void => {
    y = drawWrapped(page, t, M, y, TICKET[0] - 2 * M, { font, size });
  };
  text(pharmacy.name, 10, bold);
  if (pharmacy.address) text(pharmacy.address);
  text(`FINESS ${pharmacy.finess}`);
  text(`Ticket — facture n° ${d.invoiceNumber ?? '—'} — ${formatDateTimeFr(d.createdAt)}`, 8, bold);
  if (fseNumber) text(`FSE n° ${fseNumber} (télétransmise à l’Assurance Maladie)`);
  y -= 4;
  const { lines, totals } = billText(bill);
  for (const line of lines) text(line);
  y -= 4;
  for (const total of totals) text(total, 9, bold);
  y -= 4;
  const packs = bill.lines.filter((l) => l.kind === 'product' && l.rate > 0).reduce((s, l) => s + l.packs, 0);
  if (packs > 0)
    text(
      `Franchise médicale : 1 € par boîte remboursée (${packs}), non perçue au comptoir : l’Assurance Maladie la déduit de vos remboursements, dans la limite de son plafond annuel.`,
    );
  return doc.save();
}
