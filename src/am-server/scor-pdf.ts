import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';

/** A scanned ordonnance must be readable: every page at least this many dots per inch. */
export const SCOR_MIN_DPI = 150;

export type ScorPdfFacts =
  | { ok: true; pages: number; minDpi: number }
  | { ok: false; code: 'DOCUMENT_INVALID' | 'DOCUMENT_RESOLUTION'; message: string; details?: Record<string, unknown> };

/**
 * What a SCOR document is, measured from the PDF itself: its pages and, for each, its largest
 * image's width in pixels over the page's width in inches (72 points each). Not a PDF, no page,
 * or a page without an image: DOCUMENT_INVALID; a page under 150 dpi: DOCUMENT_RESOLUTION.
 */
export async function measureScorPdf(bytes: Uint8Array): Promise<ScorPdfFacts> {
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') return invalid('Ce document n’est pas un PDF.');
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    return invalid('PDF illisible.');
  }
  const pages = pdf.getPages();
  if (pages.length === 0) return invalid('Le PDF n’a aucune page.');
  let minDpi = Infinity;
  for (const [index, page] of pages.entries()) {
    const widthPixels = largestImageWidth(pdf, page.node.Resources());
    if (widthPixels === null) return invalid(`La page ${index + 1} ne contient aucune image numérisée.`, { page: index + 1 });
    const dpi = Math.floor(widthPixels / (page.getWidth() / 72));
    minDpi = Math.min(minDpi, dpi);
    if (dpi < SCOR_MIN_DPI)
      return {
        ok: false,
        code: 'DOCUMENT_RESOLUTION',
        message: `Numérisation trop peu lisible : page ${index + 1} à ${dpi} ppp, ${SCOR_MIN_DPI} au moins.`,
        details: { page: index + 1, dpi, minDpi: SCOR_MIN_DPI },
      };
  }
  return { ok: true, pages: pages.length, minDpi };
}

function invalid(message: string, details?: Record<string, unknown>): ScorPdfFacts {
  return { ok: false, code: 'DOCUMENT_INVALID', message, ...(details ? { details } : {}) };
}

/** The widest image XObject a page draws directly, in pixels (null when it has none). */
function largestImageWidth(pdf: PDFDocument, resources: PDFDict | undefined): number | null {
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return null;
  let widest: number | null = null;
  for (const [, value] of xobjects.entries()) {
    const object = value instanceof PDFRef ? pdf.context.lookup(value) : value;
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const width = object.dict.lookupMaybe(PDFName.of('Width'), PDFNumber)?.asNumber();
    if (width !== undefined && (widest === null || width > widest)) widest = width;
  }
  return widest;
}
