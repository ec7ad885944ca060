import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { formatDateFr, formatDateTimeFr, formatEuros } from '../../../shared/format/fr.js';
import { FREE_LINE_CODE } from '../counter/paper-prescription.js';
import { formatPrescriptionId } from '../../../shared/ids/prescription-id.js';
import type { Bill } from '../../../shared/billing/billing.js';
import type { DispensingRecord } from '../store/dispensings.js';
import { billText, negatedBill } from './bill-section.js';
import { drawWrapped, winAnsi } from './pdf-text.js';

const A5: [number, number] = [419.53, 595.28];
const M = 28;
const DEVIATION_LABELS: Record<string, string> = {
  GENERIC_SUBSTITUTION: 'substitution générique',
  BIOSIMILAR_SUBSTITUTION: 'substitution biosimilaire',
  QUANTITY_ADAPTED: 'quantité adaptée',
  LARGE_PACK: 'grand conditionnement',
  POSOLOGY_CHANGED: 'posologie modifiée',
  NOT_DISPENSED: 'non délivré',
  SHORTAGE: 'rupture',
  STUPS_REDUCED_DURATION: 'durée réduite (stupéfiant)',
  EXCEPTIONAL_RENEWAL: 'renouvellement exceptionnel',
  OTHER: 'autre écart',
};

/** What the print adds to the record: its amounts and its register numbers. */
export type DetailExtras = { bill: Bill | null; registerNumbers: { cip13: string; number: number }[] };

/** The dispensing detail printed for the back of the paper ordonnance, with its amounts and register numbers. */
export async function dispensingDetailPdf(
  d: DispensingRecord,
  pharmacy: { name: string; finess: string; address?: string | null },
  extras: DetailExtras = { bill: null, registerNumbers: [] },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Délivrance ${d.prescriptionId ?? d.id}`);
  doc.setProducer('Comptoir');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage(A5);
  const width = A5[0] - 2 * M;
  let y = A5[1] - M - 6;
  const text = (t: string, size = 9, font = regular): void => {
    y = drawWrapped(page, t, M, y, width, { font, size });
  };
  text(pharmacy.name, 12, bold);
  if (pharmacy.address) text(pharmacy.address);
  text(`FINESS ${pharmacy.finess} — pharmacien RPPS ${d.pharmacistRpps}`);
  y -= 8;
  text('DÉTAIL DE LA DÉLIVRANCE', 11, bold);
  if (d.circuit === 'PAPER')
    text(
      `Ordonnance papier du ${d.prescribedOn ? formatDateFr(d.prescribedOn) : '—'}${d.prescriberRpps ? ` — prescripteur RPPS ${d.prescriberRpps}` : ''}`,
    );
  else
    text(
      `Ordonnance numérique n° ${d.prescriptionId ? formatPrescriptionId(d.prescriptionId) : '—'} — renouvellement n° ${d.renewalNumber}`,
    );
  text(
    `Délivrée le ${formatDateTimeFr(d.createdAt)} — transmission phase ${d.phase}${d.invoiceNumber ? ` — facture n° ${d.invoiceNumber}` : ''}`,
  );
  if (d.patientOverrideReason) text(`Patient différent de l’ordonnance : ${d.patientOverrideReason}`);
  y -= 8;
  const lines = d.execution?.lines ?? [];
  for (const line of lines) {
    const prescribed = d.prescription?.lines.find((l) => l.lineId === line.lineId);
    text(`${line.lineId} — prescrit : ${prescribed?.product.label ?? '?'}`, 9, bold);
    if (line.status === 'NOT_DISPENSED') text('   Non délivré');
    for (const item of line.dispensed) {
      const sale = d.saleLines.find((s) => s.lineId === line.lineId && s.cip13 === item.cip13);
      const price = sale?.unitPriceCents != null ? ` — ${formatEuros(sale.unitPriceCents * item.packs)}` : '';
      text(
        `   Délivré : ${item.packs} × ${sale?.label ?? item.cip13} (CIP ${item.cip13})${item.batch ? `, lot ${item.batch}` : ''}${price}`,
      );
    }
    if (line.deviation.type !== 'NONE')
      text(
        `   Écart : ${DEVIATION_LABELS[line.deviation.type] ?? line.deviation.type}${line.deviation.reason ? ` — ${line.deviation.reason}` : ''}`,
      );
    y -= 4;
  }
  if (lines.length === 0) {
    text(
      d.circuit === 'PAPER'
        ? 'Produits délivrés :'
        : 'Délivrance en mode dégradé, d’après l’ordonnance papier (exécution transmise au retour du téléservice) :',
      9,
      bold,
    );
    for (const s of d.saleLines) {
      const code = s.cip13 === FREE_LINE_CODE ? 'hors référentiel' : `CIP ${s.cip13}`;
      const price = s.unitPriceCents != null ? ` — ${formatEuros(s.unitPriceCents * s.packs)}` : '';
      text(`   ${s.packs} × ${s.label} (${code})${s.batch ? `, lot ${s.batch}` : ''}${price}`);
    }
  }
  if (d.complementaryInfo) text(`Information complémentaire : ${d.complementaryInfo}`);
  const registered = extras.registerNumbers.map(
    (r) => `${d.saleLines.find((s) => s.cip13 === r.cip13)?.label.split(',')[0] ?? r.cip13} : n° ${r.number}`,
  );
  if (registered.length > 0) text(`Ordonnancier : ${registered.join(' ; ')}`);
  if (extras.bill) {
    y -= 6;
    text('Montants', 9, bold);
    const { lines: amounts, totals } = billText(extras.bill);
    for (const line of amounts) text(`   ${line}`, 7.5);
    text(totals.join('   '), 9, bold);
    if (d.creditNoteNumber) {
      // The avoir: the same amounts taken back, referring to the invoice it cancels.
      y -= 6;
      text(
        `AVOIR n° ${d.creditNoteNumber}${d.invoiceNumber ? ` sur la facture n° ${d.invoiceNumber}` : ''} — délivrance annulée le ${formatDateTimeFr(d.cancelledAt ?? d.createdAt)} : ${d.cancelReason ?? ''}`,
        9,
        bold,
      );
      text(billText(negatedBill(extras.bill)).totals.join('   '), 9, bold);
    }
  }
  page.drawLine({ start: { x: M, y: M + 40 }, end: { x: A5[0] - M, y: M + 40 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
  page.drawText(winAnsi(regular, 'Cachet de la pharmacie'), { x: M, y: M + 26, size: 8, font: regular, color: rgb(0.4, 0.4, 0.4) });
  return doc.save();
}
