import { PDFDocument, type PDFImage } from 'pdf-lib';
import { refuseOversizedImage } from './image-dimensions.js';
import { AppError } from '../../../shared/contract/result.js';

/** SCOR wants a readable scan: the workstation makes its PDFs at this resolution at least. */
export const SCAN_MIN_DPI = 200;

const MM = 72 / 25.4;
/** ISO page sizes in points, portrait; the largest on which the image's width gives 200 dpi is chosen. */
const PAGES = [
  { name: 'A4', width: 210 * MM, height: 297 * MM },
  { name: 'A5', width: 148 * MM, height: 210 * MM },
] as const;

export type ScannedPdf = { pdf: Uint8Array; pages: number; dpi: number; format: 'A4' | 'A5'; landscape: boolean };

/**
 * The scanned paper ordonnance as SCOR wants it: one page, A4 when the image is wide enough for
 * 200 dpi on it, else A5, in the image's own orientation, the whole image on it. A smaller image is
 * refused (saying how many pixels it needs) rather than sent unreadable.
 */
export async function scannedOrdonnancePdf(bytes: Uint8Array, mime: 'image/jpeg' | 'image/png'): Promise<ScannedPdf> {
  refuseOversizedImage(bytes, mime);
  const doc = await PDFDocument.create();
  let image: PDFImage;
  try {
    image = mime === 'image/png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  } catch {
    throw new AppError('IMAGE_INVALID', 'Image illisible : choisissez le fichier JPEG ou PNG du scanner.');
  }
  const landscape = image.width > image.height;
  // The page's width in the image's orientation; SCOR measures the image's pixels over it.
  const widthOf = (p: (typeof PAGES)[number]): number => (landscape ? p.height : p.width);
  const page = PAGES.find((p) => image.width / (widthOf(p) / 72) >= SCAN_MIN_DPI);
  if (!page) {
    const need = Math.ceil((widthOf(PAGES[1]) / 72) * SCAN_MIN_DPI);
    throw new AppError(
      'IMAGE_TOO_SMALL',
      `Numérisation trop petite pour être lisible : ${SCAN_MIN_DPI} ppp au moins, soit ${need} pixels de large pour un A5 (l’image en a ${image.width}).`,
    );
  }
  const [width, height] = landscape ? [page.height, page.width] : [page.width, page.height];
  // The whole image on the page, its proportions kept, centred.
  const scale = Math.min(width / image.width, height / image.height);
  const [w, h] = [image.width * scale, image.height * scale];
  doc.addPage([width, height]).drawImage(image, { x: (width - w) / 2, y: (height - h) / 2, width: w, height: h });
  doc.setTitle('Ordonnance numérisée (SCOR)');
  const pdf = await doc.save();
  return { pdf, pages: 1, dpi: Math.floor(image.width / (width / 72)), format: page.name, landscape };
}
