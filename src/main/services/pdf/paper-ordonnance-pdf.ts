import { PDFDocument, StandardFonts, rgb, type PDFPage } from 'pdf-lib';
import { formatDateFr } from '../../../shared/format/fr.js';
import { formatNir } from '../../../shared/ids/nir.js';
import { formatPrescriptionId } from '../../../shared/ids/prescription-id.js';
import type { Prescription } from '../../../shared/teleservice/schemas.js';
import { qrMatrix, type ModuleMatrix } from '../codes/code-writer.js';
import { drawWrapped, winAnsi } from './pdf-text.js';

const A5: [number, number] = [419.53, 595.28];
const MARGIN = 32;
const NS_REASONS = {
  MTE: 'marge thérapeutique étroite',
  EFG: 'enfant, forme galénique adaptée',
  CIF: 'contre-indication formelle',
} as const;
const KIND_TITLES = {
  STANDARD: 'Ordonnance',
  SECURISEE: 'Ordonnance sécurisée',
  EXCEPTION: 'Ordonnance de médicament d’exception',
  BIZONE: 'Ordonnance bizone',
} as const;

/**
 * The paper ordonnance the prescriber signs and hands over: prescriber, date, patient, each line
 * with posology, duration, quantity and renewals, « Non substituable » with its reason, a
 * signature area, and the QR code of the id bottom left with the id printed under it in groups.
 */
export async function paperOrdonnancePdf(p: Prescription): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${KIND_TITLES[p.kind]} ${formatPrescriptionId(p.id)}`);
  doc.setCreator('Comptoir — simulateur LAP');
  doc.setProducer('Comptoir');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage(A5);
  const [width, height] = A5;
  const text = width - 2 * MARGIN;
  const ink = rgb(0.08, 0.13, 0.24);

  let y = height - MARGIN - 4;
  page.drawText(winAnsi(bold, p.prescriber.name), { x: MARGIN, y, size: 12, font: bold, color: ink });
  page.drawText(winAnsi(regular, `Le ${formatDateFr(p.issuedAt)}`), { x: width - MARGIN - 90, y, size: 10, font: regular });
  y -= 14;
  page.drawText(`RPPS ${p.prescriber.rpps} — N° AM ${p.prescriber.amNumber}`.replace('—', '-'), { x: MARGIN, y, size: 9, font: regular });
  y -= 26;
  page.drawText(winAnsi(bold, KIND_TITLES[p.kind].toUpperCase()), { x: MARGIN, y, size: 11, font: bold, color: ink });
  y -= 18;
  const patient = `${p.patient.lastName} ${p.patient.firstName}, né${p.patient.sex === 'F' ? 'e' : ''} le ${formatDateFr(p.patient.birthDate)}`;
  page.drawText(winAnsi(bold, patient), { x: MARGIN, y, size: 10, font: bold });
  y -= 12;
  page.drawText(`NIR ${formatNir(p.patient.nir)}`, { x: MARGIN, y, size: 9, font: regular });
  y -= 22;

  const qrTop = MARGIN + 120;
  for (const [index, line] of p.lines.entries()) {
    if (y < qrTop + 30) break;
    y = drawWrapped(page, `${index + 1}. ${line.product.label}`, MARGIN, y, text, { font: bold, size: 10 });
    y = drawWrapped(page, line.posology, MARGIN + 12, y, text - 12, { font: regular, size: 9 });
    const renewals = line.repeats > 0 ? `, à renouveler ${line.repeats} fois` : '';
    y = drawWrapped(
      page,
      `Durée ${line.durationDays} jours — ${line.quantity} boîte${line.quantity > 1 ? 's' : ''}${renewals}`,
      MARGIN + 12,
      y,
      text - 12,
      { font: regular, size: 9 },
    );
    if (!line.substitutable && line.nonSubstitutableReason) {
      y = drawWrapped(
        page,
        `Non substituable (${line.nonSubstitutableReason} : ${NS_REASONS[line.nonSubstitutableReason]})`,
        MARGIN + 12,
        y,
        text - 12,
        { font: bold, size: 9, color: rgb(0.6, 0.05, 0.05) },
      );
    }
    y -= 6;
  }
  if (p.notes) drawWrapped(page, p.notes, MARGIN, Math.max(y, qrTop + 20), text, { font: regular, size: 8 });

  drawSignatureArea(page, width - MARGIN - 150, MARGIN + 20, regular);
  drawQr(page, await qrMatrix(p.qrPayload), MARGIN, MARGIN + 28, 92);
  page.drawText(formatPrescriptionId(p.id), { x: MARGIN, y: MARGIN + 4, size: 9, font: bold });
  return doc.save();
}

function drawQr(page: PDFPage, qr: ModuleMatrix, x: number, y: number, size: number): void {
  const module = size / qr.size;
  for (let row = 0; row < qr.height; row++) {
    for (let col = 0; col < qr.width; col++) {
      if (qr.dark(col, row))
        page.drawRectangle({ x: x + col * module, y: y + size - (row + 1) * module, width: module, height: module, color: rgb(0, 0, 0) });
    }
  }
}

function drawSignatureArea(page: PDFPage, x: number, y: number, font: Awaited<ReturnType<PDFDocument['embedFont']>>): void {
  page.drawRectangle({ x, y, width: 150, height: 70, borderColor: rgb(0.5, 0.5, 0.5), borderWidth: 0.6 });
  page.drawText('Signature du prescripteur', { x: x + 6, y: y + 58, size: 8, font, color: rgb(0.4, 0.4, 0.4) });
}
