import { AppError } from '../../../shared/contract/result.js';

/** A scan larger than this is refused before it is decoded: decoding is what costs the memory. */
export const SCAN_MAX_SIDE_PX = 10_000;
export const SCAN_MAX_PIXELS = 50_000_000;

/** An image's size as its header declares it (PNG IHDR, JPEG SOF), without decoding it; null when the header says nothing. */
export function imageDimensions(bytes: Uint8Array, mime: 'image/jpeg' | 'image/png'): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === 'image/png') {
    // Signature (8), then the first chunk: length (4), « IHDR » (4), width (4), height (4).
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  // JPEG: walk the markers to the first start of frame (SOF0–SOF15 but DHT, JPG and DAC).
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/**
 * Refuses, before any decoding, an image whose header declares more than a scanner ever gives
 * (a 0.4 MB PNG may declare 20 000 × 20 000 pixels: decoding it would take gigabytes and hold the
 * counter up for minutes).
 */
export function refuseOversizedImage(bytes: Uint8Array, mime: 'image/jpeg' | 'image/png'): void {
  const size = imageDimensions(bytes, mime);
  if (!size) return;
  if (size.width > SCAN_MAX_SIDE_PX || size.height > SCAN_MAX_SIDE_PX || size.width * size.height > SCAN_MAX_PIXELS) {
    throw new AppError(
      'SCAN_IMAGE_TOO_LARGE',
      `Image trop grande pour une ordonnance (${size.width} × ${size.height} pixels) : numérisez-la à 200–600 ppp, au plus ${SCAN_MAX_SIDE_PX} pixels de côté.`,
    );
  }
}
