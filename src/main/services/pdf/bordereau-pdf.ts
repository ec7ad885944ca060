import { PDFDocument, StandardFonts, type PDFPage } from 'pdf-lib';
import type { Lot } from '../../../shared/claims/claims-schemas.js';
import { formatDateFr, formatDateTimeFr, formatEuros } from '../../../shared/format/fr.js';
import { drawWrapped } from './pdf-text.js';

const A4: [number, number] = [595.28, 841.89];
const M = 36;

/** A NIR as a bordereau may show it: sex, year and month of birth, and its key; the rest masked. */
export function maskedNir(nir: string): string {
  return `${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)} •• ••• ••• ${nir.slice(13, 15)}`;
}

export type BordereauFacts = {
  pharmacy: { name: string; finess: string };
  lot: Lot;
  receivedAt: string | null;
  arl: 'POSITIF' | 'NEGATIF' | null;
};

/**
 * « Bordereau » of a lot (F7 › Lots, F8): the organisme, each FSE's number, its patient masked
 * (no name, the NIR's middle hidden), its date and amounts, and the lot's totals.
 */
export async function bordereauPdf(f: BordereauFacts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Bordereau du lot ${f.lot.lotNumber}`);
  doc.setProducer('Comptoir');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - M;
  const text = (t: string, size = 9, font = regular): void => {
    if (y - size * 1.25 < M) {
      page = doc.addPage(A4);
      y = A4[1] - M;
    }
    y = drawWrapped(page, t, M, y, A4[0] - 2 * M, { font, size });
  };
  const d = f.lot.destination;
  text(f.pharmacy.name, 11, bold);
  text(`FINESS ${f.pharmacy.finess}`);
  text(`Bordereau du lot n° ${f.lot.lotNumber} — organisme ${d.regime}-${d.caisse}-${d.centre}`, 11, bold);
  text(
    `${f.lot.fses.length} FSE — ${f.receivedAt ? `reçu le ${formatDateTimeFr(f.receivedAt)}` : 'pas encore reçu'} — ARL : ${f.arl === null ? 'en attente' : f.arl === 'POSITIF' ? 'positif' : 'négatif'}`,
  );
  y -= 6;
  for (const fse of f.lot.fses)
    text(
      `FSE ${fse.fseNumber} — ${maskedNir(fse.beneficiary.nir)} — ${formatDateFr(fse.dispensedOn)} — total ${formatEuros(fse.totals.totalCents)}, AMO ${formatEuros(fse.totals.amoCents)}, AMC ${formatEuros(fse.totals.amcCents)}${fse.recycled ? ' — recyclée' : ''}`,
    );
  y -= 6;
  const t = f.lot.totals;
  text(
    `Totaux du lot : ${t.count} FSE, ${formatEuros(t.totalCents)}, AMO ${formatEuros(t.amoCents)}, AMC ${formatEuros(t.amcCents)}`,
    10,
    bold,
  );
  return doc.save();
}
