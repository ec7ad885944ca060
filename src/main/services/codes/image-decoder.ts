import { classifyCode } from '../../../shared/codes/classify.js';
import type { ClassifiedCode } from '../../../shared/codes/code-kinds.js';
import { zxingReader } from './zxing-node.js';

/** Largest image file we decode (a 300 dpi A4 scan as PNG is well under this). */
export const MAX_IMAGE_BYTES = 40 * 1024 * 1024;

export type ImageDecodeResult = { codes: ClassifiedCode[] } | { error: string; message: string };

/**
 * Reads every QR code and DataMatrix in a PNG/JPEG file and classifies each, as the e-reader's
 * reads are. Plain text mode keeps GS1 separators (GS) as the classifier expects them.
 */
export async function decodeImage(bytes: Uint8Array): Promise<ImageDecodeResult> {
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { error: 'IMAGE_TOO_LARGE', message: 'Image trop volumineuse (40 Mio au plus).' };
  if (!isPngOrJpeg(bytes)) return { error: 'IMAGE_FORMAT', message: 'Format d’image non pris en charge : PNG ou JPEG attendu.' };
  const { readBarcodes } = await zxingReader();
  const results = await readBarcodes(bytes, {
    formats: ['QRCode', 'MicroQRCode', 'DataMatrix'],
    textMode: 'Plain',
    tryHarder: true,
    tryRotate: true,
    tryInvert: true,
    tryDownscale: true,
    maxNumberOfSymbols: 8,
  });
  const codes = results.filter((r) => r.isValid).map((r) => classifyCode(r.text, r.symbologyIdentifier || null));
  if (codes.length === 0) return { error: 'NO_CODE_FOUND', message: 'Aucun QR code ni DataMatrix lisible dans cette image.' };
  return { codes };
}

function isPngOrJpeg(bytes: Uint8Array): boolean {
  const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}
