import { PDFDocument, StandardFonts, type PDFPage } from 'pdf-lib';
import { formatDateFr, formatDateTimeFr } from '../../../shared/format/fr.js';
import type { OrdonnancierEntry } from '../store/registers.js';
import { drawWrapped } from './pdf-text.js';

const A4: [number, number] = [595.28, 841.89];
const M = 36;
const LISTS = { I: 'liste I', II: 'liste II', STUPEFIANT: 'stupéfiant' } as const;

/** « Ordonnancier » printed: the entries as listed, one line each, pages as needed. */
export async function ordonnancierPdf(entries: OrdonnancierEntry[], pharmacy: { name: string; finess: string }, period: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Ordonnancier ${period}`);
  doc.setProducer('Comptoir');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - M;
  const text = (t: string, size = 8, font = regular): void => {
    if (y < M + 20) {
      page = doc.addPage(A4);
      y = A4[1] - M;
    }
    y = drawWrapped(page, t, M, y, A4[0] - 2 * M, { font, size });
  };
  text(`${pharmacy.name} — FINESS ${pharmacy.finess}`, 11, bold);
  text(`Ordonnancier — ${period} — ${entries.length} enregistrement(s)`, 10, bold);
  y -= 6;
  for (const e of entries) {
    const what = e.kind === 'CANCELLATION' ? `ANNULATION du n° ${e.refersTo} — ` : '';
    text(
      `N° ${e.number} — ${formatDateTimeFr(e.recordedAt)} — ${what}${e.product} (${LISTS[e.list]}) x ${e.packs} — patient : ${e.patient ?? '—'}${e.collector ? `, retiré par ${e.collector}` : ''} — prescripteur : ${e.prescriber ?? '—'}${e.prescribedOn ? `, ordonnance du ${formatDateFr(e.prescribedOn)}` : ''}`,
    );
  }
  return doc.save();
}
